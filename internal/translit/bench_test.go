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
	b.Run("translit", func(b *testing.B) {
		b.SetBytes(int64(len(cyr)))
		for b.Loop() {
			ToLatin(cyr)
		}
	})
	b.Run("baseline-replacer", func(b *testing.B) {
		r := letterReplacer(false)
		b.SetBytes(int64(len(cyr)))
		for b.Loop() {
			r.Replace(cyr)
		}
	})
}

func BenchmarkToCyrillic(b *testing.B) {
	cyr := benchCorpus(b)
	lat := ToLatin(cyr)
	b.Run("translit", func(b *testing.B) {
		b.SetBytes(int64(len(lat)))
		for b.Loop() {
			ToCyrillic(lat)
		}
	})
	b.Run("baseline-replacer", func(b *testing.B) {
		r := letterReplacer(true)
		b.SetBytes(int64(len(lat)))
		for b.Loop() {
			r.Replace(lat)
		}
	})
	// Half of the sources are written in Cyrillic, and every one is
	// converted to Cyrillic too.
	b.Run("translit-cyrillic-source", func(b *testing.B) {
		b.SetBytes(int64(len(cyr)))
		for b.Loop() {
			ToCyrillic(cyr)
		}
	})
	b.Run("baseline-replacer-cyrillic-source", func(b *testing.B) {
		r := letterReplacer(true)
		b.SetBytes(int64(len(cyr)))
		for b.Loop() {
			r.Replace(cyr)
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
