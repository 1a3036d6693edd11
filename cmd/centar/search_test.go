package main

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"centar/internal/search"
)

// These tests are a reader searching the built site in Chromium, in
// whichever script their keyboard has, with or without diacritics.

type result struct{ Href, Title, Text string }

// results waits for the search page to show all its results (the first
// ten of as many as the live region says) and returns them.
func results(t *testing.T, ctx context.Context) []result {
	t.Helper()
	var got struct {
		Said    int
		Results []result
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		run(t, ctx, chromedp.Evaluate(`({
			Said: parseInt(document.querySelector('[data-search-status]').textContent) || 0,
			Results: [...document.querySelectorAll('[data-search-results] li')].map(li => {
				const a = li.querySelector('a');
				return {Href: a.getAttribute('href'), Title: a.textContent, Text: li.textContent};
			})})`, &got))
		if got.Said > 0 && len(got.Results) == min(got.Said, 10) {
			return got.Results
		}
		if time.Now().After(deadline) {
			var status string
			run(t, ctx, chromedp.Text("[data-search-status]", &status, chromedp.ByQuery))
			t.Fatalf("no results in 10 s (status %q)", status)
		}
	}
}

func hrefs(rs []result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Href)
	}
	return out
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

func TestSearchFindsAcrossScriptsAndCases(t *testing.T) {
	base := servedSite(t)
	for _, c := range []struct {
		name, page, query, want string
		latin                   bool
	}{
		{"Latin without diacritics on the Cyrillic page", "/pretraga/", "zrtve", "/o-centru/delatnost/", false},
		{"Cyrillic on the Latin page", "/lat/pretraga/", "трговина", "/lat/o-centru/delatnost/", true},
		{"a town in another case and script", "/lat/pretraga/", "Крагујевцу", "/lat/vesti/obuka-lokalnih-timova-kragujevac/", true},
		{"a town without diacritics", "/pretraga/", "kragujevac obuka", "/vesti/obuka-lokalnih-timova-kragujevac/", false},
		{"English", "/en/search/", "victims", "/en/about/mandate/", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := newTab(t)
			run(t, ctx, chromedp.Navigate(base+c.page+"?q="+url.QueryEscape(c.query)))
			rs := results(t, ctx)
			found := false
			for _, r := range rs {
				found = found || r.Href == c.want
				if c.latin && hasCyrillic(r.Text) {
					t.Errorf("a result on the Latin page is in Cyrillic: %q", r.Text)
				}
				if r.Title == "" {
					t.Errorf("a result without a title: %+v", r)
				}
			}
			if !found {
				t.Errorf("%q found %v, want %s among them", c.query, hrefs(rs), c.want)
			}
			var marked int
			run(t, ctx, chromedp.Evaluate(`document.querySelectorAll('[data-search-results] mark').length`, &marked))
			if marked == 0 {
				t.Error("no word of the query is marked in the excerpts")
			}
		})
	}
}

// Typing shows results without a reload, keeps the query in the address
// (a reload restores them), and asks nothing of another host.
func TestSearchWhileTypingStaysOnTheSite(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	host := mustHost(t, base)
	var mu sync.Mutex
	var foreign []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			if u, err := url.Parse(e.Request.URL); err == nil && u.Scheme != "data" && u.Host != host {
				mu.Lock()
				foreign = append(foreign, e.Request.URL)
				mu.Unlock()
			}
		}
	})
	run(t, ctx, chromedp.Navigate(base+"/pretraga/"), chromedp.WaitVisible("#q", chromedp.ByID),
		chromedp.Evaluate(`window.__samePage = true`, nil),
		chromedp.SendKeys("#q", "pomoc", chromedp.ByID))
	rs := results(t, ctx)
	var same bool
	var loc string
	run(t, ctx, chromedp.Evaluate(`window.__samePage === true`, &same), chromedp.Location(&loc))
	if !same {
		t.Error("typing reloaded the page")
	}
	if !strings.HasSuffix(loc, "/pretraga/?q=pomoc") {
		t.Errorf("the address is %s, want the query in it", loc)
	}
	if !strings.Contains(strings.Join(hrefs(rs), " "), "/pomoc/") {
		t.Errorf("pomoc found %v, want the help page", hrefs(rs))
	}
	var status string
	run(t, ctx, chromedp.Text("[data-search-status]", &status, chromedp.ByQuery))
	if status == "" {
		t.Error("the live region says nothing of the results")
	}
	run(t, ctx, chromedp.Reload())
	if again := results(t, ctx); len(again) != len(rs) {
		t.Errorf("after a reload %d results, before %d", len(again), len(rs))
	}
	// Moving to a result replaces the history entry, as every link does.
	var before, after int
	run(t, ctx, chromedp.Evaluate(`history.length`, &before), chromedp.Click("[data-search-results] a", chromedp.ByQuery))
	waitLocation(t, ctx, "the first result", func(l string) bool { return !strings.Contains(l, "/pretraga/") })
	// The result's page may still be replacing the search page: asked
	// again until one settled document answers.
	runWhileReloading(t, ctx, chromedp.WaitReady("body", chromedp.ByQuery), chromedp.Evaluate(`history.length`, &after))
	if after != before {
		t.Errorf("following a result added %d history entries, want none", after-before)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, f := range foreign {
		t.Errorf("the search asked another host: %s", f)
	}
}

// Without JavaScript the form still works and the page says where else to
// look.
func TestSearchWithoutJavaScriptSaysWhereToLook(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	var shown bool
	var loc string
	run(t, ctx, emulation.SetScriptExecutionDisabled(true), chromedp.Navigate(base+"/pretraga/"),
		chromedp.SendKeys("#q", "pomoc\r", chromedp.ByID), chromedp.Sleep(300*time.Millisecond),
		chromedp.Location(&loc), chromedp.Evaluate(`document.querySelector('[data-search-nojs]').checkVisibility()`, &shown))
	if !strings.HasSuffix(loc, "/pretraga/?q=pomoc") {
		t.Errorf("the form went to %s, want the search page with the query", loc)
	}
	if !shown {
		t.Error("without JavaScript the page does not say that search needs it")
	}
}

// A search page whose index cannot be had (a host that lost it, a network
// that failed) says so and points to the site's sections, instead of
// staying silent or saying that JavaScript is off.
func TestSearchWithoutItsIndexSaysSoAndPointsToTheSections(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			go func() { _ = chromedp.Run(ctx, fetch.FailRequest(e.RequestID, network.ErrorReasonFailed)) }()
		}
	})
	var said string
	var sections int
	run(t, ctx, fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/search/*"}}),
		chromedp.Navigate(base+"/lat/pretraga/?q=pomoc"),
		chromedp.WaitVisible("[data-search-nojs]", chromedp.ByQuery),
		chromedp.Text("[data-search-nojs] p", &said, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-search-nojs] li a').length`, &sections))
	if !strings.Contains(said, "Pretraga trenutno nije dostupna") || strings.Contains(said, "JavaScript") || sections == 0 {
		t.Errorf("without its index the search page says %q, with %d sections", said, sections)
	}
}

// The browser folds a query exactly as the build folded the index: the
// same words out of the same text, the same keys out of every word. fold.js
// is run in Chromium over the text of every page of the real site, and over
// words made to differ (letters outside the alphabets, joiners in a row,
// İ and final sigma, Ukrainian apostrophes, Arabic vowel marks and the
// Persian non-joiner).
func TestTheBrowserFoldsAsTheIndexDoes(t *testing.T) {
	base := servedSite(t)
	var texts []string
	for _, page := range htmlPages(t, buildRealSite(t)) {
		texts = append(texts, pageText(t, page))
	}
	texts = append(texts, "øre Æble straße İstanbul ΣΟΦΙΑΣ a--b -ab- O’Brien e-mail 5² Ⅻ žrtava Kragujevca izvestioca Đakovo Ђурђевдан ΑΒΓ 日本語 x×y пам'ять памʼять ПАМ’ЯТЬ مُساعَدة أمان إنسان آمنة كتاب کتاب ی می‌خواهم ـــا ‌x‌")
	ctx := newTab(t)
	run(t, ctx, chromedp.Navigate(base+"/pretraga/"), chromedp.WaitReady("body"))
	var got struct {
		Words [][]string
		Keys  map[string][]string
		En    map[string][]string
		Plain map[string][]string
	}
	run(t, ctx, chromedp.Evaluate(`fetch('/search/rules.json').then(r => r.json()).then(rules => {
		const f = centarFold(rules), texts = `+jsonString(t, texts)+`;
		const words = texts.map(s => f.words(s)), keys = {}, en = {}, plain = {};
		words.flat().forEach(w => { keys[w] = f.keys(w, 'sr'); en[w] = f.keys(w, 'en'); plain[w] = f.keys(w, 'uk'); });
		return {Words: words, Keys: keys, En: en, Plain: plain};
	})`, &got, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	mismatches := 0
	for i, text := range texts {
		want := search.Words(text)
		if slices.Equal(got.Words[i], want) || mismatches >= 10 {
			continue
		}
		mismatches++
		n := 0
		for n < min(len(want), len(got.Words[i])) && want[n] == got.Words[i][n] {
			n++
		}
		t.Errorf("words of %q differ from the %d-th on: the browser has %q, the index %q", shorten(text), n+1, got.Words[i][n:min(n+3, len(got.Words[i]))], want[n:min(n+3, len(want))])
	}
	for w, keys := range got.Keys {
		if want := search.Keys(w); !slices.Equal(keys, want) && mismatches < 20 {
			mismatches++
			t.Errorf("%q folds to %q in the browser, %q in the index", w, keys, want)
		}
		if want := search.EnglishKey(w); !slices.Equal(got.En[w], []string{want}) && mismatches < 20 {
			mismatches++
			t.Errorf("%q folds to %q in English in the browser, %q in the index", w, got.En[w], want)
		}
		if want := search.PlainKey(w); !slices.Equal(got.Plain[w], []string{want}) && mismatches < 20 {
			mismatches++
			t.Errorf("%q folds to %q in a language without rules in the browser, %q in the index", w, got.Plain[w], want)
		}
	}
	t.Logf("%d words of %d texts folded alike", len(got.Keys), len(texts))
}

// pageText is the text of a page's body, as a reader sees it.
func pageText(t *testing.T, page string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

func jsonString(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// One result is said as any other count: Go's templates once took the
// attribute holding its words for a script and put them in quotes.
func TestSearchSaysOneResultWithoutQuotes(t *testing.T) {
	public := buildRealSite(t)
	for rel, want := range map[string]string{
		"pretraga/index.html":     `data-results-one="%d резултат"`,
		"lat/pretraga/index.html": `data-results-one="%d rezultat"`,
		"en/search/index.html":    `data-results-one="%d result"`,
	} {
		if html := readText(t, filepath.Join(public, rel)); !strings.Contains(html, want) {
			t.Errorf("%s lacks %s", rel, want)
		}
	}
}

// The preview searches as the published site does: a query on centar
// serve finds a page, and once a page's title is edited, the search finds
// the new title, the index made anew from the preview's pages.
func TestPreviewSearchFindsAPageAndItsEditedTitle(t *testing.T) {
	dir, base, output := preview(t)
	status, h, body := get(t, base+"/search/rules.json")
	if status != 200 || !strings.Contains(h.Get("Content-Type"), "json") || h.Get("Content-Security-Policy") == "" || !strings.Contains(body, "latin") {
		t.Fatalf("/search/rules.json on the preview: %d %v %.100s\n%s", status, h, body, output)
	}
	ctx := newTab(t)
	run(t, ctx, chromedp.Navigate(base+"/lat/pretraga/?q="+url.QueryEscape("zrtve")))
	if rs := results(t, ctx); !slices.Contains(hrefs(rs), "/lat/o-centru/delatnost/") {
		t.Errorf("zrtve found %v on the preview, want /lat/o-centru/delatnost/ among them", hrefs(rs))
	}

	help := filepath.Join(dir, "content", "sr", "pomoc", "_index.md")
	b, err := os.ReadFile(help)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, help, strings.Replace(string(b), "\ntitle: \"", "\ntitle: \"Зебрасти ", 1))
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if _, _, page := get(t, base+"/lat/pomoc/"); strings.Contains(page, "Zebrasti") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the edited title did not show in 30 s\n%s", output)
		}
	}
	// The search page open in the tab is refreshed by the edit (live
	// reload, once or twice, which may abort a navigation, or reload the
	// old query after it): while the tab is not on the new query, it is
	// asked again; there it finds the new title. (One result: results()
	// reads counts of more.)
	query := base + "/lat/pretraga/?q=" + url.QueryEscape("zebrasti")
	var found []string
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var at string
		runWhileReloading(t, ctx, chromedp.Location(&at))
		if at != query {
			runWhileReloading(t, ctx, chromedp.Navigate(query))
		}
		runWhileReloading(t, ctx, chromedp.Evaluate(`[...document.querySelectorAll('[data-search-results] a')].map(a => a.getAttribute('href') + ' ' + a.textContent)`, &found))
		if slices.Contains(found, "/lat/pomoc/ Zebrasti Pomoć i telefoni") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the edited title's word found %q, want /lat/pomoc/ with its new title\n%s", found, output)
		}
	}
}
