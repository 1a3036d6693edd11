package main

import (
	"bytes"
	"compress/gzip"
	"image"
	"image/png"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"centar/internal/cli"
	"centar/internal/hugo"
)

// These tests build the real site, with the real content and the embedded
// Hugo, into a temporary copy; this is the one test binary that links Hugo.

// copySite copies the authored site (not generated/ nor public/) to a temp dir.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := copySiteTo(dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

func copySiteTo(dst string) error {
	for _, name := range []string{"hugo.toml", "netlify.toml", "content", "data", "i18n", "themes", "static"} {
		src := filepath.Join("..", "..", name)
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			target := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, b, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// notInstalled stops a test that needs what is not installed here: in CI,
// which installs everything the tests need, that is a failure; elsewhere a
// skip, said loudly, since go test is silent about skips.
func notInstalled(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed; CI must install it", what)
	}
	t.Skipf("SKIPPED LOUDLY: %s is not installed; this test did not run", what)
}

func runCentar(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	f := &cli.Factory{In: strings.NewReader(""), Out: &out, Err: &errb, Renderer: hugo.Renderer{}, Version: "test"}
	code = cli.Main(f, args)
	return code, out.String(), errb.String()
}

var (
	realSite    string // the real site's root, copied once for all tests that read its output
	builtSite   string // its public/, once built
	buildFailed string
)

// buildRealSite builds the real site once for all tests that read it.
func buildRealSite(t *testing.T) string {
	t.Helper()
	if builtSite == "" && buildFailed == "" {
		code, _, stderr := runCentar(t, "build", "-s", realSite)
		if code != 0 {
			buildFailed = stderr
		} else {
			builtSite = filepath.Join(realSite, "public")
		}
	}
	if buildFailed != "" {
		t.Fatalf("building the real site failed:\n%s", buildFailed)
	}
	return builtSite
}

// The test binary doubles as centar, with the embedded Hugo, when run with
// CENTAR_TEST_AS_CLI=1: a process of its own for what runs until stopped
// (serve).
func TestMain(m *testing.M) {
	if os.Getenv("CENTAR_TEST_AS_CLI") == "1" {
		os.Exit(cli.Main(cli.StdFactory(hugo.Renderer{}, "test"), os.Args[1:]))
	}
	dir, err := os.MkdirTemp("", "centar-site-")
	if err == nil {
		err = copySiteTo(dir)
	}
	if err != nil {
		panic(err)
	}
	realSite = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestEverySectionInEveryLanguage(t *testing.T) {
	public := buildRealSite(t)
	pages := []string{
		"index.html", "lat/index.html", "en/index.html",
		"o-centru/delatnost/index.html", "lat/o-centru/delatnost/index.html", "en/about/mandate/index.html",
		"o-centru/organizacija/index.html", "lat/o-centru/organizacija/index.html",
		"strategija/okvir/index.html", "lat/strategija/okvir/index.html",
		"strategija/akcioni-plan/index.html", "lat/strategija/akcioni-plan/index.html",
		"vesti/index.html", "lat/vesti/index.html", "en/news/index.html",
		"vesti/obuka-lokalnih-timova-kragujevac/index.html", "en/news/local-teams-training-kragujevac/index.html",
		"vesti/ban-iii-nacionalni-izvestilac/index.html", "en/news/ban-iii-national-rapporteur/index.html",
		"vesti/index.xml", "lat/vesti/index.xml", "en/news/index.xml",
		"gradovi/kragujevac/index.html", "lat/oznake/obuka/index.html",
		"letci/info-letak/index.html", "lat/letci/info-letak/index.html",
		"letci/info-letak/info-letak.pdf", "lat/letci/info-letak/info-letak.pdf",
		"pomoc/index.html", "lat/pomoc/index.html", "en/help/index.html",
		"bezbedno-pregledanje/index.html", "lat/bezbedno-pregledanje/index.html", "en/safe-browsing/index.html",
		"dokumenti/index.html", "lat/dokumenti/index.html",
		"404.html", "lat/404.html", "en/404.html", "sitemap.xml",
	}
	for _, p := range pages {
		if _, err := os.Stat(filepath.Join(public, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	for _, gone := range []string{"sr-latn", "sr-cyrl"} {
		if _, err := os.Stat(filepath.Join(public, gone)); err == nil {
			t.Errorf("%s/ must not be published: the Latin site lives at /lat/", gone)
		}
	}
}

// htmlPages returns every real page (not redirect stubs), by path under public.
func htmlPages(t *testing.T, public string) map[string]string {
	t.Helper()
	pages := map[string]string{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(`http-equiv="refresh"`)) {
			return nil
		}
		rel, _ := filepath.Rel(public, p)
		pages[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 50 {
		t.Fatalf("only %d pages", len(pages))
	}
	return pages
}

func wantLang(path string) string {
	switch {
	case strings.HasPrefix(path, "lat/"):
		return "sr-Latn-RS"
	case strings.HasPrefix(path, "en/"):
		return "en"
	}
	return "sr-Cyrl-RS"
}

func TestEveryPageHasHotlineQuickExitLangAndAlternates(t *testing.T) {
	for path, html := range htmlPages(t, buildRealSite(t)) {
		if !strings.Contains(html, `href="tel:`) {
			t.Errorf("%s: no tel: link", path)
		}
		if !strings.Contains(html, "data-quick-exit") {
			t.Errorf("%s: no quick exit", path)
		}
		if !strings.Contains(html, `<html lang="`+wantLang(path)+`"`) {
			t.Errorf("%s: want <html lang=%q>", path, wantLang(path))
		}
		if strings.HasSuffix(path, "404.html") {
			continue
		}
		if !strings.Contains(html, `hreflang="`+wantLang(path)+`"`) {
			t.Errorf("%s: no hreflang alternate for itself", path)
		}
		if !strings.Contains(html, `rel="canonical"`) {
			t.Errorf("%s: no canonical link", path)
		}
		if wantLang(path) != "en" && !strings.Contains(html, `hreflang="sr-Latn-RS"`) || !strings.Contains(html, `hreflang="sr-Cyrl-RS"`) && wantLang(path) != "en" {
			t.Errorf("%s: the Serbian page does not link its other script", path)
		}
	}
}

var (
	assetRef = regexp.MustCompile(`<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\b(src|href|data)="([^"]*)"`)
	anyRef   = regexp.MustCompile(`\b(?:href|src)="([^"]*)"`)
)

func TestNoRequestToAnotherHost(t *testing.T) {
	for path, html := range htmlPages(t, buildRealSite(t)) {
		for _, m := range assetRef.FindAllStringSubmatch(html, -1) {
			u, err := url.Parse(m[3])
			if err != nil {
				t.Errorf("%s: bad URL %q", path, m[3])
				continue
			}
			if u.Host != "" && u.Host != "localhost:1313" {
				t.Errorf("%s: <%s> loads %s from another host", path, m[1], m[3])
			}
		}
	}
}

func TestInternalLinksResolve(t *testing.T) {
	public := buildRealSite(t)
	for path, html := range htmlPages(t, public) {
		for _, m := range anyRef.FindAllStringSubmatch(html, -1) {
			u, err := url.Parse(m[1])
			if err != nil || (u.Host != "" && u.Host != "localhost:1313") || u.Scheme == "tel" || u.Scheme == "mailto" {
				continue
			}
			p := u.Path
			if p == "" {
				continue // a fragment on the same page
			}
			if !strings.HasPrefix(p, "/") {
				p = "/" + filepath.ToSlash(filepath.Join(filepath.Dir(path), p))
			}
			target := filepath.Join(public, filepath.FromSlash(p))
			if strings.HasSuffix(p, "/") {
				target = filepath.Join(target, "index.html")
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: link %s leads nowhere", path, m[1])
			}
		}
	}
}

var (
	mainElement = regexp.MustCompile(`(?s)<main\b.*?</main>`)
	tags        = regexp.MustCompile(`(?s)<[^>]*>`)
)

func TestLatinPagesHaveNoCyrillicInMain(t *testing.T) {
	for path, html := range htmlPages(t, buildRealSite(t)) {
		if !strings.HasPrefix(path, "lat/") {
			continue
		}
		text := tags.ReplaceAllString(mainElement.FindString(html), " ")
		for _, r := range text {
			if unicode.Is(unicode.Cyrillic, r) {
				i := strings.IndexRune(text, r)
				t.Errorf("%s: Cyrillic in <main>: …%s…", path, text[max(0, i-40):min(len(text), i+40)])
				break
			}
		}
	}
}

func TestActionPlanKeepsEveryBudgetLine(t *testing.T) {
	public := buildRealSite(t)
	src, err := os.ReadFile(filepath.Join("..", "..", "data", "akcioni-plan.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lat, err := os.ReadFile(filepath.Join(public, "lat", "strategija", "akcioni-plan", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	amounts := regexp.MustCompile(`[0-9.]+ ?(RSD|RS\b|evra|EVRA|EUR)`).FindAllString(string(src), -1)
	if len(amounts) < 40 {
		t.Fatalf("only %d budget amounts in the data", len(amounts))
	}
	for _, a := range amounts {
		if !strings.Contains(string(lat), a) {
			t.Errorf("the Latin action plan lacks %q", a)
		}
	}
	for g := 1; g <= 5; g++ {
		if !strings.Contains(string(lat), `id="cilj-`+string(rune('0'+g))+`"`) {
			t.Errorf("goal %d has no anchor", g)
		}
	}
}

func TestBrokenFrontMatterNamesFileAndLine(t *testing.T) {
	dir := copySite(t)
	bad := "---\ntitle: \"Vest\ndate: 2024-01-01\n---\n\nTekst.\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "sr", "vesti", "losa.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCentar(t, "build", "-s", dir)
	if code == 0 || !strings.Contains(stderr, "content/sr/vesti/losa.md:") {
		t.Fatalf("want a failure naming content/sr/vesti/losa.md:LINE, got %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a failed build must not write public/")
	}
	// Hugo begins while the pages are converted; a build that then finds
	// a problem leaves the site built before as it was, not cleaned.
	old := filepath.Join(dir, "public", "stara-strana.html")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("stara"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCentar(t, "build", "-s", dir); code == 0 {
		t.Fatal("the second build passed")
	}
	entries, err := os.ReadDir(filepath.Join(dir, "public"))
	if err != nil || len(entries) != 1 || entries[0].Name() != "stara-strana.html" {
		t.Errorf("a failed build changed the site built before: %v, %v", entries, err)
	}
}

func TestBrokenDataFileNamesFileAndLine(t *testing.T) {
	dir := copySite(t)
	p := filepath.Join(dir, "data", "organizacije.yaml")
	if err := os.WriteFile(p, []byte("- id: astra\n  name: \"ASTRA\n- id: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCentar(t, "build", "-s", dir)
	if code == 0 || !regexp.MustCompile(`data/organizacije\.yaml:\d+`).MatchString(stderr) {
		t.Fatalf("want a failure naming data/organizacije.yaml:LINE, got %d:\n%s", code, stderr)
	}
}

// A production build refuses exactly what the content check refuses in
// production, and says all of it (today: the unverified hotline, two undated news items).
func TestProductionRefusesWhatTheCheckRefuses(t *testing.T) {
	dir := copySite(t)
	code, _, stderr := runCentar(t, "build", "-s", dir, "--production", "--base-url", "https://primer.example/")
	if code == 0 || !strings.Contains(stderr, "data/hotlines.yaml:") || !strings.Contains(stderr, "policija") {
		t.Fatalf("want a refusal naming the policija entry, got %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("a refused production build wrote public/ (%v)", err)
	}
	checkCode, checkOut, _ := runCentar(t, "check", "-s", dir, "--production")
	if checkCode == 0 {
		t.Fatalf("check --production passed what build --production refused:\n%s", stderr)
	}
	errorLines := func(out string) []string {
		var lines []string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, ": error: ") {
				lines = append(lines, l)
			}
		}
		return lines
	}
	built, checked := errorLines(stderr), errorLines(checkOut)
	if len(checked) == 0 || strings.Join(built, "\n") != strings.Join(checked, "\n") {
		t.Errorf("build --production refused:\n%s\n\ncheck --production refuses:\n%s", strings.Join(built, "\n"), strings.Join(checked, "\n"))
	}
	// In English, every finding is English, the help lines' included.
	_, english, _ := runCentar(t, "check", "-s", dir, "--production", "--lang", "en")
	lines := errorLines(english)
	if len(lines) != len(checked) || !strings.Contains(english, "the number is not verified") {
		t.Errorf("check --lang en says:\n%s", english)
	}
	for _, l := range lines {
		if strings.Contains(l, "nije") || strings.Contains(l, "upišite") {
			t.Errorf("a finding in Serbian under --lang en: %s", l)
		}
	}
}

// gzipSize is the size of b compressed as a server would send it.
func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

var localAsset = regexp.MustCompile(`<(?:script|link)\b[^>]*?\b(?:src|href)="(/(?:css|js)/[^"]+)"`)

// A page with its CSS and JS must arrive in one round trip: 14 KB compressed.
// The theme's CSS and JS, on every page, stay under 4 KB; the search page's
// own script under 6 KB.
func TestPageWeightBudget(t *testing.T) {
	public := buildRealSite(t)
	const budget, themeBudget, searchBudget = 14 * 1024, 4 * 1024, 6 * 1024
	heaviest, heaviestPath := 0, ""
	for path, html := range htmlPages(t, public) {
		total := gzipSize(t, []byte(html))
		theme := 0
		for _, m := range localAsset.FindAllStringSubmatch(html, -1) {
			b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(m[1])))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if strings.HasPrefix(m[1], "/js/search.") {
				if n := gzipSize(t, b); n > searchBudget {
					t.Errorf("%s: the search script is %d bytes compressed, over %d", path, n, searchBudget)
				}
				total += gzipSize(t, b)
				continue
			}
			theme += gzipSize(t, b)
		}
		if theme > themeBudget {
			t.Errorf("%s: the theme's CSS and JS are %d bytes compressed, over %d", path, theme, themeBudget)
		}
		if total += theme; total > heaviest {
			heaviest, heaviestPath = total, path
		}
		if total > budget {
			t.Errorf("%s: %d bytes compressed with its CSS and JS, over the %d budget", path, total, budget)
		}
	}
	t.Logf("heaviest page: %s, %d bytes compressed with its CSS and JS", heaviestPath, heaviest)
	checkImages(t, public, htmlPages(t, public))
}

var (
	imgTag  = regexp.MustCompile(`<img\b[^>]*>`)
	imgAttr = regexp.MustCompile(`\b(src|width|height|loading)="([^"]*)"`)
)

// checkImages holds every image to the budget: sized, lazy, at most 200 KB.
// It returns how many images it saw.
func checkImages(t *testing.T, public string, pages map[string]string) int {
	t.Helper()
	seen := 0
	for path, html := range pages {
		for _, tag := range imgTag.FindAllString(html, -1) {
			seen++
			attrs := map[string]string{}
			for _, m := range imgAttr.FindAllStringSubmatch(tag, -1) {
				attrs[m[1]] = m[2]
			}
			if attrs["width"] == "" || attrs["height"] == "" {
				t.Errorf("%s: %s has no width and height: the page jumps as it loads", path, tag)
			}
			if attrs["loading"] != "lazy" {
				t.Errorf("%s: %s is not lazy", path, tag)
			}
			if src := attrs["src"]; strings.HasPrefix(src, "/") {
				info, err := os.Stat(filepath.Join(public, filepath.FromSlash(src)))
				if err != nil {
					t.Errorf("%s: %s: %v", path, src, err)
				} else if info.Size() > 200*1024 {
					t.Errorf("%s: %s is %d KB, over 200 KB", path, src, info.Size()/1024)
				}
			}
		}
	}
	return seen
}

// Images in Markdown come out sized and lazy, with their description in the
// reader's script.
func TestImagesAreSizedLazyAndDescribed(t *testing.T) {
	root := copySite(t)
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string][]byte{
		"static/slike/obuka.png":              pngBuf.Bytes(),
		"content/sr/vesti/slika/index.md":     []byte("---\ntitle: Вест са сликом\ndate: 2024-05-31\n---\n![Обука у Крагујевцу](/slike/obuka.png)\n\n![Учесници обуке](ucesnici.png)\n"),
		"content/sr/vesti/slika/ucesnici.png": pngBuf.Bytes(),
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := runCentar(t, "build", "-s", root); code != 0 {
		t.Fatal(stderr)
	}
	public := filepath.Join(root, "public")
	pages := map[string]string{}
	for _, p := range []string{"vesti/slika/index.html", "lat/vesti/slika/index.html"} {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		pages[p] = string(b)
	}
	if n := checkImages(t, public, pages); n != 4 {
		t.Errorf("saw %d images, want 2 on each page", n)
	}
	for p, want := range map[string]string{
		"vesti/slika/index.html":     `<img src="/slike/obuka.png" alt="Обука у Крагујевцу" width="3" height="2" loading="lazy"`,
		"lat/vesti/slika/index.html": `alt="Učesnici obuke" width="3" height="2" loading="lazy"`,
	} {
		if !strings.Contains(pages[p], want) {
			t.Errorf("%s lacks %s", p, want)
		}
	}
}

func TestLeafletPageOffersItsPDFInItsScript(t *testing.T) {
	public := buildRealSite(t)
	for _, dir := range []string{"letci/info-letak", "lat/letci/info-letak"} {
		html, err := os.ReadFile(filepath.Join(public, dir, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(html), `href="/`+dir+`/info-letak.pdf"`) {
			t.Errorf("%s: the page does not offer its PDF", dir)
		}
	}
	cyr, _ := os.ReadFile(filepath.Join(public, "letci/info-letak/info-letak.pdf"))
	lat, _ := os.ReadFile(filepath.Join(public, "lat/letci/info-letak/info-letak.pdf"))
	if !bytes.HasPrefix(cyr, []byte("%PDF-")) || !bytes.HasPrefix(lat, []byte("%PDF-")) || bytes.Equal(cyr, lat) {
		t.Error("want a Cyrillic and a Latin PDF")
	}
}

func TestDocumentsLibrary(t *testing.T) {
	public := buildRealSite(t)
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	library := read("dokumenti/index.html")
	for _, category := range []string{"Стратегије и планови", "Општи акти", "Планови рада", "Финансијски планови", "Информатор о раду", "Годишњи извештаји"} {
		if !strings.Contains(library, category) {
			t.Errorf("the library lacks the category %q", category)
		}
	}
	if strings.Count(library, "У овој категорији још нема докумената.") != 5 {
		t.Error("each of the five empty categories must say it is empty")
	}
	if !strings.Contains(library, `href="/dokumenti/strateski-okvir/"`) || !strings.Contains(library, `href="/dokumenti/akcioni-plan-2017-2018/"`) {
		t.Error("the strategy framework and the action plan must be the library's first entries")
	}
	doc := read("dokumenti/strateski-okvir/index.html")
	if !strings.Contains(doc, "Стратегије и планови") || !strings.Contains(doc, "Датотека још није постављена.") {
		t.Error("a document page must name its category and say its file is not there yet")
	}
}
