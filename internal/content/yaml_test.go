package content

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"centar/internal/msg"
)

// A quotation mark left open, or closed too soon, is placed at the mark to
// mend and said in the editor's words, not where go-yaml stumbles lines
// further down, in its own. Where go-yaml finds a value out of place for
// another reason, its place stands, and its reason is said in the
// editor's words too.
func TestQuotationMarkMistakesArePlacedAtTheMark(t *testing.T) {
	const (
		unclosed = "a quotation mark opened here is not closed"
		after    = "this quotation mark ends the value, and more text follows it"
		notHere  = "a value cannot stand here"
	)
	for _, c := range []struct {
		name, src string
		at        string // line:col
		says      string
	}{
		{"left open, the next value quoted", "- id: a\n  name: \"A\"\n  number: \"192\n  hours: \"0-24, every day\"\n  cost: \"free\"\n", "3:11", unclosed},
		{"left open, counted in letters", "- ид: \"Полиција\"\n  име: \"ж\n  сати: \"0-24, сваког дана\"\n", "2:8", unclosed},
		{"left open, in single quotes", "- id: a\n  name: 'It''s\n  hours: '0-24'\n", "2:9", unclosed},
		{"left open after an escaped mark", "- id: a\n  number: \"1\\\"92\n  hours: \"0-24\"\n", "2:11", unclosed},
		{"a comment's mark is not a value's", "- id: a\n  # name: \"an old name\n  name: \"A\n  hours: \"0-24\"\n", "3:9", unclosed},
		{"left open, nothing quoted after", "title: \"Vest\ndate: 2024-05-31\n", "1:8", unclosed},
		{"left open, in a file of CR LF lines", "title: \"A\r\ndate: \"B\"\r\n", "1:8", unclosed},
		{"left open, in a file of CR lines", "# title: \"old\rtitle: \"A\rdate: \"B\"\r", "2:8", unclosed},
		{"an apostrophe inside a value opens nothing", "title: Women's day\ndescription: \"Text\ndate: \"2024\"\n", "2:14", unclosed},
		{"a mark inside a value opens nothing", "title: Vest \"x\ndescription: \"Text\ndate: \"2024\"\n", "2:14", unclosed},
		{"closed too soon in a list", "oznake: [\"obuka, \"Niš\"]\n", "1:18", after},
		{"a quotation inside a quoted title", "title: \"Обука \"Крагујевац\"\"\ndate: 2024-05-31\n", "1:15", after},
		{"two quoted values", "title: \"Ђ\" \"x\"\n", "1:10", after},
		// A value on the line after a quoted one is not the quotation's fault.
		{"an indented line after a quoted value", "a: \"b\"\n  c: d\n", "2:3", notHere},
		{"text after a list", "a: [b, c] d\n", "1:11", notHere},
		{"a key after a list item", "- a\nb: c\n", "2:1", notHere},
	} {
		t.Run(c.name, func(t *testing.T) {
			var v any
			err := DecodeYAML(msg.Printer(msg.English), "f.yaml", []byte(c.src), 0, &v)
			var ps Findings
			if !errors.As(err, &ps) || len(ps) != 1 {
				t.Fatalf("decoding %q gave %v; want one problem", c.src, err)
			}
			if at := fmt.Sprintf("%d:%d", ps[0].Line, ps[0].Col); at != c.at || !strings.Contains(ps[0].Message, c.says) {
				t.Errorf("decoding %q: %s: %s\nwant %s: …%s…", c.src, at, ps[0].Message, c.at, c.says)
			}
		})
	}
}

// The help lines' file with a number's quotation mark left open names the
// number's line, in Serbian, in the check's words.
func TestHotlineQuoteLeftOpenNamesItsLine(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", HotlinesFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "  number: \"") && at < 0 {
			lines[i], at = strings.TrimSuffix(l, "\""), i
		}
	}
	if at < 0 {
		t.Fatalf("%s has no quoted number: line to break", HotlinesFile)
	}
	site := fstest.MapFS{HotlinesFile: {Data: []byte(strings.Join(lines, "\n"))}}
	_, err = CheckHotlines(msg.Printer(msg.Serbian), site, false)
	var ps Findings
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("got %v; want one problem", err)
	}
	if ps[0].Path != HotlinesFile || ps[0].Line != at+1 || !strings.Contains(ps[0].Message, "navodnik otvoren ovde nije zatvoren") {
		t.Errorf("got %s:%d: %s; want %s:%d and the quotation mark named, in Serbian", ps[0].Path, ps[0].Line, ps[0].Message, HotlinesFile, at+1)
	}
}

// BenchmarkQuotationMarkLeftOpen places a quotation mark left open at the
// top of a data file of growing length, as a pull request may send: each
// size is four times the one before, and so should its time be.
func BenchmarkQuotationMarkLeftOpen(b *testing.B) {
	for _, entries := range []int{250, 1000, 4000} {
		var src strings.Builder
		src.WriteString("- id: a\n  name: \"A\n")
		for i := range entries {
			fmt.Fprintf(&src, "- id: e%d # a \"comment\"\n  name: \"Име %d\"\n  note: 'it''s'\n", i, i)
		}
		b.Run(fmt.Sprintf("%d-entries", entries), func(b *testing.B) {
			b.SetBytes(int64(src.Len()))
			for b.Loop() {
				var v any
				err := DecodeYAML(msg.Printer(msg.English), "f.yaml", []byte(src.String()), 0, &v)
				var ps Findings
				if !errors.As(err, &ps) || ps[0].Line != 2 {
					b.Fatalf("got %v; want the mark on line 2", err)
				}
			}
		})
	}
}

// Whatever a data file or a header holds, a problem in it is placed on one
// of its lines, at a column of that line.
func FuzzYAMLProblemIsPlacedInTheText(f *testing.F) {
	for _, seed := range []string{
		"- id: a\n  name: \"A\n  hours: \"0-24\"\n",
		"title: \"Обука \"Крагујевац\"\"\n",
		"title: Women's day\ndescription: \"Text\ndate: \"2024\"\n",
		"oznake: [\"obuka, \"Niš\"]\n",
		"a: \"b\\\n\"c\" d\n",
		"# \"\n'''\n",
		"a: \"\xe2\x80\" x\n",
		"*\r0",
		"title: \"A\r\ndate: \"B\"\r\n",
		"title: \"A\rdate: \"B\"\r",
		"# \"a\rtitle: \"A\rdate: \"B\"\r",
		"title: \"A\\\rdate: \"B\"\r",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var v any
		err := DecodeYAML(msg.Printer(msg.English), "f.yaml", []byte(src), 0, &v)
		var ps Findings
		if !errors.As(err, &ps) {
			return
		}
		// YAML breaks lines at \r\n, \r and \n alike.
		lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n"), "\n")
		for _, p := range ps {
			if p.Line < 1 || p.Line > len(lines) || p.Col < 0 || p.Col > utf8.RuneCountInString(lines[p.Line-1])+1 {
				t.Errorf("%q: the problem is placed at %d:%d, outside the text", src, p.Line, p.Col)
			}
		}
	})
}
