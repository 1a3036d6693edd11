package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// adminLoad is what one load of the web CMS's admin cost the browser.
// The admin page has nothing to show before Decap draws its sign-in page,
// so its first paint is when that page shows (Chromium's paint timings are
// not kept for a tab in the background, where these loads run).
type adminLoad struct {
	Ready float64 `json:"ready"` // ms from navigation until the sign-in button shows
	Bytes int64   `json:"bytes"` // transferred: headers and bodies, as compressed
}

// measureAdmin reads the load's figures from the page's own timings.
const measureAdmin = `(() => {
  let bytes = performance.getEntriesByType('navigation')[0].transferSize;
  performance.getEntriesByType('resource').forEach(e => { bytes += e.transferSize; });
  return {ready: performance.now(), bytes};
})()`

// adminBench loads centar cms's admin in Chromium, cold (a fresh profile)
// warm (the same browser, a second visit, in a new tab) and hot (a third:
// Chromium keeps a script's compiled code only from its second load on,
// which the admin makes, once, in a hidden frame after the first), runs
// times each, and prints
// the medians: the bytes that crossed the network and the first paint.
// With old, another centar binary's admin is measured beside it, on the
// same site.
func adminBench(root, old string, runs int) error {
	tools, err := buildTools(root, false)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tools.dir)
	dir, err := os.MkdirTemp("", "centar-bench-admin-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	site := filepath.Join(dir, "site")
	if err := cmsSite(root, site, 0, 0); err != nil {
		return err
	}
	if err := os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(site, "node_modules")); err != nil {
		return err
	}
	bins := []struct{ label, bin string }{{"centar", tools.centar}}
	if old != "" {
		bins = append(bins, struct{ label, bin string }{"old", old})
	}
	fmt.Printf("(l) the web CMS's admin in Chromium, median of %d (cold: a fresh profile; warm: the second visit; hot: the third), each visit a new tab:\n", runs)
	for _, b := range bins {
		cold, warm, hot, err := timeAdmin(b.bin, site, runs)
		if err != nil {
			return fmt.Errorf("%s: %w", b.label, err)
		}
		for _, m := range []struct {
			label string
			loads []adminLoad
		}{{"cold", cold}, {"warm", warm}, {"hot", hot}} {
			l := medianLoad(m.loads)
			fmt.Printf("    %-7s %-5s transfer %9s   first paint %5.0f ms\n", b.label, m.label, kb(int(l.Bytes)), l.Ready)
		}
		l := medianLoad(warm)
		fmt.Printf("    %-7s warm first paint %.0f ms (budget 1000 ms: %s)\n", b.label, l.Ready, verdict(l.Ready <= 1000))
	}
	return nil
}

// timeAdmin runs bin's centar cms on the site and loads its admin.
func timeAdmin(bin, site string, runs int) (cold, warm, hot []adminLoad, err error) {
	port, err := freePort()
	if err != nil {
		return nil, nil, nil, err
	}
	var logs bytes.Buffer
	cms := exec.Command(bin, "cms", "--source", site, "--port", strconv.Itoa(port))
	cms.Stdout, cms.Stderr = &logs, &logs
	if err := cms.Start(); err != nil {
		return nil, nil, nil, err
	}
	defer func() { cms.Process.Kill(); cms.Wait() }()
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	// The site's preview renders once at the start: measured after it, so
	// that Hugo does not share the CPU with the browser.
	for _, page := range []string{"/admin/", "/"} {
		if err := waitFor(base+page, "", 5*time.Minute); err != nil {
			return nil, nil, nil, fmt.Errorf("%w\n%s", err, tail(logs.String()))
		}
	}
	if resp, err := http.Get(base + "/admin/decap-cms.js"); err == nil {
		resp.Body.Close()
	}
	for range runs {
		ctx, done, err := browser()
		if err != nil {
			return nil, nil, nil, err
		}
		// The browser itself starts in a tab of its own, before the clock.
		if err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
			done()
			return nil, nil, nil, err
		}
		// Each visit in a tab of its own, as an editor comes back: a new
		// page with the browser's cache (a tab reloaded or reached by Back
		// would keep the script compiled in memory, and flatter).
		var loads [3]adminLoad
		for i := range loads {
			if err == nil {
				tab, cancel := chromedp.NewContext(ctx)
				err = chromedp.Run(tab, loadAdmin(base, &loads[i]))
				cancel()
			}
		}
		done()
		if err != nil {
			return nil, nil, nil, err
		}
		cold, warm, hot = append(cold, loads[0]), append(warm, loads[1]), append(hot, loads[2])
	}
	return cold, warm, hot, nil
}

// warmedUp waits, up to 10 s, for the admin to have Decap's script
// compiled a second time, as it does once after a first visit (an admin
// that does not is measured too, with -old).
const warmedUp = `new Promise(done => {
  const since = Date.now();
  (function look() {
    if (localStorage.getItem('centar-warm')) done(true);
    else if (Date.now() - since > 10000) done(false);
    else setTimeout(look, 100);
  })();
})`

// loadAdmin loads the admin once, and then, outside the figures, waits
// for its warm-up, as an editor's next visit would find it done.
func loadAdmin(base string, out *adminLoad) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var ready bool
		return chromedp.Run(ctx, chromedp.Navigate(base+"/admin/"),
			chromedp.WaitVisible(`//button[contains(., "Пријава")]`, chromedp.BySearch),
			chromedp.Evaluate(measureAdmin, out),
			chromedp.Evaluate(warmedUp, &ready,
				func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	})
}

// medianLoad is the median of each figure on its own.
func medianLoad(loads []adminLoad) adminLoad {
	pick := func(f func(adminLoad) float64) float64 {
		vs := make([]float64, len(loads))
		for i, l := range loads {
			vs[i] = f(l)
		}
		slices.Sort(vs)
		return vs[len(vs)/2]
	}
	return adminLoad{
		Ready: pick(func(l adminLoad) float64 { return l.Ready }),
		Bytes: int64(pick(func(l adminLoad) float64 { return float64(l.Bytes) })),
	}
}
