package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"centar/internal/translit"
)

// A translation — a page of a language not made from the Serbian source —
// records in its header which version of its Serbian page it translates:
// the fingerprint of that page's reader text. When the Serbian text changes,
// the fingerprints differ and the translation is outdated, until it is saved
// again or marked as still current. The check, the pipeline, the workflow
// and the CMS all read this file's definitions.

// TranslatesField is the header field of a translation that holds the
// fingerprint of the Serbian text it translates.
const TranslatesField = "translates"

// A part is one piece of a page's reader text: a reader field, or the body
// (name "").
type part struct{ name, text string }

// readerParts are what readers read of the page, in Latin whatever script
// it is written in: each reader field that has a value, then the body. The
// other fields (a date, tags, the order) are not read: changing them
// changes no translation.
func (p *Page) readerParts() ([]part, error) {
	if p.Err != nil {
		return nil, p.Err
	}
	latin := func(s string) string {
		return translit.ToLatin(strings.ReplaceAll(s, "\r\n", "\n"))
	}
	var out []part
	for _, key := range ReaderFields {
		var v any
		if err := p.value(key, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if !Empty(v) {
			out = append(out, part{key, latin(fmt.Sprint(v))})
		}
	}
	return append(out, part{"", latin(p.Body)}), nil
}

// value decodes the header's field key into v, left as it is when there is
// no such field.
func (p *Page) value(key string, v any) error {
	spans, err := p.fields()
	if err != nil {
		return err
	}
	for _, f := range spans {
		if f.key == key {
			return yaml.NodeToValue(f.value, v)
		}
	}
	return nil
}

// pageOf reads src as a page, without the invisible mark some editors put
// before its text.
func pageOf(src []byte) *Page { return NewPage(strings.TrimPrefix(string(src), "\uFEFF")) }

// ReaderText is the reader text of the page src, in Latin, as lines: each
// reader field as "title: …", a blank line, then the body. A diff of two
// versions of it shows what changed for readers.
func ReaderText(src []byte) (string, error) {
	parts, err := pageOf(src).readerParts()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, p := range parts {
		if p.name == "" {
			b.WriteString("\n")
			b.WriteString(p.text)
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", p.name, p.text)
	}
	return b.String(), nil
}

// Fingerprint is the short SHA-256 of the reader text of the page src, each
// part with every run of white space as one space: the same for a page in
// Cyrillic and in Latin, and for a line wrapped anew, different for any
// change of a word of its title, its description or its text.
func Fingerprint(src []byte) (string, error) { return pageOf(src).Fingerprint() }

// Fingerprint is the page's fingerprint (the function Fingerprint's), from
// its one reading.
func (p *Page) Fingerprint() (string, error) {
	parts, err := p.readerParts()
	if err != nil {
		return "", err
	}
	sum := sha256.New()
	for _, part := range parts {
		fmt.Fprintf(sum, "%s\x00%s\x00", part.name, strings.Join(strings.Fields(part.text), " "))
	}
	return hex.EncodeToString(sum.Sum(nil))[:12], nil
}

// PairKey is what pairs a page with its translations, as Hugo pairs them:
// its translationKey, or, for a page without one, its path within its
// language's folder (oznake/obuka/_index.md).
func PairKey(inFolder, translationKey string) string {
	if translationKey != "" {
		return "key " + translationKey
	}
	return "path " + inFolder
}

// MustTranslate reports whether readers of every language need the pages of
// a Serbian section ("" for the home page and the pages beside it): those
// the model marks Translated.
func (m *Model) MustTranslate(section string) bool {
	s, ok := m.Section(section)
	return section == "" || ok && s.Translated
}

// A TranslationState is how a translation stands to its Serbian page.
type TranslationState int

const (
	// Current: it translates the Serbian text as it is.
	Current TranslationState = iota
	// Outdated: the Serbian text changed since the version it translates.
	Outdated
	// Unknown: it records no version (written by hand, or before versions
	// were recorded).
	Unknown
	// Missing: readers of the language need the page, which has no
	// translation into it.
	Missing
)

// A Translation is a Serbian page in one translated language.
type Translation struct {
	Language Language
	// Source is the Serbian page, Path its translation, both relative to
	// the site; Path is "" when the translation is missing.
	Source, Path string
	// Title is the Serbian page's, as written.
	Title string
	State TranslationState
	// Recorded is the fingerprint the translation records, Now the
	// Serbian page's.
	Recorded, Now string
}

// A Source is a Serbian page as pairing it with its translations needs it.
type Source struct {
	path, key, title, fingerprint string
	// needed: readers of every language need the page.
	needed bool
}

// SourceOf is what pairing needs of the Serbian page at rel (relative to
// the site), read as page: a build reads each page once. Its fingerprint is
// made when want says its pair key is wanted, or when want is nil. ok is
// false for a page whose header cannot be read: the check says why.
func (m *Model) SourceOf(rel string, page *Page, want func(key string) bool) (s Source, ok bool) {
	inFolder := strings.TrimPrefix(rel, "content/"+SerbianFolder+"/")
	var key string
	// A header that names no translationKey is not read for it: most
	// pages pair by their path.
	if strings.Contains(page.FrontMatter, "translationKey") {
		if err := page.value("translationKey", &key); err != nil {
			return s, false
		}
	}
	section, _, nested := strings.Cut(inFolder, "/")
	if !nested {
		section = ""
	}
	s = Source{path: rel, key: PairKey(inFolder, key), needed: key != "" || m.MustTranslate(section)}
	wanted := want == nil || want(s.key)
	if !s.needed && !wanted {
		return s, true
	}
	var title any
	if err := page.value("title", &title); err != nil {
		return s, false
	}
	if title != nil {
		s.title = fmt.Sprint(title)
	}
	if wanted {
		var err error
		if s.fingerprint, err = page.Fingerprint(); err != nil {
			return s, false
		}
	}
	return s, true
}

// readSources reads the Serbian pages of fsys, making the fingerprints of
// those whose pair keys want says.
func (m *Model) readSources(fsys fs.FS, want func(key string) bool) ([]Source, error) {
	var out []Source
	err := walkPages(fsys, "content/"+SerbianFolder, func(rel string, src []byte) {
		if s, ok := m.SourceOf(rel, pageOf(src), want); ok {
			out = append(out, s)
		}
	})
	return out, err
}

// walkPages calls fn with each page under dir in fsys, hidden files left
// out; a missing dir holds none.
func walkPages(fsys fs.FS, dir string, fn func(rel string, src []byte)) error {
	err := fs.WalkDir(fsys, dir, func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && rel != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !strings.HasSuffix(rel, ".md") {
			return nil
		}
		src, err := fs.ReadFile(fsys, rel)
		if err != nil {
			return err
		}
		fn(rel, src)
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// A writtenPage is a translation as the pairing needs it.
type writtenPage struct {
	lang               Language
	rel, key, recorded string
}

// written reads the pages of every translated language, and the pair keys
// they have.
func (m *Model) written(fsys fs.FS) ([]writtenPage, map[string]bool, error) {
	var out []writtenPage
	keys := map[string]bool{}
	for _, l := range m.Translated() {
		root := "content/" + l.Folder
		err := walkPages(fsys, root, func(rel string, src []byte) {
			h, err := ParseHeader(src)
			if err != nil {
				return // the check says why
			}
			var key, recorded string
			h.Value("translationKey", &key)
			h.Value(TranslatesField, &recorded)
			w := writtenPage{lang: l, rel: rel, key: PairKey(strings.TrimPrefix(rel, root+"/"), key), recorded: recorded}
			out = append(out, w)
			keys[w.key] = true
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return out, keys, nil
}

// A Pairing is the translated pages of a site, read, waiting for its
// Serbian pages to pair them with: a build reads those once, for its own
// work, and gives them as it reads them.
type Pairing struct {
	m       *Model
	fsys    fs.FS
	written []writtenPage
	keys    map[string]bool
}

// NewPairing reads the translated pages of the site in fsys.
func (m *Model) NewPairing(fsys fs.FS) (*Pairing, error) {
	written, keys, err := m.written(fsys)
	return &Pairing{m: m, fsys: fsys, written: written, keys: keys}, err
}

// Wants reports whether a translated page pairs with the Serbian page of
// the pair key: SourceOf makes the fingerprints of those alone.
func (p *Pairing) Wants(key string) bool { return p.keys[key] }

// Translations lists, for every translated language, each Serbian page of
// sources that has a translation into it, or that readers of every
// language need (its section is translated, or it has a translationKey),
// with how the translation stands: ordered by the Serbian page, then by
// language. A page written in a language with no Serbian page to translate
// is no translation, and is not listed. A Serbian page a translation pairs
// with and whose fingerprint was not made (read before the translation was
// written) is read again.
func (p *Pairing) Translations(sources []Source) ([]Translation, error) {
	sources = slices.Clone(sources)
	for i, s := range sources {
		if s.fingerprint != "" || !p.keys[s.key] {
			continue
		}
		src, err := fs.ReadFile(p.fsys, s.path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if fresh, ok := p.m.SourceOf(s.path, pageOf(src), nil); ok {
			sources[i] = fresh
		}
	}
	return p.m.pair(p.written, sources), nil
}

// Translations lists how the translations of the site in fsys stand, as
// Pairing.Translations says.
func (m *Model) Translations(fsys fs.FS) ([]Translation, error) {
	p, err := m.NewPairing(fsys)
	if err != nil {
		return nil, err
	}
	sources, err := m.readSources(fsys, p.Wants)
	if err != nil {
		return nil, err
	}
	return p.Translations(sources)
}

func (m *Model) pair(written []writtenPage, sources []Source) []Translation {
	byKey := make(map[string]*Source, len(sources))
	for i := range sources {
		byKey[sources[i].key] = &sources[i]
	}
	var out []Translation
	for _, l := range m.Translated() {
		have := map[string]bool{}
		for _, w := range written {
			s, ok := byKey[w.key]
			if w.lang.Folder != l.Folder || !ok || s.fingerprint == "" {
				continue
			}
			have[w.key] = true
			t := Translation{Language: l, Source: s.path, Path: w.rel, Title: s.title, Recorded: w.recorded, Now: s.fingerprint}
			switch {
			case w.recorded == "":
				t.State = Unknown
			case w.recorded == t.Now:
				t.State = Current
			default:
				t.State = Outdated
			}
			out = append(out, t)
		}
		for _, s := range sources {
			if s.needed && !have[s.key] {
				out = append(out, Translation{Language: l, Source: s.path, Title: s.title, State: Missing})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Language.Weight < b.Language.Weight
	})
	return out
}

// Stamped returns the translations among paths (relative to the site in
// fsys), each with its translates field set to the fingerprint of its
// Serbian page as fsys holds it: only that line rewritten, or added at the
// end of the header. A path that is not a translation of a Serbian page,
// or that records the fingerprint already, is left out.
func (m *Model) Stamped(fsys fs.FS, paths []string) (map[string][]byte, error) {
	type translation struct {
		rel, key string
		src      []byte
	}
	var todo []translation
	wanted := map[string]bool{}
	for _, rel := range paths {
		inFolder, ok := m.translationPath(rel)
		if !ok {
			continue
		}
		src, err := fs.ReadFile(fsys, rel)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		h, err := ParseHeader(src)
		if err != nil {
			continue // the check says why
		}
		var key string
		h.Value("translationKey", &key)
		t := translation{rel, PairKey(inFolder, key), src}
		todo = append(todo, t)
		wanted[t.key] = true
	}
	if len(todo) == 0 {
		return nil, nil
	}
	sources, err := m.readSources(fsys, func(key string) bool { return wanted[key] })
	if err != nil {
		return nil, err
	}
	now := map[string]string{}
	for _, s := range sources {
		if s.fingerprint != "" {
			now[s.key] = s.fingerprint
		}
	}
	out := map[string][]byte{}
	for _, t := range todo {
		fp, ok := now[t.key]
		if !ok {
			continue
		}
		stamped, err := Stamp(t.src, fp)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.rel, err)
		}
		if !bytes.Equal(stamped, t.src) {
			out[t.rel] = stamped
		}
	}
	return out, nil
}

// Stamp returns the page src with its translates field holding fingerprint.
func Stamp(src []byte, fingerprint string) ([]byte, error) {
	h, err := ParseHeader(src)
	if err != nil {
		return nil, err
	}
	var have string
	if ok, _ := h.Value(TranslatesField, &have); ok && have == fingerprint {
		return src, nil
	}
	return h.Set(TranslatesField, fingerprint)
}

// translationPath is the path within its language's folder of a page of a
// translated language, given relative to the site; ok is false for any
// other path.
func (m *Model) translationPath(rel string) (inFolder string, ok bool) {
	rest, ok := strings.CutPrefix(rel, "content/")
	if !ok || path.Ext(rel) != ".md" {
		return "", false
	}
	folder, inFolder, ok := strings.Cut(rest, "/")
	if !ok {
		return "", false
	}
	for _, l := range m.Translated() {
		if l.Folder == folder {
			return inFolder, true
		}
	}
	return "", false
}
