package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// These tests are a reader on a cheap phone, often in a hurry: the page's
// own content on the first screen, help and the exit in reach at every
// scroll position, nothing sideways, a menu that opens however it is
// touched, and pages that print without the site's controls.

// phones are the two screens every page type is tried on.
var phones = []struct{ w, h int64 }{{360, 640}, {320, 568}}

// phonePages is a page of every type, in each script and language.
var phonePages = []string{
	"/", "/vesti/", "/vesti/obuka-lokalnih-timova-kragujevac/", "/strategija/akcioni-plan/", "/pomoc/",
	"/dokumenti/", "/letci/info-letak/", "/gradovi/kragujevac/", "/lat/vesti/obuka-lokalnih-timova-kragujevac/",
	"/lat/strategija/akcioni-plan/", "/en/", "/en/help/",
}

// screenshots is where the phone test leaves a picture of every page type,
// for a person to look at; it is never committed.
var screenshots = filepath.Join("..", "..", "screenshots")

func phone(w, h int64) chromedp.Action {
	return chromedp.Tasks{
		chromedp.EmulateViewport(w, h, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		emulation.SetTouchEmulationEnabled(true).WithMaxTouchPoints(5),
	}
}

// inReach reports why the element sel names cannot be tapped where the page
// is scrolled to, or "": it must be on the screen, at least 44 px each way,
// and be what a finger at its middle touches.
func inReach(sel string) string {
	return fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		if (!e) return 'missing';
		const r = e.getBoundingClientRect();
		if (r.width < 44 || r.height < 44) return 'only ' + Math.round(r.width) + '×' + Math.round(r.height) + ' px';
		if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) return 'off the screen (top ' + Math.round(r.top) + ')';
		const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		if (!hit || !(e === hit || e.contains(hit))) return 'covered by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');
		return '';
	})()`, sel)
}

// The page's heading starts in the top 40%% of the first screen; the help
// line and the exit are in reach at the top and halfway down; nothing
// scrolls sideways; the sticky row moves nothing as the page loads.
func TestPhonesShowTheContentFirstWithHelpAndExitInReach(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	if err := os.MkdirAll(screenshots, 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.__shift = 0;
			new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
				.observe({type: 'layout-shift', buffered: true});`).Do(ctx)
		return err
	}))
	for _, size := range phones {
		run(t, ctx, phone(size.w, size.h))
		for _, p := range phonePages {
			name := fmt.Sprintf("%d×%d %s", size.w, size.h, p)
			var first struct {
				H1, Bar, Header, Width, ScrollWidth float64
				Tel, Exit                           string
			}
			run(t, ctx, chromedp.Navigate(base+p), chromedp.WaitReady("[data-quick-exit-init]", chromedp.ByQuery),
				chromedp.Evaluate(fmt.Sprintf(`({
					H1: document.querySelector('main h1').getBoundingClientRect().top,
					Bar: document.querySelector('.c-bar').getBoundingClientRect().height,
					Header: document.querySelector('.c-header').getBoundingClientRect().bottom,
					Width: document.documentElement.clientWidth,
					ScrollWidth: document.documentElement.scrollWidth,
					Tel: %s, Exit: %s})`, inReach(`.c-bar a[href^="tel:"]`), inReach(`[data-quick-exit]`)), &first))
			t.Logf("%s: h1 at %.0f px (%.0f%% of the first screen); sticky row %.0f px, header ends at %.0f px", name, first.H1, 100*first.H1/float64(size.h), first.Bar, first.Header)
			if first.H1 > 0.4*float64(size.h) {
				t.Errorf("%s: the heading starts at %.0f px, below the top 40%% of the first screen (%.0f px)", name, first.H1, 0.4*float64(size.h))
			}
			if first.Tel != "" || first.Exit != "" {
				t.Errorf("%s: on the first screen, help line: %q, exit: %q", name, first.Tel, first.Exit)
			}
			if first.ScrollWidth > first.Width {
				t.Errorf("%s: the page is %.0f px wide on a %.0f px screen: it scrolls sideways", name, first.ScrollWidth, first.Width)
			}
			if size.w == 360 {
				var png []byte
				run(t, ctx, chromedp.CaptureScreenshot(&png))
				file := strings.Trim(strings.ReplaceAll(p, "/", "_"), "_")
				if file == "" {
					file = "home"
				}
				if err := os.WriteFile(filepath.Join(screenshots, file+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var half struct {
				Tel, Exit string
				Shift     float64
			}
			run(t, ctx, chromedp.Evaluate(`window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)`, nil),
				chromedp.Sleep(50e6), // a frame for the sticky row to settle
				chromedp.Evaluate(fmt.Sprintf(`({Tel: %s, Exit: %s, Shift: window.__shift})`,
					inReach(`.c-bar a[href^="tel:"]`), inReach(`[data-quick-exit]`)), &half))
			if half.Tel != "" || half.Exit != "" {
				t.Errorf("%s: halfway down, help line: %q, exit: %q", name, half.Tel, half.Exit)
			}
			if half.Shift > 0 {
				t.Errorf("%s: the layout shifted (%.3f)", name, half.Shift)
			}
		}
	}
	abs, _ := filepath.Abs(screenshots)
	t.Logf("screenshots of every page type at 360×640: %s", abs)
}

// visible says whether the element sel names is shown: laid out, with a size.
func visible(sel string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0; })()`, sel)
}

// The menu is one disclosure on a phone: closed at first, opened and closed
// by touch, by the keyboard, and without JavaScript.
func TestPhoneMenuOpensByTouchKeyboardAndWithoutJavaScript(t *testing.T) {
	base := servedSite(t)
	const section = `.c-nav a[href="/vesti/"]`
	shown := func(ctx context.Context) bool {
		var v bool
		run(t, ctx, chromedp.Evaluate(visible(section), &v))
		return v
	}
	for _, js := range []bool{true, false} {
		t.Run(fmt.Sprintf("JavaScript %v", js), func(t *testing.T) {
			ctx := newTab(t)
			run(t, ctx, phone(360, 640), emulation.SetScriptExecutionDisabled(!js), chromedp.Navigate(base+"/pomoc/"), chromedp.WaitReady(".c-menu", chromedp.ByQuery))
			if shown(ctx) {
				t.Fatal("the sections are shown before the menu is opened")
			}
			run(t, ctx, tap(".c-menu summary"))
			if !shown(ctx) {
				t.Fatal("a tap on the menu did not show the sections")
			}
			var reach string
			run(t, ctx, chromedp.Evaluate(inReach(section), &reach))
			if reach != "" {
				t.Errorf("the opened menu's link cannot be tapped: %s", reach)
			}
			run(t, ctx, tap(".c-menu summary"))
			if shown(ctx) {
				t.Error("a second tap did not close the menu")
			}
			if js {
				// The keyboard: Tab to the menu, Enter opens, Space closes.
				run(t, ctx, chromedp.Focus(".c-menu summary", chromedp.ByQuery), chromedp.KeyEvent("\r"))
				if !shown(ctx) {
					t.Error("Enter on the menu did not show the sections")
				}
				run(t, ctx, chromedp.KeyEvent(" "))
				if shown(ctx) {
					t.Error("Space on the opened menu did not close it")
				}
			}
		})
	}
}

// A wide screen shows the scripts, languages and sections without a menu.
func TestWideScreensShowTheMenuOpen(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	var nav, summary bool
	run(t, ctx, chromedp.EmulateViewport(1280, 800), chromedp.Navigate(base+"/pomoc/"),
		chromedp.Evaluate(visible(`.c-nav a[href="/vesti/"]`), &nav), chromedp.Evaluate(visible(".c-menu summary"), &summary))
	if !nav || summary {
		t.Errorf("on a wide screen: sections shown %v, menu button shown %v; want the sections without the button", nav, summary)
	}
}

// Text at 200% still fits the phone's width, and help and the exit stay in
// reach (WCAG 1.4.4, 1.4.10).
func TestTextAtTwiceTheSizeReflows(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	for _, size := range phones {
		run(t, ctx, phone(size.w, size.h))
		for _, p := range phonePages {
			var got struct {
				Width, ScrollWidth float64
				Tel, Exit          string
			}
			run(t, ctx, chromedp.Navigate(base+p), chromedp.WaitReady("[data-quick-exit-init]", chromedp.ByQuery),
				chromedp.Evaluate(`document.documentElement.style.fontSize = '200%'`, nil),
				chromedp.Evaluate(fmt.Sprintf(`({Width: document.documentElement.clientWidth, ScrollWidth: document.documentElement.scrollWidth, Tel: %s, Exit: %s})`,
					inReach(`.c-bar a[href^="tel:"]`), inReach(`[data-quick-exit]`)), &got))
			name := fmt.Sprintf("%d×%d %s at 200%%", size.w, size.h, p)
			if got.ScrollWidth > got.Width {
				t.Errorf("%s: the page is %.0f px wide on a %.0f px screen", name, got.ScrollWidth, got.Width)
			}
			if got.Tel != "" || got.Exit != "" {
				t.Errorf("%s: help line: %q, exit: %q", name, got.Tel, got.Exit)
			}
		}
	}
}

// Printed, a leaflet, the action plan and the help pages keep the help line
// and lose the site's controls; links print their addresses.
func TestPagesPrintWithoutTheSitesControls(t *testing.T) {
	base := servedSite(t)
	ctx := newTab(t)
	run(t, ctx, emulation.SetEmulatedMedia().WithMedia("print"))
	links := 0
	for _, p := range []string{"/letci/info-letak/", "/strategija/akcioni-plan/", "/pomoc/", "/lat/pomoc/", "/en/help/"} {
		var got struct {
			Hidden  []string
			Tel     bool
			Address string
		}
		run(t, ctx, chromedp.Navigate(base+p), chromedp.Evaluate(`(() => {
			const shown = s => [...document.querySelectorAll(s)].some(e => e.checkVisibility());
			const link = document.querySelector('main a[href^="/"], main a[href^="http"]');
			return {
				Hidden: ['.c-menu', '.c-nav', '.c-switch', '[data-quick-exit]', '.c-crumbs', '.c-skip'].filter(s => shown(s)),
				Tel: shown('.c-bar a[href^="tel:"]'),
				Address: link ? getComputedStyle(link, '::after').content + ' for ' + link.getAttribute('href') : '',
			};
		})()`, &got))
		if len(got.Hidden) > 0 {
			t.Errorf("%s: printed with %v", p, got.Hidden)
		}
		if !got.Tel {
			t.Errorf("%s: printed without the help line", p)
		}
		if addr, href, _ := strings.Cut(got.Address, " for "); got.Address != "" {
			links++
			if !strings.Contains(addr, href) {
				t.Errorf("%s: a link prints %s, not its address %s", p, addr, href)
			}
		}
	}
	if links == 0 {
		t.Error("no printed page had a link to check")
	}
}
