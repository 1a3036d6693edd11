package build

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/fsnotify/fsnotify"
	"github.com/goccy/go-yaml/ast"

	"centar/internal/content"
	"centar/internal/msg"
	"centar/internal/testsite"
)

// writeSite writes files (path → content) into a temporary site root.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func read(t *testing.T, root, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGenerateWritesBothScripts(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":                             "",
		"content/sr/vesti/vest.md":              "---\ntitle: \"Budžet za džep\"\nslug: vest-o-budzetu\n---\n\nLjudi i [[Now!]] na https://astra.rs.\n",
		"content/sr/_index.md":                  "---\ntitle: Почетна\n---\n",
		"content/sr/letci/letak/index.md":       "---\ntitle: Летак\n---\n",
		"content/sr/letci/letak/letak.pdf":      "%PDF-1.4",
		"content/sr/vesti/vest.md.moja-verzija": "---\ntitle: Копија после сукоба\n---\n",
		"data/hotlines.yaml":                    "- id: x\n  name: Полиција\n  number: \"192\"\n  name_en: Police\n",
		"data/latinica.yaml":                    "words: [Now]\n",
		"i18n/sr.yaml":                          "home: Почетна\n",
	})
	s, err := Open(root, msg.Printer(msg.Serbian))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	cyr := read(t, root, "generated/content/sr-cyrl/vesti/vest.md")
	lat := read(t, root, "generated/content/sr-latn/vesti/vest.md")
	if !strings.Contains(cyr, `title: "Буџет за џеп"`) || !strings.Contains(cyr, "Људи и Now! на https://astra.rs.") {
		t.Errorf("Cyrillic variant:\n%s", cyr)
	}
	if _, err := os.Stat(filepath.Join(root, "generated/content/sr-cyrl/vesti/vest.md.moja-verzija")); err == nil {
		t.Error("an editor's conflict copy reached the generated tree")
	}
	if !strings.HasPrefix(lat, "---\nurl: /lat/vesti/vest-o-budzetu/\n") || !strings.Contains(lat, "Ljudi i Now!") {
		t.Errorf("Latin variant:\n%s", lat)
	}
	if home := read(t, root, "generated/content/sr-latn/_index.md"); !strings.Contains(home, "url: /lat/\ntitle: Početna") {
		t.Errorf("Latin home:\n%s", home)
	}
	if pdf := read(t, root, "generated/content/sr-latn/letci/letak/letak.pdf"); pdf != "%PDF-1.4" {
		t.Errorf("bundle file not copied: %q", pdf)
	}
	if d := read(t, root, "generated/data/latn/hotlines.json"); !strings.Contains(d, `"name": "Policija"`) || !strings.Contains(d, `"name_en": "Police"`) || !strings.Contains(d, `"number": "192"`) {
		t.Errorf("Latin data:\n%s", d)
	}
	if i := read(t, root, "generated/i18n/sr-latn.json"); !strings.Contains(i, `"home": "Početna"`) {
		t.Errorf("Latin strings:\n%s", i)
	}

	// A removed source disappears from the generated tree; an unchanged one is not rewritten.
	os.Remove(filepath.Join(root, "content/sr/vesti/vest.md"))
	before, _ := os.Stat(filepath.Join(root, "generated/content/sr-cyrl/_index.md"))
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "generated/content/sr-cyrl/vesti/vest.md")); !os.IsNotExist(err) {
		t.Error("a deleted page stayed in generated/")
	}
	after, _ := os.Stat(filepath.Join(root, "generated/content/sr-cyrl/_index.md"))
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
}

func TestGenerateReportsEveryBrokenFileAndWritesNothing(t *testing.T) {
	root := writeSite(t, testsite.Files(`
-- hugo.toml --
-- content/sr/a.md --
---
title: [nezatvoreno
---
-- content/sr/b.md --
bez front matter
-- content/sr/c.md --
---
date: 2024-01-01
---
-- content/sr/d.md --
---
title: D
date: 31.12.2024
---
-- data/organizacije.yaml --
- id: a
  name: "x
`))
	s, err := Open(root, msg.Printer(msg.Serbian))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Generate()
	if err == nil {
		t.Fatal("want problems")
	}
	msg := err.Error()
	for _, want := range []string{"content/sr/a.md:2", "content/sr/b.md:1:", "content/sr/c.md:2:", "content/sr/d.md:3:", "data/organizacije.yaml:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("problems lack %q:\n%s", want, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(root, GeneratedDir)); !os.IsNotExist(err) {
		t.Error("generated/ was written despite errors")
	}
}

func TestSourcePaths(t *testing.T) {
	tests := map[string]string{
		`"/x/generated/content/sr-latn/vesti/a.md:3:1": bad`: `"/x/content/sr/vesti/a.md:2:1": bad`,
		`"/x/generated/content/sr-cyrl/vesti/a.md:3:1": bad`: `"/x/content/sr/vesti/a.md:3:1": bad`,
		`generated/data/latn/hotlines.json: bad`:             `data/hotlines.json: bad`,
	}
	for in, want := range tests {
		if got := SourcePaths(in); got != want {
			t.Errorf("SourcePaths(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestLatinVariantHasOneURLAndOneExtraLine(t *testing.T) {
	src := "---\ntitle: Наслов\nurl: /posebna/\n---\n\nТекст\n"
	root := writeSite(t, map[string]string{"hugo.toml": "", "content/sr/a.md": src})
	s, _ := Open(root, msg.Printer(msg.Serbian))
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	lat := read(t, root, "generated/content/sr-latn/a.md")
	if strings.Count(lat, "\nurl:") != 1 || !strings.Contains(lat, "url: /lat/posebna/\n") {
		t.Errorf("want exactly one url, under /lat/:\n%s", lat)
	}
	if strings.Count(lat, "\n") != strings.Count(src, "\n")+1 || !strings.HasSuffix(lat, "\n\nTekst\n") {
		t.Errorf("want exactly one added line:\n%s", lat)
	}
}

func TestOpenOutsideASite(t *testing.T) {
	_, err := Open(t.TempDir(), msg.Printer(msg.Serbian))
	if err == nil || !strings.Contains(err.Error(), "hugo.toml") {
		t.Fatalf("want an error naming hugo.toml, got %v", err)
	}
}

func TestKeepListIsReadOnEveryGenerate(t *testing.T) {
	root := writeSite(t, map[string]string{"hugo.toml": "", "content/sr/a.md": "---\ntitle: Signal\n---\n"})
	s, _ := Open(root, msg.Printer(msg.Serbian))
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, root, "generated/content/sr-cyrl/a.md"); !strings.Contains(got, "title: Сигнал") {
		t.Fatalf("before: %s", got)
	}
	os.MkdirAll(filepath.Join(root, "data"), 0o755)
	os.WriteFile(filepath.Join(root, "data", "latinica.yaml"), []byte("words: [Signal]\n"), 0o644)
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, root, "generated/content/sr-cyrl/a.md"); !strings.Contains(got, "title: Signal") {
		t.Errorf("the new keep-list word was not used: %s", got)
	}
}

func TestLeafletGetsAPDFInEachScriptUnlessItHasOne(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":                        "",
		"content/sr/letci/info/index.md":   "---\ntitle: Инфо летак\n---\n\nЦентар помаже жртвама.\n",
		"content/sr/letci/svoj/index.md":   "---\ntitle: Свој\n---\n",
		"content/sr/letci/svoj/dizajn.pdf": "%PDF-1.7 dizajniran",
		"content/sr/vesti/nije-letak.md":   "---\ntitle: Вест\n---\n",
	})
	s, _ := Open(root, msg.Printer(msg.Serbian))
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	cyr := read(t, root, "generated/content/sr-cyrl/letci/info/info.pdf")
	lat := read(t, root, "generated/content/sr-latn/letci/info/info.pdf")
	if !strings.HasPrefix(cyr, "%PDF-") || !strings.HasPrefix(lat, "%PDF-") || cyr == lat {
		t.Error("want a PDF per script, different in each")
	}
	if _, err := os.Stat(filepath.Join(root, "generated/content/sr-cyrl/letci/svoj/svoj.pdf")); !os.IsNotExist(err) {
		t.Error("a leaflet with its own PDF must not get a generated one")
	}
	if got := read(t, root, "generated/content/sr-latn/letci/svoj/dizajn.pdf"); got != "%PDF-1.7 dizajniran" {
		t.Errorf("the leaflet's own PDF was not copied: %q", got)
	}
}

// A preview regenerates after every change from what it kept of the last
// run; the result must be what a fresh run would write.
func TestRegenerateFollowsEveryKindOfChange(t *testing.T) {
	root := writeSite(t, testsite.Files(`
-- hugo.toml --
-- content/sr/_index.md --
---
title: Почетна
---
-- content/sr/vesti/a.md --
---
title: Prva
---
Stranica Kolektiv.
-- content/sr/vesti/b.md --
---
title: Друга
---
Текст.
-- content/sr/letci/letak/index.md --
---
title: Летак
---
Текст летка.
-- data/latinica.yaml --
words: []
-- data/organizacije.yaml --
- id: kolektiv
  name: Udruženje Kolektiv
`))
	s, err := Open(root, msg.Printer(msg.Serbian))
	if err != nil {
		t.Fatal(err)
	}
	generate := func() {
		t.Helper()
		if _, err := s.Generate(); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(rel string) bool {
		_, err := os.Stat(filepath.Join(root, rel))
		return err == nil
	}
	holds := func(rel, want, what string) {
		t.Helper()
		if got := read(t, root, rel); !strings.Contains(got, want) {
			t.Errorf("%s:\n%s", what, got)
		}
	}
	generate()
	if !exists("generated/content/sr-latn/letci/letak/letak.pdf") {
		t.Fatal("no leaflet PDF")
	}

	os.WriteFile(filepath.Join(root, "content/sr/vesti/b.md"), []byte("---\ntitle: Друга\n---\nНови текст.\n"), 0o644)
	generate()
	holds("generated/content/sr-latn/vesti/b.md", "Novi tekst.", "an edit did not reach the generated tree")

	if got := read(t, root, "generated/content/sr-cyrl/vesti/a.md"); !strings.Contains(got, "Страница Колектив.") {
		t.Fatalf("before the keep-list changed:\n%s", got)
	}
	os.WriteFile(filepath.Join(root, "data/latinica.yaml"), []byte("words: [Kolektiv]\n"), 0o644)
	generate()
	holds("generated/content/sr-cyrl/vesti/a.md", "Страница Kolektiv.", "the keep-list changed but the page was not converted again")
	holds("generated/data/cyrl/organizacije.json", "Удружење Kolektiv", "the keep-list changed but the data were not converted again")

	os.WriteFile(filepath.Join(root, "data/organizacije.yaml"), []byte("- id: kolektiv\n  name: Udruženje Kolektiv Novi Sad\n"), 0o644)
	generate()
	holds("generated/data/cyrl/organizacije.json", "Удружење Kolektiv Нови Сад", "an edit to a data file did not reach the generated tree")

	os.WriteFile(filepath.Join(root, "content/sr/letci/letak/letak.pdf"), []byte("%PDF-1.4 own"), 0o644)
	generate()
	if got := read(t, root, "generated/content/sr-latn/letci/letak/letak.pdf"); got != "%PDF-1.4 own" {
		t.Errorf("the leaflet's own PDF did not replace the made one: %.20q", got)
	}

	os.Remove(filepath.Join(root, "content/sr/vesti/b.md"))
	generate()
	if exists("generated/content/sr-cyrl/vesti/b.md") || exists("generated/content/sr-latn/vesti/b.md") {
		t.Error("a deleted page stayed in the generated tree")
	}
}

// A file changed within the clock's tick of the last look, keeping its size
// and time, is still seen: size and time are trusted only for older files.
func TestGenerateSeesAChangeThatKeepsSizeAndTime(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":                "",
		"content/sr/vesti/vest.md": "---\ntitle: Prva\n---\n",
	})
	s, err := Open(root, msg.Printer(msg.Serbian))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "content/sr/vesti/vest.md")
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("---\ntitle: Druga\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, root, "generated/content/sr-cyrl/vesti/vest.md"); !strings.Contains(got, "Друга") {
		t.Fatalf("the change was missed:\n%s", got)
	}
}

// A mistake in a header is said as the check says it: what the editor did
// and how to mend it, not the YAML library's words.
func TestBrokenHeaderIsSaidInTheEditorsWords(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":           "",
		"content/sr/obuka.md": "---\ntitle: \"Обука\"\ndescription: Обука: стандардне процедуре\n---\n",
	})
	s, err := Open(root, msg.Printer(msg.Serbian))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Generate()
	var ps content.Findings
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Line != 3 {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(ps[0].Message, "stavite celu vrednost pod navodnike") || strings.Contains(ps[0].Message, "mapping value") {
		t.Errorf("the problem is said as %q", ps[0].Message)
	}
}

// A page of many link definitions is refused before goldmark reads it:
// goldmark's time grows with the square of their number.
func TestGenerateRefusesManyLinkDefinitions(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":                "",
		"content/sr/vesti/vest.md": "---\ntitle: Vest\n---\n\n" + strings.Repeat("[a]: /b \"t\"\n", 20000),
	})
	s, err := Open(root, msg.Printer(msg.English))
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Generate()
	var ps content.Findings
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Line != 505 || !strings.Contains(ps[0].Message, "more than 500 link definitions") {
		t.Fatalf("got %v", err)
	}
}

// Generate says what it created, rewrote and removed, as a watcher of the
// generated tree would have seen it: a preview hands exactly that to Hugo.
// It does so from what it kept of the last run and, in a new process, from
// the disk.
func TestGenerateSaysWhatItChanged(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":       "",
		"content/sr/a.md": "---\ntitle: Прва\n---\n",
		"content/sr/b.md": "---\ntitle: Друга\n---\n",
	})
	gen := func(rel string) string {
		return filepath.Join(root, GeneratedDir, filepath.FromSlash(rel))
	}
	// Every title's sort key is in one file per script: a new title
	// rewrites both.
	withKeys := func(m map[string]fsnotify.Op) map[string]fsnotify.Op {
		m[gen("data/cyrl/sortkeys.json")], m[gen("data/latn/sortkeys.json")] = fsnotify.Write, fsnotify.Write
		return m
	}
	changes := func(s *Site) map[string]fsnotify.Op {
		t.Helper()
		evs, err := s.Generate()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]fsnotify.Op{}
		for _, ev := range evs {
			got[ev.Name] = ev.Op
		}
		return got
	}
	s, _ := Open(root, msg.Printer(msg.Serbian))
	if got := changes(s); len(got) != 7 || got[gen("content/sr-latn/b.md")] != fsnotify.Create || got[gen(translationsPath)] != fsnotify.Create {
		t.Errorf("first run: %v, want the seven files created", got)
	}
	if got := changes(s); len(got) != 0 {
		t.Errorf("nothing changed: %v", got)
	}
	os.WriteFile(filepath.Join(root, "content/sr/a.md"), []byte("---\ntitle: Прва, измењена\n---\n"), 0o644)
	os.Remove(filepath.Join(root, "content/sr/b.md"))
	os.WriteFile(filepath.Join(root, "content/sr/c.md"), []byte("---\ntitle: Трећа\n---\n"), 0o644)
	want := withKeys(map[string]fsnotify.Op{
		gen("content/sr-cyrl/a.md"): fsnotify.Write, gen("content/sr-latn/a.md"): fsnotify.Write,
		gen("content/sr-cyrl/b.md"): fsnotify.Remove, gen("content/sr-latn/b.md"): fsnotify.Remove,
		gen("content/sr-cyrl/c.md"): fsnotify.Create, gen("content/sr-latn/c.md"): fsnotify.Create,
	})
	if got := changes(s); !maps.Equal(got, want) {
		t.Errorf("after an edit, a removal and a new page:\n got %v\nwant %v", got, want)
	}
	os.WriteFile(filepath.Join(root, "content/sr/c.md"), []byte("---\ntitle: Трећа, измењена\n---\n"), 0o644)
	fresh, _ := Open(root, msg.Printer(msg.Serbian))
	want = withKeys(map[string]fsnotify.Op{gen("content/sr-cyrl/c.md"): fsnotify.Write, gen("content/sr-latn/c.md"): fsnotify.Write})
	if got := changes(fresh); !maps.Equal(got, want) {
		t.Errorf("compared with the disk:\n got %v\nwant %v", got, want)
	}
}

// The theme finds a page's sort key by its title as Hugo reads it from the
// converted page: quoted, escaped, folded over lines and followed by other
// fields, every title is a key, in each script.
func TestSortKeysAreKeyedByTheTitlesHugoReads(t *testing.T) {
	root := writeSite(t, testsite.Files(`
-- hugo.toml --
-- content/sr/a.md --
---
title: "Пут \"Ђердап\"\tи Dunav"
date: 2024-05-31
---
-- content/sr/b.md --
---
title: >
  Обука
  у Крагујевцу
oznake:
  - obuka
---
-- content/sr/c.md --
---
description: Без наслова у првом реду
title: 'Čačak''s'
---
-- data/latinica.yaml --
words: []
`))
	s, _ := Open(root, msg.Printer(msg.Serbian))
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	for _, v := range Variants {
		var keys map[string]string
		if err := json.Unmarshal([]byte(read(t, root, "generated/data/"+string(v.Script)+"/sortkeys.json")), &keys); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"a.md", "b.md", "c.md"} {
			fm, _, _, err := content.FrontMatter(read(t, root, "generated/content/"+v.Lang+"/"+name))
			var p page
			if err == nil {
				err = content.DecodeYAML(s.p, name, []byte(fm), 0, &p)
			}
			if err != nil {
				t.Fatal(err)
			}
			if keys[p.Title] == "" {
				t.Errorf("%s: no key for %s's title %q among %q", v.Lang, name, p.Title, slices.Collect(maps.Keys(keys)))
			}
		}
	}
}

// With the build's shared pages, the pipeline reads a page's header from
// the tree parsed for the check, not from a parse of its own, and takes the
// page: it is not kept through the rest of the build.
func TestPipelineReadsTheSharedHeaderAndTakesThePage(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":           "",
		"content/sr/obuka.md": "---\ntitle: \"Обука\"\n---\nТекст.\n",
	})
	path := filepath.Join(root, "content", "sr", "obuka.md")
	pages := content.NewPages()
	page, err := pages.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := page.Header()
	if err != nil {
		t.Fatal(err)
	}
	// The shared tree, and it alone, says the page has no title.
	tree.Docs[0].Body.(*ast.MappingNode).Values[0].Value.(*ast.StringNode).Value = ""
	s, err := Open(root, msg.Printer(msg.English))
	if err != nil {
		t.Fatal(err)
	}
	s.Pages = pages
	_, err = s.Render()
	var ps content.Findings
	if !errors.As(err, &ps) || len(ps) != 1 || !strings.Contains(ps[0].Message, "no title") {
		t.Fatalf("the pipeline parsed the header again: got %v", err)
	}
	if again, err := pages.Read(path); err != nil || again == page {
		t.Errorf("the pipeline left the page among the shared ones (%v)", err)
	}
}

// begun is the rendering begun of a site of files.
func begun(t *testing.T, files map[string]string) *Rendering {
	t.Helper()
	s, err := Open(writeSite(t, files), msg.Printer(msg.Serbian))
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Begin()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A build hands Hugo the tree's paths before its pages are converted: they
// must be exactly the files the conversion makes, leaflets' PDFs included,
// and each must read as it will be in the whole tree.
func TestBegunTreeListsEveryFileItMakes(t *testing.T) {
	r := begun(t, map[string]string{
		"hugo.toml":                        "",
		"content/sr/_index.md":             "---\ntitle: Почетна\n---\n",
		"content/sr/letci/info/index.md":   "---\ntitle: Инфо летак\n---\n\nЦентар помаже жртвама.\n",
		"content/sr/letci/svoj/index.md":   "---\ntitle: Свој\n---\n",
		"content/sr/letci/svoj/dizajn.pdf": "%PDF-1.7 dizajniran",
		"content/sr/vesti/slika.jpg":       "JPEG",
		"data/hotlines.yaml":               "- id: x\n  name: Полиција\n  number: \"192\"\n",
		"i18n/sr.yaml":                     "home: Почетна\n",
	})
	paths := slices.Sorted(slices.Values(r.Paths()))
	for _, rel := range paths {
		if _, err := r.Contents(rel); err != nil {
			t.Errorf("%s is listed but cannot be read: %v", rel, err)
		}
	}
	tree, err := r.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if made := slices.Sorted(maps.Keys(tree)); !slices.Equal(paths, made) {
		t.Errorf("listed %q\nbut made %q", paths, made)
	}
	for _, rel := range paths {
		if b, _ := r.Contents(rel); string(b) != string(tree[rel]) {
			t.Errorf("%s reads otherwise than the whole tree has it", rel)
		}
	}
	for _, want := range []string{"content/sr-latn/letci/info/info.pdf", "data/cyrl/sortkeys.json", "i18n/sr-latn.json", "content/sr-cyrl/vesti/slika.jpg"} {
		if !slices.Contains(paths, want) {
			t.Errorf("%s is not listed", want)
		}
	}
}

// A page with problems is listed, but reading it fails; the others read,
// and the whole tree is every problem, as Render gives them.
func TestBegunTreeRefusesAPageWithProblems(t *testing.T) {
	r := begun(t, map[string]string{
		"hugo.toml":          "",
		"content/sr/a.md":    "---\ntitle: [nezatvoreno\n---\n",
		"content/sr/b.md":    "---\ntitle: Б\n---\n",
		"content/sr/c.md":    "bez zaglavlja\n",
		"i18n/sr.yaml":       "home: Почетна\n",
		"data/hotlines.yaml": "- id: x\n  name: Полиција\n  number: \"192\"\n",
	})
	if _, err := r.Contents("content/sr-latn/a.md"); err == nil {
		t.Error("a page with problems was read")
	}
	if b, err := r.Contents("content/sr-latn/b.md"); err != nil || !strings.Contains(string(b), "title: B\n") {
		t.Errorf("a good page beside it: %q, %v", b, err)
	}
	if _, err := r.Contents("data/latn/sortkeys.json"); err == nil {
		t.Error("the sort keys were read, though a page has problems")
	}
	_, err := r.Wait()
	var ps content.Findings
	if !errors.As(err, &ps) || len(ps) != 2 || ps[0].Path != "content/sr/a.md" || ps[1].Path != "content/sr/c.md" {
		t.Errorf("the tree's problems: %v", err)
	}
}

// content.Findings in a data file are known before the pages are converted: Begin
// waits for the pages and says every problem, building nothing.
func TestBeginSaysDataProblemsWithThePagesOnes(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":              "",
		"content/sr/a.md":        "bez zaglavlja\n",
		"data/organizacije.yaml": "- id: a\n  name: \"x\n",
	})
	s, _ := Open(root, msg.Printer(msg.Serbian))
	r, err := s.Begin()
	var ps content.Findings
	if r != nil || !errors.As(err, &ps) || len(ps) != 2 {
		t.Errorf("Begin gave %v, %v", r, err)
	}
}

// The number a help line shows is made from the number its link dials, in
// every script: a display written in the file is not read, so the two
// cannot disagree.
func TestHelpLinesShowTheNumberTheyDial(t *testing.T) {
	root := writeSite(t, map[string]string{
		"hugo.toml":            "",
		"content/sr/_index.md": "---\ntitle: Почетна\n---\n",
		"data/hotlines.yaml": "# Телефони\n- id: centar\n  name: Центар\n  number: \"+381113000000\"\n  display: \"011 300 00\"\n" +
			"- id: sos\n  name: СОС\n  number: \"+381800100600\"\n- id: policija\n  name: Полиција\n  number: \"192\"\n- id: mobilni\n  name: Мобилни\n  number: \"+381641234567\"\n",
	})
	s, err := Open(root, msg.Printer(msg.Serbian))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Generate(); err != nil {
		t.Fatal(err)
	}
	for _, script := range []string{"cyrl", "latn"} {
		d := read(t, root, "generated/data/"+script+"/hotlines.json")
		var lines []struct{ ID, Number, Display string }
		if err := json.Unmarshal([]byte(d), &lines); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, l := range lines {
			got[l.Number] = l.Display
		}
		want := map[string]string{"+381113000000": "011 300 0000", "+381800100600": "0800 100 600", "192": "192", "+381641234567": "064 123 4567"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the numbers shown are %v, want %v", script, got, want)
		}
	}
}

// A help line whose number changed after it was verified is refused by the
// production build once its date is cleared, as saving clears it; and a
// number the plan does not allow is refused, saying how to write it.
func TestProductionRefusesAChangedNumberUntilVerifiedAgain(t *testing.T) {
	files := maps.Clone(testsite.Small)
	was := []byte(files["data/hotlines.yaml"])
	now := strings.Replace(string(was), "+381113000000", "+381113000001", 1)
	saved, said, err := content.ClearVerifications(msg.Printer(msg.English), was, []byte(now))
	if err != nil || len(said) != 1 {
		t.Fatalf("clearing: %v %v", said, err)
	}
	for name, c := range map[string]struct{ hotlines, says string }{
		"changed":        {string(saved), `data/hotlines.yaml:1:1: error: centar (011 300 0001): the number is not verified`},
		"a 0 after +381": {strings.Replace(string(was), "+381113000000", "+3810113000000", 1), `data/hotlines.yaml:3:1: error: centar: "+3810113000000": after +381 leave out the leading 0 of the area code: +381113000000`},
	} {
		t.Run(name, func(t *testing.T) {
			files["data/hotlines.yaml"] = c.hotlines
			root := writeSite(t, files)
			var log strings.Builder
			_, err := Build(Options{Source: root, Destination: "public", BaseURL: "https://primer.rs/", Production: true, P: msg.Printer(msg.English), Log: &log})
			if err == nil || !strings.Contains(err.Error(), "the site was not built for publishing") || !strings.Contains(log.String(), c.says) {
				t.Errorf("got %v\n%s\nwant …%s…", err, log.String(), c.says)
			}
			if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
				t.Error("the refused build wrote public/")
			}
		})
	}
}
