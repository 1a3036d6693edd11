package translit

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/transform"
)

// The baselines are strings.Replacer with the plain letter table: what a naive
// converter does, fast and wrong (nadživeti → наџивети, Windows → Wиндоwс).
func letterReplacer(toCyrillic bool) *strings.Replacer {
	var pairs []string
	if toCyrillic {
		for _, d := range []string{"LJ", "Lj", "lj", "NJ", "Nj", "nj", "DŽ", "Dž", "dž"} {
			pairs = append(pairs, d, string(digraph([]rune(d)[0], []rune(d)[1])))
		}
		for l, c := range latToCyr {
			pairs = append(pairs, string(l), string(c))
		}
	} else {
		for c, l := range cyrToLat {
			pairs = append(pairs, string(c), l)
		}
	}
	return strings.NewReplacer(pairs...)
}

func benchCorpus(b *testing.B) string {
	files, _ := filepath.Glob("testdata/corpus/*.txt")
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
	}
	return strings.Repeat(sb.String(), 20)
}

func BenchmarkToLatin(b *testing.B) {
	cyr := benchCorpus(b)
	converting(b, "translit", cyr, ToLatin)
	converting(b, "baseline-replacer", cyr, letterReplacer(false).Replace)
}

func BenchmarkToCyrillic(b *testing.B) {
	cyr := benchCorpus(b)
	lat := ToLatin(cyr)
	converting(b, "translit", lat, ToCyrillic)
	converting(b, "baseline-replacer", lat, letterReplacer(true).Replace)
	// Half of the sources are written in Cyrillic, and every one is
	// converted to Cyrillic too.
	converting(b, "translit-cyrillic-source", cyr, ToCyrillic)
	converting(b, "baseline-replacer-cyrillic-source", cyr, letterReplacer(true).Replace)
	// A page is converted a paragraph at a time.
	paragraphs := strings.Split(cyr, "\n\n")
	converting(b, "translit-cyrillic-source-by-paragraph", cyr, func(string) string {
		for _, p := range paragraphs {
			ToCyrillic(p)
		}
		return ""
	})
}

// converting times convert over text, as the sub-benchmark name.
func converting(b *testing.B, name, text string, convert func(string) string) {
	b.Run(name, func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			convert(text)
		}
	})
}

// Streaming stays linear when a span is left open and the input comes in
// transform.Reader's 4 KB pieces: each size is four times the one before.
func BenchmarkTransformerOpenSpan(b *testing.B) {
	for _, size := range []int{256 << 10, 1 << 20, 4 << 20} {
		src := "{{ " + strings.Repeat("ljudi ", size/6) + "\n"
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := io.Copy(io.Discard, transform.NewReader(strings.NewReader(src), Default().Transformer(Cyrillic))); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
