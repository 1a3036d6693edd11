package main

import (
	"encoding/xml"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"centar/internal/netlify"
)

// These tests hold the built site whole on any host: the policy in every
// page and in _headers, sitemaps of every page, "not found" pages in their
// language, lists in the reader's alphabet, English addresses in English.

var cspMeta = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)

// Every page carries the policy netlify.toml sends, less what a meta tag
// cannot carry, before anything it governs; _headers carries all of it.
func TestEveryPageCarriesThePolicy(t *testing.T) {
	public := buildRealSite(t)
	config, err := netlify.Load("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	header := config.Header("Content-Security-Policy")
	var want []string
	for _, d := range strings.Split(header, ";") {
		if d = strings.TrimSpace(d); d != "" && !strings.HasPrefix(d, "frame-ancestors") {
			want = append(want, d)
		}
	}
	if len(want) < 5 {
		t.Fatalf("netlify.toml's policy is %q", header)
	}
	for path, page := range htmlPages(t, public) {
		m := cspMeta.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("%s: no Content-Security-Policy meta tag", path)
			continue
		}
		if got := html.UnescapeString(m[1]); got != strings.Join(want, "; ") {
			t.Errorf("%s: the page's policy is\n%s\nwant\n%s", path, got, strings.Join(want, "; "))
		}
		if first := strings.Index(page, "<script"); first >= 0 && first < strings.Index(page, m[0]) {
			t.Errorf("%s: a script comes before the policy that governs it", path)
		}
	}
	got, err := os.ReadFile(filepath.Join(public, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(config.HeadersFile()) {
		t.Errorf("public/_headers is not netlify.toml's headers:\n%s", got)
	}
}

type sitemapIndex struct {
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

type urlSet struct {
	URLs []struct {
		Loc        string `xml:"loc"`
		Alternates []struct {
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"url"`
}

// publicPath maps a URL of the built site to its file under public/.
func publicPath(t *testing.T, public, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil || u.Host != "localhost:1313" {
		t.Fatalf("%q is not an address of the site", raw)
	}
	p := filepath.Join(public, filepath.FromSlash(u.Path))
	if strings.HasSuffix(u.Path, "/") {
		p = filepath.Join(p, "index.html")
	}
	return p
}

func readXML(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// /sitemap.xml is an index of one sitemap per language and script, and
// together they list every page once, Cyrillic included, with alternates
// that exist.
func TestSitemapsListEveryPageOfEveryLanguage(t *testing.T) {
	public := buildRealSite(t)
	var index sitemapIndex
	readXML(t, filepath.Join(public, "sitemap.xml"), &index)
	if len(index.Sitemaps) != 3 {
		t.Fatalf("the index lists %d sitemaps, want one per language and script: %+v", len(index.Sitemaps), index)
	}
	listed := map[string]bool{}
	for _, s := range index.Sitemaps {
		if strings.HasSuffix(s.Loc, "/sitemap.xml") {
			t.Errorf("the index lists itself: %s", s.Loc)
		}
		var set urlSet
		readXML(t, publicPath(t, public, s.Loc), &set)
		for _, u := range set.URLs {
			p := publicPath(t, public, u.Loc)
			if listed[p] {
				t.Errorf("%s is listed twice", u.Loc)
			}
			listed[p] = true
			if _, err := os.Stat(p); err != nil {
				t.Errorf("%s lists %s, which is not published", s.Loc, u.Loc)
			}
			for _, a := range u.Alternates {
				if _, err := os.Stat(publicPath(t, public, a.Href)); err != nil {
					t.Errorf("%s: its %s alternate %s is not published", u.Loc, a.Hreflang, a.Href)
				}
			}
		}
	}
	for rel := range htmlPages(t, public) {
		if strings.HasSuffix(rel, "404.html") || regexp.MustCompile(`/page/\d+/`).MatchString("/"+rel) {
			continue // not pages to find; a list's later pages are reached from its first
		}
		if !listed[filepath.Join(public, filepath.FromSlash(rel))] {
			t.Errorf("%s is in no sitemap", rel)
		}
	}
	for _, cyrillic := range []string{"index.html", "pomoc/index.html", "strategija/akcioni-plan/index.html"} {
		if !listed[filepath.Join(public, cyrillic)] {
			t.Errorf("the Cyrillic page %s is in no sitemap", cyrillic)
		}
	}
}

var (
	titleTag    = regexp.MustCompile(`<title>([^<]*)</title>`)
	currentPage = regexp.MustCompile(`<span aria-current="page">([^<]*)</span>`)
)

func TestNotFoundPagesSpeakTheirLanguage(t *testing.T) {
	public := buildRealSite(t)
	for rel, want := range map[string]string{
		"404.html":     "Страница није пронађена",
		"lat/404.html": "Stranica nije pronađena",
		"en/404.html":  "Page not found",
	} {
		b, err := os.ReadFile(filepath.Join(public, rel))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if m := titleTag.FindStringSubmatch(page); m == nil || !strings.HasPrefix(m[1], want+" – ") {
			t.Errorf("%s: title %q, want it to start with %q", rel, m, want)
		}
		if m := currentPage.FindStringSubmatch(page); m == nil || m[1] != want {
			t.Errorf("%s: the breadcrumb says %q, want %q", rel, m, want)
		}
		if rel != "en/404.html" && strings.Contains(page, "Page not found") {
			t.Errorf("%s: says Page not found", rel)
		}
	}
}

// English readers see English addresses for tags and towns.
func TestEnglishTaxonomiesHaveEnglishAddresses(t *testing.T) {
	public := buildRealSite(t)
	for _, want := range []string{"en/tags/index.html", "en/towns/index.html", "en/tags/training/index.html", "en/towns/kragujevac/index.html"} {
		if _, err := os.Stat(filepath.Join(public, want)); err != nil {
			t.Errorf("missing %s", want)
		}
	}
	for _, serbian := range []string{"en/oznake", "en/gradovi"} {
		if _, err := os.Stat(filepath.Join(public, serbian)); err == nil {
			t.Errorf("%s/ is published: English addresses are English", serbian)
		}
	}
}

var termLink = regexp.MustCompile(`<li><a href="[^"]*">([^<]*)</a> \(\d+\)</li>`)

// Towns whose first letters are where the abeceda, the азбука and the order
// of bytes all differ, written in Latin, Cyrillic or both.
func TestListsFollowTheReadersAlphabet(t *testing.T) {
	dir := copySite(t)
	towns := map[string]string{"cacak": "Čačak", "cetinje": "Cetinje", "cuprija": "Ћуприја", "dzevrin": "Dževrin", "djakovo": "Đakovo"}
	var slugs []string
	for slug, title := range towns {
		writeFile(t, filepath.Join(dir, "content/sr/gradovi", slug, "_index.md"), "---\ntitle: \""+title+"\"\n---\n")
		slugs = append(slugs, slug)
	}
	writeFile(t, filepath.Join(dir, "content/sr/vesti/obilazak.md"),
		"---\ntitle: \"Obilazak\"\ndate: 2024-05-31\ngradovi: ["+strings.Join(slugs, ", ")+"]\n---\n\nTekst.\n")
	if code, _, stderr := runCentar(t, "build", "-s", dir); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	for rel, want := range map[string][]string{
		"lat/gradovi/index.html": {"Cetinje", "Čačak", "Ćuprija", "Dževrin", "Đakovo", "Kragujevac"},
		"gradovi/index.html":     {"Ђаково", "Крагујевац", "Ћуприја", "Цетиње", "Чачак", "Џеврин"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, "public", rel))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range termLink.FindAllStringSubmatch(string(b), -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("%s lists\n  %s\nwant\n  %s", rel, strings.Join(got, ", "), strings.Join(want, ", "))
		}
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// The names a reader must recognise on the screen (a key, browsers, the
// neutral site) stay as they are written on the Cyrillic safe-browsing page.
func TestSafeBrowsingNamesKeysAndBrowsersAsTheyAre(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(buildRealSite(t), "bezbedno-pregledanje", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, name := range []string{"Shift", "Chrome", "Firefox", "Google", "JavaScript"} {
		if !strings.Contains(page, name) {
			t.Errorf("the Cyrillic safe-browsing page does not say %q", name)
		}
	}
	for _, wrong := range []string{"Схифт", "Цхроме", "Фирефоx", "Гоогле"} {
		if strings.Contains(page, wrong) {
			t.Errorf("the Cyrillic safe-browsing page says %q", wrong)
		}
	}
}

// Where no temporary file can be made, the build says where it tried and
// what to do, and writes nothing.
func TestBuildWithoutATemporaryFolderSaysWhatToDo(t *testing.T) {
	dir := copySite(t)
	t.Setenv("TMPDIR", filepath.Join(dir, "nema"))
	code, _, stderr := runCentar(t, "build", "-s", dir)
	if code == 0 || !strings.Contains(stderr, filepath.Join(dir, "nema")) || !strings.Contains(stderr, "TMPDIR=FASCIKLA centar build") {
		t.Errorf("exit %d, said:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("the refused build wrote public/ (%v)", err)
	}
}

// Without netlify.toml, or without its policy for every page, the build
// says which file and what to do, before Hugo runs and writes anything.
func TestBuildWithoutThePolicySaysWhereItLives(t *testing.T) {
	for name, spoil := range map[string]func(dir string){
		"no netlify.toml": func(dir string) { os.Remove(filepath.Join(dir, "netlify.toml")) },
		"no policy": func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, "netlify.toml"))
			var kept []string
			for _, l := range strings.Split(string(b), "\n") {
				if !strings.Contains(l, "Content-Security-Policy = \"default-src 'none'") {
					kept = append(kept, l)
				}
			}
			writeFile(t, filepath.Join(dir, "netlify.toml"), strings.Join(kept, "\n"))
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := copySite(t)
			spoil(dir)
			code, _, stderr := runCentar(t, "build", "-s", dir)
			if code == 0 || !strings.Contains(stderr, "netlify.toml") || !strings.Contains(stderr, "git checkout netlify.toml") {
				t.Errorf("exit %d, said:\n%s", code, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
				t.Errorf("the refused build wrote public/ (%v)", err)
			}
		})
	}
}
