package main

import (
	"encoding/binary"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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

// maxLeftLatinInTranslations is how many times Serbian words that are not
// English stay Latin when Debian's Serbian translations are converted (25
// while the letter rule outranked the dictionary): in placeholders
// ({naziv}), command-line syntax (-kREČ), and names joined by a hyphen to a
// word the English lists hold (Saksonija-Anhalt).
const maxLeftLatinInTranslations = 21

// debianTranslations names the message catalogs read, which .ci/run
// installs: the C library's, GNU tools' and wget's in Cyrillic, and
// iso-codes', GLib's, GTK's, AppStream's, the MIME database's and GNOME's
// settings' in Latin.
var debianTranslations = []string{
	"sr/LC_MESSAGES/libc.mo", "sr/LC_MESSAGES/bash.mo", "sr/LC_MESSAGES/coreutils.mo",
	"sr/LC_MESSAGES/diffutils.mo", "sr/LC_MESSAGES/findutils.mo", "sr/LC_MESSAGES/grep.mo",
	"sr/LC_MESSAGES/sed.mo", "sr/LC_MESSAGES/tar.mo", "sr/LC_MESSAGES/gettext-tools.mo",
	"sr/LC_MESSAGES/wget.mo",
	"sr@latin/LC_MESSAGES/iso_3166-2.mo", "sr@latin/LC_MESSAGES/iso_639-3.mo",
	"sr@latin/LC_MESSAGES/glib20.mo", "sr@latin/LC_MESSAGES/gtk30.mo",
	"sr@latin/LC_MESSAGES/gtk30-properties.mo", "sr@latin/LC_MESSAGES/gsettings-desktop-schemas.mo",
	"sr@latin/LC_MESSAGES/appstream.mo", "sr@latin/LC_MESSAGES/shared-mime-info.mo",
}

// Debian's Serbian translations, a text the project did not write, keep few
// Serbian words in Latin when converted to Cyrillic, a message at a time.
func TestDebianTranslationsKeepFewSerbianWordsLatin(t *testing.T) {
	requireDictionaries(t, "the translations are not tried")
	var messages []string
	for _, name := range debianTranslations {
		path := filepath.Join("/usr/share/locale", name)
		found, err := readCatalog(path)
		if err != nil {
			const msg = "Debian's translations must be installed: see .ci/run"
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s: %v: %s", path, err, msg)
			}
			t.Skipf("SKIPPED: %s: %v; the translations are not tried. %s", path, err, msg)
		}
		if strings.HasPrefix(name, "sr/") {
			for i, m := range found {
				found[i] = translit.ToLatin(m)
			}
		}
		messages = append(messages, found...)
	}
	left := map[string]int{} // words with a Latin letter in the output, and how often
	words := 0
	for _, m := range messages {
		words += len(strings.Fields(m))
		out := printfDirective.ReplaceAllString(translit.ToCyrillic(m), " ")
		for _, w := range strings.FieldsFunc(out, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if hasLatin(w) {
				left[w]++
			}
		}
	}
	serbian := serbianOnly(t, left)
	total := 0
	for _, w := range serbian {
		total += left[w]
	}
	t.Logf("%d messages, %d words; Serbian words (not English) left Latin: %d times, %d distinct: %q", len(messages), words, total, len(serbian), serbian)
	if total > maxLeftLatinInTranslations {
		t.Errorf("Serbian words stay Latin %d times, more than %d", total, maxLeftLatinInTranslations)
	}
}

// printfDirective matches what a translation passes to printf (%s, %'d),
// which the engine keeps and is no word.
var printfDirective = regexp.MustCompile(`%[-+ #0-9.*$'lhjzt]*[a-zA-Z]`)

// serbianOnly returns, sorted, the words the Serbian dictionary lists that
// the English lists and the keep-list do not, and that are no roman numeral
// or single letter.
func serbianOnly(t *testing.T, words map[string]int) []string {
	notSerbian := map[string]bool{}
	for w := range keepList(t) {
		notSerbian[strings.ToLower(w)] = true
	}
	for _, list := range []string{"../english.txt", "../english-names.txt", "../english-serbian.txt"} {
		b, err := os.ReadFile(list)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.Split(string(b), "\n") {
			notSerbian[strings.ToLower(w)] = true
		}
	}
	byLower := map[string][]string{}
	for w := range words {
		if l := strings.ToLower(w); !notSerbian[l] && utf8.RuneCountInString(w) > 1 && !romanNumeral.MatchString(strings.ToUpper(w)) {
			byLower[l] = append(byLower[l], w)
		}
	}
	found := map[string]bool{}
	err := eachForm(debian.serbianLatin, nil, func(f string) {
		for _, w := range byLower[strings.ToLower(f)] {
			found[w] = true
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return slices.Sorted(maps.Keys(found))
}

// readCatalog returns the translations of a GNU message catalog (.mo), its
// header aside, each plural form apart.
func readCatalog(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var order binary.ByteOrder = binary.LittleEndian
	if len(b) < 28 {
		return nil, fmt.Errorf("not a message catalog")
	}
	if order.Uint32(b) != 0x950412de {
		order = binary.BigEndian
	}
	count, table := order.Uint32(b[8:]), order.Uint32(b[16:])
	var out []string
	for i := uint32(1); i < count; i++ { // the first is the header
		entry := table + 8*i
		if int(entry)+8 > len(b) {
			return nil, fmt.Errorf("message %d lies outside the file", i)
		}
		n, at := order.Uint32(b[entry:]), order.Uint32(b[entry+4:])
		if int(at)+int(n) > len(b) {
			return nil, fmt.Errorf("message %d lies outside the file", i)
		}
		out = append(out, strings.Split(string(b[at:at+n]), "\x00")...)
	}
	return out, nil
}
