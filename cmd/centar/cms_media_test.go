package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"centar/internal/testsite"
)

// browserLog gathers what the admin's page says in the console: errors,
// warnings and the Content-Security-Policy's refusals.
type browserLog struct {
	mu    sync.Mutex
	lines []string
}

func (b *browserLog) add(s string) {
	b.mu.Lock()
	b.lines = append(b.lines, s)
	b.mu.Unlock()
}

func (b *browserLog) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Join(b.lines, "\n")
}

// watchConsole starts gathering the tab's console, and accepts its
// dialogs ("publish this entry?").
func watchConsole(t *testing.T, ctx context.Context) *browserLog {
	b := &browserLog{}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *log.EventEntryAdded:
			b.add("log " + string(ev.Entry.Source) + " " + string(ev.Entry.Level) + ": " + ev.Entry.Text + " " + ev.Entry.URL)
		case *runtime.EventExceptionThrown:
			b.add("exception: " + ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
				var parts []string
				for _, a := range ev.Args {
					if a.Description != "" {
						parts = append(parts, a.Description)
					} else {
						parts = append(parts, string(a.Value))
					}
				}
				b.add("console " + string(ev.Type) + ": " + strings.Join(parts, " "))
			}
		case *page.EventJavascriptDialogOpening:
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
		}
	})
	run(t, ctx, log.Enable(), runtime.Enable())
	return b
}

// pngImage is a small picture.
func pngImage(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 120, 80))
	for x := range 120 {
		for y := range 80 {
			img.Set(x, y, color.RGBA{uint8(2 * x), 90, uint8(3 * y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// shot keeps what the editor sees in /tmp/h2/NAME.png.
func shot(t *testing.T, ctx context.Context, name string) {
	var b []byte
	if err := chromedp.Run(ctx, chromedp.FullScreenshot(&b, 100)); err != nil {
		t.Log(err)
		return
	}
	os.MkdirAll("/tmp/h2", 0o755)
	os.WriteFile(filepath.Join("/tmp/h2", name+".png"), b, 0o644)
}

// storeState is what Decap holds of the entry being edited: its body and
// its media files, read from its Redux store through React's tree.
const storeState = `(() => {
  if (!window.__store) {
    const root = document.getElementById('nc-root') || document.body.firstElementChild;
    const key = Object.keys(root).find(k => k.startsWith('__reactContainer'));
    const stack = [root[key]];
    while (stack.length && !window.__store) {
      const f = stack.pop();
      if (!f) continue;
      if (f.memoizedProps && f.memoizedProps.store && f.memoizedProps.store.getState) window.__store = f.memoizedProps.store;
      stack.push(f.child, f.sibling);
    }
  }
  const e = window.__store.getState().entryDraft.get('entry');
  return JSON.stringify({body: e.getIn(['data', 'body']), files: e.get('mediaFiles').toJS().map(f => f.path)});
})()`

// An editor adds a picture to a news item in the web CMS: uploads it from
// the image button, saves; the picture shows in the editor and in the
// preview, and it is committed on the draft's branch under a name the
// check accepts, in the text too. Then the editor takes the picture out of
// the text and saves again. Nothing the page asks for is refused by its
// Content-Security-Policy.
func TestCMSUploadsAnImageIntoANewsItem(t *testing.T) {
	nm := decapInstalled(t)
	chromium(t)
	dir := siteRepo(t, nm)
	base := startCMS(t, dir)
	ctx := newTab(t)
	logs := watchConsole(t, ctx)
	pic := filepath.Join(t.TempDir(), "Слика Ниш 2024.PNG")
	picture := pngImage(t)
	os.WriteFile(pic, picture, 0o644)
	defer func() {
		if t.Failed() {
			shot(t, ctx, "media-failed")
			t.Log(logs)
		}
	}()
	state := func() (s struct {
		Body  string
		Files []string
	}) {
		var out string
		run(t, ctx, chromedp.Evaluate(storeState, &out))
		json.Unmarshal([]byte(out), &s)
		return s
	}
	run(t, ctx, chromedp.EmulateViewport(1400, 1000), chromedp.Navigate(base+"/admin/"),
		chromedp.Click(`//button[contains(., "Пријава")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch),
		chromedp.Navigate(base+"/admin/#/collections/vesti/new"),
		chromedp.WaitVisible("#title-field-1", chromedp.ByID),
		chromedp.SendKeys("#title-field-1", "Слика у Нишу", chromedp.ByID),
		chromedp.Click(`[data-testid="now-button"]`, chromedp.ByQuery),
		chromedp.Click(`(//*[@contenteditable="true"])[1]`, chromedp.BySearch),
		chromedp.SendKeys(`(//*[@contenteditable="true"])[1]`, "Текст са сликом.", chromedp.BySearch),
		// The image button of the Serbian text, then its picture.
		chromedp.Click(`(//button[@title="Додај компоненту"])[1]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="menuitem"][contains(., "Слика") or contains(., "Image")]`, chromedp.BySearch),
		chromedp.Click(`//button[contains(., "Одабери слику")]`, chromedp.BySearch),
		chromedp.SetUploadFiles(`input[type="file"]`, []string{pic}, chromedp.ByQuery),
		chromedp.Click(`//button[contains(., "Одабери означено")]`, chromedp.BySearch),
		chromedp.SendKeys(`input[id^="alt-field"]`, "Учесници обуке", chromedp.ByQuery))
	shot(t, ctx, "media-1-chosen")
	// Decap takes the text a moment after the last key.
	waitFor(t, "the picture in the entry's text", func() bool { return strings.Contains(state().Body, "![Учесници обуке](/slike/") })
	run(t, ctx, chromedp.Click(`//button[contains(., "Сачувај")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Статус:")]`, chromedp.BySearch))
	branch := "cms/vesti/слика-у-нишу"
	waitFor(t, "the draft branch", func() bool { return branchExists(t, dir, branch) })

	// On the branch: the picture under a name the check accepts, and the
	// text pointing at it.
	const name = "slika-nis-2024.png"
	onBranch := func(rel string) (string, bool) {
		return testsite.File(t, dir, branch, rel)
	}
	if got, ok := onBranch("static/slike/" + name); !ok || got != string(picture) {
		t.Fatalf("static/slike/%s is not the picture on %s", name, branch)
	}
	if got, _ := onBranch("content/sr/vesti/slika-u-nisu.md"); !strings.Contains(got, "![Учесници обуке](/slike/"+name+")") {
		t.Errorf("the draft's text does not show the picture by its new name:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "static/slike", name)); err == nil {
		t.Error("the draft's picture is in the folder before it is published")
	}

	// The editor shows it, and so does the preview, in both scripts.
	loaded := func(sel string) bool {
		var ok bool
		chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('`+sel+`')].some(i => i.complete && i.naturalWidth === 120)`, &ok))
		return ok
	}
	waitFor(t, "the picture in the editor", func() bool { return state().Body != "" && loaded(`img[src$="/slike/`+name+`"]`) })
	shot(t, ctx, "media-2-saved")
	{
		c, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := chromedp.Run(c, chromedp.Click(`button[title="Укључи/искључи преглед"], button[title*="читаоци"]`, chromedp.ByQuery))
		cancel()
		if err != nil {
			var titles string
			chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('button')].map(b => b.title + '|' + b.textContent).join('\n')`, &titles))
			t.Fatal(err, titles)
		}
	}
	waitFor(t, "the picture in the preview", func() bool {
		var n int
		chromedp.Run(ctx, chromedp.Evaluate(`(() => { const f = document.querySelector('iframe'); if (!f || !f.contentDocument) return 0;
		  return [...f.contentDocument.querySelectorAll('img')].filter(i => i.complete && i.naturalWidth === 120).length; })()`, &n))
		return n == 2
	})
	shot(t, ctx, "media-2-saved-preview")

	// Out of the text, and saved.
	run(t, ctx,
		chromedp.Click(`(//*[contains(@class, "ToolbarToggle")])[1]`, chromedp.BySearch), // the text as Markdown
		chromedp.Click(`(//*[@contenteditable="true"])[1]`, chromedp.BySearch),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent("Текст без слике."))
	if s := state(); strings.Contains(s.Body, name) {
		t.Fatalf("the picture is still in the text: %q", s.Body)
	}
	run(t, ctx, chromedp.Click(`//button[contains(., "Сачувај")]`, chromedp.BySearch))
	waitFor(t, "the text without the picture on the branch", func() bool {
		got, _ := onBranch("content/sr/vesti/slika-u-nisu.md")
		return strings.Contains(got, "Текст без слике.") && !strings.Contains(got, name)
	})
	shot(t, ctx, "media-3-removed")
	// Decap sends every file uploaded while the entry is open with each
	// save; a picture the text no longer shows does not go with the draft.
	if _, ok := onBranch("static/slike/" + name); ok {
		t.Errorf("the draft keeps the picture it no longer shows (static/slike/%s)", name)
	}
	if strings.Contains(logs.String(), "Content Security Policy") {
		t.Errorf("the Content-Security-Policy refused something:\n%s", logs)
	}
}

// An image uploaded from the media library, with no entry open, is
// published at once, under a name the check accepts.
func TestCMSUploadsAnImageFromTheMediaLibrary(t *testing.T) {
	nm := decapInstalled(t)
	chromium(t)
	dir := siteRepo(t, nm)
	base := startCMS(t, dir)
	ctx := newTab(t)
	logs := watchConsole(t, ctx)
	pic := filepath.Join(t.TempDir(), "Плакат Ниш.PNG")
	os.WriteFile(pic, pngImage(t), 0o644)
	run(t, ctx, chromedp.EmulateViewport(1400, 1000), chromedp.Navigate(base+"/admin/"),
		chromedp.Click(`//button[contains(., "Пријава")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch),
		chromedp.Click(`//*[contains(text(), "Медији")]`, chromedp.BySearch),
		chromedp.SetUploadFiles(`input[type="file"]`, []string{pic}, chromedp.ByQuery),
		chromedp.WaitVisible(`//*[contains(text(), "plakat-nis.png")]`, chromedp.BySearch))
	shot(t, ctx, "media-4-library")
	if _, ok := testsite.File(t, dir, "main", "static/slike/plakat-nis.png"); !ok {
		t.Error("the upload is not on main as static/slike/plakat-nis.png")
	}
	if strings.Contains(logs.String(), "Content Security Policy") {
		t.Errorf("the Content-Security-Policy refused something:\n%s", logs)
	}
}

// The admin's files go out gzipped and revalidated; Decap's script, asked
// for by its content, is kept for a year.
func TestTheAdminIsSentCompressedAndCached(t *testing.T) {
	nm := decapInstalled(t)
	dir := siteRepo(t, nm)
	base := startCMS(t, dir)
	get := func(path string, header ...string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	page := get("/admin/", "Accept-Encoding", "")
	var body bytes.Buffer
	resp, _ := http.Get(base + "/admin/")
	io.Copy(&body, resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`src="decap-cms\.js\?v=([0-9a-f]+)"`).FindStringSubmatch(body.String())
	if m == nil {
		t.Fatalf("the admin page does not ask for Decap's script by its content:\n%s", body.String())
	}
	script := "/admin/decap-cms.js?v=" + m[1]
	for path, cache := range map[string]string{"/admin/": "no-cache", "/admin/centar.js": "no-cache", "/admin/config.json": "no-cache", "/admin/decap-cms.js": "no-cache", script: "public, max-age=31536000, immutable"} {
		r := get(path)
		if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "gzip" || r.Header.Get("Cache-Control") != cache || r.Header.Get("ETag") == "" || r.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("GET %s: %d %v", path, r.StatusCode, r.Header)
		}
		if again := get(path, "If-None-Match", r.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s again: %d, want 304", path, again.StatusCode)
		}
	}
	if page.Header.Get("Content-Encoding") != "" || page.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("the page without gzip: %v", page.Header)
	}
	big := get(script)
	if n, _ := strconv.Atoi(big.Header.Get("Content-Length")); n == 0 || n > 2<<20 {
		t.Errorf("Decap's script gzipped is %d bytes", n)
	}
}

// After the first visit, once, the admin has Decap's script compiled a
// second time in a hidden frame of its own, where Decap does not start:
// Chromium then keeps it compiled for the next visit. The frame is framed
// by the admin alone, and the admin works as before.
func TestTheAdminKeepsDecapCompiledForTheNextVisit(t *testing.T) {
	base := startCMS(t, siteRepo(t, decapInstalled(t)))
	ctx := newTab(t)
	var mu sync.Mutex
	var scripts []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok && strings.Contains(e.Request.URL, "decap-cms.js?v=") {
			mu.Lock()
			scripts = append(scripts, e.FrameID.String())
			mu.Unlock()
		}
	})
	var warmed string
	run(t, ctx, chromedp.Navigate(base+"/admin/"), chromedp.WaitVisible(`//button[contains(., "Пријава")]`, chromedp.BySearch))
	for deadline := time.Now().Add(20 * time.Second); warmed == ""; time.Sleep(100 * time.Millisecond) {
		run(t, ctx, chromedp.Evaluate(`localStorage.getItem('centar-warm') || ''`, &warmed))
		if time.Now().After(deadline) {
			t.Fatal("the admin did not load Decap's script a second time")
		}
	}
	var frames int
	run(t, ctx, chromedp.Evaluate(`document.querySelectorAll('iframe[src="warm.html"]').length`, &frames))
	mu.Lock()
	if len(scripts) != 2 || scripts[0] == scripts[1] || frames != 0 || !strings.HasPrefix(warmed, "decap-cms.js?v=") {
		t.Errorf("Decap's script was asked for in frames %q; %d warm frames left; noted %q", scripts, frames, warmed)
	}
	mu.Unlock()
	resp, err := http.Get(base + "/admin/warm.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'self'") || resp.Header.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("warm.html is sent with %q and X-Frame-Options %q", csp, resp.Header.Get("X-Frame-Options"))
	}
	// Once is enough: the next visit signs in without a warm frame.
	mu.Lock()
	scripts = nil
	mu.Unlock()
	run(t, ctx, chromedp.Navigate(base+"/admin/"), chromedp.Click(`//button[contains(., "Пријава")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch), chromedp.Sleep(time.Second))
	mu.Lock()
	defer mu.Unlock()
	if len(scripts) != 1 {
		t.Errorf("the second visit asked for Decap's script %d times, want once", len(scripts))
	}
}
