package translit

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// asciiLetters spells the Serbian Latin letters with diacritics in ASCII.
var asciiLetters = map[rune]string{'č': "c", 'ć': "c", 'š': "s", 'ž': "z", 'đ': "dj"}

// Slug makes an ASCII Latin URL slug from a title in either script:
// "Делатност Центра" → "delatnost-centra"; č ć→c, š→s, ž→z, đ→dj, dž→dz.
func Slug(title string) string {
	lat := strings.ToLower(cyrillicToLatin(title))
	var b strings.Builder
	dash := false
	for _, r := range lat {
		var s string
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			s = string(r)
		case asciiLetters[r] != "":
			s = asciiLetters[r]
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			s = asciiBase(r)
			if s == "" {
				continue // a letter with no ASCII spelling is dropped, not turned into a dash
			}
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(s)
	}
	return b.String()
}

// asciiBase returns the ASCII letter under a letter with a diacritic (é → e), or "".
func asciiBase(r rune) string {
	base := []rune(norm.NFD.String(string(r)))[0]
	if base < unicode.MaxASCII && unicode.IsLetter(base) {
		return string(base)
	}
	return ""
}
