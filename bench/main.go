// Command bench measures centar: the transliterating build against the same
// embedded Hugo building the already-transliterated tree, the time from an
// edit to the change in the preview, publish and sync against plain git, the
// web CMS's API against decap-server, and Lighthouse scores. See README.md.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"centar/internal/build"
	"centar/internal/hugo"
	"centar/internal/render"
	"centar/internal/translit"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// benchCase is one thing bench measures: its name, what it measures, and
// about how long it takes with the default flags on one of the project's
// 2-core machines (each grows with -n and -runs).
type benchCase struct{ name, what, takes string }

var cases = []benchCase{
	{"all", "(a)+(b)+(c) build and preview against plain Hugo", "about 25 min (2 min with -n 1000 -runs 1 -edits 3)"},
	{"gen", "(a) the synthetic site alone, into -o DIR", "seconds"},
	{"lighthouse", "(d) Lighthouse's scores (npm ci --prefix bench)", "about 5 min"},
	{"workflow", "(e) publish and sync against plain git", "about 1 min"},
	{"cms", "(f) the CMS's API against decap-server (npm ci --prefix bench)", "about 15 min (use -n 1000)"},
	{"search", "(g) the search index against Pagefind (npm ci --prefix bench)", "about 5 min (-synthetic 10000: 15 min)"},
	{"english", "(h) English words kept Latin", "seconds"},
	{"scale", "(i) the Hugo step's cost a page as the site grows", "about 3 min"},
	{"templates", "(j) Hugo's template metrics", "about 5 min"},
	{"publish", "(k) the CMS's publication over HTTP", "about 5 min"},
	{"admin", "(l) the admin's transfer and first paint", "about 5 min"},
	{"signin", "(m) the way into the CMS server's admin", "about 5 min"},
	{"netlify", "(n) a Netlify build from a fresh clone, cold and warm", "about 8 min"},
	{"translit", "(o) centar translit on prose against a strings.Replacer program (TEXT after the flags)", "about 1 min"},
}

// usage says how bench is run, its cases with their times, and its flags.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: go run ./bench CASE [flags]   (README.md says what each figure means)\n\n")
	fmt.Fprintf(w, "cases, and about how long each takes with the default flags on a 2-core machine:\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range cases {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.name, c.what, c.takes)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nflags:\n")
	fs.SetOutput(w)
	fs.PrintDefaults()
}

func run(args []string) error {
	fs := flag.NewFlagSet("go run ./bench", flag.ExitOnError)
	n := fs.Int("n", 10000, "synthetic news items")
	runs := fs.Int("runs", 3, "timed runs of each build (the median is reported)")
	edits := fs.Int("edits", 15, "timed edits in the preview, at evenly spaced phases of Hugo's 500 ms tick (the median is reported)")
	out := fs.String("o", "", "where to write the synthetic site (default: a temporary folder, removed)")
	only := fs.String("only", "", "build or preview: measure only that")
	old := fs.String("old", "", "workflow, publish, admin: another centar binary to time beside this one")
	images := fs.Int("images", 200, "cms: images of 100 KB in the media folder")
	small := fs.Int("small", 2500, "scale: the smaller site's news items, against -n")
	mb := fs.Int("mb", 20, "translit: megabytes of prose, the text repeated")
	synthetic := fs.Int("synthetic", 0, "search: measure centar's index on a synthetic site of this many news items instead")
	fs.Usage = func() { usage(fs.Output(), fs) }
	// Without a case, bench says what it can measure and how long each
	// takes, and starts nothing.
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fs.Parse(args) // -h shows the usage and exits
		usage(os.Stdout, fs)
		if len(args) == 0 {
			return nil
		}
		return fmt.Errorf("name the case first, e.g. go run ./bench all %s", strings.Join(args, " "))
	}
	cmd := args[0]
	fs.Parse(args[1:])
	for _, c := range cases {
		if c.name == cmd && c.takes != "seconds" {
			fmt.Fprintf(os.Stderr, "bench %s: %s; %s with the default flags (Ctrl+C stops it)\n", c.name, c.what, c.takes)
		}
	}
	switch cmd {
	case "hugo-build": // the baseline: plain embedded Hugo, in its own process like centar
		return hugo.Build(render.BuildOptions{Source: fs.Arg(0), Destination: fs.Arg(1)})
	case "hugo-serve":
		port, _ := strconv.Atoi(fs.Arg(1))
		return hugo.Server(fs.Arg(0), port)
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	switch cmd {
	case "gen":
		if *out == "" {
			return fmt.Errorf("say where: bench gen -n %d -o DIR", *n)
		}
		return generate(root, *out, *n)
	case "lighthouse":
		return lighthouse(root)
	case "search":
		return searchBench(root, *synthetic)
	case "english":
		return englishBench(root, fs.Args())
	case "translit":
		if fs.NArg() != 1 {
			return fmt.Errorf("say which text: bench translit [-mb 20] [-runs 9] TEXT")
		}
		return translitBench(root, fs.Arg(0), *mb, *runs)
	case "templates":
		return templates(root, *n)
	case "scale":
		tools, err := buildTools(root, true)
		if err != nil {
			return err
		}
		defer os.RemoveAll(tools.dir)
		fmt.Println("(i) the Hugo step as the site grows:")
		return scale(tools, root, *small, *n)
	case "cms":
		return cmsBench(root, *n, *images, *runs)
	case "admin":
		return adminBench(root, *old, *runs)
	case "signin":
		return signinBench(root, *runs)
	case "netlify":
		return netlifyBuild(root)
	case "publish":
		tools, err := buildTools(root, false)
		if err != nil {
			return err
		}
		defer os.RemoveAll(tools.dir)
		return cmsPublish(root, tools.centar, *old, *runs)
	case "workflow":
		tools, err := buildTools(root, false)
		if err != nil {
			return err
		}
		defer os.RemoveAll(tools.dir)
		return workflow(root, tools.centar, *old, *runs)
	case "all":
	default:
		var names []string
		for _, c := range cases {
			names = append(names, c.name)
		}
		return fmt.Errorf("there is no case %q: go run ./bench lists them (%s)", cmd, strings.Join(names, ", "))
	}

	dir := *out
	if dir == "" {
		if dir, err = os.MkdirTemp("", "centar-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	tools, err := buildTools(root, true)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tools.dir)
	start := time.Now()
	if err := generate(root, dir, *n); err != nil {
		return err
	}
	fmt.Printf("(a) synthetic site: %d news items, half Cyrillic, half Latin, in %s (%.1f s)\n", *n, dir, time.Since(start).Seconds())
	if *only != "preview" {
		if err := compareBuilds(tools, dir, *runs); err != nil {
			return err
		}
	}
	if *only == "build" {
		return nil
	}
	if *only == "preview" {
		// The plain Hugo server reads the transliterated tree: make it.
		if err := writeTree(dir); err != nil {
			return err
		}
	}
	if *n == 0 { // the real site alone: its Latin help page
		return comparePreviews(tools, dir, *edits, "/lat/pomoc/", "content/sr/pomoc/_index.md", "generated/content/sr-latn/pomoc/_index.md")
	}
	return comparePreviews(tools, dir, *edits, "/vesti/vest-00002/", "content/sr/vesti/vest-00002.md", "generated/content/sr-cyrl/vesti/vest-00002.md")
}

// repoRoot is the folder holding go.mod, from here up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("run bench inside the centar repository")
		}
		dir = parent
	}
}

// tools are the two programs compared: centar, and this program as plain Hugo.
type tools struct{ dir, centar, hugo string }

// buildTools builds centar and, for the comparisons, this program.
func buildTools(root string, withHugo bool) (*tools, error) {
	dir, err := os.MkdirTemp("", "centar-bench-bin-")
	if err != nil {
		return nil, err
	}
	t := &tools{dir: dir, centar: filepath.Join(dir, "centar"), hugo: filepath.Join(dir, "bench")}
	builds := map[string]string{t.centar: "./cmd/centar"}
	if withHugo {
		builds[t.hugo] = "./bench"
	}
	for bin, pkg := range builds {
		cmd := exec.Command("go", "build", "-o", bin, pkg)
		cmd.Dir, cmd.Stderr = root, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("go build %s: %w", pkg, err)
		}
	}
	return t, nil
}

// timed runs a command and returns how long it took.
func timed(name string, args ...string) (time.Duration, error) {
	d, _, err := measured(name, args...)
	return d, err
}

// measured runs a command and returns how long it took and its peak
// resident memory in bytes.
func measured(name string, args ...string) (time.Duration, int64, error) {
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err := cmd.Run()
	if err != nil {
		return 0, 0, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, tail(stderr.String()))
	}
	d := time.Since(start)
	var peak int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = ru.Maxrss << 10 // Linux reports kilobytes
	}
	return d, peak, nil
}

func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-20):], "\n")
}

// median leaves ds in the order the runs came: the build comparison pairs
// them after.
func median(ds []time.Duration) time.Duration {
	return slices.Sorted(slices.Values(ds))[len(ds)/2]
}

// writeTree writes the site's generated tree, which centar build keeps in
// memory, for plain Hugo to read.
func writeTree(dir string) error {
	s, err := build.Open(dir, message.NewPrinter(language.English))
	if err != nil {
		return err
	}
	_, err = s.Generate()
	return err
}

// compareBuilds times, alternately, centar build from nothing (no public/)
// and plain Hugo building the same generated tree, written out for it.
//
// Every build writes into a folder no build used before, as on a fresh
// checkout, and the outputs are removed only after the last: this disk's
// ext4 has no journal, and without one it passes over the inodes of files
// deleted in the last 30 s (the kernel's dirty_expire) at every file it
// creates. Removing the last build's 13,000 folders and pages just before
// the next made that build spend up to three times as long in the kernel,
// and weighed on whichever of the two came next.
func compareBuilds(t *tools, dir string, runs int) error {
	if err := writeTree(dir); err != nil {
		return err
	}
	syscall.Sync() // the site and the tree just written: not on the first build's clock
	var withCentar, plain []time.Duration
	var centarPeak, hugoPeak int64
	var outputs []string
	defer func() {
		for _, out := range outputs {
			os.RemoveAll(out)
		}
	}()
	for i := range runs {
		public, hugoPublic := filepath.Join(dir, fmt.Sprint("public-", i)), filepath.Join(dir, fmt.Sprint("public-hugo-", i))
		outputs = append(outputs, public, hugoPublic)
		d, peak, err := measured(t.centar, "build", "-s", dir, "-d", public)
		if err != nil {
			return err
		}
		withCentar, centarPeak = append(withCentar, d), max(centarPeak, peak)
		syscall.Sync() // each build's 400 MB reach the disk before the next build, not during it
		d, peak, err = measured(t.hugo, "hugo-build", dir, hugoPublic)
		if err != nil {
			return err
		}
		plain, hugoPeak = append(plain, d), max(hugoPeak, peak)
		syscall.Sync()
	}
	pages, _ := countFiles(outputs[0], "index.html")
	fmt.Printf("(b) build, %d runs each, in turn (centar / Hugo):", runs)
	for i := range withCentar {
		fmt.Printf(" %.2f / %.2f s", withCentar[i].Seconds(), plain[i].Seconds())
	}
	c, h := median(withCentar), median(plain)
	fmt.Printf("\n    median of %d, %d pages written:\n", runs, pages)
	fmt.Printf("    centar build (transliterate, leaflets, Hugo, finish, index)  %6.2f s, peak %s\n", c.Seconds(), megabytes(centarPeak))
	fmt.Printf("    embedded Hugo on the transliterated tree                     %6.2f s, peak %s, %.2f ms a page\n", h.Seconds(), megabytes(hugoPeak), perPage(h, pages))
	ratio := c.Seconds() / h.Seconds()
	fmt.Printf("    ratio %.2f (budget %.2f: %s)\n", ratio, buildBudget, verdict(ratio <= buildBudget))
	// The two builds of a pair ran back to back, on the machine as it was
	// then: their ratios drift less than either build's time.
	pairs := make([]float64, len(withCentar))
	fmt.Print("    each pair's ratio:")
	for i := range pairs {
		pairs[i] = withCentar[i].Seconds() / plain[i].Seconds()
		fmt.Printf(" %.2f", pairs[i])
	}
	slices.Sort(pairs)
	fmt.Printf(", median %.2f\n", pairs[len(pairs)/2])
	peaks := float64(centarPeak) / float64(hugoPeak)
	fmt.Printf("    peak memory ratio %.2f (budget %.2f: %s)\n", peaks, buildBudget, verdict(peaks <= buildBudget))
	return nil
}

// buildBudget is what centar build may cost against its Hugo step.
const buildBudget = 1.15

func perPage(d time.Duration, pages int) float64 {
	return float64(d.Microseconds()) / 1000 / float64(max(pages, 1))
}

func megabytes(b int64) string { return fmt.Sprintf("%d MB", b>>20) }

func verdict(within bool) string {
	if within {
		return "within"
	}
	return "OVER"
}

// scale builds two synthetic sites, small and large, and compares the Hugo
// step's cost per page: a site's pages must not cost more as it grows.
func scale(t *tools, root string, small, large int) error {
	type result struct {
		items, pages int
		hugo         time.Duration
		peak         int64
	}
	var results []result
	// hugoStep builds a site of n items and times its Hugo step alone.
	hugoStep := func(n int) (result, error) {
		dir, err := generatedSite(root, n)
		defer os.RemoveAll(dir)
		if err != nil {
			return result{}, err
		}
		d, peak, err := measured(t.hugo, "hugo-build", dir, filepath.Join(dir, "public-hugo"))
		if err != nil {
			return result{}, err
		}
		pages, err := countFiles(filepath.Join(dir, "public-hugo"), "index.html")
		return result{n, pages, d, peak}, err
	}
	for _, n := range []int{small, large} {
		r, err := hugoStep(n)
		if err != nil {
			return err
		}
		results = append(results, r)
		fmt.Printf("    %6d items, %6d pages written: Hugo step %6.2f s, %.2f ms a page, peak %s\n", n, r.pages, r.hugo.Seconds(), perPage(r.hugo, r.pages), megabytes(r.peak))
	}
	s, l := results[0], results[1]
	ratio := perPage(l.hugo, l.pages) / perPage(s.hugo, s.pages)
	fmt.Printf("    cost a page at %d items against %d: ratio %.2f (budget 1.25: %s)\n", large, small, ratio, verdict(ratio <= 1.25))
	fmt.Printf("    Hugo step at %d items: %.1f s (budget 35 s: %s)\n", large, l.hugo.Seconds(), verdict(l.hugo <= 35*time.Second))
	return nil
}

// generatedSite writes a synthetic site of n items, and its generated tree
// for plain Hugo to read, into a new temporary folder: the caller removes
// it, also when an error is returned ("" when none was made).
func generatedSite(root string, n int) (string, error) {
	dir, err := os.MkdirTemp("", "centar-site-")
	if err != nil {
		return "", err
	}
	if err := generate(root, dir, n); err != nil {
		return dir, err
	}
	return dir, writeTree(dir)
}

// templates builds a synthetic site of n items with Hugo's template
// metrics, and prints them: which templates cost the Hugo step most, and
// which give the same output on many pages (partialCached's candidates).
func templates(root string, n int) error {
	dir, err := generatedSite(root, n)
	defer os.RemoveAll(dir)
	if err != nil {
		return err
	}
	fmt.Printf("(j) templates at %d items, as Hugo's --templateMetrics --templateMetricsHints prints them\n", n)
	fmt.Println("    (durations are wall times summed over Hugo's render goroutines, several a CPU: compare them with each other)")
	return hugo.Build(render.BuildOptions{Source: dir, Destination: filepath.Join(dir, "public"), TemplateMetrics: os.Stdout})
}

func countFiles(dir, name string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == name {
			n++
		}
		return err
	})
	return n, err
}

// comparePreviews times an edit to a page until the change is served at
// page, in centar serve (the Serbian source, both scripts) and in plain
// Hugo's server (the already-transliterated file, in a copy of the site made
// after centar's build), both relative to dir. Both servers run at once and
// the edits alternate between them, so what the machine does meanwhile
// weighs on both alike.
func comparePreviews(t *tools, dir string, edits int, page, source, transliterated string) error {
	copied := dir + "-hugo"
	if err := os.CopyFS(copied, os.DirFS(dir)); err != nil {
		return err
	}
	defer os.RemoveAll(copied)
	withCentar, err := startPreview(dir, page, source, func(port int) *exec.Cmd {
		return exec.Command(t.centar, "serve", "-s", dir, "--port", strconv.Itoa(port))
	})
	if err != nil {
		return fmt.Errorf("centar serve: %w", err)
	}
	defer withCentar.stop()
	plain, err := startPreview(copied, page, transliterated, func(port int) *exec.Cmd {
		return exec.Command(t.hugo, "hugo-serve", copied, strconv.Itoa(port))
	})
	if err != nil {
		return fmt.Errorf("hugo server: %w", err)
	}
	defer plain.stop()
	// Hugo takes its watcher's events every 500 ms, so an edit waits for the
	// next tick: 0 to 500 ms, a spread larger than what is measured. Each
	// server's edits fall at evenly spaced phases of its tick, in a shuffled
	// order (the same for both), so every run samples the whole tick alike
	// instead of drawing phases by chance.
	phases := rand.New(rand.NewPCG(1, uint64(edits))).Perm(edits)
	for i := range edits {
		for _, p := range []*runningPreview{withCentar, plain} {
			if err := p.edit(i); err != nil {
				return err
			}
			// The change is shown just after a tick: wait one tick and a share.
			time.Sleep(500*time.Millisecond + time.Duration(phases[i])*500*time.Millisecond/time.Duration(edits))
		}
	}
	c, h := median(withCentar.times), median(plain.times)
	fmt.Printf("(c) edit to visible change in the preview at %s, median of %d, the two servers' edits alternating:\n", page, edits)
	fmt.Printf("    centar serve  %5.0f ms\n", float64(c.Microseconds())/1000)
	fmt.Printf("    hugo server   %5.0f ms (the transliterated file edited directly)\n", float64(h.Microseconds())/1000)
	ratio := c.Seconds() / h.Seconds()
	fmt.Printf("    ratio %.2f (budget 1.10: %s)\n", ratio, verdict(ratio <= 1.10))
	return nil
}

// runningPreview is a preview server and the page whose edits are timed.
type runningPreview struct {
	cmd       *exec.Cmd
	logs      *bytes.Buffer
	url, file string
	original  []byte
	times     []time.Duration
}

// startPreview starts a server for the site at dir and waits for page.
func startPreview(dir, page, file string, start func(port int) *exec.Cmd) (*runningPreview, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	p := &runningPreview{cmd: start(port), logs: &bytes.Buffer{}, url: fmt.Sprintf("http://127.0.0.1:%d%s", port, page), file: filepath.Join(dir, filepath.FromSlash(file))}
	p.cmd.Stdout, p.cmd.Stderr = p.logs, p.logs
	if p.original, err = os.ReadFile(p.file); err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	if err := waitFor(p.url, "", 10*time.Minute); err != nil {
		p.stop()
		return nil, fmt.Errorf("%w\n%s", err, tail(p.logs.String()))
	}
	return p, nil
}

// edit adds a line to the page and times how long until it is served.
func (p *runningPreview) edit(i int) error {
	token := fmt.Sprintf("izmena%d%d", time.Now().UnixNano()%1e6, i)
	edited := append(append([]byte{}, p.original...), []byte("\n\n"+token+"\n")...)
	begin := time.Now()
	if err := os.WriteFile(p.file, edited, 0o644); err != nil {
		return err
	}
	// The Cyrillic page shows the token transliterated; wait for either.
	if err := waitFor(p.url, token, time.Minute); err != nil {
		return fmt.Errorf("%w\n%s", err, tail(p.logs.String()))
	}
	p.times = append(p.times, time.Since(begin))
	return nil
}

// stop ends the server and puts the page back as it was.
func (p *runningPreview) stop() {
	p.cmd.Process.Kill()
	p.cmd.Wait()
	os.WriteFile(p.file, p.original, 0o644)
}

// waitFor polls url until it answers 200 and, if want is set, its body holds
// want in either script.
func waitFor(url, want string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && (want == "" || bytes.Contains(body, []byte(want)) || bytes.Contains(body, []byte(translit.ToCyrillic(want)))) {
				return nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return fmt.Errorf("%s did not show %q within %s", url, want, limit)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
