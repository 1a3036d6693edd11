package content

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"centar/internal/translit"
)

// serbianLetters are the Cyrillic alphabet's letters, small and capital.
const serbianLetters = "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"

// letterReplacer is the baseline: a letter-for-letter strings.Replacer, fast
// and wrong (nadživeti → наџивети), made from the engine's own letter table.
func letterReplacer(toCyrillic bool) *strings.Replacer {
	var digraphs, letters []string
	for _, c := range serbianLetters {
		lat := translit.ToLatin(string(c))
		pair := []string{string(c), lat}
		if toCyrillic {
			pair = []string{lat, string(c)}
		}
		if len([]rune(lat)) == 2 { // the replacer tries earlier pairs first: digraphs first
			digraphs = append(digraphs, pair...)
		} else {
			letters = append(letters, pair...)
		}
	}
	return strings.NewReplacer(append(digraphs, letters...)...)
}

// markdownCorpus is the bodies of the real site's Serbian pages, many times
// over: each is converted on its own, as a build does, within the bounds a
// page may hold.
func markdownCorpus(b *testing.B) []string {
	files, _ := filepath.Glob("../../content/sr/*/*.md")
	var bodies []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _, _ := FrontMatter(string(data))
		bodies = append(bodies, body)
	}
	var corpus []string
	for range 20 {
		corpus = append(corpus, bodies...)
	}
	return corpus
}

// BenchmarkMarkdown converts Markdown both ways beside the replacer baseline
// over the same bytes.
func BenchmarkMarkdown(b *testing.B) {
	corpus := markdownCorpus(b)
	for _, dir := range []struct {
		name  string
		to    translit.Script
		write func(string) string // the corpus as an editor writes it in the other script
	}{{"to-cyrillic", translit.Cyrillic, translit.ToLatin}, {"to-latin", translit.Latin, translit.ToCyrillic}} {
		pages := make([]string, len(corpus))
		size := 0
		for i, body := range corpus {
			pages[i] = dir.write(body)
			size += len(pages[i])
		}
		b.Run(dir.name+"/markdown", func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, page := range pages {
					if _, err := Convert(translit.Default(), page, dir.to, nil); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
		b.Run(dir.name+"/baseline-replacer", func(b *testing.B) {
			r := letterReplacer(dir.to == translit.Cyrillic)
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, page := range pages {
					r.Replace(page)
				}
			}
		})
	}
}

// Markdown conversion stays linear on hostile input, such as a pull request
// of braces and brackets: each size is four times the one before, and so
// should its time be. (Past TooHeavy's bounds, nothing is read.)
func BenchmarkMarkdownPathological(b *testing.B) {
	for _, unit := range []string{"{a ", "{{a ", "[a ", "[[a ", "``a ", "![a ", "<a ", "`a ", "&a ", "*a ", "a] ", "[a](b \"t\") "} { // a run of definitions is refused by TooHeavy
		for _, size := range []int{12 << 10, 48 << 10, 192 << 10} { // within MaxBody
			src := "---\ntitle: x\n---\n" + strings.Repeat(unit, size/len(unit)) + "\n"
			b.Run(fmt.Sprintf("%q/%dKB", unit, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					if _, err := Convert(translit.Default(), src, translit.Cyrillic, []string{"title"}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
