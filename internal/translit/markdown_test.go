package translit

import (
	"errors"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func TestMarkdownConvertsOnlyReaderText(t *testing.T) {
	src, err := os.ReadFile("testdata/markdown/sample.md")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Default().Markdown(string(src), Cyrillic, append(DefaultFields, "organizacija_naziv"))
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
	got, err := Default().Markdown(src, Latin, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: Delatnost Centra\nslug: delatnost\n---\n\nCentar [članom 9.](/o-centru/ \"Statut\") `код` LJUDI.\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMarkdownUnclosedFrontMatter(t *testing.T) {
	_, err := Default().Markdown("---\ntitle: x\n\ntext\n", Cyrillic, nil)
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
	}
	for _, tt := range tests {
		fm, body, ok, err := FrontMatter(tt.src)
		if err != nil || ok != tt.ok || fm != tt.fm || body != tt.body {
			t.Errorf("FrontMatter(%q) = %q, %q, %v, %v; want %q, %q, %v", tt.src, fm, body, ok, err, tt.fm, tt.body, tt.ok)
		}
	}
}

// scanForBracket is the plain definition brackets.closing must agree with:
// the ] where the depth of brackets opened after from-1 first returns to 0.
func scanForBracket(s string, from int) int {
	depth := 1
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '`':
			if n := verbatimSpan(s[i:]); n > 0 {
				i += n - 1
			}
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

func TestBracketsMatchAScanFromEachBracket(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "[[]]`\\a "
	for range 20000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		s := string(b)
		br := &brackets{found: newSpans(s), match: map[int]int{}}
		// In the order the converter asks: left to right, some skipped.
		for i := 0; i < len(s); i++ {
			if s[i] != '[' || rng.IntN(4) == 0 {
				continue
			}
			if got, want := br.closing(i+1), scanForBracket(s, i+1); got != want {
				t.Fatalf("%q: the [ at %d closes at %d, want %d", s, i, got, want)
			}
		}
	}
}
