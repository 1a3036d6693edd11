package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"centar/internal/content"
)

// A translation whose Serbian page changed since it was translated says so
// on the page, in its own language, with a link to the Serbian page; a
// current translation and the Serbian pages say nothing of it.
func TestAnOutdatedTranslationSaysTheSerbianPageIsNewer(t *testing.T) {
	dir := copySite(t)
	file := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	// The home page's translation translates its Serbian page as it is.
	home, err := os.ReadFile(file("content/sr/_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	fp, err := content.Fingerprint(home)
	if err != nil {
		t.Fatal(err)
	}
	en, err := os.ReadFile(file("content/en/_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if en, err = content.Stamp(en, fp); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file("content/en/_index.md"), en, 0o644); err != nil {
		t.Fatal(err)
	}
	// The mandate's translates an older version of its Serbian page.
	mandate, err := os.ReadFile(file("content/en/about/mandate.md"))
	if err != nil {
		t.Fatal(err)
	}
	if mandate, err = content.Stamp(mandate, "000000000000"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file("content/en/about/mandate.md"), mandate, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCentar(t, "build", "-s", dir); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(dir, "public", rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	want := `<p class="c-translation" role="note" data-translation-status="outdated" data-search-skip lang="en">The Serbian page has changed since this translation was made. <a href="/o-centru/delatnost/" hreflang="sr-Cyrl-RS">Read the Serbian page.</a></p>`
	if got := read("en/about/mandate/index.html"); !strings.Contains(got, want) {
		t.Errorf("the outdated translation lacks\n%s", want)
	}
	for _, page := range []string{"en/index.html", "index.html", "o-centru/delatnost/index.html", "lat/o-centru/delatnost/index.html"} {
		if strings.Contains(read(page), "data-translation-status") {
			t.Errorf("%s says a translation is outdated", page)
		}
	}
}
