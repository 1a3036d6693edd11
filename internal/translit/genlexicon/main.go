// Command genlexicon derives the transliteration's word lists from Debian's
// dictionaries: hunspell-sr (LibreOffice's Serbian dictionary, sr_RS in
// Cyrillic and sr_Latn_RS in Latin), hunspell-en-us and wamerican.
//
//   - lexicon.txt: Serbian words whose Latin spelling holds lj, nj or dž as two
//     letters. The Cyrillic dictionary shows it: надживети is "nadživeti" with d
//     and ž, not the one letter dž. Every word with дж, нј or лј, with all the
//     forms its suffix and prefix rules give.
//   - joined.txt: the words that break the prefix rule. After od-, pod-, nad-,
//     pred-, ispod- and iznad- a ž starts the word's stem (odžvakati →
//     оджвакати), and after van-, in- and kon- a j does (vanjezički →
//     ванјезички), whether or not the dictionary lists the prefixed word; the
//     dictionary's words that begin so with the one letter џ or њ (оџак, коњ)
//     are listed here.
//   - english.txt: English words (hunspell-en-us with its affix rules, and
//     wamerican) that are not Serbian words (hunspell-sr's Latin dictionary
//     with its rules) and that the letter rules would transliterate: written
//     in the Serbian Latin letters, not in capitals.
//   - english-names.txt: those of them that English writes only with a
//     capital (Chicago, Oxford): a name on its own.
//   - english-serbian.txt: words that are both ("red", "most", "list"); they
//     stay Latin only inside an English name (Red Cross). A word the Serbian
//     dictionary writes only with a capital is a name in Serbian, and is
//     listed so (Milan).
//   - foreign-looking.txt: Serbian words (hunspell-sr's Latin dictionary with
//     its rules) that the letter rule alone would keep Latin as foreign, for a
//     c+k, an ff or a capital inside (packa, bockati, BiH): the dictionary
//     outranks the rule, and they are converted.
//
// Regenerate with:
//
//	go run ./internal/translit/genlexicon -out internal/translit
//
// Of the project's packages it may import only translit.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"centar/internal/translit"
)

// dictionaries names the files the lists are made from.
type dictionaries struct {
	serbian, serbianLatin, english affixed
	wordList                       string // one word per line
}

// affixed is a Hunspell dictionary and its affix file.
type affixed struct{ dic, aff string }

var debian = dictionaries{
	serbian:      affixed{"/usr/share/hunspell/sr_RS.dic", "/usr/share/hunspell/sr_RS.aff"},
	serbianLatin: affixed{"/usr/share/hunspell/sr_Latn_RS.dic", "/usr/share/hunspell/sr_Latn_RS.aff"},
	english:      affixed{"/usr/share/hunspell/en_US.dic", "/usr/share/hunspell/en_US.aff"},
	wordList:     "/usr/share/dict/american-english",
}

func main() {
	out := flag.String("out", "internal/translit", "folder the lists are written to")
	flag.Parse()
	lists, err := generate(debian)
	if err == nil {
		err = write(*out, lists)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlexicon:", err)
		os.Exit(1)
	}
}

func write(dir string, lists map[string][]byte) error {
	for name, data := range lists {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// generate returns each list's file name and contents.
func generate(d dictionaries) (map[string][]byte, error) {
	split, joined, err := serbianLists(d.serbian)
	if err != nil {
		return nil, err
	}
	latin, err := latinLists(d)
	if err != nil {
		return nil, err
	}
	const serbianSource = "# Derived by internal/translit/genlexicon from Debian's hunspell-sr (LibreOffice's Serbian\n" +
		"# dictionary, (c) 2013 Goran Rakic, Milos Popovic, Aleksandar Urosevic; GPL-2+ or LGPL-2.1 or MPL-1.1).\n"
	const englishSource = "# Derived by internal/translit/genlexicon from Debian's hunspell-en-us and wamerican (SCOWL,\n" +
		"# (c) Kevin Atkinson and others; free to use, see /usr/share/doc/wamerican/copyright), less the words\n" +
		"# of hunspell-sr (LibreOffice's Serbian dictionary).\n"
	const regenerate = "# Do not edit by hand: regenerate with go run ./internal/translit/genlexicon.\n"
	return map[string][]byte{
		"lexicon.txt": list("# Serbian words whose Latin spelling holds lj, nj or dž as two letters (л+ј, н+ј, д+ж).\n"+
			serbianSource+regenerate, split),
		"joined.txt": list("# Serbian words that begin as od-, pod-, nad-, pred-, ispod-, iznad- before ž, or as van-, in-,\n"+
			"# kon- before j, and yet spell џ or њ there: the exceptions to the prefix rule.\n"+
			serbianSource+regenerate, joined),
		"english.txt": list("# English words, not Serbian, that stay Latin inside Serbian text.\n"+
			englishSource+regenerate, latin.english),
		"english-names.txt": list("# English words, not Serbian, that English writes only with a capital (Chicago): names.\n"+
			"# They stay Latin inside Serbian text, and make a name alone.\n"+
			englishSource+regenerate, latin.names),
		"english-serbian.txt": list("# Words that are English and Serbian: Latin only inside an English name (Red Cross).\n"+
			"# With a capital: a name in Serbian (Milan); in small letters: a common Serbian word too (red).\n"+
			englishSource+regenerate, latin.both),
		"foreign-looking.txt": list("# Serbian words that the letter rule alone would keep in Latin as foreign, for a c+k, an ff\n"+
			"# or a capital inside the word (packa, bockati, BiH): they are converted all the same.\n"+
			serbianSource+regenerate, latin.foreignLooking),
	}, nil
}

// list writes a header and the words, sorted, one per line.
func list(header string, words map[string]bool) []byte {
	sorted := make([]string, 0, len(words))
	for w := range words {
		sorted = append(sorted, w)
	}
	sort.Strings(sorted)
	var b bytes.Buffer
	b.WriteString(header)
	for _, w := range sorted {
		b.WriteString(w)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// serbianLists reads the Cyrillic dictionary for the split-digraph words and
// the exceptions to the prefix rule, in lower case.
func serbianLists(sr affixed) (split, joined map[string]bool, err error) {
	split, joined = map[string]bool{}, map[string]bool{}
	joinedStart := joinedBeginnings()
	err = eachForm(sr, func(word string) bool {
		w := strings.ToLower(word)
		return hasSplitDigraph(w) || startsWithAny(w, joinedStart)
	}, func(form string) {
		f := strings.ToLower(form)
		if hasSplitDigraph(f) {
			split[f] = true
		}
		if startsWithAny(f, joinedStart) {
			joined[f] = true
		}
	})
	return split, joined, err
}

// joinedBeginnings spells the end of each of the engine's splitting
// prefixes with the one letter: od+ž as оџ, van+j as вањ.
func joinedBeginnings() []string {
	beforeZh, beforeJ := translit.SplittingPrefixes()
	var out []string
	for _, p := range beforeZh {
		out = append(out, translit.ToCyrillic(strings.TrimSuffix(p, "d"))+"џ")
	}
	for _, p := range beforeJ {
		out = append(out, translit.ToCyrillic(strings.TrimSuffix(p, "n"))+"њ")
	}
	return out
}

func startsWithAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasSplitDigraph(s string) bool {
	return strings.Contains(s, "дж") || strings.Contains(s, "нј") || strings.Contains(s, "лј")
}

// latinWords are the lists read from the English dictionaries and the
// Serbian Latin one, in lower case unless said otherwise.
type latinWords struct {
	english        map[string]bool // English, not Serbian, and English writes it in small letters somewhere
	names          map[string]bool // English, not Serbian, and English writes it only with a capital
	both           map[string]bool // English and Serbian; with a capital where Serbian writes it only so
	foreignLooking map[string]bool // Serbian, and looking foreign to the letter rule
}

// latinLists reads the English dictionaries and the Serbian Latin one.
func latinLists(d dictionaries) (*latinWords, error) {
	english := map[string]bool{} // lower case → written in small letters somewhere
	add := func(w string) {
		if transliterable(w) && !englishClitic(w) {
			l := strings.ToLower(w)
			english[l] = english[l] || w == l
		}
	}
	if err := eachForm(d.english, nil, add); err != nil {
		return nil, err
	}
	words, err := os.ReadFile(d.wordList)
	if err != nil {
		return nil, err
	}
	for _, w := range strings.Split(string(words), "\n") {
		add(strings.TrimSpace(w))
	}
	common := map[string]bool{} // shared words the Serbian dictionary writes in small letters
	l := &latinWords{english: map[string]bool{}, names: map[string]bool{}, both: map[string]bool{}, foreignLooking: map[string]bool{}}
	err = eachForm(d.serbianLatin, nil, func(form string) {
		f := strings.ToLower(form)
		if _, ok := english[f]; ok && !common[f] {
			common[f] = form == f
		}
		if translit.ForeignByLetters(form) {
			l.foreignLooking[f] = true
		}
	})
	for w, small := range common {
		delete(english, w)
		if !small {
			w = strings.ToUpper(w[:1]) + w[1:] // transliterable: ASCII
		}
		l.both[w] = true
	}
	for w, small := range english {
		if small {
			l.english[w] = true
		} else {
			l.names[w] = true
		}
	}
	return l, err
}

// transliterable reports whether the letter rules would turn w into Cyrillic:
// two letters or more, all of the Serbian Latin alphabet's ASCII letters (no
// q, w, x, y), no "ck" or "ff", a capital only at the start (after O' or D'
// too) and not a word in capitals, which is an acronym. The others stay Latin
// without a list.
func transliterable(w string) bool {
	if len(w) < 2 || strings.ContainsAny(strings.ToLower(w), "qwxy") {
		return false
	}
	caps := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z', c == '\'':
		case c >= 'A' && c <= 'Z':
			caps++
			if i > 0 && !(i == 2 && w[1] == '\'') {
				return false
			}
		default:
			return false
		}
	}
	l := strings.ToLower(w)
	return caps < len(w) && !strings.Contains(l, "ck") && !strings.Contains(l, "ff")
}

// englishClitics end a word after an apostrophe (O'Brien's, don't, we'll);
// the engine keeps such a word Latin by rule, so the lists need not hold them.
var englishClitics = []string{"'s", "'t", "'d", "'ll", "'re", "'ve", "'m"}

func englishClitic(w string) bool {
	for _, c := range englishClitics {
		if strings.HasSuffix(w, c) {
			return true
		}
	}
	return false
}

// eachForm calls form for every form of every word of a Hunspell dictionary
// that wanted accepts (every word when wanted is nil): the word itself and what
// its suffix and prefix rules make of it.
func eachForm(d affixed, wanted func(string) bool, form func(string)) error {
	aff, err := readAffixes(d.aff)
	if err != nil {
		return err
	}
	f, err := os.Open(d.dic)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		if first { // the first line is the word count
			continue
		}
		word, flags, _ := strings.Cut(strings.TrimSpace(sc.Text()), "/")
		if word == "" || (wanted != nil && !wanted(word)) {
			continue
		}
		for _, f := range expand(word, aff.flags(flags), aff.rules) {
			form(f)
		}
	}
	return sc.Err()
}
