package translit

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// toCyrillic converts Serbian Latin in s to Cyrillic. Cyrillic letters pass
// through, so text in either script, or both, comes out all Cyrillic. Protected
// spans ([[…]]), template calls ({{…}}) and code spans (`…`) stay as written.
func (t *Translit) toCyrillic(s string) string {
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	eachRun(s, func(run string) { b.WriteString(t.convertRun(run)) }, func(kept string) { b.WriteString(kept) })
	return b.String()
}

// eachRun splits s into runs of text to convert and the verbatim spans
// between them, as they stay: a protected span without its brackets.
func eachRun(s string, run, verbatim func(string)) {
	start := 0
	found := newSpans(s)
	for i := 0; i < len(s); {
		next := strings.IndexAny(s[i:], "[{`")
		if next < 0 {
			break
		}
		i += next
		end := found.verbatim(i)
		if end < 0 {
			i++
			continue
		}
		run(s[start:i])
		if s[i] == '[' { // a protected span loses its brackets
			verbatim(s[i+2 : i+end-2])
		} else {
			verbatim(s[i : i+end])
		}
		i += end
		start = i
	}
	run(s[start:])
}

// verbatimSpan returns the length of a span at the start of s that must not be
// converted — [[protected]], {{template}}, `code` — or -1.
func verbatimSpan(s string) int {
	switch {
	case strings.HasPrefix(s, "[["):
		return protectedEnd(s)
	case strings.HasPrefix(s, "{{"):
		if end := strings.Index(s[2:], "}}"); end >= 0 {
			return 2 + end + 2
		}
	case strings.HasPrefix(s, "`"):
		n := len(s) - len(strings.TrimLeft(s, "`"))
		fence := s[:n]
		if end := strings.Index(s[n:], fence); end >= 0 {
			return n + end + n
		}
	}
	return -1
}

type token struct {
	text string
	word bool // a run of letters, to be decided in context
}

// convertRun converts text that holds no verbatim span, a line at a time.
func (t *Translit) convertRun(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	var toks []token
	var latin []bool
	for len(s) > 0 {
		line := s
		if nl := strings.IndexByte(s, '\n'); nl >= 0 {
			line = s[:nl+1]
		}
		s = s[len(line):]
		toks = tokenize(toks[:0], line)
		latin = t.markEnglish(latin, toks)
		for i, tok := range toks {
			if tok.word && !latin[i] {
				t.word(&b, tok.text, neighbour(toks, i, -1), neighbour(toks, i, +1))
			} else {
				b.WriteString(tok.text)
			}
		}
	}
	return b.String()
}

// neighbour returns the nearest word before (dir -1) or after (dir +1) token i
// within the same sentence, or "".
func neighbour(toks []token, i, dir int) string {
	for j := i + dir; j >= 0 && j < len(toks); j += dir {
		if toks[j].word {
			return toks[j].text
		}
		if endsSentence(toks[j].text) {
			return ""
		}
	}
	return ""
}

// tokenize splits s into whitespace, verbatim chunks (addresses, file names,
// handles, placeholders) and runs of letters.
func tokenize(toks []token, s string) []token {
	for len(s) > 0 {
		ws := len(s) - len(strings.TrimLeftFunc(s, isSpace))
		if ws > 0 {
			toks = append(toks, token{text: s[:ws]})
			s = s[ws:]
			continue
		}
		n := strings.IndexFunc(s, isSpace)
		if n < 0 {
			n = len(s)
		}
		toks = appendChunk(toks, s[:n])
		s = s[n:]
	}
	return toks
}

func isLeadPunct(r rune) bool {
	switch r {
	case '(', '[', '{', '<', '"', '\'', '„', '“', '”', '«', '‘', '‚', '*', '_', '~':
		return true
	}
	return false
}

func isTrailPunct(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '"', '\'', '»', '“', '”', '’', '…', '*', '_', '~':
		return true
	}
	return false
}

// endsSentence reports whether a separator ends the sentence a word is in.
func endsSentence(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '.', '!', '?', ';', ':', '\n':
			return true
		}
	}
	return false
}

func appendChunk(toks []token, chunk string) []token {
	core := strings.TrimLeftFunc(chunk, isLeadPunct)
	lead := chunk[:len(chunk)-len(core)]
	trimmed := strings.TrimRightFunc(core, isTrailPunct)
	trail := core[len(trimmed):]
	if strings.ContainsAny(trimmed, ":/@#.") && isVerbatimWord(trimmed) {
		return append(toks, token{text: lead}, token{text: trimmed}, token{text: trail})
	}
	for i := 0; i < len(chunk); {
		r, size := utf8.DecodeRuneInString(chunk[i:])
		switch {
		case isWordRune(r):
			j := i + size
			for j < len(chunk) {
				r2, s2 := utf8.DecodeRuneInString(chunk[j:])
				if !isWordRune(r2) {
					break
				}
				j += s2
			}
			toks = append(toks, token{text: chunk[i:j], word: true})
			i = j
		case r == '%':
			n := len(printfVerb.FindString(chunk[i:]))
			if n == 0 {
				n = 1
			}
			toks = append(toks, token{text: chunk[i : i+n]})
			i += n
		case r == '{':
			n := len(bracePlaceholder.FindString(chunk[i:]))
			if n == 0 {
				n = 1
			}
			toks = append(toks, token{text: chunk[i : i+n]})
			i += n
		default:
			toks = append(toks, token{text: chunk[i : i+size]})
			i += size
		}
	}
	return toks
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

var (
	printfVerb       = regexp.MustCompile(`^%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)
	bracePlaceholder = regexp.MustCompile(`^\{[A-Za-z_][A-Za-z0-9_.]*\}`)
	domainOrFile     = regexp.MustCompile(`^[\p{L}\d_-]+(\.[\p{L}\d_-]+)*\.([a-z]{2,6})(/\S*)?$`)
)

// knownSuffixes are the top-level domains and file extensions that make
// "word.suffix" an address or a file name rather than two words.
var knownSuffixes = map[string]bool{
	"rs": true, "com": true, "org": true, "net": true, "eu": true, "gov": true, "info": true,
	"io": true, "me": true, "ba": true, "hr": true, "mk": true, "al": true, "si": true,
	"int": true, "edu": true, "de": true, "uk": true, "at": true, "it": true, "fr": true,
	"ch": true, "nl": true, "be": true, "us": true, "app": true, "dev": true, "site": true,
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "odt": true,
	"ods": true, "ppt": true, "pptx": true, "txt": true, "md": true, "html": true,
	"htm": true, "jpg": true, "jpeg": true, "png": true, "gif": true, "svg": true,
	"webp": true, "zip": true, "csv": true, "json": true, "yaml": true, "yml": true,
	"toml": true, "xml": true, "go": true, "js": true, "css": true, "mp3": true, "mp4": true,
}

// isVerbatimWord reports whether a whitespace-free chunk is an address, a file
// name, a handle or a tag: things that are not Serbian words.
func isVerbatimWord(s string) bool {
	switch {
	case s == "":
		return false
	case strings.Contains(s, "://"), strings.HasPrefix(s, "www."), strings.HasPrefix(s, "mailto:"),
		strings.HasPrefix(s, "tel:"), strings.HasPrefix(s, "/"), strings.HasPrefix(s, "./"):
		return true
	case s[0] == '@' || s[0] == '#':
		r, _ := utf8.DecodeRuneInString(s[1:])
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_'
	case strings.Contains(s, "@"):
		at := strings.Index(s, "@")
		return at > 0 && strings.Contains(s[at:], ".")
	}
	m := domainOrFile.FindStringSubmatch(s)
	return m != nil && knownSuffixes[m[2]]
}

// word converts one run of letters, given the words around it.
func (t *Translit) word(b *strings.Builder, w, prev, next string) {
	if t.isKept(w) || isForeign(w) || (isRoman(w) && romanInContext(w, prev, next)) {
		b.WriteString(w)
		return
	}
	t.letters(b, w)
}

// isKept reports whether w, or w without a short case ending, is on the keep-list.
func (t *Translit) isKept(w string) bool {
	if !t.lowerKeep && w[0] >= 'a' && w[0] <= 'z' {
		return false // every entry starts with a capital
	}
	if t.keep[w] {
		return true
	}
	for cut := 1; cut <= 3 && cut < len(w); cut++ {
		stem := w[:len(w)-cut]
		if utf8.RuneCountInString(stem) >= 4 && t.keep[stem] {
			return true
		}
	}
	return false
}

// isForeign reports whether w cannot be a Serbian word: it holds a Latin letter
// outside the Serbian alphabet (q, w, x, y, é, ü…), a capital after a small
// letter (iPhone, YouTube), or a letter pair Serbian never writes.
func isForeign(w string) bool {
	sawLower := false
	for _, r := range w {
		if r < 0x250 && unicode.IsLetter(r) && latinLetter(r) == 0 {
			return true
		}
		if unicode.IsLower(r) {
			sawLower = true
		} else if sawLower && unicode.IsUpper(r) {
			return true
		}
	}
	return containsFold(w, "ck") || containsFold(w, "ff")
}

// containsFold reports whether s holds the ASCII pair in any letter case.
func containsFold(s, pair string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i]|0x20 == pair[0] && s[i+1]|0x20 == pair[1] {
			return true
		}
	}
	return false
}

var romanNumeral = regexp.MustCompile(`^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$`)

func isRoman(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'I', 'V', 'X', 'L', 'C', 'D', 'M':
		default:
			return false
		}
	}
	return romanNumeral.MatchString(w)
}

// Words after which a Roman numeral is expected, and words it precedes.
var (
	numeralNouns = wordSet(`poglavlje poglavlja poglavlju deo dela delu faza faze fazi fazu tom toma tomu
		knjiga knjige knjizi glava glave glavi odeljak odeljka odeljku član člana članu stav stava stavu
		tačka tačke tački razred razreda razredu kategorija kategorije kategoriji stepen stepena stepenu
		nivo nivoa nivou aneks aneksa prilog priloga prilogu sezona sezone sezoni kongres kongresa
		svetski svetskog svetskom`)
	numeralFollowers = wordSet(`vek veka veku vekom veke vekova milenijum milenijuma milenijumu
		stoleće stoleća stoleću razred razreda razredu kongres kongresa stepen stepena`)
	// Serbian words spelled like Roman numerals: vi, mi, li and the conjunction i.
	romanLikeWords = wordSet(`i vi mi li`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// romanInContext decides whether a word spelled as a Roman numeral is one.
func romanInContext(w, prev, next string) bool {
	expected := numeralNouns[strings.ToLower(cyrillicToLatin(prev))] ||
		numeralFollowers[strings.ToLower(cyrillicToLatin(next))]
	if utf8.RuneCountInString(w) == 1 { // I, V, X, L, C, D, M: a word, a letter or an initial unless expected
		return expected
	}
	if romanLikeWords[strings.ToLower(w)] {
		// VI, MI, LI are pronouns and particles in text written in capitals.
		return expected || !(capitalWord(prev) || capitalWord(next))
	}
	return true
}

// capitalWord reports whether w is a word in capitals: not a Roman numeral, or
// one that is also a Serbian word (I, VI, MI, LI).
func capitalWord(w string) bool {
	if w == "" || (isRoman(w) && !romanLikeWords[strings.ToLower(w)]) {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// splitPrefixes are prefixes under which a lexicon word keeps its two-letter
// pairs (ne+nadživljen, naj+...); the lexicon itself lists most such forms.
var splitPrefixes = []string{"ne", "naj", "pre", "polu", "samo", "anti", "mikro", "makro", "hiper", "super", "ultra", "multi"}

// splits returns the rune indices of w where lj, nj or dž are two letters.
func (t *Translit) splits(w string) []int {
	if !mayHoldDigraph(w) {
		return nil
	}
	l := strings.ToLower(w)
	if pos, ok := t.split[l]; ok {
		return pos
	}
	if at := t.prefixSplit(l); at >= 0 {
		return []int{at}
	}
	for _, p := range splitPrefixes {
		if pos, ok := t.split[strings.TrimPrefix(l, p)]; ok && strings.HasPrefix(l, p) {
			shifted := make([]int, len(pos))
			for i, x := range pos {
				shifted[i] = x + len(p) // prefixes are ASCII: bytes are runes
			}
			return shifted
		}
	}
	return nil
}

// mayHoldDigraph reports whether w holds lj, nj or dž in any letter case,
// without decoding or copying it.
func mayHoldDigraph(w string) bool {
	for i := 1; i < len(w); i++ {
		switch c, p := w[i]|0x20, w[i-1]|0x20; {
		case c == 'j' && (p == 'l' || p == 'n'):
			return true
		case p == 'd' && w[i] == 0xC5 && i+1 < len(w) && (w[i+1] == 0xBE || w[i+1] == 0xBD): // ž Ž
			return true
		}
	}
	return false
}

// letters converts a Serbian word letter by letter, joining lj, nj, dž into one
// letter except where the lexicon says they are two.
func (t *Translit) letters(b *strings.Builder, w string) {
	split := t.splits(w)
	for i, idx := 0, 0; i < len(w); idx++ {
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		if i < len(w) && !contains(split, idx) {
			next, nsize := utf8.DecodeRuneInString(w[i:])
			if d := digraph(r, next); d != 0 {
				b.WriteRune(d)
				i += nsize
				idx++
				continue
			}
		}
		if c := latinLetter(r); c != 0 {
			// Serbian Cyrillic letters are two bytes in UTF-8.
			b.WriteByte(byte(0xC0 | c>>6))
			b.WriteByte(byte(0x80 | c&0x3F))
		} else {
			b.WriteRune(r)
		}
	}
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// digraph returns the Cyrillic letter for a Latin pair, or 0.
func digraph(a, b rune) rune {
	var lower, upper rune
	switch {
	case (a == 'l' || a == 'L') && (b == 'j' || b == 'J'):
		lower, upper = 'љ', 'Љ'
	case (a == 'n' || a == 'N') && (b == 'j' || b == 'J'):
		lower, upper = 'њ', 'Њ'
	case (a == 'd' || a == 'D') && (b == 'ž' || b == 'Ž'):
		lower, upper = 'џ', 'Џ'
	default:
		return 0
	}
	if unicode.IsUpper(a) {
		return upper
	}
	return lower
}
