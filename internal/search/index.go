package search

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"centar/internal/par"
	"centar/internal/plainfile"
	"centar/internal/spill"
)

// Dir is where the index is published, under the site's root.
const Dir = "search"

// Doc is one page as the index knows it.
type Doc struct {
	URL     string `json:"u"`
	Title   string `json:"t"`
	Section string `json:"s,omitempty"`
	Date    string `json:"d,omitempty"`
	Text    string `json:"x"` // the page's text, for excerpts
}

// Weights of a word by where it stands: a title says most of what a page
// is about.
const (
	inTitle   = 8
	inHeading = 3
	inText    = 1
)

// maxText bounds a page's text kept for excerpts.
const maxText = 6000

// index is one language's words and pages.
type index struct {
	docs     int                          // pages, numbered from 0
	doc      func(id int) ([]byte, error) // page id's file
	postings map[string][]posting         // key → its pages, in the order they were added
}

// posting is a page a key is on, and the key's weight there.
type posting struct{ page, weight int }

// Index gathers a site's rendered pages as they are published, and writes
// the search index beside them: one for Serbian in both scripts (read from
// the Cyrillic pages, shown in the reader's script by the browser), and one
// for each other language, read from its pages under /<language>/. Pages
// may be added from many goroutines at once: reading and folding them is
// most of an index's work, done where they are written.
type Index struct {
	languages map[string]*keyCache // by index name: Serbian, and the languages under their prefixes
	// kept holds each page's file and weights until the index is written.
	// On the heap, at 10,000 news items, they were 45 MB of a build's
	// memory at its highest, while Hugo rendered the last pages.
	kept *spill.File

	mu    sync.Mutex
	pages map[string]stored // by path in the site
}

// stored is a page read into the index: where its file (as published, in
// d/) and its weights lie in the index's spill.
type stored struct{ doc, weights spill.Span }

// Serbian is the name of the Serbian index, made from the pages at the
// site's root.
const Serbian = "sr"

// NewIndex returns an empty index for a site whose other languages are
// published under /<language>/ (en, uk, ar). Close lets go of it.
func NewIndex(others ...string) (*Index, error) {
	kept, err := spill.New()
	if err != nil {
		return nil, err
	}
	ix := &Index{languages: map[string]*keyCache{Serbian: newKeyCache(Keys)}, kept: kept, pages: map[string]stored{}}
	for _, lang := range others {
		ix.languages[lang] = newKeyCache(KeysOf(lang))
	}
	return ix, nil
}

// Close lets go of the pages read into the index.
func (ix *Index) Close() error { return ix.kept.Close() }

// KeysOf returns how the words of a language's pages are folded: Serbian's
// and English's own rules, and PlainKey for every other language.
func KeysOf(lang string) func(string) []string {
	switch lang {
	case Serbian:
		return Keys
	case "en":
		return func(word string) []string { return []string{EnglishKey(word)} }
	}
	return func(word string) []string { return []string{PlainKey(word)} }
}

// languageOf is the index a page published at rel belongs to: its
// language's, or the Serbian one for a page at the root.
func (ix *Index) languageOf(rel string) string {
	first, _, _ := strings.Cut(rel, "/")
	if _, ok := ix.languages[first]; ok && first != Serbian {
		return first
	}
	return Serbian
}

// searched tells whether the page published at rel is one a reader finds:
// Latin pages are the Cyrillic ones, transliterated; the index is not one
// of the site's pages; and a list's later pages (/vesti/page/2/)
// only list pages found themselves, and shift as news arrive.
func searched(rel string) bool {
	first, _, _ := strings.Cut(rel, "/")
	return path.Base(rel) == "index.html" && first != "lat" && first != Dir && !laterPage(rel)
}

// pagerPath is where Hugo puts a list's later pages (its [pagination] path,
// as hugo.toml leaves it).
const pagerPath = "page"

// laterPage tells a list's later page: its path ends in page/N/index.html.
func laterPage(rel string) bool {
	dir := path.Dir(rel)
	n, parent := path.Base(dir), path.Base(path.Dir(dir))
	_, err := strconv.Atoi(n)
	return parent == pagerPath && err == nil
}

// Add reads a page published at rel (its slash path in the site), when it
// is one the index covers; a page published again replaces the first.
func (ix *Index) Add(rel string, src []byte) error {
	if !searched(rel) {
		return nil
	}
	p, found, err := readPage(src)
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	var at stored
	if found {
		p.URL = "/" + strings.TrimSuffix(rel, "index.html")
		if at, err = ix.keep(p.Doc, ix.languages[ix.languageOf(rel)].weigh(p)); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if found {
		ix.pages[rel] = at
	} else {
		delete(ix.pages, rel)
	}
	return nil
}

// Write writes the index into public. Pages are numbered in the order of
// their paths, whatever order they came in: the same site always gives the
// same files.
func (ix *Index) Write(public string) error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	byLanguage := map[string]*numbered{}
	for lang, keys := range ix.languages {
		byLanguage[lang] = newNumbered(keys.names())
	}
	for _, rel := range slices.Sorted(maps.Keys(ix.pages)) {
		if err := byLanguage[ix.languageOf(rel)].add(ix.pages[rel], ix.kept); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
	}
	out := filepath.Join(public, Dir)
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := writeJSON(filepath.Join(out, "rules.json"), SerbianRules()); err != nil {
		return err
	}
	for _, lang := range slices.Sorted(maps.Keys(byLanguage)) {
		if err := byLanguage[lang].index(ix.kept).write(filepath.Join(out, lang)); err != nil {
			return err
		}
	}
	return nil
}

// keyCache remembers the keys of every word folded so far: a site says the
// same few thousand words on every page, and folding them is most of an
// index's work. Keys are numbered as they are first met, so a page keeps
// its weights as numbers, not as a map of strings: at 5,000 news items
// those maps held 38 of the index's 62 MB until it was written.
type keyCache struct {
	keys func(string) []string

	mu    sync.Mutex
	known map[string][]keyID // word → its keys; asked only when a weigher has not met the word
	ids   map[string]keyID
	all   []string   // key by keyID
	idle  []*weigher // at most one a CPU
}

// keyID numbers a key in its keyCache.
type keyID int32

func newKeyCache(keys func(string) []string) *keyCache {
	return &keyCache{keys: keys, known: map[string][]keyID{}, ids: map[string]keyID{}}
}

func (c *keyCache) of(word string) []keyID {
	c.mu.Lock()
	ids, ok := c.known[word]
	c.mu.Unlock()
	if ok {
		return ids
	}
	keys := c.keys(word) // folded outside the lock: the costly part
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, k := range keys {
		if k == "" {
			continue
		}
		id, ok := c.ids[k]
		if !ok {
			id = keyID(len(c.all))
			c.ids[k] = id
			c.all = append(c.all, k)
		}
		ids = append(ids, id)
	}
	c.known[strings.Clone(word)] = ids // not the page's text, which it would keep
	return ids
}

// names is every key numbered so far, by keyID.
func (c *keyCache) names() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clip(c.all)
}

// keep puts a page's file, d/<n>.json as it is published whatever its
// number, and its weights into the spill.
func (ix *Index) keep(d Doc, weights []weighed) (stored, error) {
	doc, err := encodeJSON(d)
	if err != nil {
		return stored{}, err
	}
	var packed []byte
	for _, w := range weights {
		packed = binary.AppendUvarint(packed, uint64(w.key))
		packed = append(packed, w.weight)
	}
	var at stored
	if at.doc, err = ix.kept.Put(doc); err != nil {
		return stored{}, err
	}
	at.weights, err = ix.kept.Put(packed)
	return at, err
}

// weighed is a key's weight on a page.
type weighed struct {
	key    keyID
	weight uint8
}

// weigher is the scratch of one page being weighed at a time: the keys of
// every word it has met, and a count for every key by its number, so that a
// page is counted word by word with no map of its own. Weighing was a third
// of reading a page into the index.
type weigher struct {
	known   map[string][]keyID
	counts  []int
	touched []keyID // the keys counted on this page
}

// weigh counts a page's words under their keys, a title's and a heading's
// more than the text's; a key's weight stops at 255.
func (c *keyCache) weigh(doc page) []weighed {
	w := c.weigher()
	defer c.done(w)
	count := func(text string, weight int) {
		for word := range eachWord(text) {
			ids, ok := w.known[word]
			if !ok {
				ids = c.of(word)
				w.known[strings.Clone(word)] = ids
			}
			for _, id := range ids {
				if int(id) >= len(w.counts) {
					w.counts = append(w.counts, make([]int, int(id)+1-len(w.counts))...)
				}
				if w.counts[id] == 0 {
					w.touched = append(w.touched, id)
				}
				w.counts[id] += weight
			}
		}
	}
	count(doc.Title, inTitle)
	count(doc.headings, inHeading)
	count(doc.text, inText)
	kept := make([]weighed, len(w.touched))
	for i, id := range w.touched {
		kept[i] = weighed{id, uint8(min(w.counts[id], 255))}
		w.counts[id] = 0
	}
	w.touched = w.touched[:0]
	return kept
}

// weigher lends a weigher no other page is using. As many as there are
// CPUs are kept for the whole build, not in a sync.Pool: the garbage
// collector empties a pool, and a weigher is worth what it has learned.
// Hugo renders on four goroutines a CPU; a weigher made while all the kept
// ones are lent is let go after its page, so that each does not learn the
// site's whole vocabulary.
func (c *keyCache) weigher() *weigher {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.idle); n > 0 {
		w := c.idle[n-1]
		c.idle = c.idle[:n-1]
		return w
	}
	return &weigher{known: map[string][]keyID{}}
}

func (c *keyCache) done(w *weigher) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.idle) < runtime.GOMAXPROCS(0) {
		c.idle = append(c.idle, w)
	}
}

// numbered gathers a language's pages in order, and their postings by the
// numbers of their keys: a slice takes a page's hundreds of postings with
// no key's name hashed for each, which a map of names did while the rest
// of the build waited.
type numbered struct {
	names []string     // key by keyID
	docs  []spill.Span // each page's file, by its number
	byKey [][]posting  // by keyID
}

func newNumbered(names []string) *numbered {
	return &numbered{names: names, byKey: make([][]posting, len(names))}
}

// add numbers a page, next, and adds it to the postings of its keys, read
// back from where keep put them.
func (n *numbered) add(p stored, kept *spill.File) error {
	id := len(n.docs)
	n.docs = append(n.docs, p.doc)
	packed, err := kept.Get(p.weights)
	if err != nil {
		return err
	}
	for len(packed) > 0 {
		key, size := binary.Uvarint(packed)
		if size <= 0 || size >= len(packed) || key >= uint64(len(n.byKey)) {
			return errors.New("its weights read back damaged from the temporary file")
		}
		n.byKey[key] = append(n.byKey[key], posting{id, int(packed[size])})
		packed = packed[size+1:]
	}
	return nil
}

// index is the pages and their postings, by the names of their keys.
func (n *numbered) index(kept *spill.File) *index {
	doc := func(id int) ([]byte, error) { return kept.Get(n.docs[id]) }
	ix := &index{docs: len(n.docs), doc: doc, postings: map[string][]posting{}}
	for id, pages := range n.byKey {
		if len(pages) > 0 {
			ix.postings[n.names[id]] = pages
		}
	}
	return ix
}

// Meta tells the browser the size of the index, which shards exist, so a
// query asks only for shards that are there, and how the pages' files are
// put in folders.
type Meta struct {
	Docs      int      `json:"docs"`
	Shards    []string `json:"shards"`
	PerFolder int      `json:"per"` // page n is d/<n / PerFolder>/<n>.json
}

// perFolder is how many pages' files share a folder. A site of 10,000
// items has 26,000 of them: in folders of their own they are made several
// times faster, each folder by its own writer (measured on ext4), and they
// stay easy to list, as git's objects are in folders by their first byte.
const perFolder = 256

// docFile is where page id's file is, under a language's index folder.
func docFile(id, per int) string {
	return path.Join("d", strconv.Itoa(id/per), strconv.Itoa(id)+".json")
}

// maxShard is the size past which a shard is split by one more letter: a
// query downloads a few shards, so none may be large, whatever the site's
// size. One key's own postings are never split.
const maxShard = 24 << 10

// prefix is the first n bytes of key, widened to a whole letter.
func prefix(key string, n int) string {
	if n >= len(key) {
		return key
	}
	for n < len(key) && key[n]&0xC0 == 0x80 {
		n++
	}
	return key[:n]
}

// shard adds to into the postings of keys, which share their first n bytes
// (at least two), as the shard named by that prefix, or split by one more
// letter when they are too many. A shard holds every key that starts with
// its name and with no longer shard's.
func shard(into map[string]map[string][]int, keys map[string][]int, n int) {
	size := 0
	var name string
	for k, p := range keys {
		size += len(k) + 6*len(p)
		name = prefix(k, n)
	}
	if size <= maxShard || len(keys) == 1 {
		into[name] = keys
		return
	}
	here := map[string][]int{}
	longer := map[string]map[string][]int{}
	for k, p := range keys {
		if len(prefix(k, n)) == len(k) {
			here[k] = p // a key no longer than the prefix stays here
			continue
		}
		next := prefix(k, len(name)+1)
		if longer[next] == nil {
			longer[next] = map[string][]int{}
		}
		longer[next][k] = p
	}
	if len(here) > 0 {
		into[name] = here
	}
	for next, ks := range longer {
		shard(into, ks, len(next))
	}
}

// encoded is a file of the index, ready to be written.
type encoded struct {
	name string
	data []byte
}

// write publishes the index into dir: meta.json, the postings in shards by
// key prefix (k/<prefix>.json: key → [page, weight, page, weight…], heaviest
// first; a key is in the shard of its longest prefix in meta.json) and one
// file per page (d/<page>.json), read only for the results shown.
func (ix *index) write(dir string) error {
	byPrefix := map[string][]string{}
	for key := range ix.postings {
		s := prefix(key, 2)
		byPrefix[s] = append(byPrefix[s], key)
	}
	// Shards are sorted, split and encoded on every CPU (the rest of the
	// build waits for the index), and written by one writer: two making
	// files in the same folder wait for each other.
	prefixes := slices.Collect(maps.Keys(byPrefix))
	files := make([][]encoded, len(prefixes))
	err := par.Do(len(prefixes), func(i int) error {
		keys := map[string][]int{}
		for _, key := range byPrefix[prefixes[i]] {
			pages := ix.postings[key]
			// Heaviest first; pages were added in order, so equal weights stay so.
			slices.SortStableFunc(pages, func(a, b posting) int { return b.weight - a.weight })
			flat := make([]int, 0, 2*len(pages))
			for _, p := range pages {
				flat = append(flat, p.page, p.weight)
			}
			keys[key] = flat
		}
		split := map[string]map[string][]int{}
		shard(split, keys, 2)
		for name, keys := range split {
			data, err := encodeJSON(keys)
			if err != nil {
				return err
			}
			files[i] = append(files[i], encoded{name, data})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "k"), 0o755); err != nil {
		return err
	}
	meta := Meta{Docs: ix.docs, PerFolder: perFolder}
	for _, f := range slices.Concat(files...) {
		if err := plainfile.Write(filepath.Join(dir, "k", f.name+".json"), f.data, 0o644); err != nil {
			return err
		}
		meta.Shards = append(meta.Shards, f.name)
	}
	slices.Sort(meta.Shards)
	// The pages' files likewise, one writer to a folder.
	folders := (ix.docs + perFolder - 1) / perFolder
	err = par.Do(folders, func(f int) error {
		if err := os.MkdirAll(filepath.Join(dir, path.Dir(docFile(f*perFolder, perFolder))), 0o755); err != nil {
			return err
		}
		for id := f * perFolder; id < min((f+1)*perFolder, ix.docs); id++ {
			b, err := ix.doc(id)
			if err != nil {
				return err
			}
			if err := plainfile.Write(filepath.Join(dir, docFile(id, perFolder)), b, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeJSON(filepath.Join(dir, "meta.json"), meta)
}

// writeJSON writes v as encodeJSON has it, into a folder that is there.
func writeJSON(p string, v any) error {
	b, err := encodeJSON(v)
	if err != nil {
		return err
	}
	return plainfile.Write(p, b, 0o644)
}

// encodeJSON is v as compact JSON; maps are written in key order, so the
// same site gives the same files.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return b.Bytes(), err
}

// page is a rendered page's indexed parts.
type page struct {
	Doc
	headings string
	text     string // the whole text, weighed; Doc.Text is its start
}

// oneSpaced is s with each run of white space made one space, and none at
// either end: strings.Fields joined by spaces. Text that is so already,
// words and the one space between them, is copied in stretches.
func oneSpaced(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	kept := -1 // where the text not yet copied starts; -1 in white space
	for i := 0; i < len(s); {
		size := 0
		if c := s[i]; c <= ' ' || c >= 0xC2 && (c == 0xC2 || c >= 0xE1) { // any other byte is of a word
			size = spaceAt(s, i)
		}
		switch {
		case size == 0: // a byte of a word
			if kept < 0 {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				kept = i
			}
			i++
			continue
		case kept >= 0 && s[i] == ' ' && i+1 < len(s) && spaceAt(s, i+1) == 0:
			i++ // one space between two words: copied with them
			continue
		case kept >= 0:
			b.WriteString(s[kept:i])
			kept = -1
		}
		i += size
	}
	if kept == 0 {
		return s
	}
	if kept > 0 {
		b.WriteString(s[kept:])
	}
	return b.String()
}

// spaceAt is the length of the white space character that starts at s[i],
// or 0 when none does. Outside ASCII only the lead bytes C2, E1, E2 and E3
// start one (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000): the letters
// of Serbian and English text are told without a look into Unicode's
// tables, and a byte inside a letter is never a space.
func spaceAt(s string, i int) int {
	switch c := s[i]; {
	case c < utf8.RuneSelf:
		if c == ' ' || '\t' <= c && c <= '\r' {
			return 1
		}
	case c == 0xC2 || 0xE1 <= c && c <= 0xE3:
		if r, size := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			return size
		}
	}
	return 0
}
