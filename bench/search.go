package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// crossScript are the queries a Serbian reader may type for pages of the
// real site, in either script, with or without diacritics, in other cases;
// each is asked on the Cyrillic and on the Latin site.
var crossScript = []struct{ query, page string }{
	{"zrtve", "/o-centru/delatnost/"},
	{"жртве", "/o-centru/delatnost/"},
	{"žrtvama", "/o-centru/delatnost/"},
	{"trgovina", "/o-centru/delatnost/"},
	{"трговине", "/o-centru/delatnost/"},
	{"pomoc", "/pomoc/"},
	{"помоћ", "/pomoc/"},
	{"Крагујевцу", "/vesti/obuka-lokalnih-timova-kragujevac/"},
	{"kragujevac", "/vesti/obuka-lokalnih-timova-kragujevac/"},
	{"nacionalni izvestilac", "/vesti/ban-iii-nacionalni-izvestilac/"},
}

// timedQueries are the three queries whose bytes and time are reported.
var timedQueries = []string{"zrtve", "помоћ", "Kragujevcu"}

// Both pages define ask(q, typed): with typed, the query's first letters
// are asked 150 ms apart first, as a reader types, and only the last is
// timed. The time is to the first result shown with its data; the
// addresses are of the first ten.

// pagefindPage asks Pagefind's own JavaScript API, as its UI does.
const pagefindPage = `<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
const pause = ms => new Promise(r => setTimeout(r, ms));
window.ask = async (q, typed) => {
  const pf = await import('/pagefind/pagefind.js');
  if (typed) for (let i = 1; i < q.length; i++) { pf.search(q.slice(0, i)); await pause(150); }
  const t0 = performance.now();
  const found = await pf.search(q);
  const first = found.results.length ? await found.results[0].data() : null;
  const ms = performance.now() - t0;
  const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
  return {ms: first ? ms : -1, urls: data.map(d => d.url)};
};
</script></body></html>`

// centarAsk types into centar's search page.
const centarAsk = `window.ask = async (q, typed) => {
  const pause = ms => new Promise(r => setTimeout(r, ms));
  const list = document.querySelector('[data-search-results]');
  const input = document.querySelector('#q');
  const enter = s => { input.value = s; input.dispatchEvent(new Event('input')); };
  if (typed) for (let i = 1; i < q.length; i++) { enter(q.slice(0, i)); await pause(150); }
  let ms = -1;
  const seen = new Promise(resolve => new MutationObserver((changes, o) => {
    if (changes.some(c => c.addedNodes.length)) { o.disconnect(); resolve(); }
  }).observe(list, {childList: true}));
  const t0 = performance.now();
  enter(q);
  await Promise.race([seen.then(() => { ms = performance.now() - t0; }), pause(10000)]);
  await pause(500);
  return {ms, urls: [...list.querySelectorAll('a')].map(a => a.getAttribute('href'))};
};`

// searchBench builds the real site, indexes the same public/ with Pagefind
// (npm, bench/) and compares the two in headless Chromium with a 4× CPU
// slowdown: index bytes, bytes a query downloads, time to the first result,
// and which cross-script queries each finds. With synthetic > 0 it builds
// the synthetic site of that many news items instead and measures centar's
// index alone: its size and what the three queries download.
func searchBench(root string, synthetic int) error {
	pagefind := filepath.Join(root, "bench", "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(pagefind); err != nil {
		return fmt.Errorf("Pagefind is not installed: run npm ci --prefix bench")
	}
	tools, err := buildTools(root, false)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tools.dir)
	public, err := os.MkdirTemp("", "centar-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(public)
	src := root
	if synthetic > 0 {
		if src, err = os.MkdirTemp("", "centar-search-site-"); err != nil {
			return err
		}
		defer os.RemoveAll(src)
		if err := generate(root, src, synthetic); err != nil {
			return err
		}
	}
	built, err := timed(tools.centar, "build", "-s", src, "-d", public)
	if err != nil {
		return err
	}
	if synthetic > 0 {
		fmt.Printf("(g) search on the synthetic site of %d news items (built in %.1f s)\n", synthetic, built.Seconds())
	}
	if synthetic == 0 {
		if err := withPagefind(pagefind, public); err != nil {
			return err
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	// Served plainly: Pagefind's WebAssembly needs what the site's policy
	// forbids ('wasm-unsafe-eval'), and the comparison is of the engines.
	// The server notes every file asked for: Pagefind asks from a worker,
	// which the page's own network events do not show.
	var mu sync.Mutex
	asked := map[string]bool{}
	files := http.FileServer(http.Dir(public))
	go http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.URL.Path] = true
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	base := "http://" + l.Addr().String()

	engines := []struct{ name, cyrl, latn, prefix string }{
		{"centar", "/pretraga/", "/lat/pretraga/", "/search/"},
		{"Pagefind", "/pf-cyrl/", "/pf-latn/", "/pagefind/"},
	}
	if synthetic > 0 {
		engines = engines[:1]
		fmt.Printf("    index, gzip: %d B; page texts for excerpts, gzip: %d B\n",
			gzipTree(public, "search", func(rel string) bool { return !strings.Contains(rel, "/d/") }),
			gzipTree(public, "search", func(rel string) bool { return strings.Contains(rel, "/d/") }))
	} else {
		printSizes(public)
	}
	type answer struct {
		ms   float64
		urls []string
	}
	ask := func(page, q, prefix string, slow, typed bool) (answer, int, error) {
		ctx, cancel, err := browser()
		if err != nil {
			return answer{}, 0, err
		}
		defer cancel()
		mu.Lock()
		clear(asked)
		mu.Unlock()
		var a struct {
			Ms   float64
			Urls []string
		}
		script := `null`
		if prefix == "/search/" {
			script = centarAsk
		}
		err = chromedp.Run(ctx, chromedp.Navigate(base+page), chromedp.WaitReady("body", chromedp.ByQuery),
			chromedp.Evaluate(script, nil), chromedp.Sleep(300*time.Millisecond),
			chromedp.ActionFunc(func(ctx context.Context) error {
				if slow {
					return emulation.SetCPUThrottlingRate(4).Do(ctx)
				}
				return nil
			}),
			chromedp.Evaluate(fmt.Sprintf(`window.ask(%q, %v)`, q, typed), &a, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		if err != nil {
			return answer{}, 0, err
		}
		mu.Lock()
		defer mu.Unlock()
		bytes := 0
		for p := range asked {
			if strings.HasPrefix(p, prefix) || strings.HasPrefix(p, "/js/search.") {
				bytes += gzipFile(filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(p, "/"))))
			}
		}
		return answer{a.Ms, a.Urls}, bytes, nil
	}

	fmt.Println("    a query on a fresh page, 4× CPU slowdown: bytes downloaded for search (gzip); time to the first result,")
	fmt.Println("    asked at once, and after the last keystroke when typed")
	for _, q := range timedQueries {
		line := fmt.Sprintf("    %-12s", q)
		for _, e := range engines {
			a, n, err := ask(e.cyrl, q, e.prefix, true, false)
			if err != nil {
				return fmt.Errorf("%s, %q: %w", e.name, q, err)
			}
			typed, _, err := ask(e.cyrl, q, e.prefix, true, true)
			if err != nil {
				return fmt.Errorf("%s, %q typed: %w", e.name, q, err)
			}
			line += fmt.Sprintf("   %-8s %7d B %8s %8s", e.name, n, millis(a.ms), millis(typed.ms))
		}
		fmt.Println(line)
	}

	if synthetic > 0 {
		return nil
	}
	fmt.Println("    cross-script queries: found on the Cyrillic / Latin site")
	found := map[string]int{}
	for _, c := range crossScript {
		line := fmt.Sprintf("    %-24s", c.query)
		for _, e := range engines {
			marks := ""
			for i, page := range []string{e.cyrl, e.latn} {
				a, _, err := ask(page, c.query, e.prefix, false, false)
				if err != nil {
					return fmt.Errorf("%s, %q: %w", e.name, c.query, err)
				}
				want := c.page
				if i == 1 {
					want = "/lat" + c.page
				}
				hit := false
				for _, u := range a.urls {
					hit = hit || u == want
				}
				if hit {
					marks += " yes"
					found[e.name]++
				} else {
					marks += "  no"
				}
			}
			line += fmt.Sprintf("   %-8s%s", e.name, marks)
		}
		fmt.Println(line)
	}
	fmt.Printf("    found: centar %d of %d, Pagefind %d of %d\n", found["centar"], 2*len(crossScript), found["Pagefind"], 2*len(crossScript))
	return nil
}

// browser starts a headless Chromium with a fresh profile.
func browser() (context.Context, func(), error) {
	exe := os.Getenv("CENTAR_CHROMIUM")
	if exe == "" {
		exe = "/usr/bin/chromium"
	}
	profile, err := os.MkdirTemp("", "centar-bench-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(profile))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	return ctx, func() { cancelTimeout(); cancelCtx(); cancelAlloc(); os.RemoveAll(profile) }, nil
}

// gzipTree sums the gzip sizes of the files under public/dir that keep says.
func gzipTree(public, dir string, keep func(rel string) bool) int {
	total := 0
	filepath.WalkDir(filepath.Join(public, dir), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(public, p)
			if keep(filepath.ToSlash(rel)) {
				total += gzipFile(p)
			}
		}
		return nil
	})
	return total
}

// gzipFile is the size of a file as a server would send it: gzip, except
// files that are compressed already (Pagefind's .pf_ and .pagefind files).
func gzipFile(p string) int {
	b, err := os.ReadFile(p)
	if err != nil {
		return 0
	}
	if strings.Contains(filepath.Base(p), ".pf_") || strings.HasSuffix(p, ".pagefind") {
		return len(b)
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// printSizes compares what centar and Pagefind publish for search.
func printSizes(public string) {
	fmt.Println("(g) search: centar's index against Pagefind 1.6 over the same public/")
	pfRuntime := func(rel string) bool {
		return strings.HasPrefix(rel, "pagefind/wasm.") || rel == "pagefind/pagefind.js" || rel == "pagefind/pagefind-worker.js"
	}
	pfIndex := func(rel string) bool {
		return strings.Contains(rel, ".pf_meta") || strings.HasPrefix(rel, "pagefind/index/") || strings.HasPrefix(rel, "pagefind/filter/") || rel == "pagefind/pagefind-entry.json"
	}
	fmt.Printf("    %-44s %12s %12s\n", "gzip bytes, all languages", "centar", "Pagefind")
	fmt.Printf("    %-44s %10d B %10d B\n", "script (and worker, WebAssembly)",
		gzipTree(public, "js", func(rel string) bool { return strings.HasPrefix(rel, "js/search.") }), gzipTree(public, "pagefind", pfRuntime))
	fmt.Printf("    %-44s %10d B %10d B\n", "index", gzipTree(public, "search", func(rel string) bool { return !strings.Contains(rel, "/d/") }), gzipTree(public, "pagefind", pfIndex))
	fmt.Printf("    %-44s %10d B %10d B\n", "page texts for excerpts", gzipTree(public, "search", func(rel string) bool { return strings.Contains(rel, "/d/") }),
		gzipTree(public, "pagefind", func(rel string) bool { return strings.HasPrefix(rel, "pagefind/fragment/") }))
}

// withPagefind indexes public with Pagefind and adds a page of each Serbian
// script that asks it.
func withPagefind(pagefind, public string) error {
	if out, err := exec.Command(pagefind, "--site", public, "--output-subdir", "pagefind").CombinedOutput(); err != nil {
		return fmt.Errorf("pagefind: %v\n%s", err, out)
	}
	for dir, lang := range map[string]string{"pf-cyrl": "sr-Cyrl-RS", "pf-latn": "sr-Latn-RS"} {
		if err := os.MkdirAll(filepath.Join(public, dir), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(public, dir, "index.html"), fmt.Appendf(nil, pagefindPage, lang), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// millis is a time to the first result, or "none" when nothing was found.
func millis(ms float64) string {
	if ms < 0 {
		return "none"
	}
	return fmt.Sprintf("%.0f ms", ms)
}
