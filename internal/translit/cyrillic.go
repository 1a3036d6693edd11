package translit

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// toCyrillic converts Serbian Latin in s to Cyrillic. Cyrillic letters pass
// through, so text in either script, or both, comes out all Cyrillic. Protected
// spans ([[…]]), template calls ({{…}}) and code spans (`…`) stay as written.
func (t *Translit) toCyrillic(s string) string {
	if !t.slowOnly && unchanged(s) {
		return s // most paragraphs of a Cyrillic source: half the site's
	}
	c := cyrillicWriter{t: t}
	c.convert(s)
	return string(c.out)
}

// write appends s, converted to Cyrillic, to c.out.
func (c *cyrillicWriter) write(s string) {
	if !c.t.slowOnly && unchanged(s) {
		c.out = append(c.out, s...)
		return
	}
	c.convert(s)
}

// convert appends s, converted to Cyrillic, to c.out, looking at every line.
func (c *cyrillicWriter) convert(s string) {
	if !composed(s) && !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	// A letter takes at most twice its bytes in Cyrillic (a → а).
	c.out = slices.Grow(c.out, 2*len(s))
	eachRun(s, c.run, func(kept string) { c.out = append(c.out, kept...) })
}

// composed reports whether s is made only of characters that are composed
// (NFC) whatever stands before them: those below U+0300 (ASCII, Latin with
// its diacritics), the Cyrillic letters and the spaces, dashes, quotes and
// ellipsis of U+2002–U+2027. Checking that costs a comparison a character; checking
// any text for NFC costs a table lookup a character, a tenth of converting
// a site.
func composed(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0xCC { // ASCII, a byte inside a character, or one that starts a character below U+0300
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !composedAbove(r) {
			return false
		}
		i += size - 1
	}
	return true
}

// composedAbove tells the characters from U+0300 up that composed allows:
// the Cyrillic letters and the spaces and punctuation of U+2002–U+2027 (a
// document from a word processor has em spaces, and one in a text made it
// all read for NFC).
func composedAbove(r rune) bool {
	return 0x400 <= r && r <= 0x482 || 0x48A <= r && r <= 0x52F || 0x2002 <= r && r <= 0x2027
}

// unchanged reports whether toCyrillic gives s back as it is: s holds no
// Latin letter, none of what makes a word look at its neighbours (% { ' ’)
// or opens a verbatim span ([ `), and besides ASCII only Cyrillic letters,
// the spaces and punctuation of U+2002–U+2027, and the spaces and quotes
// of Serbian text (no-break space, « », the block separator U+205F), all
// composed as they stand. Every word is then Cyrillic, and every other character is
// copied through.
func unchanged(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b|0x20 >= 'a' && b|0x20 <= 'z' || b == '%' || b == '{' || b == '\'' || b == '[' || b == '`' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case composedAbove(r) && r != '’', r == 0xA0, r == '«', r == '»', r == 0x205F:
		default:
			return false // a Latin letter with its marks, an apostrophe, a character NFC may change
		}
		i += size
	}
	return true
}

// cyrillicWriter converts runs of text into out, reusing its token buffers.
type cyrillicWriter struct {
	t     *Translit
	out   []byte
	toks  []token
	latin []bool
}

// run converts text that holds no verbatim span, a line at a time.
func (c *cyrillicWriter) run(s string) {
	for len(s) > 0 {
		line := s
		if nl := strings.IndexByte(s, '\n'); nl >= 0 {
			line = s[:nl+1]
		}
		s = s[len(line):]
		if mark := len(c.out); !c.t.slowOnly && !c.plainLine(line) {
			c.out = c.out[:mark]
		} else if !c.t.slowOnly {
			continue
		}
		c.toks = tokenize(c.toks[:0], line)
		c.latin = c.t.markEnglish(c.latin, c.toks)
		for i, tok := range c.toks {
			if tok.word && !c.latin[i] {
				c.out = c.t.appendWord(c.out, c.toks, i)
			} else {
				c.out = append(c.out, tok.text...)
			}
		}
	}
}

// plainLine converts a line in one pass, word by word, and reports true, as
// long as no word needs the words around it: it gives up, reporting false,
// at anything the tokens must decide (an address, a placeholder, a word
// joined by an apostrophe, an English or foreign word, a Roman numeral).
// Most lines of Serbian are plain.
func (c *cyrillicWriter) plainLine(line string) bool {
	chunkIn, chunkOut := 0, len(c.out) // where the chunk (text between spaces) began
	checked := false                   // the chunk is known not to be an address
	for i := 0; i < len(line); {
		b := line[i]
		size := 1
		r := rune(b)
		if b >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(line[i:])
		}
		if isWordRune(r) {
			j := wordEnd(line, i+size)
			w := line[i:j]
			switch {
			case noLatin(w):
				c.out = append(c.out, w...)
			case isRoman(w) || c.t.englishness(w).only() || foreign(w):
				return false
			case c.t.isKept(w):
				c.out = append(c.out, w...)
			default:
				c.out = c.t.appendLetters(c.out, w)
			}
			i = j
			continue
		}
		switch {
		case byteClass[b] == spaceByte && spaceAt(line, i) > 0:
			size = spaceAt(line, i)
			chunkIn, chunkOut, checked = i+size, len(c.out)+size, false
		case byteClass[b] == addressMark || byteClass[b] == dot:
			// A dot before anything but a letter or digit is punctuation, as
			// tokenize has it.
			if checked || b == '.' && (i+1 == len(line) || !alnumOrBeyond(line[i+1])) {
				break
			}
			end := i
			for end < len(line) && spaceAt(line, end) == 0 {
				end++
			}
			chunk := line[chunkIn:end]
			if n := verbatimChunk(chunk); n > 0 {
				c.out = append(c.out[:chunkOut], chunk...)
				i = end
				continue
			}
			checked = true
		case b == '%' || b == '{' || b == '\'' || r == '’':
			return false
		}
		c.out = append(c.out, line[i:i+size]...)
		i += size
	}
	return true
}

// eachRun splits s into runs of text to convert and the verbatim spans
// between them, as they stay: a protected span without its brackets.
func eachRun(s string, run, verbatim func(string)) {
	if strings.IndexByte(s, '[') < 0 && strings.IndexByte(s, '{') < 0 && strings.IndexByte(s, '`') < 0 {
		run(s) // most text: three quick looks instead of IndexAny's at every byte
		return
	}
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
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			n := spaceAt(s, j)
			if n == 0 {
				break
			}
			j += n
		}
		if j > i {
			toks = append(toks, token{text: s[i:j]})
			i = j
			continue
		}
		marks := false // the chunk may be an address, a file name, a handle or a tag
	chunk:
		for ; j < len(s); j++ {
			switch byteClass[s[j]] {
			case addressMark:
				marks = true
			case dot:
				marks = marks || j+1 < len(s) && alnumOrBeyond(s[j+1])
			case spaceByte:
				if spaceAt(s, j) > 0 {
					break chunk
				}
			}
		}
		toks = appendChunk(toks, s[i:j], marks)
		i = j
	}
	return toks
}

// spaceAt returns the length of the white space at s[i], or 0.
func spaceAt(s string, i int) int {
	switch c := s[i]; {
	case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
		return 1
	case c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3: // lead bytes of the other spaces
		if r, n := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
			return n
		}
	}
	return 0
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

func appendChunk(toks []token, chunk string, marks bool) []token {
	if marks && verbatimChunk(chunk) > 0 {
		return append(toks, token{text: chunk})
	}
	for i := 0; i < len(chunk); {
		c := chunk[i]
		size := 1
		var r rune = rune(c)
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(chunk[i:])
		}
		switch {
		case isWordRune(r):
			j := wordEnd(chunk, i+size)
			toks = append(toks, token{text: chunk[i:j], word: true})
			i = j
		case r == '%':
			n := max(len(printfVerb.FindString(chunk[i:])), 1)
			toks = append(toks, token{text: chunk[i : i+n]})
			i += n
		case r == '{':
			n := max(len(bracePlaceholder.FindString(chunk[i:])), 1)
			toks = append(toks, token{text: chunk[i : i+n]})
			i += n
		default:
			toks = append(toks, token{text: chunk[i : i+size]})
			i += size
		}
	}
	return toks
}

// verbatimChunk returns len(chunk) when the chunk, a text between spaces, is
// an address, a file name, a handle or a tag, inside any punctuation; or 0.
func verbatimChunk(chunk string) int {
	core := strings.TrimLeftFunc(chunk, isLeadPunct)
	trimmed := strings.TrimRightFunc(core, isTrailPunct)
	if strings.ContainsAny(trimmed, ":/@#.") && isVerbatimWord(trimmed) {
		return len(chunk)
	}
	return 0
}

// wordEnd returns the end of the run of letters in s that goes on at i.
func wordEnd(s string, i int) int {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if l := c | 0x20; l < 'a' || l > 'z' {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			return i
		}
		i += size
	}
	return i
}

// alnumOrBeyond reports whether c is an ASCII letter or digit, or a byte of a
// character beyond ASCII.
func alnumOrBeyond(c byte) bool {
	return c >= utf8.RuneSelf || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// The bytes tokenize looks at twice.
const (
	plainByte   = iota
	spaceByte   // white space, or the lead byte of a space beyond ASCII
	addressMark // : / @ #, which addresses, handles and tags hold
	dot         // a dot inside a chunk: a domain or a file name
)

var byteClass = func() (t [256]uint8) {
	for _, c := range []byte(" \n\t\r\f\v\xC2\xE1\xE2\xE3") {
		t[c] = spaceByte
	}
	for _, c := range []byte(":/@#") {
		t[c] = addressMark
	}
	t['.'] = dot
	return t
}()

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v'
	}
	return unicode.IsSpace(r)
}

func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r|0x20 >= 'a' && r|0x20 <= 'z'
	case r >= 0x100 && r < 0x180, r >= 0x400 && r < 0x460: // Latin Extended-A, Serbian Cyrillic: all letters
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

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
	// The suffix is looked up first: most chunks with a dot are dates and
	// numbers (12.10.2017., 1.1), which the expression need not read.
	host, _, _ := strings.Cut(s, "/")
	return knownSuffixes[host[strings.LastIndexByte(host, '.')+1:]] && domainOrFile.MatchString(s)
}

// appendWord converts word token i, given the words around it.
func (t *Translit) appendWord(out []byte, toks []token, i int) []byte {
	w := toks[i].text
	if t.isKept(w) || foreign(w) || (isRoman(w) && romanInContext(w, neighbour(toks, i, -1), neighbour(toks, i, +1))) {
		return append(out, w...)
	}
	return t.appendLetters(out, w)
}

// isKept reports whether w, or w without a short case ending, is on the keep-list.
func (t *Translit) isKept(w string) bool {
	if len(w) < 2 || !t.keepStarts.has(w[0], w[1]) {
		return len(w) == 1 && t.keep[w] // most words: no entry starts so
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

// noLatin reports whether w holds no character below U+0180: no ASCII and
// no Latin letter with a diacritic, so it is already Cyrillic (or another
// script) and stays as it is. Most words of Cyrillic text are such, and
// telling it from the bytes costs less than the lists' look-ups would.
func noLatin(w string) bool {
	for i := 0; i < len(w); i++ {
		// A character below U+0180 starts with a byte below 0xC6; the
		// bytes that continue a character are 0x80–0xBF.
		if b := w[i]; b < 0x80 || 0xC0 <= b && b < 0xC6 {
			return false
		}
	}
	return true
}

// foreign reports whether w is not a Serbian word by its letters
// (looksForeign) and the Serbian dictionary does not list it: packa and BiH
// are Serbian, Trafficking and iPhone are not.
func foreign(w string) bool { return looksForeign(w) && !knownLookalike(w) }

// ForeignByLetters reports whether w, written in Serbian Latin letters alone,
// looks foreign to the letter rule (c+k, ff, a capital inside): genlexicon
// lists the dictionary's words that do, and they are converted all the same.
func ForeignByLetters(w string) bool {
	for _, r := range w {
		if latinLetter(r) == 0 {
			return false
		}
	}
	return looksForeign(w)
}

// looksForeign reports whether w's letters say it cannot be Serbian: a Latin
// letter outside the Serbian alphabet (q, w, x, y, é, ü…), a capital after a
// small letter (iPhone, YouTube), or a letter pair Serbian rarely writes (ck,
// ff), which foreign-looking.txt lists where it does.
func looksForeign(w string) bool {
	sawLower := false
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			switch asciiLetterKind[c] {
			case smallLetter:
				sawLower = true
			case capitalLetter:
				if sawLower {
					return true
				}
			case foreignLetter:
				return true
			case pairLetter: // c or f, small or capital
				if i+1 < len(w) && (c|0x20 == 'c' && w[i+1]|0x20 == 'k' || c|0x20 == 'f' && w[i+1]|0x20 == 'f') {
					return true
				}
				if c >= 'a' {
					sawLower = true
				} else if sawLower {
					return true
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size
		if r < 0x250 && latinLetter(r) == 0 && unicode.IsLetter(r) {
			return true
		}
		switch lower, upper := letterCase(r); {
		case lower:
			sawLower = true
		case upper && sawLower:
			return true
		}
	}
	return false
}

// What looksForeign sees in an ASCII letter: a look at a table, not a
// comparison with each letter it looks for.
const (
	_ = iota // not a letter
	smallLetter
	capitalLetter
	foreignLetter // q w x y, small or capital
	pairLetter    // c f, small or capital: ck and ff look foreign
)

var asciiLetterKind = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = smallLetter, capitalLetter
	}
	for _, c := range "qwxycf" {
		kind := uint8(foreignLetter)
		if c == 'c' || c == 'f' {
			kind = pairLetter
		}
		t[c], t[c-'a'+'A'] = kind, kind
	}
	return t
}()

// letterCase is unicode.IsLower and IsUpper, quick for Serbian letters.
func letterCase(r rune) (lower, upper bool) {
	if cyr := latinLetter(r); cyr != 0 {
		r = cyr // č is lower as ч is
	}
	if r >= 0x400 && r < 0x460 {
		return r >= 0x430, r < 0x430
	}
	return unicode.IsLower(r), unicode.IsUpper(r)
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
	return len(w) == 1 || romanNumeral.MatchString(w) // I, the conjunction in capitals, is the most frequent
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
	// Judged in Latin, so that a neighbour already converted (C → Ц) is
	// judged as it was before: converting twice changes nothing.
	if l := cyrillicToLatin(w); w == "" || (isRoman(l) && !romanLikeWords[strings.ToLower(l)]) {
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
	var buf [64]byte
	l := lowerInto(buf[:0], w)
	if pos, ok := t.split[string(l)]; ok {
		return pos
	}
	if at := t.prefixSplit(string(l)); at >= 0 {
		return []int{at}
	}
	for _, p := range splitPrefixes {
		if len(l) > len(p) && string(l[:len(p)]) == p {
			if pos, ok := t.split[string(l[len(p):])]; ok {
				shifted := make([]int, len(pos))
				for i, x := range pos {
					shifted[i] = x + len(p) // prefixes are ASCII: bytes are runes
				}
				return shifted
			}
		}
	}
	return nil
}

// lowerInto appends w in lower case to b, quickly for ASCII and Serbian letters.
func lowerInto(b []byte, w string) []byte {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		b = utf8.AppendRune(b, unicode.ToLower(r))
		i += size
	}
	return b
}

// appendLetters converts a Serbian word letter by letter, joining lj, nj, dž
// into one letter except where the lexicon says they are two.
func (t *Translit) appendLetters(out []byte, w string) []byte {
	var split []int // looked up at the word's first digraph
	looked := false
	out = slices.Grow(out, 2*len(w))
	for i, idx := 0, 0; i < len(w); idx++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(w[i:])
			if cyr := latinLetter(r); cyr != 0 {
				out = append(out, byte(0xC0|cyr>>6), byte(0x80|cyr&0x3F))
			} else {
				out = append(out, w[i:i+size]...)
			}
			i += size
			continue
		}
		cyr := asciiCyrillic[c]
		if cyr.digraphStart {
			d, n := digraphAt(w[i:])
			if n > 0 && !looked {
				split, looked = t.splits(w), true
			}
			if n > 0 && !contains(split, idx) {
				out = append(out, d[0], d[1])
				i += n
				idx++
				continue
			}
		}
		if cyr.letter[0] != 0 {
			out = append(out, cyr.letter[0], cyr.letter[1])
		} else {
			out = append(out, c)
		}
		i++
	}
	return out
}

// asciiCyrillic holds, for each ASCII letter of the Serbian Latin alphabet,
// its Cyrillic letter in UTF-8, and whether it may start lj, nj or dž.
var asciiCyrillic = func() (t [utf8.RuneSelf]struct {
	letter       [2]byte
	digraphStart bool
}) {
	for l, c := range latToCyr {
		if l < utf8.RuneSelf {
			utf8.EncodeRune(t[l].letter[:], c)
			t[l].digraphStart = l|0x20 == 'l' || l|0x20 == 'n' || l|0x20 == 'd'
		}
	}
	return t
}()

// digraphAt returns the Cyrillic letter, in UTF-8, of the lj, nj or dž that s
// starts with, and the pair's length in bytes, or 0.
func digraphAt(s string) ([2]byte, int) {
	var r rune
	n := 0
	switch l := s[0] | 0x20; {
	case (l == 'l' || l == 'n') && len(s) > 1 && s[1]|0x20 == 'j':
		r, n = digraph(rune(s[0]), rune(s[1])), 2
	case l == 'd' && len(s) > 2 && s[1] == 0xC5 && (s[2] == 0xBE || s[2] == 0xBD): // ž Ž
		r, n = digraph(rune(s[0]), 'ž'), 3
	default:
		return [2]byte{}, 0
	}
	var b [2]byte
	utf8.EncodeRune(b[:], r)
	return b, n
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
