package build

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"centar/internal/netlify"
)

const config = `
[[redirects]]
  from = "/lat/*"
  to = "/lat/404.html"
  status = 404

[[headers]]
  for = "/*"
  [headers.values]
    Content-Security-Policy = "default-src 'none'"
    X-Frame-Options = "DENY"
`

// hugoServer serves files laid out as Hugo's server has them: the Latin
// home page and 404 page under /sr-latn/, the rest where they are published;
// a folder without an index.html is not found, as there.
func hugoServer(t *testing.T, pages map[string]string) *url.URL {
	t.Helper()
	dir := t.TempDir()
	for name, text := range pages {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(r.URL.Path))
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			if _, err := os.Stat(filepath.Join(p, "index.html")); err != nil {
				http.NotFound(w, r)
				return
			}
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return u
}

func previewOf(t *testing.T, files map[string]string) *httptest.Server {
	t.Helper()
	path := filepath.Join(t.TempDir(), "netlify.toml")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := netlify.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(published(hugoServer(t, files), c, message.NewPrinter(language.English)))
	t.Cleanup(srv.Close)
	return srv
}

func TestPreviewAnswersAtThePublishedAddresses(t *testing.T) {
	srv := previewOf(t, map[string]string{
		"index.html":                  `<a href="/sr-latn/">Latinica</a> <a href="/en/">English</a>`,
		"404.html":                    "Страница није пронађена",
		"sr-latn/index.html":          `<a href="/sr-cyrl/">Ћирилица</a> <a href="/lat/pomoc/">Pomoć</a>`,
		"sr-latn/404.html":            "Stranica nije pronađena",
		"lat/pomoc/index.html":        "Pomoć",
		"css/main.css":                "a{}",
		"letci/letak/letak.pdf":       "%PDF /sr-latn/ stays as it is",
		"sr-latn/index.xml":           `<link>https://example.org/sr-latn/</link>`,
		"en/help/index.html":          "Help",
		"lat/vesti/index.html":        "Vesti",
		"lat/vesti/page/2/index.html": "2",
	})
	for _, c := range []struct {
		path   string
		status int
		body   string
	}{
		{"/", 200, `<a href="/lat/">Latinica</a> <a href="/en/">English</a>`},
		{"/lat/", 200, `<a href="/">Ћирилица</a> <a href="/lat/pomoc/">Pomoć</a>`},
		{"/lat/pomoc/", 200, "Pomoć"},
		{"/lat/index.xml", 200, `<link>https://example.org/lat/</link>`},
		{"/lat/vesti/page/2/", 200, "2"},
		{"/letci/letak/letak.pdf", 200, "%PDF /sr-latn/ stays as it is"},
		{"/lat/nema/", 404, "Stranica nije pronađena"},
		{"/nema/", 404, "Страница није пронађена"},
		{"/sr-latn/nema/", 404, "Страница није пронађена"},
	} {
		resp, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || string(b) != c.body {
			t.Errorf("%s: %d %q, want %d %q", c.path, resp.StatusCode, b, c.status, c.body)
		}
		if got := resp.Header.Get("Content-Security-Policy"); got != "default-src 'none'" {
			t.Errorf("%s: Content-Security-Policy %q", c.path, got)
		}
		if got := resp.Header.Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("%s: X-Frame-Options %q", c.path, got)
		}
		if n := resp.ContentLength; n >= 0 && int(n) != len(b) {
			t.Errorf("%s: Content-Length %d for %d bytes", c.path, n, len(b))
		}
	}
}

// The page is asked of Hugo at the reader's host: its live reload takes web
// sockets only from pages of the host it is asked at.
func TestPreviewAsksAtTheReadersHost(t *testing.T) {
	var asked string
	hugo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked = r.Host
	}))
	defer hugo.Close()
	u, _ := url.Parse(hugo.URL)
	srv := httptest.NewServer(published(u, &netlify.Config{}, message.NewPrinter(language.English)))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/", nil)
	req.Host = "localhost:1313"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if asked != "localhost:1313" {
		t.Errorf("Hugo was asked at %q, want the reader's localhost:1313", asked)
	}
}

func TestPreviewSaysWhenHugoIsNotUp(t *testing.T) {
	ln := httptest.NewServer(http.NotFoundHandler())
	u, _ := url.Parse(ln.URL)
	ln.Close() // nothing listens there now
	srv := httptest.NewServer(published(u, &netlify.Config{}, message.NewPrinter(language.English)))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadGateway || !strings.Contains(string(b), "not ready") {
		t.Errorf("got %d %q, want 502 saying the preview is not ready", resp.StatusCode, b)
	}
}
