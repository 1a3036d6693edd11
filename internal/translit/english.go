package translit

import "strings"

// How English a Latin word is, by the lists genlexicon derives.
type englishness int8

const (
	notEnglish englishness = iota
	// englishShort: a short word (the, and, app), not Serbian, that Serbian
	// abbreviations collide with: English only inside an English name.
	englishShort
	// serbianName: a name in Serbian as well (Milan, Ana): English only
	// inside an English name.
	serbianName
	// serbianWord: a common Serbian word as well (red, most, fond): English
	// only inside an English name, and not before one at a sentence's start.
	serbianWord
	englishOnly // four letters or more, and no Serbian word: stays Latin
	englishName // as englishOnly, and English writes it only with a capital (Chicago)
)

// only reports whether a word is English and not Serbian: it stays Latin.
func (e englishness) only() bool { return e >= englishOnly }

// maxEnglishWord bounds the words looked up; the lists hold none longer.
const maxEnglishWord = 48

func (x *lexicons) englishness(w string) englishness {
	n := len(w)
	if n < 2 || n > maxEnglishWord {
		return notEnglish
	}
	var lower [maxEnglishWord]byte
	caps := 0
	h := newWordHash()
	for i := 0; i < n; i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			caps++
			c += 'a' - 'A'
		default:
			return notEnglish
		}
		lower[i] = c
		h = h.add(c)
	}
	if caps == n { // in capitals: an acronym, which Serbian transliterates (ASTRA → АСТРА)
		return notEnglish
	}
	if !x.englishFilter.mayHold(h) {
		return notEnglish // most Serbian words, without a look into the large map
	}
	return x.english[string(lower[:n])]
}

// A wordFilter is a Bloom filter over the English lists: it tells most words
// that are not listed from its bits, which fit the processor's cache where
// the map does not.
type wordFilter []uint64

// The filter holds the lists' 95,000 words in 2^21 bits (256 KB): one look a
// word, and about one unlisted word in 20 goes on to the map.
const (
	wordFilterLog  = 21
	wordFilterBits = 1 << wordFilterLog
)

func (f wordFilter) add(h wordHash) { i := h.bit(); f[i/64] |= 1 << (i % 64) }

func (f wordFilter) mayHold(h wordHash) bool { i := h.bit(); return f[i/64]&(1<<(i%64)) != 0 }

// wordHash is FNV-1a, a byte at a time, as englishness reads a word.
type wordHash uint64

func newWordHash() wordHash { return 14695981039346656037 }

func (h wordHash) add(c byte) wordHash { return (h ^ wordHash(c)) * 1099511628211 }

// bit is the filter's bit for the word: the top bits of the hash stirred
// once more (MurmurHash3's last step), for FNV leaves the last bytes of a
// word in its low bits.
func (h wordHash) bit() uint64 {
	x := uint64(h)
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	return x >> (64 - wordFilterLog)
}

func hashWord(w string) wordHash {
	h := newWordHash()
	for i := 0; i < len(w); i++ {
		h = h.add(w[i])
	}
	return h
}

// englishClitics end an English word after an apostrophe (O'Brien's, don't).
var englishClitics = wordSet(`s t d ll re ve m`)

// markEnglish sets latin[i] for the word tokens of one line that are English
// and stay Latin: a word the lists call English; a word joined by hyphens or
// apostrophes (Hotspot-Free, O'Brien's) with an English part; and the words
// of an English name (Red Cross, Save the Children) that are English as well
// as Serbian, when the name holds a word that is English only.
func (t *Translit) markEnglish(latin []bool, toks []token) []bool {
	latin = latin[:0]
	for range toks {
		latin = append(latin, false)
	}
	found := false
	for i := 0; i < len(toks); i++ {
		if !toks[i].word {
			continue
		}
		end := compoundEnd(toks, i)
		if t.compoundIsEnglish(toks[i : end+1]) {
			for j := i; j <= end; j++ {
				latin[j] = true
			}
			found = true
		}
		for j := i; j <= end && !found; j += 2 {
			found = foreign(toks[j].text) // it may be in a name (Open Society)
		}
		i = end
	}
	if found {
		t.markNames(latin, toks)
	}
	return latin
}

// compoundEnd returns the index of the last word of the compound that starts
// at word token i: words joined by a hyphen or an apostrophe, with no space.
func compoundEnd(toks []token, i int) int {
	for i+2 < len(toks) && isJoiner(toks[i+1].text) && toks[i+2].word {
		i += 2
	}
	return i
}

func isJoiner(s string) bool { return s == "-" || s == "'" || s == "’" }

// compoundIsEnglish judges a word or a compound of words and joiners.
func (t *Translit) compoundIsEnglish(parts []token) bool {
	if len(parts) == 1 {
		return t.englishness(parts[0].text).only()
	}
	apostrophe := false
	afterAcronym := false
	for i := 0; i < len(parts); i += 2 {
		w := parts[i].text
		if i > 0 && parts[i-1].text != "-" {
			apostrophe = true
		}
		// MUP-om, IOM-a: a Serbian case ending after an acronym.
		if !afterAcronym && t.englishness(w).only() {
			return true
		}
		afterAcronym = upperASCII(w)
	}
	if !apostrophe {
		return false
	}
	var b strings.Builder
	for _, p := range parts {
		if p.word && !onlyASCIILetters(p.text) {
			return false
		}
		if p.text == "’" {
			b.WriteByte('\'')
		} else {
			b.WriteString(strings.ToLower(p.text))
		}
	}
	last := strings.ToLower(parts[len(parts)-1].text)
	return englishClitics[last] || t.english[b.String()].only()
}

// markNames extends latin over English names: a run of capitalised words, and
// English link words (the, of) between them, one space apart, all English or
// Latin anyway (Google, iPhone). When the run holds a word marked English, its
// words that are English too are marked; when it holds a foreign word (Open
// Society), its words that are English and not Serbian names are. A Serbian
// word ends a run, and a common Serbian word that opens the sentence stays
// out of a name that stands without it (Fond Open Society, Tim Save the
// Children).
func (t *Translit) markNames(latin []bool, toks []token) {
	member := func(k int) bool {
		w := toks[k].text
		return toks[k].word && (latin[k] || t.englishness(w) != notEnglish || t.isKept(w) || foreign(w))
	}
	for i := 0; i < len(toks); {
		if !member(i) || !capitalised(toks[i].text) {
			i++
			continue
		}
		run := []int{i}
		for j := i; j+2 < len(toks) && toks[j+1].text == " " && member(j+2); j += 2 {
			run = append(run, j+2)
		}
		for len(run) > 1 && !capitalised(toks[run[len(run)-1]].text) { // a name ends with a capital word
			run = run[:len(run)-1]
		}
		next := run[len(run)-1] + 1
		if t.opensSentenceBeforeName(toks, run) {
			run = run[1:]
		}
		english, foreignName := false, false
		for _, k := range run {
			english = english || latin[k]
			foreignName = foreignName || foreign(toks[k].text)
		}
		for _, k := range run {
			switch e := t.englishness(toks[k].text); {
			case english && e != notEnglish, foreignName && (e == englishShort || e == serbianWord):
				latin[k] = true
			}
		}
		i = next
	}
}

// opensSentenceBeforeName reports whether the run's first word is a common
// Serbian word, capitalised because it opens the sentence, before a name that
// stands without it: two words or more from a capital (Open Society, Save the
// Children), or one that English does not know as a common word (Chicago,
// Wolfsburg). Red Cross needs its Red: Cross alone is an English word, not a
// name.
func (t *Translit) opensSentenceBeforeName(toks []token, run []int) bool {
	first := toks[run[0]].text
	if len(run) < 2 || t.englishness(first) != serbianWord || englishArticle(first) || neighbour(toks, run[0], -1) != "" {
		return false
	}
	rest := toks[run[1]].text
	return len(run) > 2 && capitalised(rest) || len(run) == 2 && t.englishness(rest) != englishOnly
}

// englishArticle reports whether w is "the", which opens English names (The
// Guardian) and is a Serbian word only by a slip of the dictionary.
func englishArticle(w string) bool { return strings.EqualFold(w, "the") }

func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' && !upperASCII(w) }

func upperASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return w != ""
}

func onlyASCIILetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// EnglishWords returns the words of s, in order, that stay Latin because
// they are English: what a report on the lists' judgement counts. Verbatim
// spans ([[…]], `code`, {{…}}) are not looked at.
func (t *Translit) EnglishWords(s string) []string {
	var out []string
	var toks []token
	var latin []bool
	eachRun(s, func(run string) {
		for _, line := range strings.SplitAfter(run, "\n") {
			toks = tokenize(toks[:0], line)
			latin = t.markEnglish(latin, toks)
			for i, tok := range toks {
				if tok.word && latin[i] && !t.isKept(tok.text) && !foreign(tok.text) {
					out = append(out, tok.text)
				}
			}
		}
	}, func(string) {})
	return out
}
