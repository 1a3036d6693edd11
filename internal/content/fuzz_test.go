package content

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"centar/internal/translit"
)

func FuzzMarkdownKeepsURLsAndCode(f *testing.F) {
	f.Add("nadživeti budžet", "https://astra.rs/vesti/džep?a=1", "budžet := ljudi")
	f.Add("Љубав", "/lat/vesti/", "x")
	f.Fuzz(func(t *testing.T, text, url, code string) {
		clean := func(s, drop string) string {
			return strings.Map(func(r rune) rune {
				if strings.ContainsRune(drop, r) || r < ' ' {
					return -1
				}
				return r
			}, s)
		}
		text = clean(text, "[]()`\\<>{}&!*_#|~-+=:\"'^%")
		url = clean(url, " ()<>`\\\"'[]")
		code = clean(code, "`")
		if !utf8.ValidString(text+url+code) || url == "" || strings.TrimSpace(code) != code || code == "" {
			return
		}
		doc := "A " + text + " [" + text + "](" + url + " \"" + text + "\") `" + code + "` " + text + "\n"
		for _, to := range []translit.Script{translit.Cyrillic, translit.Latin} {
			out, err := Convert(translit.Default(), doc, to, nil)
			var excess *Excess
			if errors.As(err, &excess) {
				return // past a bound of goldmark's: refused, as TestTooHeavy holds
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, "]("+url+" \"") || !strings.Contains(out, "`"+code+"`") {
				t.Fatalf("to %s: URL or code changed:\n%s\n%s", to, doc, out)
			}
		}
	})
}

// Conversion keeps every line on its line, and every byte that is not reader
// text: with a converter that changes nothing, the output is the input, less
// the brackets of [[…]]. Converting again changes nothing.
func FuzzConvertKeepsLinesAndMarkup(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: ljudi\n---\n# Naslov {#id}\n\nTekst [link](/a \"Naslov\") `kod` <b>x</b> &nbsp; [[Ћ]]\n",
		"[^1]: fusnota ljudi\n\n[a][r]\n\n[r]:\n  /url\n  \"Naslov\"\n", "{{< sc\n  a=\"ljudi\" >}}\n", "| a | b |\n|---|---|\n| ljudi | x |\n",
		"- [ ] zadatak\n\nTermin\n: opis ljudi\n", "www.astra.rs i <https://x.rs> ~~ljudi~~\n", "[a](<b c> 'T') ![alt](i.png (T))\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		keep, err := Convert(translit.Default(), s, translit.Cyrillic, nil)
		if err != nil {
			return // an unclosed header: an error, tested apart
		}
		_, body, _, _ := FrontMatter(s)
		head := s[:len(s)-len(body)]
		doc := Read([]byte(body))
		var same strings.Builder
		same.WriteString(head)
		ConvertBody(&same, doc, func(x string) string { return x })
		want, pos := head, 0
		for _, p := range doc.Protected { // [[…]] loses its brackets
			want += body[pos:p.Start] + body[p.Start+2:p.End-2]
			pos = p.End
		}
		if want += body[pos:]; same.String() != want {
			t.Fatalf("an unchanged conversion changed the document:\n%q\n%q", want, same.String())
		}
		if strings.Count(keep, "\n") != strings.Count(s, "\n") {
			t.Fatalf("line count changed: %q → %q", s, keep)
		}
		if !strings.Contains(s, "[[") {
			if again, _ := Convert(translit.Default(), keep, translit.Cyrillic, nil); again != keep {
				t.Fatalf("converting twice: %q → %q → %q", s, keep, again)
			}
		}
		for _, to := range []translit.Script{translit.Cyrillic, translit.Latin} {
			if out, err := Convert(translit.Default(), s, to, nil); err == nil && !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
		}
	})
}

// keyLine splits a header line as the pattern it replaced did.
func FuzzKeyLine(f *testing.F) {
	pattern := regexp.MustCompile(`^([A-Za-z_][\w-]*)(\s*:\s*)(.*?)(\r?\n?)$`)
	for _, line := range []string{"title: Наслов\n", "title:\r\n", "oznake: [a, b]\r", "a-b_1 :  x:y \r\r\n", "_: \n",
		"-a: x\n", "1a: x\n", "a\n: x", "  title: x\n", "title x\n", "title:\tx\ry\n", "é: x\n", "a:\n\n", "a: \xff\n", ""} {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		key, sep, value, eol, ok := keyLine(line)
		m := pattern.FindStringSubmatch(line)
		if ok != (m != nil) || ok && (key != m[1] || sep != m[2] || value != m[3] || eol != m[4]) {
			t.Fatalf("keyLine(%q) = %q, %q, %q, %q, %v; the pattern: %q", line, key, sep, value, eol, ok, m)
		}
	})
}
