package content

import (
	"strings"
	"testing"
)

const headed = "---\n# Вест о обуци\ntitle: \"Обука у Нишу\" # наслов\ndate: 2024-05-31\noznake:\n  - obuka\n  - nis\n\n# за превод\ntranslationKey: 'vesti-obuka'\ndescription: |\n  Први ред.\n  Други ред.\n---\nТекст.\n"

func TestHeaderReadsFieldsWithTheirPlaces(t *testing.T) {
	h, err := ParseHeader([]byte(headed))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(h.Keys(), ","); got != "title,date,oznake,translationKey,description" {
		t.Errorf("keys %s", got)
	}
	for key, want := range map[string]string{
		"title":          "title: \"Обука у Нишу\" # наслов\n",
		"oznake":         "oznake:\n  - obuka\n  - nis\n",
		"translationKey": "translationKey: 'vesti-obuka'\n",
		"description":    "description: |\n  Први ред.\n  Други ред.\n",
	} {
		if got := h.FieldText(key); got != want {
			t.Errorf("%s is %q, want %q", key, got, want)
		}
	}
	if h.Line("date") != 4 || h.Line("translationKey") != 10 {
		t.Errorf("date at line %d, translationKey at %d", h.Line("date"), h.Line("translationKey"))
	}
	var title string
	if ok, err := h.Value("title", &title); !ok || err != nil || title != "Обука у Нишу" {
		t.Errorf("title %q %v %v", title, ok, err)
	}
	if h.Body() != "Текст.\n" {
		t.Errorf("body %q", h.Body())
	}
}

func TestHeaderSetChangesOneFieldAndKeepsTheRest(t *testing.T) {
	h, err := ParseHeader([]byte(headed))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key   string
		value any
		want  string // the field's new lines
	}{
		{"title", "Обука у Крагујевцу", "title: \"Обука у Крагујевцу\"\n"},
		{"translationKey", "it's", "translationKey: 'it''s'\n"},
		{"date", "2024-06-01", "date: 2024-06-01\n"},
		{"oznake", []any{"obuka"}, "oznake:\n  - obuka\n"}, // indented as it was
		{"draft", true, "draft: true\n"},
		{"weight", 3, "weight: 3\n"},
		{"description", "Један ред: са двотачком", "description: \"Један ред: са двотачком\"\n"},
	} {
		out, err := h.Set(tc.key, tc.value)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseHeader(out)
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.key, err, out)
		}
		if got := again.FieldText(tc.key); got != tc.want {
			t.Errorf("%s became %q, want %q", tc.key, got, tc.want)
		}
		for _, other := range h.Keys() {
			if other != tc.key && again.FieldText(other) != h.FieldText(other) {
				t.Errorf("setting %s changed %s to %q", tc.key, other, again.FieldText(other))
			}
		}
		// Comments outside the field stay.
		for _, c := range []string{"# Вест о обуци\n", "\n# за превод\n"} {
			if !strings.Contains(string(out), c) {
				t.Errorf("setting %s lost the comment %q:\n%s", tc.key, c, out)
			}
		}
		if again.Body() != "Текст.\n" {
			t.Errorf("setting %s changed the body to %q", tc.key, again.Body())
		}
	}
}

func TestHeaderDeleteAndNoHeader(t *testing.T) {
	h, _ := ParseHeader([]byte(headed))
	out := string(h.Delete("oznake"))
	if strings.Contains(out, "- obuka") || !strings.Contains(out, "date: 2024-05-31\n\n# за превод") {
		t.Errorf("after Delete:\n%s", out)
	}
	bare, err := ParseHeader([]byte("Само текст.\n"))
	if err != nil || bare.Has() {
		t.Fatalf("a page without a header: %v %v", bare.Has(), err)
	}
	added, _ := bare.Set("title", "Наслов")
	if string(added) != "---\ntitle: Наслов\n---\nСамо текст.\n" {
		t.Errorf("a header added: %q", added)
	}
	crlf, err := ParseHeader([]byte("---\r\ntitle: A\r\ndate: 2024-05-31\r\n---\r\nText\r\n"))
	if err != nil || crlf.FieldText("title") != "title: A\r\n" || crlf.Body() != "Text\r\n" {
		t.Errorf("CR LF: %q %q %v", crlf.FieldText("title"), crlf.Body(), err)
	}
}

func TestSameValue(t *testing.T) {
	for _, tc := range []struct {
		a, b any
		same bool
	}{
		{nil, "", true}, {false, nil, true}, {[]any{}, nil, true},
		{uint64(3), 3.0, true}, {"3", uint64(3), false},
		{[]any{"a", "b"}, []any{"a", "b"}, true}, {[]any{"a"}, []any{"b"}, false},
		{map[string]any{"a": "x"}, map[string]any{"a": "x", "b": ""}, true},
		{"Наслов", "Naslov", false},
	} {
		if SameValue(tc.a, tc.b) != tc.same {
			t.Errorf("SameValue(%#v, %#v) = %v", tc.a, tc.b, !tc.same)
		}
	}
}
