package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"

	"centar/internal/netlify"
)

// These tests load the built site in Debian's Chromium, served with the
// headers of netlify.toml, and do what a reader does.

// chromium finds the browser, or stops the test as notInstalled does.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CENTAR_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	notInstalled(t, "Chromium (apt install chromium, or set CENTAR_CHROMIUM)")
	return ""
}

var (
	serveOnce sync.Once
	siteURL   string
	headers   *netlify.Config
)

// servedSite builds the real site and serves public/ as Netlify would.
func servedSite(t *testing.T) string {
	t.Helper()
	public := buildRealSite(t)
	serveOnce.Do(func() {
		var err error
		headers, err = netlify.Load("../../netlify.toml")
		if err != nil {
			panic(err)
		}
		srv := httptest.NewServer(headers.Handler(public))
		siteURL = srv.URL // closed when the test binary exits
	})
	return siteURL
}

// newTab starts a headless Chromium with a fresh profile and returns a tab.
func newTab(t *testing.T) context.Context {
	t.Helper()
	exec := chromium(t)
	// Chromium's helpers may still write to the profile as it exits, so the
	// folder is removed without t.TempDir's strictness.
	profile, err := os.MkdirTemp("", "centar-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exec),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("no-first-run", true),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc(); os.RemoveAll(profile) })
	if err := chromedp.Run(ctx, network.Enable()); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

func run(t *testing.T, ctx context.Context, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// runWhileReloading runs actions on a page that live reload may replace
// under them (an edit can reach Hugo in two rebuilds, each a reload): a
// failure is asked again until the actions run on one settled document.
func runWhileReloading(t *testing.T, ctx context.Context, actions ...chromedp.Action) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := chromedp.Run(ctx, actions...)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pageURLs lists every page of the built site as a URL path.
func pageURLs(t *testing.T) []string {
	var out []string
	for rel := range htmlPages(t, buildRealSite(t)) {
		if strings.HasSuffix(rel, "404.html") {
			continue // reached through a missing address, below
		}
		out = append(out, "/"+strings.TrimSuffix(rel, "index.html"))
	}
	sort.Strings(out)
	return append(out, "/nema-takve-stranice/", "/lat/nema-takve-stranice/", "/en/no-such-page/")
}

// cspWatcher records every Content-Security-Policy violation a page reports.
const cspWatcher = `window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`

// Every page loads only from its own host, sets no cookie, and breaks no
// rule of the Content-Security-Policy that netlify.toml sends.
func TestPagesLoadOnlyTheirOwnFilesWithoutCookiesOrCSPViolations(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	host := mustHost(t, base)
	var mu sync.Mutex
	var foreign, cookies []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u, err := url.Parse(e.Request.URL); err == nil && u.Scheme != "data" && u.Host != host {
				foreign = append(foreign, e.Request.URL)
			}
		case *network.EventResponseReceivedExtraInfo:
			for k := range e.Headers {
				if strings.EqualFold(k, "Set-Cookie") {
					cookies = append(cookies, e.Headers[k].(string))
				}
			}
		}
	})
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspWatcher).Do(ctx)
		return err
	}))
	for _, p := range pageURLs(t) {
		var violations []string
		run(t, ctx, chromedp.Navigate(base+p), chromedp.Evaluate(`window.__csp`, &violations))
		for _, v := range violations {
			t.Errorf("%s: Content-Security-Policy violation: %s", p, v)
		}
		mu.Lock()
		for _, f := range foreign {
			t.Errorf("%s: request to another host: %s", p, f)
		}
		for _, c := range cookies {
			t.Errorf("%s: sets a cookie: %s", p, c)
		}
		foreign, cookies = nil, nil
		mu.Unlock()
	}
	var stored []*network.Cookie
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		stored, err = storage.GetCookies().Do(ctx)
		return err
	}))
	if len(stored) > 0 {
		t.Errorf("the browser holds %d cookies after reading the site", len(stored))
	}
}

func mustHost(t *testing.T, raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Host
}

// exitTarget is where the quick exit goes (params.quickExitURL). The test
// answers for it, so nothing leaves the machine.
const exitTarget = "https://www.google.com/"

// exitReport makes the page note, the moment the quick exit marks it,
// whether it is hidden: before the browser has even asked for the neutral
// site. The note goes to the site's own storage, written at once, where the
// test reads it after the page is gone (a console message sent while the
// page leaves can be lost).
const exitReport = `new MutationObserver(function () {
  if (document.documentElement.classList.contains('is-exiting')) {
    localStorage.setItem('centar-exit-hidden', String(getComputedStyle(document.body).display === 'none'));
  }
}).observe(document, {attributes: true, subtree: true, attributeFilter: ['class']});`

// elsewhere is a page of another site, where a reader comes from: it links
// to the page of the site given after its #.
const elsewhere = "https://elsewhere.example/"

// watchExit answers the quick exit's request, and elsewhere's, itself, so
// nothing leaves the machine, and puts exitReport on every page.
func watchExit(t *testing.T, ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			go func() {
				page := "<!doctype html><title>neutral</title>"
				if strings.HasPrefix(e.Request.URL, elsewhere) {
					page = `<!doctype html><title>elsewhere</title><a id="to-site" href="` + siteURL + `/">the Centre</a>`
				}
				body := base64.StdEncoding.EncodeToString([]byte(page))
				_ = chromedp.Run(ctx, fetch.FulfillRequest(e.RequestID, 200).WithBody(body).
					WithResponseHeaders([]*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html"}}))
			}()
		}
	})
	run(t, ctx, fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: exitTarget + "*"}, {URLPattern: elsewhere + "*"}}),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(exitReport).Do(ctx)
			return err
		}))
}

func TestQuickExitLeavesAndHidesThePageAtOnce(t *testing.T) {
	base := servedSite(t)
	for _, how := range []string{"button", "shift×3"} {
		t.Run(how, func(t *testing.T) {
			ctx := newTab(t)
			watchExit(t, ctx)
			var before int
			// Act once the script has taken the button: before that it is a
			// plain link, and Shift does nothing.
			run(t, ctx, chromedp.Navigate(base+"/pomoc/"), chromedp.WaitReady(`[data-quick-exit-init]`, chromedp.ByQuery), chromedp.Evaluate(`history.length`, &before))
			switch how {
			case "button":
				run(t, ctx, chromedp.Click(`[data-quick-exit]`, chromedp.ByQuery))
			default:
				run(t, ctx, shiftAlone(), shiftAlone(), shiftAlone())
			}
			var loc string
			for deadline := time.Now().Add(10 * time.Second); loc != exitTarget; {
				if time.Now().After(deadline) {
					t.Fatalf("the quick exit did not leave the page: at %s", loc)
				}
				time.Sleep(20 * time.Millisecond)
				run(t, ctx, chromedp.Location(&loc))
			}
			var after int
			run(t, ctx, chromedp.WaitReady("title", chromedp.ByQuery), chromedp.Evaluate(`history.length`, &after))
			if after != before {
				t.Errorf("history grew from %d to %d: Back would return to the page", before, after)
			}
			// Back on the site's own origin, read the note the page left.
			var hidden string
			run(t, ctx, chromedp.Navigate(base+"/robots.txt"), chromedp.Evaluate(`localStorage.getItem('centar-exit-hidden') || ''`, &hidden))
			if hidden != "true" {
				t.Errorf("the page was still shown when the browser left it (noted %q)", hidden)
			}
		})
	}
}

func TestSwitchesKeepTheReaderOnTheSamePage(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	steps := []struct{ from, link, want string }{
		{"/o-centru/delatnost/", `.c-switch a[hreflang="sr-Latn-RS"]`, "/lat/o-centru/delatnost/"},
		{"/lat/o-centru/delatnost/", `.c-switch a[hreflang="en"]`, "/en/about/mandate/"},
		{"/en/about/mandate/", `.c-switch a[hreflang="sr-Cyrl-RS"]`, "/o-centru/delatnost/"},
		{"/vesti/ban-iii-nacionalni-izvestilac/", `.c-switch a[hreflang="en"]`, "/en/news/ban-iii-national-rapporteur/"},
		{"/lat/strategija/akcioni-plan/", `.c-switch a[hreflang="sr-Cyrl-RS"]`, "/strategija/akcioni-plan/"},
	}
	for _, s := range steps {
		var loc string
		run(t, ctx, chromedp.Navigate(base+s.from), chromedp.Click(s.link, chromedp.ByQuery), chromedp.WaitReady("main", chromedp.ByQuery), chromedp.Location(&loc))
		if got := strings.TrimPrefix(loc, base); got != s.want {
			t.Errorf("from %s, %s led to %s, want %s", s.from, s.link, got, s.want)
		}
	}
}

// axe-core, from npm, checks every page for the WCAG 2.2 A and AA rules.
func TestAccessibilityAxe(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		notInstalled(t, "axe-core (npm ci at the repository root)")
	}
	base := servedSite(t)
	ctx := newTab(t)
	// axe is injected by the test, not sent by the site: let it past the CSP.
	run(t, ctx, page.SetBypassCSP(true))
	type node struct {
		Target []any `json:"target"`
	}
	type violation struct {
		ID, Help, Impact string
		Nodes            []node
	}
	var result struct {
		Passed     int
		Violations []violation
	}
	for _, p := range pageURLs(t) {
		run(t, ctx, chromedp.Navigate(base+p), chromedp.Evaluate(string(axe), nil),
			chromedp.Evaluate(`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}, resultTypes: ['violations']}).then(r => ({
				Passed: r.passes.length,
				Violations: r.violations.map(v => ({ID: v.id, Help: v.help, Impact: v.impact, Nodes: v.nodes.map(n => ({target: n.target}))}))}))`, &result,
				func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		t.Logf("%-55s axe: %d rules passed, %d violated", p, result.Passed, len(result.Violations))
		if result.Passed < 10 {
			t.Errorf("%s: axe passed only %d rules: it did not really run", p, result.Passed)
		}
		for _, v := range result.Violations {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target...))
			}
			t.Errorf("%s: axe rule %s (%s): %s — at %s", p, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
		}
	}
}
