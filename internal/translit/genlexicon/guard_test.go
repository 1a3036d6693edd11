package main

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"centar/internal/translit"
)

// maxLeftLatin is how many of the Serbian dictionary's forms may stay Latin
// when converted to Cyrillic; roman numerals (XXI, IV) and the keep-list's
// words (PDF, SMS) are not counted, for they stay Latin by design.
const maxLeftLatin = 0

// Every form of every word of the Serbian dictionary, one a line, converts to
// Cyrillic: the engine leaves no Serbian word in Latin.
func TestNoDictionaryWordIsLeftLatin(t *testing.T) {
	requireDictionaries(t, "the Serbian words are not tried")
	kept := keepList(t)
	var text strings.Builder
	var forms []string
	err := eachForm(debian.serbianLatin, nil, func(f string) {
		if serbianLetters(f) && !romanNumeral.MatchString(f) && !kept[f] {
			forms = append(forms, f)
			text.WriteString(f)
			text.WriteByte('\n')
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	out := strings.Split(translit.ToCyrillic(text.String()), "\n")
	left := map[string]bool{}
	for i, f := range forms {
		if hasLatin(out[i]) {
			left[f] = true
		}
	}
	sample := slices.Sorted(maps.Keys(left))
	t.Logf("%d forms of the Serbian dictionary, %d distinct left Latin: %q", len(forms), len(left), sample[:min(len(sample), 30)])
	if len(left) > maxLeftLatin {
		t.Errorf("%d Serbian words stay Latin inside Cyrillic, more than %d", len(left), maxLeftLatin)
	}
}

var romanNumeral = regexp.MustCompile(`^[IVXLCDM]+$`)

// keepList reads the engine's keep-list.
func keepList(t *testing.T) map[string]bool {
	b, err := os.ReadFile("../keep.txt")
	if err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			kept[line] = true
		}
	}
	return kept
}

// serbianLetters reports whether w is written in the letters of the Serbian
// Latin alphabet alone.
func serbianLetters(w string) bool {
	for _, r := range strings.ToLower(w) {
		if !strings.ContainsRune("abcčćdđefghijklmnoprsštuvzž", r) {
			return false
		}
	}
	return w != ""
}

// hasLatin reports whether s holds a Latin letter.
func hasLatin(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Latin, r) }) >= 0
}
