package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/cgi"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// cmsPublish times the web CMS's publication of a draft, from the request
// to the answer, against a server behind git's own http-backend: this
// repository, whole history included, is the server. Each run saves a new
// news item as a draft, then publishes it; the figure is the median of the
// publications. With -old, another centar binary's cms is timed beside this
// one's, each on a server of its own, in the same run.
func cmsPublish(root, centar, old string, runs int) error {
	backend := "/usr/lib/git-core/git-http-backend"
	if _, err := os.Stat(backend); err != nil {
		return fmt.Errorf("git-http-backend is not installed (Debian package git)")
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules", "decap-cms", "dist", "decap-cms.js")); err != nil {
		return fmt.Errorf("Decap CMS is not installed: run npm ci")
	}
	bins := []struct{ name, path string }{{"centar", centar}}
	if old != "" {
		bins = append(bins, struct{ name, path string }{"old centar", old})
	}
	medians := map[string][2]time.Duration{}
	for _, b := range bins {
		save, publish, err := timePublish(root, backend, b.path, runs)
		if err != nil {
			return fmt.Errorf("%s: %w", b.name, err)
		}
		medians[b.name] = [2]time.Duration{save, publish}
	}
	fmt.Printf("(k) the web CMS over HTTP (git-http-backend), median of %d:\n", runs)
	for _, b := range bins {
		m := medians[b.name]
		fmt.Printf("    %-11s save a draft %6.0f ms   publish it %6.0f ms\n", b.name, ms(m[0]), ms(m[1]))
	}
	if old != "" {
		now, before := medians["centar"], medians["old centar"]
		fmt.Printf("    this centar against the old one: save %.2f×, publish %.2f×\n", now[0].Seconds()/before[0].Seconds(), now[1].Seconds()/before[1].Seconds())
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// timePublish returns bin's median save and publish times.
func timePublish(root, backend, bin string, runs int) (save, publish time.Duration, err error) {
	dir, err := os.MkdirTemp("", "centar-bench-publish-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(dir)
	bare := filepath.Join(dir, "server", "sajt.git")
	if err := git(dir, "clone", "-q", "--bare", "--branch", "main", root, bare); err != nil {
		return 0, 0, err
	}
	if err := git(bare, "config", "http.receivepack", "true"); err != nil {
		return 0, 0, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, err
	}
	server := &http.Server{Handler: &cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + filepath.Join(dir, "server"), "GIT_HTTP_EXPORT_ALL=1"}}}
	go server.Serve(ln)
	defer server.Close()
	ana := filepath.Join(dir, "ana")
	if err := git(dir, "clone", "-q", "http://"+ln.Addr().String()+"/sajt.git", ana); err != nil {
		return 0, 0, err
	}
	for _, args := range [][]string{{"config", "user.name", "Ana"}, {"config", "user.email", "ana@example.org"}} {
		if err := git(ana, args...); err != nil {
			return 0, 0, err
		}
	}
	if err := os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(ana, "node_modules")); err != nil {
		return 0, 0, err
	}
	port, err := freePort()
	if err != nil {
		return 0, 0, err
	}
	cms := exec.Command(bin, "cms", "--port", fmt.Sprint(port), "--source", ana)
	if err := cms.Start(); err != nil {
		return 0, 0, err
	}
	defer func() { cms.Process.Kill(); cms.Wait() }()
	api := fmt.Sprintf("http://127.0.0.1:%d/api/v1", port)
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, err := protocol(api, "info", nil); err == nil {
			break
		}
		if time.Now().After(deadline) {
			return 0, 0, fmt.Errorf("centar cms did not start")
		}
	}
	var saves, publishes []time.Duration
	for i := range runs {
		slug := fmt.Sprintf("obuka-%d-%d", time.Now().UnixNano(), i)
		entry := map[string]any{
			"dataFiles": []map[string]any{{"slug": slug, "path": "vesti/sr/" + slug + ".md", "raw": "---\ntitle: Обука " + slug + "\ndate: 2026-11-20\n---\nЧланови локалних тимова похађали су обуку.\n"}},
			"assets":    []any{},
			"options":   map[string]any{"collectionName": "vesti", "commitMessage": "Обука", "useWorkflow": true, "status": "pending_publish"},
		}
		start := time.Now()
		if _, err := protocol(api, "persistEntry", entry); err != nil {
			return 0, 0, fmt.Errorf("saving: %w", err)
		}
		saves = append(saves, time.Since(start))
		start = time.Now()
		if _, err := protocol(api, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": slug}); err != nil {
			return 0, 0, fmt.Errorf("publishing: %w", err)
		}
		publishes = append(publishes, time.Since(start))
	}
	return median(saves), median(publishes), nil
}
