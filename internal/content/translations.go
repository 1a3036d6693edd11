package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

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

// readerParts are what readers read of the page src, in Latin whatever
// script it is written in: each reader field that has a value, then the
// body. The other fields (a date, tags, the order) are not read: changing
// them changes no translation.
func readerParts(src []byte) ([]part, error) {
	h, err := ParseHeader(bytes.TrimPrefix(src, []byte("\uFEFF")))
	if err != nil {
		return nil, err
	}
	latin := func(s string) string {
		return translit.ToLatin(norm.NFC.String(strings.ReplaceAll(s, "\r\n", "\n")))
	}
	var out []part
	for _, key := range ReaderFields {
		var v any
		if _, err := h.Value(key, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		if !Empty(v) {
			out = append(out, part{key, latin(fmt.Sprint(v))})
		}
	}
	return append(out, part{"", latin(h.Body())}), nil
}

// ReaderText is the reader text of the page src, in Latin, as lines: each
// reader field as "title: …", a blank line, then the body. A diff of two
// versions of it shows what changed for readers.
func ReaderText(src []byte) (string, error) {
	parts, err := readerParts(src)
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
func Fingerprint(src []byte) (string, error) {
	parts, err := readerParts(src)
	if err != nil {
		return "", err
	}
	sum := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(sum, "%s\x00%s\x00", p.name, strings.Join(strings.Fields(p.text), " "))
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

// Translated are the languages whose pages are written, not made from the
// Serbian source, each once, by weight.
func (m *Model) Translated() []Language {
	var out []Language
	seen := map[string]bool{SerbianFolder: true}
	for _, l := range m.Languages {
		if !l.Generated() && !seen[l.Folder] {
			seen[l.Folder] = true
			out = append(out, l)
		}
	}
	return out
}

// A sourcePage is a Serbian page as the pairing needs it.
type sourcePage struct {
	rel     string
	src     []byte
	needed  bool // readers of every language need it
	now     string
	nowErr  error
	printed bool // its fingerprint is made
}

func (p *sourcePage) fingerprint() (string, error) {
	if !p.printed {
		p.now, p.nowErr = Fingerprint(p.src)
		p.printed = true
	}
	return p.now, p.nowErr
}

// sources reads the Serbian pages of fsys, by their pair keys; src is kept
// only for the pages keep says the pairing needs. A page whose header
// cannot be read is left out: the check says why.
func (m *Model) sources(fsys fs.FS, keep func(key string) bool) (map[string]*sourcePage, error) {
	out := map[string]*sourcePage{}
	root := "content/" + SerbianFolder
	err := walkPages(fsys, root, func(rel string, src []byte) {
		inFolder := strings.TrimPrefix(rel, root+"/")
		var key string
		// Only a header that names a translationKey is read: the others
		// pair by their path.
		if bytes.Contains(src, []byte("translationKey")) {
			h, err := ParseHeader(src)
			if err != nil {
				return
			}
			h.Value("translationKey", &key)
		}
		section, _, nested := strings.Cut(inFolder, "/")
		if !nested {
			section = ""
		}
		p := &sourcePage{rel: rel, needed: key != "" || m.MustTranslate(section)}
		pk := PairKey(inFolder, key)
		if p.needed || keep(pk) {
			p.src = src
		}
		out[pk] = p
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
	rel, key, recorded string
}

// written reads the pages of a translated language's folder.
func written(fsys fs.FS, folder string) ([]writtenPage, error) {
	var out []writtenPage
	root := "content/" + folder
	err := walkPages(fsys, root, func(rel string, src []byte) {
		h, err := ParseHeader(src)
		if err != nil {
			return // the check says why
		}
		var key, recorded string
		h.Value("translationKey", &key)
		h.Value(TranslatesField, &recorded)
		out = append(out, writtenPage{rel: rel, key: PairKey(strings.TrimPrefix(rel, root+"/"), key), recorded: recorded})
	})
	return out, err
}

// Translations lists, for every translated language, each Serbian page of
// the site in fsys that has a translation into it, or that readers of
// every language need (its section is translated, or it has a
// translationKey), with how the translation stands: ordered by the Serbian
// page, then by language. A page written in a language with no Serbian page
// to translate is no translation, and is not listed.
func (m *Model) Translations(fsys fs.FS) ([]Translation, error) {
	langs := m.Translated()
	pages := make([][]writtenPage, len(langs))
	wanted := map[string]bool{}
	for i, l := range langs {
		var err error
		if pages[i], err = written(fsys, l.Folder); err != nil {
			return nil, err
		}
		for _, w := range pages[i] {
			wanted[w.key] = true
		}
	}
	sources, err := m.sources(fsys, func(key string) bool { return wanted[key] })
	if err != nil {
		return nil, err
	}
	var out []Translation
	var from []*sourcePage // the Serbian page of each of out
	add := func(t Translation, s *sourcePage) {
		out = append(out, t)
		from = append(from, s)
	}
	for i, l := range langs {
		have := map[string]bool{}
		for _, w := range pages[i] {
			s, ok := sources[w.key]
			if !ok {
				continue
			}
			have[w.key] = true
			t := Translation{Language: l, Source: s.rel, Path: w.rel, Recorded: w.recorded}
			if t.Now, err = s.fingerprint(); err != nil {
				continue // the check says why
			}
			switch {
			case w.recorded == "":
				t.State = Unknown
			case w.recorded == t.Now:
				t.State = Current
			default:
				t.State = Outdated
			}
			add(t, s)
		}
		for key, s := range sources {
			if s.needed && !have[key] {
				add(Translation{Language: l, Source: s.rel, State: Missing}, s)
			}
		}
	}
	for i, s := range from {
		out[i].Title = s.title()
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Language.Weight < b.Language.Weight
	})
	return out, nil
}

// title is the page's title as written, "" when it cannot be read.
func (p *sourcePage) title() string {
	var title string
	if h, err := ParseHeader(p.src); err == nil {
		h.Value("title", &title)
	}
	return title
}

// Stamped returns the translations among paths (relative to the site in
// fsys), each with its translates field set to the fingerprint of its
// Serbian page as fsys holds it: only that line rewritten, or added at the
// end of the header. A path that is not a translation of a Serbian page,
// or that records the fingerprint already, is left out.
func (m *Model) Stamped(fsys fs.FS, paths []string) (map[string][]byte, error) {
	type translation struct{ rel, key string }
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
		t := translation{rel, PairKey(inFolder, key)}
		todo = append(todo, t)
		wanted[t.key] = true
	}
	if len(todo) == 0 {
		return nil, nil
	}
	sources, err := m.sources(fsys, func(key string) bool { return wanted[key] })
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, t := range todo {
		s, ok := sources[t.key]
		if !ok {
			continue
		}
		now, err := s.fingerprint()
		if err != nil {
			continue // the check says why
		}
		src, err := fs.ReadFile(fsys, t.rel)
		if err != nil {
			return nil, err
		}
		stamped, err := Stamp(src, now)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", t.rel, err)
		}
		if !bytes.Equal(stamped, src) {
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
