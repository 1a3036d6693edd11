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
//
// It imports none of the project's packages.
package translit

import (
	"bufio"
	"strings"
	"sync"
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
	keep       map[string]bool // words that stay Latin, as written and in capitals
	keepStarts pairSet         // the first two bytes of each kept word
	slowOnly   bool            // tests: every line through the tokens, none through plainLine
	*lexicons
}

var defaultTranslit = sync.OnceValue(func() *Translit { return New(nil) })

// Default returns the Translit with the built-in word lists.
func Default() *Translit { return defaultTranslit() }

// New returns a Translit with the built-in lexicon and keep-list, extended by
// extraKeep: words (brands, international acronyms) that must stay in Latin.
func New(extraKeep []string) *Translit {
	t := &Translit{keep: map[string]bool{}, lexicons: builtIn()}
	for _, w := range append(readList(keepText), extraKeep...) {
		t.AddKeep(w)
	}
	return t
}

// AddKeep adds a word that must stay in Latin.
func (t *Translit) AddKeep(w string) {
	w = strings.TrimSpace(w)
	if w == "" {
		return
	}
	for _, w := range []string{w, strings.ToUpper(w)} {
		t.keep[w] = true
		if len(w) > 1 {
			t.keepStarts.add(w[0], w[1])
		}
	}
}

// pairSet is a set of pairs of bytes: a look at it costs less than a map's.
type pairSet [1 << 16 / 64]uint64

func (p *pairSet) add(a, b byte)      { i := int(a)<<8 | int(b); p[i/64] |= 1 << (i % 64) }
func (p *pairSet) has(a, b byte) bool { i := int(a)<<8 | int(b); return p[i/64]&(1<<(i%64)) != 0 }

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
func ToCyrillic(s string) string { return Default().toCyrillic(s) }

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

// ProtectedEnd returns the length of the protected span s starts with, [[…]]
// closed on its line, or -1.
func ProtectedEnd(s string) int { return protectedEnd(s) }

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

// spans finds the verbatim spans of one text — [[protected]], {{template}},
// `code` — remembering where a closing mark is known to be missing, so that
// a text of many unclosed openings (a hostile pull request) is read once,
// not once per opening.
type spans struct {
	s string
	// No "]]" closes a "[[" that starts in [unprotectedFrom, unprotectedTo):
	// the rest of that line holds none.
	unprotectedFrom, unprotectedTo int
	noTemplateFrom                 int         // no "}}" follows a "{{" at or after this
	noFenceFrom                    map[int]int // no run of n backticks follows one at or after this
}

func newSpans(s string) *spans {
	return &spans{s: s, noTemplateFrom: len(s) + 1}
}

// protected is protectedEnd at i, remembered.
func (f *spans) protected(i int) int {
	if !strings.HasPrefix(f.s[i:], "[[") || (i >= f.unprotectedFrom && i < f.unprotectedTo) {
		return -1
	}
	n := protectedEnd(f.s[i:])
	if n < 0 {
		f.unprotectedFrom, f.unprotectedTo = i, len(f.s)
		if nl := strings.IndexByte(f.s[i:], '\n'); nl >= 0 {
			f.unprotectedTo = i + nl
		}
	}
	return n
}

// verbatim is verbatimSpan at i, remembered.
func (f *spans) verbatim(i int) int {
	rest := f.s[i:]
	switch {
	case strings.HasPrefix(rest, "[["):
		return f.protected(i)
	case strings.HasPrefix(rest, "{{"):
		if i >= f.noTemplateFrom {
			return -1
		}
		if n := verbatimSpan(rest); n > 0 {
			return n
		}
		f.noTemplateFrom = i
	case strings.HasPrefix(rest, "`"):
		run := len(rest) - len(strings.TrimLeft(rest, "`"))
		if from, ok := f.noFenceFrom[run]; ok && i >= from {
			return -1
		}
		if n := verbatimSpan(rest); n > 0 {
			return n
		}
		if from, ok := f.noFenceFrom[run]; !ok || i < from {
			if f.noFenceFrom == nil {
				f.noFenceFrom = map[int]int{} // made only for a text with an unclosed run
			}
			f.noFenceFrom[run] = i
		}
	}
	return -1
}
