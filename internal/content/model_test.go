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
