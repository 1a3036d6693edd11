package build

import "testing"

// Each file Hugo writes is put at its published address with its links
// pointing at the published addresses; a file of another kind is left as
// written.
func TestPublished(t *testing.T) {
	for _, tt := range []struct{ rel, in, wantRel, want string }{
		{"sr-latn/index.html", `<a href="/sr-latn/">Latinica</a><a href="/">Ћирилица</a>`, "lat/index.html", `<a href="/lat/">Latinica</a><a href="/">Ћирилица</a>`},
		{"lat/vesti/index.html", `/sr-latn/ /sr-cyrl/ /sr-x/ /sr-latn /sr-/sr-latn/x`, "lat/vesti/index.html", `/lat/ / /sr-x/ /sr-latn /sr-/lat/x`},
		{"sr-latn/index.xml", "<link>https://primer.rs/sr-latn/vesti/</link>", "lat/index.xml", "<link>https://primer.rs/lat/vesti/</link>"},
		{"index.html", "<p>без веза</p>", "index.html", "<p>без веза</p>"},
		{"sr-cyrl/index.html", `<meta http-equiv="refresh" content="0; url=/">`, "", ""},
		{"letci/letak/letak.pdf", "%PDF /sr-latn/", "letci/letak/letak.pdf", "%PDF /sr-latn/"},
	} {
		rel, b := Published(tt.rel, []byte(tt.in))
		if rel != tt.wantRel || string(b) != tt.want {
			t.Errorf("Published(%q, %q) = %q, %q; want %q, %q", tt.rel, tt.in, rel, b, tt.wantRel, tt.want)
		}
	}
}
