package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/rogpeppe/go-internal/txtar"

	"centar/internal/netlify"
)

// These tests add Ukrainian and Arabic to a copy of the real site by
// configuration and content alone (testdata/languages.txtar: texts written
// for the tests, never published), build it as centar build does, and read
// it as its readers would.

// addLanguages adds the fixture's languages to the site in dir: its
// hugo.toml.append is appended to hugo.toml, every other file written.
func addLanguages(dir string) error {
	ar, err := txtar.ParseFile(filepath.Join("testdata", "languages.txtar"))
	if err != nil {
		return err
	}
	for _, f := range ar.Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if f.Name == "hugo.toml.append" {
			cfg, err := os.ReadFile(filepath.Join(dir, "hugo.toml"))
			if err != nil {
				return err
			}
			name, f.Data = filepath.Join(dir, "hugo.toml"), append(cfg, f.Data...)
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// withLanguages is a copy of the real site with the fixture's languages.
func withLanguages(t *testing.T) string {
	t.Helper()
	dir := copySite(t)
	if err := addLanguages(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

var (
	languagesOnce                    sync.Once
	languagesPublic, languagesServed string
	languagesFailed                  string
)

// languagesSite builds the site with Ukrainian and Arabic once for every
// test that reads it, and serves it as Netlify would.
func languagesSite(t *testing.T) (public, base string) {
	t.Helper()
	languagesOnce.Do(func() {
		dir, err := os.MkdirTemp("", "centar-languages-") // kept until the test binary exits
		if err == nil {
			err = copySiteTo(dir)
		}
		if err == nil {
			err = addLanguages(dir)
		}
		if err != nil {
			languagesFailed = err.Error()
			return
		}
		code, _, stderr := runCentar(t, "build", "-s", dir)
		if code != 0 {
			languagesFailed = stderr
			return
		}
		languagesPublic = filepath.Join(dir, "public")
		policy, err := netlify.Load(filepath.Join(dir, "netlify.toml"))
		if err != nil {
			languagesFailed = err.Error()
			return
		}
		languagesServed = httptest.NewServer(policy.Handler(languagesPublic)).URL // closed when the test binary exits
	})
	if languagesFailed != "" {
		t.Fatalf("building the site with Ukrainian and Arabic failed:\n%s", languagesFailed)
	}
	return languagesPublic, languagesServed
}

var (
	htmlTag     = regexp.MustCompile(`<html lang="([^"]*)" dir="([^"]*)">`)
	otherPrefix = regexp.MustCompile(`^(lat|en|uk|ar)/`) // a page not at the Cyrillic root
)

// A language is a [languages.xx] block, i18n/xx.yaml and content/xx/: the
// build gives it its pages, its 404 page and its rule, its sitemap, its
// search index, its place in the switcher and the alternates, and its
// readers their own words for help and the exit.
func TestALanguageIsAddedByConfigurationAlone(t *testing.T) {
	public, _ := languagesSite(t)
	pages := htmlPages(t, public)
	redirects := readText(t, filepath.Join(public, "_redirects"))
	sitemaps := readText(t, filepath.Join(public, "sitemap.xml"))
	for _, l := range []struct{ key, dir, label, exit, help, police string }{
		{"uk", "ltr", "Українська", "Швидко вийти", "Допомога зараз", "Поліція"},
		{"ar", "rtl", "العربية", "خروج سريع", "مساعدة الآن", "الشرطة"},
	} {
		for _, rel := range []string{"index.html", "help/index.html", "safe-browsing/index.html", "search/index.html", "404.html"} {
			html, ok := pages[l.key+"/"+rel]
			if !ok {
				t.Errorf("%s/%s was not built", l.key, rel)
				continue
			}
			if m := htmlTag.FindStringSubmatch(html); m == nil || m[1] != l.key || m[2] != l.dir {
				t.Errorf("%s/%s: %q, want lang=%q dir=%q", l.key, rel, m, l.key, l.dir)
			}
			for _, own := range []string{l.exit, l.help, `href="tel:192"`, l.police} {
				if !strings.Contains(html, own) {
					t.Errorf("%s/%s lacks %q", l.key, rel, own)
				}
			}
			for _, serbian := range []string{"Брзи излаз", "Помоћ одмах", "Полиција", "Пређи на садржај"} {
				if strings.Contains(html, serbian) {
					t.Errorf("%s/%s shows the Serbian %q", l.key, rel, serbian)
				}
			}
		}
		if !strings.Contains(redirects, fmt.Sprintf("/%s/* /%s/404.html 404", l.key, l.key)) {
			t.Errorf("_redirects has no 404 rule for /%s/:\n%s", l.key, redirects)
		}
		if !strings.Contains(sitemaps, "/"+l.key+"/sitemap-pages.xml") {
			t.Errorf("the sitemap index does not list /%s/sitemap-pages.xml", l.key)
		}
		if _, err := os.Stat(filepath.Join(public, "search", l.key, "meta.json")); err != nil {
			t.Errorf("no search index for %s: %v", l.key, err)
		}
		link := fmt.Sprintf(`<a href="/%s/help/" hreflang="%s" lang="%s" dir="%s">%s</a>`, l.key, l.key, l.key, l.dir, l.label)
		if !strings.Contains(pages["pomoc/index.html"], link) {
			t.Errorf("the Serbian help page's switcher lacks %s", link)
		}
		alternate := fmt.Sprintf(`hreflang="%s" href="http://localhost:1313/%s/help/" title="%s"`, l.key, l.key, l.label)
		if !strings.Contains(pages["en/help/index.html"], alternate) {
			t.Errorf("the English help page lacks the alternate %s", alternate)
		}
	}
	if !strings.Contains(pages["ar/help/index.html"], `<bdi dir="ltr">192</bdi>`) {
		t.Error("the Arabic help page does not keep the number left to right")
	}
	for _, prefix := range []string{"", "lat/", "en/", "uk/", "ar/"} {
		n, size := 0, 0
		for rel, html := range pages {
			if strings.HasPrefix(rel, prefix) && (prefix != "" || !otherPrefix.MatchString(rel)) {
				n, size = n+1, size+gzipSize(t, []byte(html))
			}
		}
		t.Logf("/%-4s %3d pages, %6d bytes compressed (%d on average)", prefix, n, size, size/max(n, 1))
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A language is published only with its help, its safe-browsing page, its
// home page, every interface string and the help lines' labels; its code
// must be one, and a right-to-left script must say so. Each lack is an
// error naming the file and the fix.
func TestTheSafetyMinimumRefusesAnIncompleteLanguage(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(dir string) error
		want   string
	}{
		{"no help page", func(dir string) error { return os.Remove(filepath.Join(dir, "content/ar/help/_index.md")) },
			"error: the language ar is not published without content/ar/help/_index.md"},
		{"no home page", func(dir string) error { return os.Remove(filepath.Join(dir, "content/uk/_index.md")) },
			"error: the language uk is not published without content/uk/_index.md"},
		{"no exit string", edit("i18n/uk.yaml", `quickExit: "Швидко вийти"`+"\n", ""),
			"i18n/uk.yaml:1:1: error: the interface string quickExit is missing: translate it from i18n/sr.yaml"},
		{"no strings", func(dir string) error { return os.Remove(filepath.Join(dir, "i18n/ar.yaml")) },
			"error: the language ar has no interface strings: copy i18n/sr.yaml to i18n/ar.yaml"},
		{"right to left unsaid", edit("hugo.toml", `direction = "rtl"`, ""),
			`error: the language ar is written right to left: add direction = "rtl" under [languages.ar]`},
		{"a code that is none", edit("hugo.toml", `locale = "uk"`, `locale = "xx"`),
			`error: the language uk: "xx" is not a language code`},
		{"a help line unlabelled", edit("data/hotlines.yaml", `  name_ar: "الشرطة"`+"\n", ""),
			"data/hotlines.yaml:2:1: error: policija: the help line has no name_ar: write it in العربية"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := withLanguages(t)
			if err := c.change(dir); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := runCentar(t, "check", "--lang", "en", "-s", dir)
			if code == 0 || !strings.Contains(stdout+stderr, c.want) {
				t.Errorf("centar check exited %d, want an error saying %q; it said:\n%s%s", code, c.want, stdout, stderr)
			}
		})
	}
	dir := withLanguages(t)
	if code, stdout, stderr := runCentar(t, "check", "--lang", "en", "-s", dir); code != 0 {
		t.Errorf("the complete languages are refused (exit %d):\n%s%s", code, stdout, stderr)
	}
}

// edit replaces old with new in the site's file rel, which must hold it.
func edit(rel, old, new string) func(dir string) error {
	return func(dir string) error {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.Contains(string(b), old) {
			return fmt.Errorf("%s does not hold %q", rel, old)
		}
		return os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
	}
}

// Ukrainian and Arabic on a phone and on a desk: the page's own language
// and direction, nothing sideways, help and the exit in reach at the top
// and halfway down, the exit row mirrored in Arabic, no breach of the
// policy, and axe clean.
func TestOtherLanguagesOnPhonesAndDesksRightToLeftToo(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		notInstalled(t, "axe-core (npm ci at the repository root)")
	}
	_, base := languagesSite(t)
	ctx := newTab(t)
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspWatcher).Do(ctx)
		return err
	}))
	if err := os.MkdirAll(screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []string{"/ar/", "/ar/help/", "/ar/safe-browsing/", "/ar/search/", "/ar/no-such-page/", "/uk/", "/uk/help/", "/uk/search/"}
	for _, size := range []struct {
		w, h   int64
		mobile bool
	}{{360, 640, true}, {1280, 800, false}} {
		if size.mobile {
			run(t, ctx, phone(size.w, size.h))
		} else {
			run(t, ctx, chromedp.EmulateViewport(size.w, size.h))
		}
		for _, p := range pages {
			name := fmt.Sprintf("%d×%d %s", size.w, size.h, p)
			var got struct {
				Lang, Dir, Tel, Exit, HalfTel, HalfExit string
				Width, ScrollWidth, TelX, ExitX         float64
				CSP                                     []string
			}
			run(t, ctx, chromedp.Navigate(base+p), chromedp.WaitReady("[data-quick-exit-init]", chromedp.ByQuery),
				chromedp.Evaluate(fmt.Sprintf(`(() => {
					const x = sel => { const r = document.querySelector(sel).getBoundingClientRect(); return r.left + r.width / 2; };
					const out = {Lang: document.documentElement.lang, Dir: document.documentElement.dir,
						Width: document.documentElement.clientWidth, ScrollWidth: document.documentElement.scrollWidth,
						Tel: %s, Exit: %s, TelX: x('.c-bar a[href^="tel:"]'), ExitX: x('[data-quick-exit]')};
					window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2);
					return out;
				})()`, inReach(`.c-bar a[href^="tel:"]`), inReach(`[data-quick-exit]`)), &got),
				chromedp.Sleep(50e6), // a frame for the sticky row to settle
				chromedp.Evaluate(fmt.Sprintf(`({HalfTel: %s, HalfExit: %s, CSP: window.__csp})`, inReach(`.c-bar a[href^="tel:"]`), inReach(`[data-quick-exit]`)), &got))
			lang, dir := "uk", "ltr"
			if strings.HasPrefix(p, "/ar/") {
				lang, dir = "ar", "rtl"
			}
			if got.Lang != lang || got.Dir != dir {
				t.Errorf("%s: lang=%q dir=%q, want %q %q", name, got.Lang, got.Dir, lang, dir)
			}
			if got.ScrollWidth > got.Width {
				t.Errorf("%s: the page is %.0f px wide on a %.0f px screen", name, got.ScrollWidth, got.Width)
			}
			if got.Tel != "" || got.Exit != "" || got.HalfTel != "" || got.HalfExit != "" {
				t.Errorf("%s: help line %q, exit %q at the top; %q, %q halfway down", name, got.Tel, got.Exit, got.HalfTel, got.HalfExit)
			}
			if mirrored := got.ExitX < got.TelX; mirrored != (dir == "rtl") {
				t.Errorf("%s: the exit is at x=%.0f, the help line at x=%.0f: the row does not follow the text's direction", name, got.ExitX, got.TelX)
			}
			for _, v := range got.CSP {
				t.Errorf("%s: Content-Security-Policy violation: %s", name, v)
			}
			if p == "/ar/help/" || p == "/uk/help/" {
				var png []byte
				run(t, ctx, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil), chromedp.CaptureScreenshot(&png))
				file := fmt.Sprintf("%s-%d.png", strings.Trim(strings.ReplaceAll(p, "/", "_"), "_"), size.w)
				if err := os.WriteFile(filepath.Join(screenshots, file), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	run(t, ctx, page.SetBypassCSP(true)) // axe is the test's, not the site's
	for _, p := range pages {
		var result struct {
			Passed     int
			Violations []string
		}
		run(t, ctx, chromedp.Navigate(base+p), chromedp.Evaluate(string(axe), nil),
			chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']}).then(r => ({
				Passed: r.passes.length, Violations: r.violations.map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))}))`, &result,
				func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		if result.Passed < 10 {
			t.Errorf("%s: axe passed only %d rules: it did not really run", p, result.Passed)
		}
		for _, v := range result.Violations {
			t.Errorf("%s: axe: %s", p, v)
		}
	}
}

// Shift pressed three times leaves an Arabic page as it leaves a Serbian one.
func TestQuickExitLeavesARightToLeftPage(t *testing.T) {
	_, base := languagesSite(t)
	ctx := newTab(t)
	watchExit(t, ctx)
	run(t, ctx, chromedp.Navigate(base+"/ar/help/"), chromedp.WaitReady(`[data-quick-exit-init]`, chromedp.ByQuery),
		shiftAlone(), shiftAlone(), shiftAlone())
	waitLocation(t, ctx, "the quick exit", func(loc string) bool { return loc == exitTarget })
}

// Ukrainian and Arabic readers find their pages with the letters they
// type, folded or not; the Arabic results page runs right to left.
func TestSearchInUkrainianAndArabic(t *testing.T) {
	_, base := languagesSite(t)
	ctx := newTab(t)
	for _, c := range []struct{ page, query, want string }{
		{"/uk/search/", "пам'ять", "/uk/help/"},
		{"/uk/search/", "памʼять", "/uk/help/"},
		{"/uk/search/", "ПАМЯТЬ", "/uk/help/"},
		{"/ar/search/", "المساعدة", "/ar/help/"},
		{"/ar/search/", "المُساعَدة", "/ar/help/"},
		{"/ar/search/", "امانك", "/ar/help/"},
		{"/ar/search/", "أمانك", "/ar/help/"},
	} {
		run(t, ctx, chromedp.Navigate(base+c.page), chromedp.WaitVisible("#q", chromedp.ByID), chromedp.SendKeys("#q", c.query, chromedp.ByID))
		rs := results(t, ctx)
		if !strings.Contains(strings.Join(hrefs(rs), " "), c.want) {
			t.Errorf("%s %q found %v, want %s", c.page, c.query, hrefs(rs), c.want)
		}
		var dir string
		run(t, ctx, chromedp.Evaluate(`getComputedStyle(document.querySelector('[data-search-results]')).direction`, &dir))
		if want := map[bool]string{true: "rtl", false: "ltr"}[strings.HasPrefix(c.page, "/ar/")]; dir != want {
			t.Errorf("%s: the results run %s, want %s", c.page, dir, want)
		}
	}
}
