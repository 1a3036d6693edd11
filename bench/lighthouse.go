package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"

	"centar/internal/netlify"
)

// lighthousePages are the page types Lighthouse scores.
var lighthousePages = []string{
	"/", "/vesti/", "/vesti/ban-iii-nacionalni-izvestilac/", "/strategija/akcioni-plan/", "/pomoc/",
	"/dokumenti/", "/letci/info-letak/", "/gradovi/kragujevac/", "/bezbedno-pregledanje/",
	"/lat/pomoc/", "/en/",
}

// lighthouse builds the real site, serves it with netlify.toml's headers and
// runs Lighthouse (npm, in bench/) with Chromium's mobile preset on each page
// type, printing the four category scores.
func lighthouse(root string) error {
	script := filepath.Join(root, "bench", "lighthouse.mjs")
	if _, err := os.Stat(filepath.Join(root, "bench", "node_modules", "lighthouse")); err != nil {
		return fmt.Errorf("Lighthouse is not installed: run npm ci --prefix bench")
	}
	tools, err := buildTools(root, false)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tools.dir)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	base := fmt.Sprintf("http://%s/", l.Addr())
	dest, err := os.MkdirTemp("", "centar-lighthouse-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dest)
	if _, err := timed(tools.centar, "build", "-s", root, "-d", dest, "--base-url", base); err != nil {
		return err
	}
	cfg, err := netlify.Load(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return err
	}
	go http.Serve(l, cfg.Handler(dest))
	var urls []string
	for _, p := range lighthousePages {
		urls = append(urls, base+p[1:])
	}
	cmd := exec.Command("node", append([]string{script}, urls...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("lighthouse: %w", err)
	}
	var results []struct {
		URL            string
		Scores         map[string]float64
		Failed         []string
		BenchmarkIndex float64
	}
	if err := json.Unmarshal(out, &results); err != nil {
		return fmt.Errorf("reading Lighthouse's results: %w", err)
	}
	fmt.Println("(d) Lighthouse, mobile preset, Debian's Chromium:")
	if len(results) > 0 {
		// Lighthouse simulates a phone from this machine's speed: a low index
		// (a slow or busy machine) makes its CPU figures pessimistic.
		fmt.Printf("    this machine's Lighthouse benchmark index: %.0f\n", results[0].BenchmarkIndex)
	}
	fmt.Printf("    %-40s %5s %5s %5s %5s\n", "page", "perf", "a11y", "best", "seo")
	for i, r := range results {
		fmt.Printf("    %-40s %5.0f %5.0f %5.0f %5.0f\n", lighthousePages[i], 100*r.Scores["performance"], 100*r.Scores["accessibility"], 100*r.Scores["best-practices"], 100*r.Scores["seo"])
		for _, f := range r.Failed {
			fmt.Printf("      below 1: %s\n", f)
		}
	}
	return nil
}
