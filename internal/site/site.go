// Package site turns the authored site — one Serbian source in either script,
// English, data and interface strings — into the tree Hugo renders: a Cyrillic
// and a Latin variant of every Serbian file, under generated/.
package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"centar/internal/translit"
)

// Layout of a site, relative to its root.
const (
	SerbianContentDir = "content/sr"
	DataDir           = "data"
	I18nDir           = "i18n"
	GeneratedDir      = "generated"
	keepListFile      = "data/latinica.yaml" // words that stay Latin; not published
	serbianStrings    = "i18n/sr.yaml"
)

// Variant is one rendering of the Serbian source.
type Variant struct {
	Lang   string          // Hugo language key
	Script translit.Script // target script
	Prefix string          // URL prefix of its pages
}

// Variants are the two Serbian sites: Cyrillic at the root, Latin under /lat/.
var Variants = []Variant{
	{Lang: "sr-cyrl", Script: translit.Cyrillic, Prefix: "/"},
	{Lang: "sr-latn", Script: translit.Latin, Prefix: "/lat/"},
}

// Fields are the front-matter fields readers see; they are transliterated.
var Fields = []string{"title", "description", "summary", "linkTitle"}

// machineKeys are data keys whose values are identifiers, numbers, dates or
// addresses: never transliterated. Keys ending in _en hold English.
var machineKeys = map[string]bool{
	"id": true, "slug": true, "url": true, "number": true, "e164": true, "source": true,
	"verified": true, "date": true, "file": true, "email": true, "weight": true,
}

// Site is an authored site on disk.
type Site struct {
	Root string
	tr   *translit.Translit
}

// Open reads the site's keep-list and returns the site.
func Open(root string) (*Site, error) {
	s := &Site{Root: root}
	var keep struct {
		Words []string `yaml:"words"`
	}
	b, err := os.ReadFile(filepath.Join(root, keepListFile))
	switch {
	case err == nil:
		if err := decodeYAML(keepListFile, b, 0, &keep); err != nil {
			return nil, err
		}
	case !os.IsNotExist(err):
		return nil, fmt.Errorf("reading the keep-list: %w", err)
	}
	s.tr = translit.New(keep.Words)
	return s, nil
}

// Generate writes generated/ from the sources: every changed file is rewritten,
// every stale file removed, nothing else touched, so a watching server sees
// only real changes. It checks every file first and writes nothing when one is
// broken.
func (s *Site) Generate() error {
	files, err := s.render()
	if err != nil {
		return err
	}
	return syncTree(filepath.Join(s.Root, GeneratedDir), files)
}

// render produces the generated tree in memory: path (relative to
// generated/) → content.
func (s *Site) render() (map[string][]byte, error) {
	out := map[string][]byte{}
	var problems Problems
	add := func(err error) {
		var ps Problems
		if asProblems(err, &ps) {
			problems = append(problems, ps...)
		} else if err != nil {
			problems = append(problems, Problem{Msg: err.Error()})
		}
	}
	add(s.renderContent(out))
	add(s.renderData(out))
	add(s.renderStrings(out))
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].File < problems[j].File })
		return nil, problems
	}
	return out, nil
}

func asProblems(err error, ps *Problems) bool {
	p, ok := err.(Problems)
	if ok {
		*ps = p
	}
	return ok
}

func (s *Site) renderContent(out map[string][]byte) error {
	var problems Problems
	root := filepath.Join(s.Root, SerbianContentDir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Join(SerbianContentDir, rel)
		if !strings.HasSuffix(rel, ".md") {
			for _, v := range Variants {
				out[path.Join("content", v.Lang, rel)] = src
			}
			return nil
		}
		page, err := parsePage(name, src)
		if err != nil {
			problems = append(problems, err.(Problems)...)
			return nil
		}
		for _, v := range Variants {
			conv, err := s.tr.Markdown(string(src), v.Script, Fields)
			if err != nil {
				problems = append(problems, Problem{File: name, Msg: err.Error()})
				return nil
			}
			if v.Prefix != "/" {
				conv = withURL(conv, v.Prefix+page.path(rel))
			}
			out[path.Join("content", v.Lang, rel)] = []byte(conv)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// withURL sets the page's url in its front matter, so the Latin variant is
// published under its prefix with the same path as the Cyrillic one.
func withURL(md, url string) string {
	line := "url: " + url + "\n"
	if strings.HasPrefix(md, "---\n") {
		return "---\n" + line + md[4:]
	}
	return "---\n" + line + "---\n" + md
}

func (s *Site) renderData(out map[string][]byte) error {
	var problems Problems
	entries, err := os.ReadDir(filepath.Join(s.Root, DataDir))
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		name := path.Join(DataDir, e.Name())
		if e.IsDir() || name == keepListFile || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(s.Root, name))
		if err != nil {
			return err
		}
		var v any
		if err := decodeYAML(name, src, 0, &v); err != nil {
			problems = append(problems, err.(Problems)...)
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".yaml"), ".yml")
		for _, variant := range Variants {
			conv := s.convertValue(v, "", variant.Script)
			b, err := marshalJSON(conv)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			out[path.Join("data", string(variant.Script), base+".json")] = b
		}
	}
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// convertValue transliterates the strings of a decoded YAML value, except
// under machine keys and English (_en) keys.
func (s *Site) convertValue(v any, key string, to translit.Script) any {
	switch x := v.(type) {
	case string:
		if machineKeys[key] || strings.HasSuffix(key, "_en") {
			return x
		}
		return s.tr.String(x, to)
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, val := range x {
			m[k] = s.convertValue(val, k, to)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, val := range x {
			l[i] = s.convertValue(val, key, to)
		}
		return l
	}
	return v
}

func (s *Site) renderStrings(out map[string][]byte) error {
	src, err := os.ReadFile(filepath.Join(s.Root, serbianStrings))
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	var v any
	if err := decodeYAML(serbianStrings, src, 0, &v); err != nil {
		return err
	}
	for _, variant := range Variants {
		b, err := marshalJSON(s.convertValue(v, "", variant.Script))
		if err != nil {
			return err
		}
		out[path.Join("i18n", variant.Lang+".json")] = b
	}
	return nil
}

// syncTree makes dir hold exactly files, rewriting only what differs.
func syncTree(dir string, files map[string][]byte) error {
	for rel, want := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if have, err := os.ReadFile(p); err == nil && bytes.Equal(have, want) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		tmp := p + ".tmp"
		if err := os.WriteFile(tmp, want, 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, p); err != nil {
			return err
		}
	}
	var stale []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !d.IsDir() {
			if _, ok := files[filepath.ToSlash(rel)]; !ok {
				stale = append(stale, p)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}
