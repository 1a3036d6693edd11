package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"centar/internal/netlify"
)

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// patient asks the preview, and gives up on an answer that does not come:
// a stalled build must fail a test, not hang it.
var patient = &http.Client{Timeout: 20 * time.Second}

// preview runs `centar serve` on a copy of the real site, in a process of
// its own, and returns the site's folder, the preview's address and the
// process's output; the process is stopped with Ctrl+C when the test ends,
// and must then exit cleanly.
func preview(t *testing.T) (dir, base string, output *lockedBuffer) {
	t.Helper()
	return previewOf(t, copySite(t), http.StatusOK)
}

// previewOf runs `centar serve` on the site in dir, and returns once its home
// page answers with status ready.
func previewOf(t *testing.T, dir string, ready int) (_, base string, output *lockedBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	output = &lockedBuffer{}
	cmd := exec.Command(os.Args[0], "serve", "--source", dir, "--port", fmt.Sprint(port))
	cmd.Env = append(os.Environ(), "CENTAR_TEST_AS_CLI=1")
	cmd.Stdout, cmd.Stderr = output, output
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		select {
		case err := <-exited:
			if err != nil {
				t.Errorf("centar serve did not stop cleanly on Ctrl+C: %v\n%s", err, output)
			}
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Errorf("centar serve still runs 20 s after Ctrl+C\n%s", output)
		}
	})
	base = fmt.Sprintf("http://localhost:%d", port)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case err := <-exited:
			t.Fatalf("centar serve exited: %v\n%s", err, output)
		default:
		}
		if resp, err := patient.Get(base + "/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == ready {
				return dir, base, output
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the preview did not answer in 2 minutes\n%s", output)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func get(t *testing.T, u string) (int, http.Header, string) {
	t.Helper()
	resp, err := patient.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// The preview is the published site, seen before it is published: the same
// addresses, headers and "not found" pages, and nothing written to public/.
func TestPreviewIsThePublishedSiteAndLeavesPublicAlone(t *testing.T) {
	dir, base, output := preview(t)
	config, err := netlify.Load(filepath.Join(dir, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	policy := config.Header("Content-Security-Policy")

	for _, c := range []struct {
		path, status, lang, has string
	}{
		{"/", "200", `lang="sr-Cyrl-RS"`, `href="/lat/"`},
		{"/lat/", "200", `lang="sr-Latn-RS"`, "Pomoć"},
		{"/lat/pomoc/", "200", `lang="sr-Latn-RS"`, "Pomoć"},
		{"/en/help/", "200", `lang="en"`, "Help"},
		{"/nema-takve-stranice/", "404", `lang="sr-Cyrl-RS"`, "<title>Страница није пронађена"},
		{"/lat/nema-takve-stranice/", "404", `lang="sr-Latn-RS"`, "<title>Stranica nije pronađena"},
		{"/en/no-such-page/", "404", `lang="en"`, "<title>Page not found"},
	} {
		status, h, body := get(t, base+c.path)
		if fmt.Sprint(status) != c.status {
			t.Errorf("%s: status %d, want %s", c.path, status, c.status)
		}
		if got := h.Get("Content-Security-Policy"); got != policy {
			t.Errorf("%s: Content-Security-Policy %q, want netlify.toml's %q", c.path, got, policy)
		}
		for _, want := range []string{c.lang, c.has} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: page lacks %q", c.path, want)
			}
		}
		for _, hugoName := range []string{"/sr-latn/", "/sr-cyrl/"} {
			if strings.Contains(body, hugoName) {
				t.Errorf("%s: links to %s, an address the published site does not have", c.path, hugoName)
			}
		}
	}

	// An edit shows in both scripts.
	help := filepath.Join(dir, "content", "sr", "pomoc", "_index.md")
	b, err := os.ReadFile(help)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, help, strings.Replace(string(b), "\ntitle: \"", "\ntitle: \"Измењено ", 1))
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, _, latin := get(t, base+"/lat/pomoc/")
		_, _, cyrillic := get(t, base+"/pomoc/")
		if strings.Contains(latin, "Izmenjeno") && strings.Contains(cyrillic, "Измењено") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the edited title did not show in 30 s\n%s", output)
		}
		time.Sleep(100 * time.Millisecond)
	}

	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("the preview wrote public/ (stat: %v)", err)
	}
	said := output.String()
	if !strings.Contains(said, base+"/") {
		t.Errorf("centar serve did not say its address %s/:\n%s", base, said)
	}
	if !strings.Contains(said, "(Latinica: /lat/, English: /en/)") {
		t.Errorf("centar serve did not say where each language is, by its own name:\n%s", said)
	}
	for _, hugos := range []string{"Web Server is available", "disableFastRender", "Press Ctrl+C"} {
		if strings.Contains(said, hugos) {
			t.Errorf("centar serve printed Hugo's banner (%q):\n%s", hugos, said)
		}
	}
}

// Every kind of file the site is made of reaches the preview: an interface
// string (converted by centar), a layout saved the way editors save (a new
// file renamed onto the old), an English page, the configuration; a page not
// looked at since a change is rendered anew when asked for; and a template
// that breaks every page is said, and mended by the next save.
// A page is sent whole whatever the browser says it has: a page changes
// under its address within the second Last-Modified counts in, and a 304
// kept the edit off the screen (the reload test failed one run in three).
func TestPreviewAnswersConditionalRequestsWithThePage(t *testing.T) {
	_, base, output := preview(t)
	status, header, _ := get(t, base+"/lat/pomoc/")
	if status != http.StatusOK {
		t.Fatalf("/lat/pomoc/ answers %d\n%s", status, output)
	}
	req, err := http.NewRequest(http.MethodGet, base+"/lat/pomoc/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("If-Modified-Since", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
	if etag := header.Get("ETag"); etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	resp, err := patient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "<h1") {
		t.Errorf("a conditional request for /lat/pomoc/ answers %d with %d bytes, want the page", resp.StatusCode, len(body))
	}
}

func TestPreviewFollowsEveryKindOfChange(t *testing.T) {
	dir, base, output := preview(t)
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		// Written beside and renamed into place, as editors and sed -i do.
		if err := os.WriteFile(p+".new", []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p+".new", p); err != nil {
			t.Fatal(err)
		}
	}
	// within30s looks until done, and fails saying what did not happen.
	within30s := func(what func() string, done func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !done(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s in 30 s\n%s", what(), output)
			}
		}
	}
	answers := func(path string, status int, want string) {
		t.Helper()
		var body string
		within30s(func() string { return fmt.Sprintf("%s does not answer %d with %q\n%s", path, status, want, body) }, func() bool {
			var got int
			got, _, body = get(t, base+path)
			return got == status && strings.Contains(body, want)
		})
	}
	shows := func(path, want string) {
		t.Helper()
		answers(path, http.StatusOK, want)
	}

	edit("i18n/sr.yaml", `quickExit: "Брзи излаз"`, `quickExit: "Брзи излаз одмах"`)
	shows("/", "Брзи излаз одмах")
	shows("/lat/o-centru/", "Brzi izlaz odmah") // not asked for since the start
	// English strings are Hugo's to read, beside the Serbian ones centar converts.
	edit("i18n/en.yaml", `quickExit: "Exit this page"`, `quickExit: "Leave this page"`)
	shows("/en/", "Leave this page")

	// The help line is made once a language, not on every page: a changed
	// number still shows on every page, in both scripts.
	edit("data/hotlines.yaml", `number: "192"`, `number: "194"`)
	shows("/", `<strong dir="ltr">194</strong>`)
	shows("/lat/vesti/", `<strong dir="ltr">194</strong>`)

	// The style sheet is minified and fingerprinted once for every page: an
	// edited one is linked, under its new name, from the pages of each language.
	edit("themes/centar/assets/css/main.css", "--c-help: #00513f;", "--c-help: #00513e;")
	for _, page := range []string{"/", "/en/"} {
		within30s(func() string { return page + " does not link the edited style sheet" }, func() bool {
			_, _, body := get(t, base+page)
			_, rest, ok := strings.Cut(body, `<link rel="stylesheet" href="`)
			if !ok {
				return false
			}
			href, _, _ := strings.Cut(rest, `"`)
			_, _, css := get(t, base+href)
			return strings.Contains(css, "#00513e")
		})
	}

	edit("themes/centar/layouts/baseof.html", "<body>", "<body data-edited-layout>")
	shows("/en/", "data-edited-layout")

	edit("content/en/about/_index.md", `title: "About the Centre"`, `title: "About the Centre, edited"`)
	shows("/en/about/", "About the Centre, edited")

	edit("hugo.toml", `quickExitURL = "https://www.google.com/"`, `quickExitURL = "https://www.example.org/"`)
	shows("/", "https://www.example.org/")
	edit("hugo.toml", "[params]", "[params")
	answers("/en/", http.StatusInternalServerError, "hugo.toml:")
	edit("hugo.toml", "[params", "[params]")
	shows("/en/", "https://www.example.org/")

	edit("themes/centar/layouts/baseof.html", "<body data-edited-layout>", "<body>{{ .NoSuchField }}")
	within30s(func() string { return "the broken template was not said" }, func() bool {
		return strings.Contains(output.String(), "NoSuchField")
	})
	// In the browser too, in place of the page, and reloading once mended.
	status, _, body := get(t, base+"/lat/")
	if status != http.StatusInternalServerError || !strings.Contains(body, "NoSuchField") ||
		!strings.Contains(body, "baseof.html") || !strings.Contains(body, "/livereload.js?") {
		t.Errorf("while the site does not build, a page answers %d:\n%s", status, body)
	}
	edit("themes/centar/layouts/baseof.html", "<body>{{ .NoSuchField }}", "<body data-mended>")
	shows("/", "data-mended")
	shows("/lat/vesti/", "data-mended") // failed with the others, not asked for since
	edit("i18n/sr.yaml", `quickExit: "Брзи излаз одмах"`, `quickExit: "Брзи излаз"`)
	shows("/lat/", "Brzi izlaz<")
}

// A page whose source is deleted, or moved away, is gone from the preview
// in both scripts, as it would be from the published site; the list that
// showed it no longer does.
func TestPreviewForgetsADeletedPage(t *testing.T) {
	dir, base, output := preview(t)
	const news = "/vesti/obuka-lokalnih-timova-kragujevac/"
	for _, page := range []string{news, "/lat" + news} {
		if status, _, _ := get(t, base+page); status != http.StatusOK {
			t.Fatalf("%s answers %d before the page is deleted", page, status)
		}
	}
	if _, _, body := get(t, base+"/vesti/"); !strings.Contains(body, news) {
		t.Fatal("the news list does not link the page before it is deleted")
	}
	if err := os.Remove(filepath.Join(dir, "content/sr/vesti/obuka-lokalnih-timova-kragujevac.md")); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{news, "/lat" + news} {
		var status int
		for deadline := time.Now().Add(30 * time.Second); status != http.StatusNotFound; time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s still answers %d 30 s after its source was deleted\n%s", page, status, output)
			}
			status, _, _ = get(t, base+page)
		}
	}
	if _, _, body := get(t, base+"/vesti/"); strings.Contains(body, news) {
		t.Error("the news list still links the deleted page")
	}
}

// brokenOnEveryPage copies the site with a template every page uses broken,
// and returns it and how to mend it.
func brokenOnEveryPage(t *testing.T) (dir string, mend func()) {
	t.Helper()
	dir = copySite(t)
	layout := filepath.Join(dir, "themes", "centar", "layouts", "baseof.html")
	b, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, layout, strings.Replace(string(b), "<body>", "<body>{{ .NoSuchField }}", 1))
	return dir, func() { writeFile(t, layout, string(b)) }
}

// saysBrokenTemplate tells whether what was said names the broken template's
// failure, or, when the build stalled on the failures (Hugo can when ten
// pages fail at once), that Hugo gave up.
func saysBrokenTemplate(said string) bool {
	return strings.Contains(said, "NoSuchField") || strings.Contains(said, "ten pages fail")
}

// A site that does not build when the preview starts is shown as the
// failure, and whole once mended: pages that never rendered included.
func TestPreviewStartsOnABrokenTemplate(t *testing.T) {
	dir, mend := brokenOnEveryPage(t)
	_, base, output := previewOf(t, dir, http.StatusInternalServerError)
	if _, _, body := get(t, base+"/en/"); !saysBrokenTemplate(body) {
		t.Errorf("the failure is not shown:\n%s", body)
	}
	mend()
	for _, path := range []string{"/", "/lat/o-centru/", "/en/about/"} {
		var status int
		for deadline := time.Now().Add(30 * time.Second); status != http.StatusOK; time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s answers %d 30 s after the template was mended\n%s", path, status, output)
			}
			status, _, _ = get(t, base+path)
		}
	}
}

// centar build on a template that fails on every page fails, saying so,
// whichever way Hugo fails (it can stall when ten pages fail at once): it
// does not hang. It runs in a process of its own: a stalled build is left
// to end with its process.
func TestBuildOnABrokenTemplateFails(t *testing.T) {
	dir, _ := brokenOnEveryPage(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "build", "--source", dir)
	cmd.Env = append(os.Environ(), "CENTAR_TEST_AS_CLI=1")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("centar build did not end in 2 minutes:\n%s", out)
	}
	if err == nil || !saysBrokenTemplate(string(out)) {
		t.Errorf("exit %v, want a failure naming what failed:\n%s", err, out)
	}
}

// In the browser the preview keeps the site's policy, live reload included,
// and an edit reloads the page by itself.
func TestPreviewReloadsUnderThePolicy(t *testing.T) {
	chromium(t)
	dir, base, output := preview(t)
	ctx := newTab(t)
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspWatcher).Do(ctx)
		return err
	}))
	connected := make(chan struct{})
	var once sync.Once
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventWebSocketHandshakeResponseReceived); ok && e.Response.Status == http.StatusSwitchingProtocols {
			once.Do(func() { close(connected) })
		}
	})
	run(t, ctx, chromedp.Navigate(base+"/lat/pomoc/"), chromedp.WaitVisible("h1"))
	select {
	case <-connected:
	case <-time.After(30 * time.Second):
		t.Fatalf("the live reload did not connect through the preview in 30 s\n%s", output)
	}
	help := filepath.Join(dir, "content", "sr", "pomoc", "_index.md")
	b, err := os.ReadFile(help)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, help, strings.Replace(string(b), "\ntitle: \"", "\ntitle: \"Измењено ", 1))
	var heading string
	var asked error
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(heading, "Izmenjeno") {
		if time.Now().After(deadline) {
			t.Fatalf("the page did not reload with the edit in 30 s (heading %q, last query: %v)\n%s", heading, asked, output)
		}
		time.Sleep(200 * time.Millisecond)
		// A query that lands while the page swaps documents fails with
		// "Cannot find context"; that is the reload under test, so ask again.
		asked = chromedp.Run(ctx, chromedp.Text("h1", &heading))
	}
	var violations []string
	runWhileReloading(t, ctx, chromedp.Evaluate(`window.__csp`, &violations))
	for _, v := range violations {
		t.Errorf("Content-Security-Policy violation in the preview: %s", v)
	}
}

// A port already taken (a preview left running) is said plainly, before
// anything is built.
func TestPreviewOnATakenPortSaysSo(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
	code, _, stderr := runCentar(t, "serve", "--source", copySite(t), "--port", port)
	if code == 0 || !strings.Contains(stderr, port) || !strings.Contains(stderr, "--port") {
		t.Errorf("exit %d, stderr %q: want a failure naming port %s and --port", code, stderr, port)
	}
}
