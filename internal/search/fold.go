// Package search builds the site's static search index: every word folded
// to one key space, so that a reader who types жртве, žrtve or zrtve, in
// any case form, finds the same pages, in whichever script they read.
//
// Of the project's packages it may import only translit, par, plainfile
// and spill.
package search

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"centar/internal/translit"
)

// Rules are what the browser needs to fold a query exactly as the index was
// folded; the build writes them next to the index, so they live here only.
type Rules struct {
	// Letters maps a lower-case letter to its key: Cyrillic to Latin,
	// diacritics removed (č ć → c, š → s, ž → z, đ → dj).
	Letters map[string]string `json:"letters"`
	// Latin spells each Cyrillic letter in the Latin script, as the site's
	// transliteration does: the browser shows results in the reader's script.
	Latin map[string]string `json:"latin"`
	// Suffixes are Serbian case and number endings, longest first.
	Suffixes []string `json:"suffixes"`
	// MinStem is the shortest stem an ending is taken from.
	MinStem int `json:"minStem"`
}

// azbuka is the Serbian Cyrillic alphabet, lower case.
const azbuka = "абвгдђежзијклљмнњопрстћуфхцчџш"

// diacritics are the letters a reader may type without their marks.
var diacritics = map[rune]string{
	'č': "c", 'ć': "c", 'š': "s", 'ž': "z", 'đ': "dj",
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'í': "i", 'ï': "i",
	'ó': "o", 'ö': "o", 'ô': "o", 'ú': "u", 'ü': "u", 'ñ': "n", 'ç': "c",
}

// letters folds one lower-case letter; letters not listed stay as they are.
// A Cyrillic letter folds as its Latin spelling (the site's own
// transliteration) does.
var letters = func() map[rune]string {
	m := map[rune]string{}
	for r, k := range diacritics {
		m[r] = k
	}
	for _, r := range azbuka {
		var b strings.Builder
		for _, l := range translit.ToLatin(string(r)) {
			if k, ok := diacritics[l]; ok {
				b.WriteString(k)
			} else {
				b.WriteRune(l)
			}
		}
		m[r] = b.String()
	}
	return m
}()

// suffixes are the endings of Serbian nouns and adjectives in their cases
// and numbers, longest first. Endings that are also part of stems (-ije,
// -ova) are left out: informacije and informacija must keep one stem.
var suffixes = []string{
	"ama", "ima", "oga", "ome", "omu", "ega", "emu",
	"ih", "im", "og", "om", "em", "oj",
	"a", "e", "i", "o", "u",
}

const minStem = 3

// SerbianRules are the folding rules of the Serbian index.
func SerbianRules() Rules {
	r := Rules{Letters: map[string]string{}, Latin: map[string]string{}, Suffixes: suffixes, MinStem: minStem}
	for k, v := range letters {
		r.Letters[string(k)] = v
	}
	for _, c := range azbuka {
		r.Latin[string(c)] = translit.ToLatin(string(c))
	}
	return r
}

// Fold lowers a word and folds each letter to the key space: Cyrillic and
// Latin, with and without diacritics, become the same ASCII word.
func Fold(word string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(word) {
		if k, ok := letters[r]; ok {
			b.WriteString(k)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Stem takes a Serbian case or number ending off a folded word, gives back
// the l a stem in -lac loses in its other forms (izvestioca, izvestilac),
// and takes out the fleeting a of the stem's last syllable (Kragujevac,
// Kragujevca; žrtava, žrtve), so that a word's forms share one key. Lengths
// are counted in letters, as the browser's fold.js counts them.
func Stem(folded string) string {
	n := utf8.RuneCountInString(folded)
	for _, s := range suffixes {
		if n-len(s) >= minStem && strings.HasSuffix(folded, s) {
			folded, n = folded[:len(folded)-len(s)], n-len(s)
			break
		}
	}
	if n < 4 {
		return folded
	}
	before, last2, last := lastThree(folded)
	if last2 == 'o' && last == 'c' && strings.ContainsRune("aeiou", before) {
		folded = folded[:len(folded)-2] + "lac"
		before, last2, last = 'l', 'a', 'c'
	}
	if last2 == 'a' && consonant(last) && consonant(before) {
		folded = folded[:len(folded)-2] + string(last)
	}
	return folded
}

// lastThree are the last three letters of s, which has at least three;
// the last two are a and c, or checked to be ASCII before s is cut by them.
func lastThree(s string) (before, last2, last rune) {
	last, n := utf8.DecodeLastRuneInString(s)
	last2, m := utf8.DecodeLastRuneInString(s[:len(s)-n])
	before, _ = utf8.DecodeLastRuneInString(s[:len(s)-n-m])
	return before, last2, last
}

func consonant(c rune) bool {
	return c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiou", c)
}

// Keys are the index keys of one Serbian word: its stem, and for a word
// with đ also the stem a reader gets by typing d for it (Đakovo, Dakovo).
func Keys(word string) []string {
	folded := Fold(word)
	keys := []string{Stem(folded)}
	if strings.ContainsAny(strings.ToLower(word), "đђ") {
		keys = append(keys, Stem(strings.ReplaceAll(folded, "dj", "d")))
	}
	return keys
}

// EnglishKey is the key of an English word: lower case, without
// diacritics, and without the plural or possessive s.
func EnglishKey(word string) string {
	w := Fold(word)
	w = strings.TrimSuffix(w, "'s")
	n := utf8.RuneCountInString(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		w = w[:len(w)-3] + "y"
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		w = w[:len(w)-1]
	}
	return w
}

// PlainKey is the key of a word of a language with no rules of its own
// (Ukrainian, Arabic, Persian): lower case, without apostrophes (пам'ять,
// памʼять and память are one word), Arabic vowel marks, tatweel and the
// zero-width non-joiner, and with the letters Arabic and Persian write in
// two ways as one (أ إ آ ٱ → ا, ی ى → ي, ک → ك, ة → ه). Its letters are
// never transliterated.
func PlainKey(word string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(word) {
		if k, ok := plainLetters[r]; ok {
			b.WriteString(k)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// plainLetters are the letters PlainKey folds: "" takes one out. Arabic
// vowel marks are taken out as every other nonspacing mark is.
var plainLetters = map[rune]string{
	'\'': "", '’': "", 'ʼ': "", '\u200c': "", 'ـ': "",
	'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا",
	'ی': "ي", 'ى': "ي", 'ک': "ك", 'ة': "ه",
}

// Words splits text into words: runs of letters, digits and marks, with an
// inner apostrophe, hyphen or zero-width non-joiner kept (O'Brien, e-mail,
// the Persian می‌خواهم).
func Words(text string) []string {
	var words []string
	for w := range eachWord(text) {
		words = append(words, w)
	}
	return words
}

// eachWord yields the words of text, as Words has them.
func eachWord(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range text {
			inWord := wordRune(r)
			if !inWord && start >= 0 && joiner(r) {
				continue
			}
			if inWord && start < 0 {
				start = i
			}
			if !inWord && start >= 0 {
				if !yield(trimJoiners(text[start:i])) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(trimJoiners(text[start:]))
		}
	}
}

// joiner tells a character kept inside a word but not at its ends.
func joiner(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '\u200c' }

// trimJoiners takes the joiners off a word's end: it starts with a letter
// or digit, and they are kept only inside it.
func trimJoiners(w string) string {
	for {
		r, n := utf8.DecodeLastRuneInString(w)
		if n == 0 || !joiner(r) {
			return w
		}
		w = w[:len(w)-n]
	}
}

// wordRune tells a letter, a digit or a nonspacing mark (an Arabic vowel
// sign belongs to its word). Serbian text is ASCII and the Cyrillic block,
// which need no look into Unicode's tables: an index reads every word of
// every page.
func wordRune(r rune) bool {
	switch {
	case r < 0x80:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case 0x0400 <= r && r <= 0x045F: // Ѐ … џ: letters all
		return true
	case 0xC0 <= r && r <= 0x17F: // À … ſ, Č Ć Š Ž Đ among them: letters, but × and ÷
		return r != 0xD7 && r != 0xF7
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
