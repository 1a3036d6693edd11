package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"centar/internal/content"
	"centar/internal/msg"
)

// The generated tree names the translations whose Serbian page changed
// since, by their language and their path in its folder, and not the
// current ones; as the preview regenerates, a translation saved again
// leaves the list, and a new one of a page converted before joins it.
func TestGeneratedTreeNamesTheOutdatedTranslations(t *testing.T) {
	was := "---\ntitle: Делатност\ntranslationKey: mandate\n---\nСтари текст.\n"
	now := strings.Replace(was, "Стари", "Нови", 1)
	home := "---\ntitle: Почетна\ntranslationKey: home\n---\nДобро дошли.\n"
	stamp := func(page, sr string) string {
		fp, err := content.Fingerprint([]byte(sr))
		if err != nil {
			t.Fatal(err)
		}
		out, err := content.Stamp([]byte(page), fp)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	root := writeSite(t, map[string]string{
		"hugo.toml":                        "",
		"content/sr/_index.md":             home,
		"content/sr/o-centru/delatnost.md": now,
		"content/sr/o-centru/_index.md":    "---\ntitle: О Центру\ntranslationKey: about\n---\n",
		"content/en/_index.md":             stamp("---\ntitle: Home\ntranslationKey: home\n---\nWelcome.\n", home),
		"content/en/about/mandate.md":      stamp("---\ntitle: Mandate\ntranslationKey: mandate\n---\nThe old text.\n", was),
	})
	s, err := Open(root, msg.Printer(msg.Serbian))
	if err != nil {
		t.Fatal(err)
	}
	status := func() translationsFile {
		t.Helper()
		if _, err := s.Generate(); err != nil {
			t.Fatal(err)
		}
		var got translationsFile
		if err := json.Unmarshal([]byte(read(t, root, "generated/"+translationsPath)), &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := translationsFile{Outdated: map[string]map[string]bool{"en": {"about/mandate.md": true}}, Serbian: []string{"sr-cyrl", "sr-latn"}}
	if got := status(); !reflect.DeepEqual(got, want) {
		t.Errorf("translations: %+v, want %+v", got, want)
	}
	mandate := filepath.Join(root, "content/en/about/mandate.md")
	if err := os.WriteFile(mandate, []byte(stamp("---\ntitle: Mandate\ntranslationKey: mandate\n---\nThe new text.\n", now)), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := status(); len(got.Outdated) != 0 {
		t.Errorf("after the translation was brought up to date: %+v", got)
	}
	about := filepath.Join(root, "content/en/about/_index.md")
	if err := os.WriteFile(about, []byte("---\ntitle: About\ntranslationKey: about\ntranslates: \"000000000000\"\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := status(); !reflect.DeepEqual(got.Outdated, map[string]map[string]bool{"en": {"about/_index.md": true}}) {
		t.Errorf("after a translation of an unchanged Serbian page was added: %+v", got)
	}
}
