package content

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

const delatnost = "---\ntitle: \"Делатност Центра\"\ndescription: Шта Центар ради.\ndate: 2024-05-31\noznake: [obuka]\nweight: 1\ntranslationKey: mandate\n---\n\nЦентар је установа социјалне заштите.\nЊегова делатност је заштита жртава.\n"

// A fingerprint follows what readers read, in whichever script it is
// written: the title, the description and the text, not the date, the
// tags, the order or how lines are wrapped.
func TestFingerprintFollowsWhatReadersRead(t *testing.T) {
	base, err := Fingerprint([]byte(delatnost))
	if err != nil {
		t.Fatal(err)
	}
	if len(base) != 12 || strings.Trim(base, "0123456789abcdef") != "" {
		t.Fatalf("the fingerprint is %q, want 12 hexadecimal digits", base)
	}
	for _, c := range []struct {
		name, page string
		same       bool
	}{
		{"written in Latin", "---\ntitle: Delatnost Centra\ndescription: \"Šta Centar radi.\"\ndate: 2024-05-31\noznake: [obuka]\nweight: 1\ntranslationKey: mandate\n---\n\nCentar je ustanova socijalne zaštite.\nNjegova delatnost je zaštita žrtava.\n", true},
		{"another date", strings.Replace(delatnost, "2024-05-31", "2025-01-02", 1), true},
		{"other tags and order", strings.Replace(strings.Replace(delatnost, "[obuka]", "[obuka, lokalni-timovi]", 1), "weight: 1", "weight: 7", 1), true},
		{"lines wrapped anew", strings.Replace(delatnost, "заштите.\nЊегова", "заштите.  Његова", 1) + "\n\n", true},
		{"line breaks of two characters", strings.ReplaceAll(delatnost, "\n", "\r\n"), true},
		{"a word of the text", strings.Replace(delatnost, "жртава", "жртава трговине људима", 1), false},
		{"a word of the title", strings.Replace(delatnost, "Делатност Центра", "Делатност", 1), false},
		{"the description", strings.Replace(delatnost, "Шта Центар ради.", "Шта Центар ради и за кога.", 1), false},
		{"a new paragraph", delatnost + "\nНови пасус.\n", false},
		{"the title's words moved into the text", strings.Replace(strings.Replace(delatnost, "Делатност Центра", "Делатност", 1), "\n\nЦентар је", "\n\nЦентра Центар је", 1), false},
	} {
		got, err := Fingerprint([]byte(c.page))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if (got == base) != c.same {
			t.Errorf("%s: fingerprint %s, the page's %s; want same=%v", c.name, got, base, c.same)
		}
	}
}

// The reader text is what a diff of two versions shows: the reader
// fields and the text, in Latin, without the other fields.
func TestReaderTextHoldsOnlyWhatReadersRead(t *testing.T) {
	got, err := ReaderText([]byte(delatnost))
	if err != nil {
		t.Fatal(err)
	}
	want := "title: Delatnost Centra\ndescription: Šta Centar radi.\n\n\nCentar je ustanova socijalne zaštite.\nNjegova delatnost je zaštita žrtava.\n"
	if got != want {
		t.Errorf("reader text:\n%q\nwant\n%q", got, want)
	}
}

// stamped is page with its translates field holding the fingerprint of the
// Serbian page sr.
func stamped(t *testing.T, page, sr string) string {
	t.Helper()
	fp, err := Fingerprint([]byte(sr))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Stamp([]byte(page), fp)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// withUkrainian is the real site's configuration with a fourth language.
func withUkrainian(t *testing.T) []byte {
	t.Helper()
	config, err := os.ReadFile("../../hugo.toml")
	if err != nil {
		t.Fatal(err)
	}
	return append(config, "\n[languages.uk]\n  locale = \"uk\"\n  label = \"Українська\"\n  weight = 4\n  contentDir = \"content/uk\"\n"...)
}

// Every translated language is listed: a translation pairs with its Serbian
// page by its translationKey, or by its path as Hugo pairs them; it is
// current, outdated or of unknown version, and a page readers of every
// language need and a language lacks is missing.
func TestTranslationsListEveryLanguagesState(t *testing.T) {
	home := "---\ntitle: Почетна\ntranslationKey: home\n---\nДобро дошли.\n"
	term := "---\ntitle: Обука\n---\n"
	site := fstest.MapFS{
		"hugo.toml":                         {Data: withUkrainian(t)},
		"content/sr/_index.md":              {Data: []byte(home)},
		"content/sr/o-centru/delatnost.md":  {Data: []byte(strings.Replace(delatnost, "жртава", "жртава трговине људима", 1))},
		"content/sr/oznake/obuka/_index.md": {Data: []byte(term)},
		"content/sr/vesti/prva.md":          {Data: []byte("---\ntitle: Прва вест\ndate: 2024-05-31\n---\nТекст.\n")},
		"content/en/_index.md":              {Data: []byte(stamped(t, "---\ntitle: Home\ntranslationKey: home\n---\nWelcome.\n", home))},
		"content/en/about/mandate.md":       {Data: []byte(stamped(t, "---\ntitle: Mandate\ntranslationKey: mandate\n---\nThe Centre.\n", delatnost))},
		"content/en/oznake/obuka/_index.md": {Data: []byte("---\ntitle: Training\n---\n")},
		"content/en/english-only.md":        {Data: []byte("---\ntitle: Only in English\n---\n")},
		"content/uk/_index.md":              {Data: []byte(stamped(t, "---\ntitle: Головна\ntranslationKey: home\n---\nЛаскаво просимо.\n", home))},
	}
	m, err := Load(site)
	if err != nil {
		t.Fatal(err)
	}
	list, err := m.Translations(site)
	if err != nil {
		t.Fatal(err)
	}
	names := map[TranslationState]string{Current: "current", Outdated: "outdated", Unknown: "unknown", Missing: "missing"}
	var got []string
	for _, tr := range list {
		got = append(got, fmt.Sprintf("%s %s %s → %s (%s)", tr.Language.Key, names[tr.State], tr.Source, tr.Path, tr.Title))
	}
	want := []string{
		"en current content/sr/_index.md → content/en/_index.md (Почетна)",
		"uk current content/sr/_index.md → content/uk/_index.md (Почетна)",
		"en outdated content/sr/o-centru/delatnost.md → content/en/about/mandate.md (Делатност Центра)",
		"uk missing content/sr/o-centru/delatnost.md →  (Делатност Центра)",
		"en unknown content/sr/oznake/obuka/_index.md → content/en/oznake/obuka/_index.md (Обука)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("translations:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Stamping rewrites the translates line alone, or adds it at the end of the
// header, and leaves every other byte as it was.
func TestStampRewritesOnlyItsOwnLine(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{"---\ntitle: 'Mandate' # kept\ntranslationKey: mandate\n---\nText.\n", "---\ntitle: 'Mandate' # kept\ntranslationKey: mandate\ntranslates: abcdef012345\n---\nText.\n"},
		{"---\ntitle: Mandate\ntranslates: \"000000000000\"\nweight: 1\n---\nText.\n", "---\ntitle: Mandate\ntranslates: \"abcdef012345\"\nweight: 1\n---\nText.\n"},
	} {
		got, err := Stamp([]byte(c.page), "abcdef012345")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("stamped\n%q\nis\n%q\nwant\n%q", c.page, got, c.want)
		}
	}
	// A fingerprint YAML would read as a number is written as text.
	got, err := Stamp([]byte("---\ntitle: T\n---\n"), "123456789012")
	if err != nil || string(got) != "---\ntitle: T\ntranslates: \"123456789012\"\n---\n" {
		t.Errorf("a fingerprint of digits is written %q (%v)", got, err)
	}
}

// Stamped gives the translations among the paths their Serbian page's
// fingerprint; a Serbian page, a translation without a Serbian page and a
// translation stamped already are left out.
func TestStampedTakesTheSerbianPagesFingerprint(t *testing.T) {
	en := "---\ntitle: Mandate\ntranslationKey: mandate\n---\nThe Centre.\n"
	site := fstest.MapFS{
		"hugo.toml":                        {Data: withUkrainian(t)},
		"content/sr/o-centru/delatnost.md": {Data: []byte(delatnost)},
		"content/en/about/mandate.md":      {Data: []byte(en)},
		"content/en/about/orphan.md":       {Data: []byte("---\ntitle: Orphan\ntranslationKey: nowhere\n---\n")},
		"content/uk/about/mandate.md":      {Data: []byte(stamped(t, "---\ntitle: Діяльність\ntranslationKey: mandate\n---\n", delatnost))},
	}
	m, err := Load(site)
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Stamped(site, []string{"content/sr/o-centru/delatnost.md", "content/en/about/mandate.md", "content/en/about/orphan.md", "content/uk/about/mandate.md", "content/en/gone.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || string(got["content/en/about/mandate.md"]) != stamped(t, en, delatnost) {
		t.Errorf("stamped: %q", got)
	}
}
