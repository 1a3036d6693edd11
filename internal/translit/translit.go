// Package translit converts Serbian text between Cyrillic and Latin script.
//
// Cyrillic to Latin is a fixed letter mapping; the only choice is the case of
// Љ Њ Џ (LJ NJ DŽ inside all-capital words, Lj Nj Dž otherwise). Latin to
// Cyrillic must decide, word by word, whether lj, nj and dž are one letter or two
// (budžet → буџет but nadživeti → надживети), and which words are not Serbian at
// all and stay Latin: addresses, brand and foreign names, Roman numerals, code.
//
// Text inside [[ and ]] on one line is left exactly as written, in either
// direction, and the brackets are removed: that is how an author protects a name.
package translit

import (
	"bufio"
	_ "embed"
	"strings"
)

// Script names a target script.
type Script string

const (
	Cyrillic Script = "cyrl"
	Latin    Script = "latn"
)

// ParseScript accepts the names the command line and configuration use.
func ParseScript(s string) (Script, bool) {
	switch strings.ToLower(s) {
	case "cyrl", "cyrillic", "sr-cyrl", "ћирилица", "cirilica":
		return Cyrillic, true
	case "latn", "latin", "sr-latn", "латиница", "latinica":
		return Latin, true
	}
	return "", false
}

// Translit holds the word lists a conversion depends on. Its methods are safe for
// concurrent use; a Translit must not be changed after first use.
type Translit struct {
	keep      map[string]bool  // words that stay Latin, as written and in capitals
	lowerKeep bool             // some kept word starts with a small letter
	lexicon   map[string][]int // lower-case Latin form → rune indices where lj/nj/dž are two letters
}

//go:embed lexicon.txt
var lexiconText string

//go:embed keep.txt
var keepText string

var defaultTranslit = New(nil)

// Default returns the Translit with the built-in word lists.
func Default() *Translit { return defaultTranslit }

// New returns a Translit with the built-in lexicon and keep-list, extended by
// extraKeep: words (brands, international acronyms) that must stay in Latin.
func New(extraKeep []string) *Translit {
	t := &Translit{keep: map[string]bool{}, lexicon: map[string][]int{}}
	for _, w := range append(readList(keepText), extraKeep...) {
		t.AddKeep(w)
	}
	for _, cyr := range readList(lexiconText) {
		lat := strings.ToLower(cyrillicToLatin(cyr))
		t.lexicon[lat] = splitPositions(cyr)
	}
	return t
}

// AddKeep adds a word that must stay in Latin.
func (t *Translit) AddKeep(w string) {
	w = strings.TrimSpace(w)
	if w == "" {
		return
	}
	t.keep[w] = true
	t.keep[strings.ToUpper(w)] = true
	if c := w[0]; c < 'A' || c > 'Z' {
		t.lowerKeep = true
	}
}

// String converts s to the script.
func (t *Translit) String(s string, to Script) string {
	if to == Cyrillic {
		return t.toCyrillic(s)
	}
	return cyrillicToLatin(s)
}

// ToLatin converts Serbian text in any script to Latin with the default lists.
func ToLatin(s string) string { return cyrillicToLatin(s) }

// ToCyrillic converts Serbian text in any script to Cyrillic with the default lists.
func ToCyrillic(s string) string { return defaultTranslit.toCyrillic(s) }

func readList(text string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// splitPositions returns, for a Cyrillic word, the rune indices in its Latin
// spelling where л+ј, н+ј or д+ж begin: there lj, nj, dž are two letters.
func splitPositions(cyr string) []int {
	var pos []int
	rs := []rune(strings.ToLower(cyr))
	lat := 0
	for i, r := range rs {
		if i+1 < len(rs) {
			pair := string(rs[i : i+2])
			if pair == "лј" || pair == "нј" || pair == "дж" {
				pos = append(pos, lat)
			}
		}
		lat += len([]rune(cyrToLat[r]))
		if _, ok := cyrToLat[r]; !ok {
			lat++
		}
	}
	return pos
}

// protectedEnd returns the index just past "]]" when s starts with "[[" and the
// span closes on the same line, or -1.
func protectedEnd(s string) int {
	if !strings.HasPrefix(s, "[[") {
		return -1
	}
	rest := s[2:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	end := strings.Index(rest, "]]")
	if end < 0 {
		return -1
	}
	return 2 + end + 2
}
