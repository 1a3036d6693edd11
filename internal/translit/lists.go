package translit

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// The word lists genlexicon derives from Debian's dictionaries.
var (
	//go:embed lexicon.txt
	lexiconText string
	//go:embed joined.txt
	joinedText string
	//go:embed english.txt
	englishText string
	//go:embed english-names.txt
	englishNamesText string
	//go:embed english-serbian.txt
	englishSerbianText string
	//go:embed keep.txt
	keepText string
	//go:embed foreign-looking.txt
	foreignLookingText string
)

// lexicons are the built-in lists, read once and shared by every Translit.
type lexicons struct {
	split  map[string][]int // lower-case Latin form → rune indices where lj/nj/dž are two letters
	joined map[string]bool  // lower-case Latin forms that break the prefix rule (odžak, konj)
	// english holds lower-case English words: how English each is.
	english       map[string]englishness
	englishFilter wordFilter // the words of english
}

var builtIn = sync.OnceValue(func() *lexicons {
	l := &lexicons{split: map[string][]int{}, joined: map[string]bool{}}
	for _, cyr := range readList(lexiconText) {
		l.split[strings.ToLower(cyrillicToLatin(cyr))] = splitPositions(cyr)
	}
	for _, cyr := range readList(joinedText) {
		l.joined[strings.ToLower(cyrillicToLatin(cyr))] = true
	}
	only, names, both := readList(englishText), readList(englishNamesText), readList(englishSerbianText)
	l.english = make(map[string]englishness, len(only)+len(names)+len(both))
	l.englishFilter = make(wordFilter, wordFilterBits/64)
	for _, w := range both {
		if c := w[0]; c >= 'A' && c <= 'Z' { // a name in Serbian: Milan
			l.addEnglish(strings.ToLower(w), serbianName)
		} else {
			l.addEnglish(w, serbianWord)
		}
	}
	for _, w := range only {
		l.addEnglish(w, englishOnly)
	}
	for _, w := range names {
		l.addEnglish(w, englishName)
	}
	return l
})

// addEnglish lists a lower-case word as English, how English it is.
func (l *lexicons) addEnglish(w string, e englishness) {
	if e.only() && len(w) < 4 { // the, and: Serbian abbreviations collide with short words
		e = englishShort
	}
	l.english[w] = e
	l.englishFilter.add(hashWord(w))
}

// lookalikes are the Serbian words that look foreign to the letter rule, in
// lower case. They are read at the first word that looks foreign, which most
// texts never hold.
var lookalikes = sync.OnceValue(func() map[string]bool {
	words := readList(foreignLookingText)
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
})

// knownLookalike reports whether the dictionary lists w, in any letter case,
// among the words that look foreign.
func knownLookalike(w string) bool {
	var buf [64]byte
	return lookalikes()[string(lowerInto(buf[:0], w))]
}

// Prefixes after which ž or j starts the stem, so that d+ž and n+j are two
// letters (odžvakati, vanjezički), unless joined lists the word.
var (
	prefixesBeforeZh = []string{"od", "pod", "nad", "pred", "ispod", "iznad"}
	prefixesBeforeJ  = []string{"van", "in", "kon"}
)

// SplittingPrefixes returns the prefixes after which ž (beforeZh) or j
// (beforeJ) starts the stem: genlexicon lists the dictionary's exceptions.
func SplittingPrefixes() (beforeZh, beforeJ []string) {
	return slices.Clone(prefixesBeforeZh), slices.Clone(prefixesBeforeJ)
}

// prefixSplit returns the rune index where a prefix's d+ž or n+j begins in the
// lower-case word l, or -1.
func (x *lexicons) prefixSplit(l string) int {
	for _, group := range [...]struct {
		prefixes []string
		next     string
	}{{prefixesBeforeZh, "ž"}, {prefixesBeforeJ, "j"}} {
		for _, p := range group.prefixes {
			if len(l) > len(p) && l[len(p)-1] == p[len(p)-1] && strings.HasPrefix(l, p) &&
				strings.HasPrefix(l[len(p):], group.next) && !x.joined[l] {
				return len(p) - 1 // prefixes are ASCII: bytes are runes
			}
		}
	}
	return -1
}
