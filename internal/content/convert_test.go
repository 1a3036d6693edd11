package content

import (
	"errors"
	"os"
	"strings"
	"testing"

	"centar/internal/translit"
)

func TestMarkdownConvertsOnlyReaderText(t *testing.T) {
	src, err := os.ReadFile("testdata/sample.md")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Convert(translit.Default(), string(src), translit.Cyrillic, append(ReaderFields, "organizacija_naziv"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(got, "\n") != strings.Count(string(src), "\n") {
		t.Errorf("line count changed")
	}
	mustContain := []string{
		// reader text converted
		`title: "Састанак радне групе \"БАН III\" – The Balkans ACT"`,
		"  Регионална радна група\n  за мониторинг",
		"# Наслов са џепом {#naslov-id}",
		`[линком на вести](/vesti/nadzivljen "Наслов линка")`,
		`![слика џепа](slike/dzep.jpg "Џеп")`,
		"- ставка људи\n    наставак људи",
		"| њива | Љубљана |",
		`[ref]: https://astra.rs "Наслов референце"`,
		"Референца [текст][ref] и фуснота[^1].",
		`\*звезда\*`,
		// machine values, code, HTML and shortcodes byte-identical
		"date: 2021-04-28\nslug: sastanak-radne-grupe\norganizacija: astra\ntags: [obuka, lokalni-timovi]",
		"`budžet := 1`",
		"<https://astra.rs>",
		`<span lang="en">`,
		"&nbsp;",
		`{{< figure src="a.jpg" caption="Ne menjaj" >}} после шорткода.`,
		"```go\nbudžet := \"ljudi\"\n```",
		"    uvučeni kod ljudi",
		"<!-- komentar ljudi -->",
		"<div class=\"x\">\nhtml ljudi\n</div>",
	}
	for _, want := range mustContain {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q\n--- output:\n%s", want, got)
		}
	}
}

func TestMarkdownRoundTripToLatin(t *testing.T) {
	src := "---\ntitle: Делатност Центра\nslug: delatnost\n---\n\nЦентар [чланом 9.](/o-centru/ \"Статут\") `код` ЉУДИ.\n"
	got, err := Convert(translit.Default(), src, translit.Latin, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: Delatnost Centra\nslug: delatnost\n---\n\nCentar [članom 9.](/o-centru/ \"Statut\") `код` LJUDI.\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMarkdownUnclosedFrontMatter(t *testing.T) {
	_, err := Convert(translit.Default(), "---\ntitle: x\n\ntext\n", translit.Cyrillic, nil)
	var le *LineError
	if !errors.As(err, &le) || le.Line != 1 || !strings.Contains(le.Msg, "nije zatvoreno") {
		t.Fatalf("want a LineError at line 1, got %v", err)
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		src, fm, body string
		ok            bool
	}{
		{"---\ntitle: a\n---\nbody\n", "title: a\n", "body\n", true},
		{"---\r\ntitle: a\r\n...\r\nbody", "title: a\r\n", "body", true},
		{"---\n---\n", "", "", true},
		{"title: a\n", "", "title: a\n", false},
		{"----\ntitle: a\n", "", "----\ntitle: a\n", false},
		{"---\ntitle: a\n---", "title: a\n", "", true},
		{"---\r\r\n---\r\r\n\nbody", "", "\nbody", true},
		{"---\ntitle: a\n--- \n---\n", "title: a\n--- \n", "", true},
	}
	for _, tt := range tests {
		fm, body, ok, err := FrontMatter(tt.src)
		if err != nil || ok != tt.ok || fm != tt.fm || body != tt.body {
			t.Errorf("FrontMatter(%q) = %q, %q, %v, %v; want %q, %q, %v", tt.src, fm, body, ok, err, tt.fm, tt.body, tt.ok)
		}
	}
	for _, src := range []string{"---", "---\n", "---\ntitle: a\n\ntext\n"} {
		var le *LineError
		if _, body, ok, err := FrontMatter(src); !errors.As(err, &le) || le.Line != 1 || ok || body != src {
			t.Errorf("FrontMatter(%q) = body %q, %v, %v; want the whole text and an unclosed header at line 1", src, body, ok, err)
		}
	}
}

func TestEntry(t *testing.T) {
	fm := "title: >\n  Обука\n\n  у Крагујевцу\ntitles: [a]\ndate: 2024-05-31\n# title: no\noznake:\n  - obuka\n"
	for key, want := range map[string]string{
		"title":  "title: >\n  Обука\n\n  у Крагујевцу\n",
		"date":   "date: 2024-05-31\n",
		"oznake": "oznake:\n  - obuka\n",
		"grad":   "",
	} {
		if got := Entry(fm, key); got != want {
			t.Errorf("Entry(fm, %q) = %q, want %q", key, got, want)
		}
	}
}

func TestConvertAfterAnUnclosedShortcode(t *testing.T) {
	got, err := Convert(translit.Default(), "{{< nezatvoren\n\nljudi [[Ljudi]] ljudi\n", translit.Cyrillic, nil)
	if err != nil || got != "{{< незатворен\n\nљуди Ljudi људи\n" {
		t.Fatalf("got %q, %v", got, err)
	}
}
