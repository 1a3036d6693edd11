package main

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"centar/internal/cms"
	"centar/internal/msg"
)

// cmsBench times three actions of Decap's proxy protocol — listing 1,000 news
// items, saving a draft, listing 200 images — in centar cms's API and in
// decap-server 3.11 (npm, in bench/), each on its own copy of the same
// repository, in the same run.
func cmsBench(root string, items, images, runs int) error {
	server := filepath.Join(root, "bench", "node_modules", "decap-server", "dist", "index.js")
	if _, err := os.Stat(server); err != nil {
		return fmt.Errorf("decap-server is not installed: run npm ci --prefix bench")
	}
	dir, err := os.MkdirTemp("", "centar-bench-cms-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	seed := filepath.Join(dir, "seed")
	if err := cmsSite(root, seed, items, images); err != nil {
		return err
	}
	ours, theirs := filepath.Join(dir, "centar"), filepath.Join(dir, "decap-server")
	for _, d := range []string{ours, theirs} {
		if err := git(dir, "clone", "-q", seed, d); err != nil {
			return err
		}
		for _, args := range [][]string{{"config", "user.name", "Ana"}, {"config", "user.email", "ana@example.org"}} {
			if err := git(d, args...); err != nil {
				return err
			}
		}
	}

	api := httptest.NewServer(&cms.API{Root: ours, P: msg.Printer(msg.Serbian), Getenv: os.Getenv})
	defer api.Close()
	port, err := freePort()
	if err != nil {
		return err
	}
	node := exec.Command("node", server)
	node.Env = append(os.Environ(), "MODE=git", "GIT_REPO_DIRECTORY="+theirs, fmt.Sprintf("PORT=%d", port), "BIND_HOST=127.0.0.1", "LOG_LEVEL=error")
	if err := node.Start(); err != nil {
		return err
	}
	defer func() { node.Process.Kill(); node.Wait() }()
	decap := fmt.Sprintf("http://127.0.0.1:%d/api/v1", port)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if _, err := protocol(decap, "info", nil); err == nil {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("decap-server did not start")
		}
	}

	i := 0
	draft := func(path string) map[string]any {
		i++
		slug := fmt.Sprintf("nacrt-%d", i)
		return map[string]any{
			"dataFiles": []map[string]any{{"slug": slug, "path": fmt.Sprintf(path, slug), "raw": "---\ntitle: Нацрт\ndate: 2026-11-20\n---\nТекст нацрта.\n"}},
			"assets":    []any{},
			"options":   map[string]any{"collectionName": "vesti", "commitMessage": "Нацрт", "useWorkflow": true, "status": "draft"},
		}
	}
	fmt.Printf("(f) centar cms against decap-server 3.11 on the same repository (%d news items, %d images of 100 KB), median of %d:\n", items, images, runs)
	// centar reads a commit's tree once; its first list pays for that.
	listing := map[string]any{"folder": "vesti", "extension": "md", "depth": 2}
	start := time.Now()
	if _, err := protocol(api.URL, "entriesByFolder", listing); err != nil {
		return err
	}
	cold := time.Since(start)
	start = time.Now()
	if _, err := protocol(decap, "entriesByFolder", map[string]any{"folder": "content/sr/vesti", "extension": "md", "depth": 1}); err != nil {
		return err
	}
	first := time.Since(start)
	fmt.Printf("    %-34s centar %6.1f ms            decap-server %7.1f ms            ratio %.2f\n", "entriesByFolder, first request", float64(cold.Microseconds())/1000, float64(first.Microseconds())/1000, cold.Seconds()/first.Seconds())
	for _, a := range []struct {
		label, action    string
		centar, baseline func() map[string]any
	}{
		{"entriesByFolder, every news item", "entriesByFolder",
			func() map[string]any { return map[string]any{"folder": "vesti", "extension": "md", "depth": 2} },
			func() map[string]any {
				return map[string]any{"folder": "content/sr/vesti", "extension": "md", "depth": 1}
			}},
		{"persistEntry, a new draft", "persistEntry",
			func() map[string]any { return draft("vesti/sr/%s.md") },
			func() map[string]any { return draft("content/sr/vesti/%s.md") }},
		{"getMedia, the image folder", "getMedia",
			func() map[string]any { return map[string]any{"mediaFolder": "static/slike"} },
			func() map[string]any { return map[string]any{"mediaFolder": "static/slike"} }},
	} {
		var ds [2][]time.Duration
		var size [2]int
		for range runs {
			for k, target := range []string{api.URL, decap} {
				params := a.centar()
				if k == 1 {
					params = a.baseline()
				}
				start := time.Now()
				body, err := protocol(target, a.action, params)
				if err != nil {
					return fmt.Errorf("%s: %w", a.action, err)
				}
				ds[k] = append(ds[k], time.Since(start))
				size[k] = len(body)
			}
		}
		c, d := median(ds[0]), median(ds[1])
		fmt.Printf("    %-34s centar %6.1f ms (%s)   decap-server %7.1f ms (%s)   ratio %.2f\n", a.label,
			float64(c.Microseconds())/1000, kb(size[0]), float64(d.Microseconds())/1000, kb(size[1]), c.Seconds()/d.Seconds())
	}
	return nil
}

func kb(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.0f KB", float64(n)/1024)
}

// protocol sends one action of Decap's proxy protocol and returns the body.
func protocol(url, action string, params map[string]any) ([]byte, error) {
	if params == nil {
		params = map[string]any{}
	}
	params["branch"] = "main"
	body, _ := json.Marshal(map[string]any{"action": action, "params": params})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != 200 {
		err = fmt.Errorf("%d %s", resp.StatusCode, out)
	}
	return out, err
}

// cmsSite makes the real site with items news items and images images, as a
// git repository on main.
func cmsSite(root, dir string, items, images int) error {
	if err := generate(root, dir, items); err != nil {
		return err
	}
	for i := range images {
		data := make([]byte, 100<<10)
		rand.Read(data)
		p := filepath.Join(dir, "static", "slike", fmt.Sprintf("slika-%03d.jpg", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"add", "-A"}, {"-c", "user.name=Seed", "-c", "user.email=seed@example.org", "commit", "-q", "-m", "Seed"}} {
		if err := git(dir, args...); err != nil {
			return err
		}
	}
	return nil
}
