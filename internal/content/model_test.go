package content

import (
	"strings"
	"testing"
)

// Every field readers see is a text field every page may have.
func TestReaderFieldsAreTextFields(t *testing.T) {
	for _, f := range ReaderFields {
		if k, ok := SchemaFor("")[f]; !ok || k != Text {
			t.Errorf("%s is a reader field but not a text field of every page", f)
		}
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

func TestTooManyReferences(t *testing.T) {
	defs := func(n int) string { return strings.Repeat("[a]: /b \"t\"\n", n) }
	if got := TooManyReferences("Tekst.\n\n" + defs(MaxReferences)); got != 0 {
		t.Errorf("%d definitions: line %d", MaxReferences, got)
	}
	if got := TooManyReferences("Tekst.\n\n" + defs(MaxReferences+1)); got != MaxReferences+3 {
		t.Errorf("%d definitions: line %d, want %d", MaxReferences+1, got, MaxReferences+3)
	}
	if got := TooManyReferences(strings.Repeat("    [a]: kod\n", 2*MaxReferences)); got != 0 {
		t.Errorf("indented code counted: line %d", got)
	}
}
