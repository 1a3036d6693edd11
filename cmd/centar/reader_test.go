package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// These tests are a reader at risk on a phone: what Back shows after the
// quick exit, what typing does, where a contents link lands, and whether the
// policy holds on a host that sends no headers.

// onAPhone makes the tab a 360×640 touch screen.
func onAPhone(t *testing.T, ctx context.Context) {
	run(t, ctx, chromedp.EmulateViewport(360, 640, chromedp.EmulateMobile, chromedp.EmulateScale(2)),
		emulation.SetTouchEmulationEnabled(true).WithMaxTouchPoints(5))
}

// tap touches the middle of the element sel names, as a finger would.
func tap(sel string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var at []float64
		err := chromedp.Evaluate(fmt.Sprintf(`(() => {
			const e = document.querySelector(%q);
			e.scrollIntoView({block: 'center'});
			const r = e.getBoundingClientRect();
			return [r.left + r.width / 2, r.top + r.height / 2];
		})()`, sel), &at).Do(ctx)
		if err != nil {
			return fmt.Errorf("finding %s: %w", sel, err)
		}
		if err := input.DispatchTouchEvent(input.TouchStart, []*input.TouchPoint{{X: at[0], Y: at[1]}}).Do(ctx); err != nil {
			return err
		}
		return input.DispatchTouchEvent(input.TouchEnd, []*input.TouchPoint{}).Do(ctx)
	})
}

// waitLocation waits until the tab's address satisfies ok and returns it.
func waitLocation(t *testing.T, ctx context.Context, what string, ok func(string) bool) string {
	t.Helper()
	var loc string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		run(t, ctx, chromedp.Location(&loc))
		if ok(loc) {
			return loc
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: still at %s", what, loc)
		}
	}
}

func key(name, code string, vk int64, modifiers input.Modifier) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		down := input.DispatchKeyEvent(input.KeyDown).WithKey(name).WithCode(code).WithWindowsVirtualKeyCode(vk).WithModifiers(modifiers)
		if len(name) == 1 {
			down = down.WithText(name)
		}
		if err := down.Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey(name).WithCode(code).WithWindowsVirtualKeyCode(vk).WithModifiers(modifiers).Do(ctx)
	})
}

// shiftAlone presses and releases Shift with no other key.
func shiftAlone() chromedp.Action { return key("Shift", "ShiftLeft", 16, input.ModifierShift) }

// withShift holds Shift while another key is pressed: typing, not an exit.
func withShift(name, code string, vk int64) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := input.DispatchKeyEvent(input.KeyDown).WithKey("Shift").WithCode("ShiftLeft").WithWindowsVirtualKeyCode(16).WithModifiers(input.ModifierShift).Do(ctx); err != nil {
			return err
		}
		if err := key(name, code, vk, input.ModifierShift).Do(ctx); err != nil {
			return err
		}
		return input.DispatchKeyEvent(input.KeyUp).WithKey("Shift").WithCode("ShiftLeft").WithWindowsVirtualKeyCode(16).Do(ctx)
	})
}

// A reader comes from another site, taps two links of the site, and leaves
// by the quick exit: Back returns to where they came from, never to a page
// of the site.
func TestAfterTheQuickExitBackLeavesTheSite(t *testing.T) {
	base := servedSite(t)
	for _, how := range []string{"button", "shift×3"} {
		t.Run(how, func(t *testing.T) {
			ctx := newTab(t)
			watchExit(t, ctx)
			onAPhone(t, ctx)
			var before, entries int
			run(t, ctx, chromedp.Navigate(elsewhere), chromedp.WaitReady("#to-site", chromedp.ByQuery), chromedp.Evaluate(`history.length`, &before), tap("#to-site"))
			waitLocation(t, ctx, "the home page", func(l string) bool { return l == base+"/" })
			run(t, ctx, chromedp.WaitReady(`[data-quick-exit-init]`, chromedp.ByQuery), tap(`.c-menu summary`), tap(`.c-nav a[href="/pomoc/"]`))
			waitLocation(t, ctx, "the help page", func(l string) bool { return l == base+"/pomoc/" })
			run(t, ctx, chromedp.WaitReady(`[data-quick-exit-init]`, chromedp.ByQuery), tap(`.c-menu summary`), tap(`.c-nav__safe`))
			waitLocation(t, ctx, "the safe-browsing page", func(l string) bool { return l == base+"/bezbedno-pregledanje/" })
			run(t, ctx, chromedp.WaitReady(`[data-quick-exit-init]`, chromedp.ByQuery), chromedp.Evaluate(`history.length`, &entries))
			if entries != before+1 {
				t.Errorf("three pages of the site took %d history entries, want one", entries-before)
			}
			if how == "button" {
				run(t, ctx, tap(`[data-quick-exit]`))
			} else {
				run(t, ctx, shiftAlone(), shiftAlone(), shiftAlone())
			}
			waitLocation(t, ctx, "the neutral site", func(l string) bool { return l == exitTarget })
			run(t, ctx, chromedp.WaitReady("title", chromedp.ByQuery), chromedp.Evaluate(`history.back()`, nil))
			back := waitLocation(t, ctx, "Back to leave the neutral site", func(l string) bool { return l != exitTarget })
			if back != elsewhere {
				t.Errorf("Back after the quick exit shows %s, want %s", back, elsewhere)
			}
		})
	}
}

// Shift with another key is typing: Shift+Tab moves back through links,
// Shift+letter writes a capital. Neither counts, any other key between
// presses of Shift starts the count again, and the three presses must fall
// within 5 seconds.
func TestShiftWithAnotherKeyStaysOnTheSite(t *testing.T) {
	base := servedSite(t)
	for _, c := range []struct {
		name string
		keys []chromedp.Action
	}{
		{"Shift+Tab ×3", []chromedp.Action{withShift("Tab", "Tab", 9), withShift("Tab", "Tab", 9), withShift("Tab", "Tab", 9)}},
		{"Shift+A ×3", []chromedp.Action{withShift("A", "KeyA", 65), withShift("A", "KeyA", 65), withShift("A", "KeyA", 65)}},
		{"Shift, Shift, a, Shift", []chromedp.Action{shiftAlone(), shiftAlone(), key("a", "KeyA", 65, 0), shiftAlone()}},
		{"Shift, Shift, 5.5 s, Shift", []chromedp.Action{shiftAlone(), shiftAlone(), chromedp.Sleep(5500 * time.Millisecond), shiftAlone()}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := newTab(t)
			watchExit(t, ctx)
			run(t, ctx, chromedp.Navigate(base+"/pomoc/"), chromedp.WaitReady(`[data-quick-exit-init]`, chromedp.ByQuery))
			run(t, ctx, c.keys...)
			time.Sleep(500 * time.Millisecond) // an exit would have begun by now
			var loc string
			var exiting bool
			run(t, ctx, chromedp.Location(&loc), chromedp.Evaluate(`document.documentElement.classList.contains('is-exiting')`, &exiting))
			if loc != base+"/pomoc/" || exiting {
				t.Errorf("the reader was sent away (at %s, exiting %v)", loc, exiting)
			}
			// The same page still answers Shift pressed alone three times.
			run(t, ctx, shiftAlone(), shiftAlone(), shiftAlone())
			waitLocation(t, ctx, "the quick exit", func(l string) bool { return l == exitTarget })
		})
	}
}

// coveredBy lists the fixed or sticky elements that cover any part of the
// element sel names.
func coveredBy(sel string) string {
	return fmt.Sprintf(`(() => {
		const target = document.querySelector(%q).getBoundingClientRect();
		const over = [];
		for (const e of document.querySelectorAll('body *')) {
			const s = getComputedStyle(e);
			if (s.position !== 'fixed' && s.position !== 'sticky') continue;
			const r = e.getBoundingClientRect();
			if (r.bottom > target.top && r.top < target.bottom && r.right > target.left && r.left < target.right) {
				over.push(e.className + ' (' + Math.round(r.top) + '–' + Math.round(r.bottom) + ' over ' + Math.round(target.top) + '–' + Math.round(target.bottom) + ')');
			}
		}
		if (target.top < 0 || target.top > innerHeight) over.push('off screen at ' + Math.round(target.top));
		return over.join('; ');
	})()`, sel)
}

// On the action plan, a heading reached from the contents, from a "back to
// contents" link or from an address with its anchor lies below the sticky
// exit bar, at the usual text size and at 150%, and without JavaScript.
func TestAnchorsAreNotUnderTheExitBar(t *testing.T) {
	base := servedSite(t)
	for _, c := range []struct {
		size     int64
		noScript bool
	}{{16, false}, {24, false}, {16, true}} {
		name := fmt.Sprintf("text %dpx", c.size)
		if c.noScript {
			name += " without JavaScript"
		}
		t.Run(name, func(t *testing.T) {
			ctx := newTab(t)
			onAPhone(t, ctx)
			run(t, ctx, page.SetFontSizes(&page.FontSizes{Standard: c.size}), emulation.SetScriptExecutionDisabled(c.noScript))
			ready := chromedp.WaitReady(`[data-quick-exit-init]`, chromedp.ByQuery)
			if c.noScript {
				ready = chromedp.WaitReady(`[data-quick-exit]`, chromedp.ByQuery)
			}
			check := func(how, heading string) {
				t.Helper()
				time.Sleep(300 * time.Millisecond) // smooth scrolling, if any, has ended
				var over string
				run(t, ctx, chromedp.Evaluate(coveredBy(heading), &over))
				if over != "" {
					t.Errorf("%s: %s is covered: %s", how, heading, over)
				}
			}
			run(t, ctx, chromedp.Navigate(base+"/strategija/akcioni-plan/"), ready, tap(`.c-plan__toc a[href="#cilj-3"]`))
			waitLocation(t, ctx, "#cilj-3", func(l string) bool { return strings.HasSuffix(l, "#cilj-3") })
			check("the contents link Goal 3", "#cilj-3-naslov")
			run(t, ctx, tap(`#cilj-3-1 .c-plan__back a`))
			waitLocation(t, ctx, "#plan-sadrzaj", func(l string) bool { return strings.HasSuffix(l, "#plan-sadrzaj") })
			check("back to contents", "#plan-sadrzaj")
			run(t, ctx, chromedp.Navigate(base+"/lat/strategija/akcioni-plan/#cilj-4"), ready)
			check("an address with #cilj-4", "#cilj-4-naslov")
		})
	}
}

// Served by a host that sends no headers at all, every page still carries
// its policy, enforces it, and breaks none of it.
func TestThePolicyHoldsWithoutHeaders(t *testing.T) {
	public := buildRealSite(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(public)))
	defer srv.Close()
	ctx := newTab(t)
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(cspWatcher).Do(ctx)
		return err
	}))
	for _, p := range pageURLs(t) {
		if strings.Contains(p, "nema-takve") || strings.Contains(p, "no-such") {
			continue // a plain file server has no "not found" pages of the site's
		}
		var got struct {
			Meta       bool
			Violations []string
			Enforced   bool
		}
		run(t, ctx, chromedp.Navigate(srv.URL+p), chromedp.WaitReady(`[data-quick-exit-init]`, chromedp.ByQuery), chromedp.Evaluate(`(() => {
			const meta = !!document.querySelector('meta[http-equiv="Content-Security-Policy"]');
			const violations = window.__csp.slice();
			let enforced = false;
			try { document.createElement('div').innerHTML = '<b>markup from a string</b>'; } catch (e) { enforced = true; }
			return {Meta: meta, Violations: violations, Enforced: enforced};
		})()`, &got))
		if !got.Meta {
			t.Errorf("%s: no policy in the page", p)
		}
		for _, v := range got.Violations {
			t.Errorf("%s: Content-Security-Policy violation without headers: %s", p, v)
		}
		if !got.Enforced {
			t.Errorf("%s: a string was written as markup: the page's policy is not enforced", p)
		}
	}
}
