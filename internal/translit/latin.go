package translit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cyrillicToLatin applies the fixed mapping. Letters that are not Serbian
// Cyrillic, text protected by [[…]], and addresses (https://пример.срб/пут,
// an e-mail address, a handle) pass through unchanged.
func cyrillicToLatin(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	found := newSpans(s)
	chunkStart := true // at the start of the text or after a space
	for i := 0; i < len(s); {
		if s[i] == '[' {
			if end := found.protected(i); end > 0 {
				b.WriteString(s[i+2 : i+end-2])
				i += end
				chunkStart = false
				continue
			}
		}
		if chunkStart {
			chunkStart = false
			if n := addressAt(s[i:]); n > 0 {
				b.WriteString(s[i : i+n])
				i += n
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf { // ASCII passes through
			b.WriteByte(c)
			chunkStart = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		chunkStart = c != 0xD0 && c != 0xD1 && unicode.IsSpace(r) // Cyrillic is not space
		lat := latinOf(r)
		switch {
		case lat == "":
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

// latinSpelling is cyrToLat for the Cyrillic block, as an array for the hot path.
var latinSpelling = func() (t [0x60]string) {
	for c, l := range cyrToLat {
		t[c-0x400] = l
	}
	return t
}()

// latinOf returns the Latin spelling of a Serbian Cyrillic letter, or "".
func latinOf(r rune) string {
	if r < 0x400 || r >= 0x460 {
		return ""
	}
	return latinSpelling[r-0x400]
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

// addressAt returns the length of the address that s starts with (after any
// opening punctuation, before any closing), or 0: an address is written as
// it is, in either script.
func addressAt(s string) int {
	if !mayBeAddress(s) {
		return 0
	}
	end := strings.IndexFunc(s, unicode.IsSpace)
	if end < 0 {
		end = len(s)
	}
	chunk := s[:end]
	core := strings.TrimLeftFunc(chunk, isLeadPunct)
	trimmed := strings.TrimRightFunc(core, isTrailPunct)
	// A handle or tag (@centar, #жртве) is a word of the text, not an address.
	if strings.HasPrefix(trimmed, "@") || strings.HasPrefix(trimmed, "#") ||
		!strings.ContainsAny(trimmed, ":/@.") || !isVerbatimWord(trimmed) {
		return 0
	}
	return len(chunk) - len(core) + len(trimmed)
}

// mayBeAddress is a quick look at the chunk s starts with: an address has a
// colon, slash or @, or a dot inside it (not only at its end). Most words
// have none, and are not looked at again.
func mayBeAddress(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\n', '\t', '\r':
			return false
		case ':', '/', '@':
			return true
		case '.':
			if i+1 < len(s) {
				if c := s[i+1]; c >= 0x80 || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' {
					return true
				}
			}
		}
	}
	return false
}
