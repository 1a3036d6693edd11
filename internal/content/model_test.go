package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// Every field readers see is a text field every page may have.
func TestReaderFieldsAreTextFields(t *testing.T) {
	for _, f := range ReaderFields {
		if k, ok := Centre.Schema("")[f]; !ok || k.Kind != Text {
			t.Errorf("%s is a reader field but not a text field of every page", f)
		}
	}
}

// A section's English folder shares its schema; every Known field names
// its list.
func TestSchemas(t *testing.T) {
	if f, ok := Centre.Schema("news")["organizacija"]; !ok || f.List != "data/organizacije.yaml" {
		t.Errorf("news: organizacija is %+v", f)
	}
	if _, ok := Centre.Schema("o-centru")["oznake"]; ok {
		t.Error("a page of o-centru may have tags")
	}
	if got := Centre.KnownLists(); got["kategorija"] != "data/dokumenti.yaml" || len(got) != 2 {
		t.Errorf("known lists: %v", got)
	}
}

// The languages are hugo.toml's: the real site's three, and a fourth when
// its configuration adds one, with no other change.
func TestLanguagesComeFromHugoToml(t *testing.T) {
	m, err := Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range m.Languages {
		got = append(got, l.Key+" "+l.Folder+" "+l.Prefix)
	}
	if strings.Join(got, ", ") != "sr-cyrl sr /, sr-latn sr /lat/, en en /en/" {
		t.Errorf("the real site's languages: %s", strings.Join(got, ", "))
	}
	config, _ := os.ReadFile("../../hugo.toml")
	site := fstest.MapFS{"hugo.toml": {Data: append(config, "\n[languages.uk]\n  locale = \"uk\"\n  label = \"Українська\"\n  weight = 4\n  contentDir = \"content/uk\"\n"...)}}
	if m, err = Load(site); err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Folders(), ",") != "sr,en,uk" || m.PrefixOf("uk") != "/uk/" || m.PrefixOf("sr") != "/" {
		t.Errorf("with Ukrainian: folders %v, prefixes %q %q", m.Folders(), m.PrefixOf("uk"), m.PrefixOf("sr"))
	}
}

func TestRules(t *testing.T) {
	for s, want := range map[string]bool{"2024-05-31": true, "2024-05-31T10:00:00+02:00": true, "31.05.2024": false, "2024-13-01": false, "": false} {
		if IsDate(s) != want {
			t.Errorf("IsDate(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{"Наслов": true, "  ": false, "": false} {
		if HasTitle(s) != want {
			t.Errorf("HasTitle(%q) = %v", s, !want)
		}
	}
}

func TestTooHeavy(t *testing.T) {
	defs := func(n int) string { return strings.Repeat("[a]: /b \"t\"\n", n) }
	tests := []struct {
		name, body string
		want       *Excess
	}{
		{"a real page", "Tekst [veza](/a/) i _naglasak_.\n\n[a]: /b\n", nil},
		{"500 definitions", "Tekst.\n\n" + defs(MaxReferences), nil},
		{"501 definitions", "Tekst.\n\n" + defs(MaxReferences+1), &Excess{Line: MaxReferences + 3, Bound: MaxReferences}},
		{"definitions as code", strings.Repeat("    [a]: kod\n", 2*MaxReferences), nil},
		{"a long word", "Tekst\n" + strings.Repeat("a_", MaxRun) + "\n", &Excess{Line: 2, Bound: MaxRun}},
		{"a long line of words", strings.Repeat("reč ", MaxRun) + "\n", nil},
		{"a long Cyrillic word", strings.Repeat("ж", MaxRun) + "\n", nil},
		{"too big", strings.Repeat("rec ", MaxBody/4+1), &Excess{Line: 1, Bound: MaxBody, Size: MaxBody + 4}},
	}
	for _, tt := range tests {
		got := TooHeavy(tt.body)
		if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// A section is called in the editor what its list page calls it on the
// site: the CMS once said "Леци" where readers read "Летци".
func TestEachSectionIsNamedAsItsPageOnTheSite(t *testing.T) {
	for _, s := range Centre.Sections {
		if s.Label == "" {
			continue // a page among the pages, not a section the editor lists
		}
		src, err := os.ReadFile(filepath.Join("..", "..", "content", SerbianFolder, s.Name, "_index.md"))
		if errors.Is(err, fs.ErrNotExist) {
			continue // a section with no list page of its own
		} else if err != nil {
			t.Fatal(err)
		}
		h, err := ParseHeader(src)
		if err != nil {
			t.Fatal(err)
		}
		var title string
		if _, err := h.Value("title", &title); err != nil {
			t.Fatal(err)
		}
		if title != s.Label {
			t.Errorf("the section %s is %q in the editor and %q on the site", s.Name, s.Label, title)
		}
	}
}
