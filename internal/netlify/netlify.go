// Package netlify reads the headers and redirects of netlify.toml, writes
// the _headers and _redirects files of a built site, and serves it with
// them, as Netlify would: for the tests that load the site
// in a browser and for the benchmark's Lighthouse runs.
//
// It imports none of the project's packages.
package netlify

import (
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
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

// HeadersFile is the headers as a _headers file, which Netlify, Cloudflare
// Pages and other static hosts read from the published folder: a site copied
// to such a host by hand keeps the policy that netlify.toml holds. Rules keep
// their order; a rule's headers are in name order, so the file changes only
// when the policy does.
func (c *Config) HeadersFile() []byte {
	var b strings.Builder
	b.WriteString("# Made by centar build from netlify.toml, where the policy is kept: edit it there.\n")
	for _, h := range c.Headers {
		fmt.Fprintf(&b, "%s\n", h.For)
		names := make([]string, 0, len(h.Values))
		for name := range h.Values {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			fmt.Fprintf(&b, "  %s: %s\n", name, h.Values[name])
		}
	}
	return []byte(b.String())
}

// NotFoundRules are the rewrites that give each language published under a
// prefix (/lat/, /en/) its own "not found" page: the site's languages are
// its configuration, so these rules are made from them, not kept here.
func NotFoundRules(prefixes []string) []Redirect {
	var rules []Redirect
	for _, prefix := range prefixes {
		if prefix != "/" {
			rules = append(rules, Redirect{From: prefix + "*", To: prefix + "404.html", Status: http.StatusNotFound})
		}
	}
	return rules
}

// RedirectsFileName is the file of redirects Netlify reads from the
// published folder, before the rules of netlify.toml.
const RedirectsFileName = "_redirects"

// RedirectsFile is the rules as a _redirects file.
func RedirectsFile(rules []Redirect) []byte {
	var b strings.Builder
	b.WriteString("# Made by centar build from the site's languages (hugo.toml).\n")
	for _, rd := range rules {
		fmt.Fprintf(&b, "%s %s %d\n", rd.From, rd.To, rd.Status)
	}
	return []byte(b.String())
}

// readRedirectsFile reads the rules of a _redirects file: from, to and
// status on a line; # begins a comment.
func readRedirectsFile(data []byte) []Redirect {
	var rules []Redirect
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		rd := Redirect{From: f[0], To: f[1], Status: http.StatusMovedPermanently}
		if len(f) > 2 {
			rd.Status, _ = strconv.Atoi(strings.TrimSuffix(f[2], "!"))
		}
		rules = append(rules, rd)
	}
	return rules
}

// SetHeaders sets the headers of every rule that matches urlPath; a later
// rule's value wins, as on Netlify.
func (c *Config) SetHeaders(h http.Header, urlPath string) {
	for _, rule := range c.Headers {
		if match(rule.For, urlPath) {
			for k, v := range rule.Values {
				h.Set(k, v)
			}
		}
	}
}

// NotFoundPage is the page a missing urlPath shows: that of the first 404
// rule matching it, or /404.html.
func (c *Config) NotFoundPage(urlPath string) string {
	for _, rd := range c.Redirects {
		if rd.Status == http.StatusNotFound && match(rd.From, urlPath) {
			return rd.To
		}
	}
	return "/404.html"
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
// that is not there gets the 404 page of the first matching 404 rule of
// the site's _redirects file, then of netlify.toml, or /404.html, with
// status 404.
func (c *Config) Handler(dir string) http.Handler {
	if data, err := os.ReadFile(filepath.Join(dir, RedirectsFileName)); err == nil {
		site := *c
		site.Redirects = append(readRedirectsFile(data), c.Redirects...)
		c = &site
	}
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.SetHeaders(w.Header(), r.URL.Path)
		if exists(dir, r.URL.Path) {
			files.ServeHTTP(w, r)
			return
		}
		body, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(c.NotFoundPage(r.URL.Path))))
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
