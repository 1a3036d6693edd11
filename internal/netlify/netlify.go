// Package netlify reads the headers and redirects of netlify.toml and serves
// a built site with them, as Netlify would: for the tests that load the site
// in a browser and for the benchmark's Lighthouse runs.
package netlify

import (
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Config is the part of netlify.toml that shapes what a browser receives.
type Config struct {
	Headers   []HeaderRule `toml:"headers"`
	Redirects []Redirect   `toml:"redirects"`
}

// HeaderRule sends Values on every path matching For.
type HeaderRule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// Redirect is a rule; only "not found" rewrites (status 404) are served here.
type Redirect struct {
	From   string `toml:"from"`
	To     string `toml:"to"`
	Status int    `toml:"status"`
}

// Load reads netlify.toml.
func Load(name string) (*Config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := toml.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &c, nil
}

// Header returns the value of a header Netlify sends on every page, or "".
func (c *Config) Header(name string) string {
	for _, h := range c.Headers {
		if h.For == "/*" {
			if v, ok := h.Values[name]; ok {
				return v
			}
		}
	}
	return ""
}

// match reports whether a URL path matches a Netlify pattern: exact, or a
// prefix when the pattern ends in *.
func match(pattern, p string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return pattern == p
}

// Handler serves the built site in dir with the configured headers. A path
// that is not there gets the 404 page of the first matching 404 rule, or
// /404.html, with status 404.
func (c *Config) Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range c.Headers {
			if match(h.For, r.URL.Path) {
				for k, v := range h.Values {
					w.Header().Set(k, v)
				}
			}
		}
		if exists(dir, r.URL.Path) {
			files.ServeHTTP(w, r)
			return
		}
		notFound := "/404.html"
		for _, rd := range c.Redirects {
			if rd.Status == http.StatusNotFound && match(rd.From, r.URL.Path) {
				notFound = rd.To
				break
			}
		}
		body, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(notFound)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(body)
	})
}

// exists reports whether the URL path names a file, or a folder with an
// index.html, under dir.
func exists(dir, urlPath string) bool {
	p := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+urlPath)))
	info, err := os.Stat(p)
	if err != nil {
		return false
	}
	if info.IsDir() {
		_, err = os.Stat(filepath.Join(p, "index.html"))
		return err == nil
	}
	return true
}
