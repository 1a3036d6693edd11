package netlify

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTheProjectsConfigIsStrict(t *testing.T) {
	c, err := Load("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	csp := c.Header("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("the CSP lacks %q: %s", want, csp)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("the CSP allows inline or eval'd code: %s", csp)
	}
	for name, want := range map[string]string{
		"Referrer-Policy":           "no-referrer",
		"X-Content-Type-Options":    "nosniff",
		"Strict-Transport-Security": "max-age=",
		"Permissions-Policy":        "camera=()",
	} {
		if v := c.Header(name); !strings.Contains(v, want) {
			t.Errorf("%s is %q, want it to contain %q", name, v, want)
		}
	}
}

// Each language's missing pages get its own 404 page, from the rules the
// build writes into _redirects for the site's languages.
func TestHandlerSendsHeadersAndTheLanguages404(t *testing.T) {
	dir := t.TempDir()
	redirects := string(RedirectsFile(NotFoundRules([]string{"/", "/lat/", "/ar/"})))
	for name, body := range map[string]string{"index.html": "home", "404.html": "nema", "lat/404.html": "nema lat", "ar/404.html": "ar 404", "css/a.css": "a{}", "_redirects": redirects} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	c := &Config{
		Headers: []HeaderRule{{For: "/*", Values: map[string]string{"X-Test": "all"}}, {For: "/css/*", Values: map[string]string{"Cache-Control": "immutable"}}},
	}
	srv := httptest.NewServer(c.Handler(dir))
	defer srv.Close()
	for _, tc := range []struct {
		path, body, cache string
		status            int
	}{
		{"/", "home", "", 200},
		{"/css/a.css", "a{}", "immutable", 200},
		{"/nema/", "nema", "", 404},
		{"/lat/nema/", "nema lat", "", 404},
		{"/ar/nema/", "ar 404", "", 404},
		{"/arhiva/", "nema", "", 404},
	} {
		resp, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 64)
		n, _ := resp.Body.Read(b)
		resp.Body.Close()
		if resp.StatusCode != tc.status || string(b[:n]) != tc.body || resp.Header.Get("X-Test") != "all" || resp.Header.Get("Cache-Control") != tc.cache {
			t.Errorf("%s: %d %q X-Test=%q Cache-Control=%q", tc.path, resp.StatusCode, b[:n], resp.Header.Get("X-Test"), resp.Header.Get("Cache-Control"))
		}
	}
}

// The _headers file says what netlify.toml says, in the form hosts read:
// every rule, in order, each header once, nothing else.
func TestHeadersFileCarriesEveryRule(t *testing.T) {
	c, err := Load("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	file := string(c.HeadersFile())
	var rules []HeaderRule
	for _, line := range strings.Split(strings.TrimSuffix(file, "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			rules = append(rules, HeaderRule{For: line, Values: map[string]string{}})
		case strings.HasPrefix(line, "  ") && len(rules) > 0:
			name, value, ok := strings.Cut(strings.TrimPrefix(line, "  "), ": ")
			if !ok {
				t.Fatalf("not a header line: %q", line)
			}
			if _, twice := rules[len(rules)-1].Values[name]; twice {
				t.Errorf("%s: %s given twice", rules[len(rules)-1].For, name)
			}
			rules[len(rules)-1].Values[name] = value
		default:
			t.Fatalf("a line no host reads: %q", line)
		}
	}
	if len(rules) != len(c.Headers) {
		t.Fatalf("%d rules in _headers, %d in netlify.toml:\n%s", len(rules), len(c.Headers), file)
	}
	for i, want := range c.Headers {
		got := rules[i]
		if got.For != want.For || len(got.Values) != len(want.Values) {
			t.Errorf("rule %d: %s with %d headers, want %s with %d", i, got.For, len(got.Values), want.For, len(want.Values))
		}
		for name, v := range want.Values {
			if got.Values[name] != v {
				t.Errorf("%s: %s is %q, want %q", want.For, name, got.Values[name], v)
			}
		}
	}
}
