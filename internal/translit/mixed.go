package translit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A MixedWord is a word that mixes Cyrillic and Latin letters, such as a Latin
// "a" typed inside a Cyrillic word: it looks right but breaks search and
// transliteration.
type MixedWord struct {
	Line, Col int    // 1-based; Col counts characters
	Word      string // as written
	Fix       string // the word in the script most of its letters are in
}

func (m MixedWord) String() string {
	return fmt.Sprintf("%d:%d: the word %q mixes Cyrillic and Latin letters; write it as %q", m.Line, m.Col, m.Word, m.Fix)
}

// Latin letters that look like Cyrillic ones, and the reverse, for the fix.
var (
	latinLookalike    = map[rune]rune{'a': 'а', 'c': 'ц', 'e': 'е', 'o': 'о', 'p': 'р', 'x': 'х', 'y': 'у', 'A': 'А', 'B': 'В', 'C': 'С', 'E': 'Е', 'H': 'Н', 'K': 'К', 'M': 'М', 'O': 'О', 'P': 'Р', 'T': 'Т', 'X': 'Х', 'j': 'ј', 'J': 'Ј'}
	cyrillicLookalike = map[rune]rune{'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'х': 'x', 'у': 'y', 'ј': 'j', 'А': 'A', 'В': 'B', 'Е': 'E', 'Н': 'H', 'К': 'K', 'М': 'M', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X', 'Ј': 'J'}
)

// FindMixed returns every word in text that mixes the two scripts, with its
// position and the word written in one script. Text in [[…]] is skipped.
func FindMixed(text string) []MixedWord {
	var out []MixedWord
	for ln, line := range strings.Split(text, "\n") {
		col := 1
		found := newSpans(line)
		for i := 0; i < len(line); {
			if n := found.protected(i); n > 0 {
				col += utf8.RuneCountInString(line[i : i+n])
				i += n
				continue
			}
			r, size := utf8.DecodeRuneInString(line[i:])
			if !unicode.IsLetter(r) {
				i += size
				col++
				continue
			}
			j := i
			for j < len(line) {
				r2, s2 := utf8.DecodeRuneInString(line[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			if w := line[i:j]; isMixed(w) {
				out = append(out, MixedWord{Line: ln + 1, Col: col, Word: w, Fix: fixMixed(w, mostlyCyrillic(line))})
			}
			col += utf8.RuneCountInString(line[i:j])
			i = j
		}
	}
	return out
}

func isMixed(w string) bool {
	var cyr, lat bool
	for _, r := range w {
		cyr = cyr || unicode.Is(unicode.Cyrillic, r)
		lat = lat || unicode.Is(unicode.Latin, r)
	}
	return cyr && lat
}

// mostlyCyrillic reports whether most letters of s are Cyrillic.
func mostlyCyrillic(s string) bool {
	var cyr, lat int
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			cyr++
		} else if unicode.Is(unicode.Latin, r) {
			lat++
		}
	}
	return cyr >= lat
}

// fixMixed writes w in one script, the line's: look-alike letters are swapped
// for their twins, other letters transliterated.
func fixMixed(w string, cyrillic bool) string {
	var b strings.Builder
	for _, r := range w {
		switch {
		case cyrillic && unicode.Is(unicode.Latin, r):
			if c, ok := latinLookalike[r]; ok {
				b.WriteRune(c)
			} else {
				b.Write(Default().appendLetters(nil, string(r)))
			}
		case !cyrillic && unicode.Is(unicode.Cyrillic, r):
			if l, ok := cyrillicLookalike[r]; ok {
				b.WriteRune(l)
			} else {
				b.WriteString(cyrillicToLatin(string(r)))
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
