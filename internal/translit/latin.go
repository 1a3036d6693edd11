package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cyrillicToLatin applies the fixed mapping. Letters that are not Serbian
// Cyrillic, and text protected by [[…]], pass through unchanged.
func cyrillicToLatin(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	found := newSpans(s)
	for i := 0; i < len(s); {
		if s[i] == '[' {
			if end := found.protected(i); end > 0 {
				b.WriteString(s[i+2 : i+end-2])
				i += end
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		lat, ok := cyrToLat[r]
		switch {
		case !ok:
			b.WriteString(s[i : i+size])
		case r == 'Љ' || r == 'Њ' || r == 'Џ':
			if capitalContext(s[:i], s[i+size:]) {
				lat = strings.ToUpper(lat)
			}
			b.WriteString(lat)
		default:
			b.WriteString(lat)
		}
		i += size
	}
	return b.String()
}

// capitalContext reports whether a letter between before and after stands in an
// all-capital word: the next letter is a capital, or the word ends here and the
// letter before is a capital.
func capitalContext(before, after string) bool {
	if r, _ := utf8.DecodeRuneInString(after); unicode.IsLetter(r) {
		return unicode.IsUpper(r)
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return unicode.IsLetter(r) && unicode.IsUpper(r)
}
