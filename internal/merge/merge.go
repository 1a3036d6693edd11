// Package merge joins two people's changes to one text, made from the same
// original: a three-way merge by lines, as git's and diff3's. Lines that
// only one side changed take that side's version; lines both changed alike
// are taken once; lines both changed differently, or changed next to each
// other, are a conflict, which the caller resolves with the people who made
// it. Line breaks of two characters (CR LF) and of one (LF) are the same
// break: a side that changed how the whole text breaks its lines keeps that
// change.
//
// Lines are compared with the line diff of github.com/sergi/go-diff, which
// gives up on finding the shortest diff after a deadline: a hostile text
// costs at most that, and is then merged with a longer diff, never wrongly.
//
// It imports none of the project's packages.
package merge

import (
	"bytes"
	"time"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// A Conflict is a place where both sides changed the same lines (or lines
// next to each other) differently. Each part holds whole lines.
type Conflict struct {
	Base, Ours, Theirs []byte
	// OursLine and TheirsLine are where the part begins in each side's
	// text, counted from 1.
	OursLine, TheirsLine int
}

// A Result is a merged text: stretches taken from one side or both, and
// the conflicts between them.
type Result struct {
	chunks    []chunk
	Conflicts []Conflict
	crlf      bool // write every line break as CR LF
	normalize bool // some side changed its line breaks: write them all alike
}

// chunk is a stretch of the result: lines, or the conflict numbered conflict.
type chunk struct {
	lines    [][]byte
	conflict int // -1 for lines
}

// Clean reports whether the merge has no conflict.
func (r *Result) Clean() bool { return len(r.Conflicts) == 0 }

// Bytes is the merged text of a clean merge; where a conflict is, it holds
// our side.
func (r *Result) Bytes() []byte {
	return r.Resolve(func(_ int, c Conflict) []byte { return c.Ours })
}

// Resolve is the merged text with each conflict replaced by what pick
// gives for it (the i-th of Conflicts).
func (r *Result) Resolve(pick func(i int, c Conflict) []byte) []byte {
	var out bytes.Buffer
	for _, ch := range r.chunks {
		if ch.conflict < 0 {
			for _, l := range ch.lines {
				out.Write(l)
			}
			continue
		}
		out.Write(pick(ch.conflict, r.Conflicts[ch.conflict]))
	}
	if r.normalize {
		return WithLineBreaks(out.Bytes(), r.crlf)
	}
	return out.Bytes()
}

// Timeout bounds each line diff; past it the diff found so far is used.
const Timeout = time.Second

// A side is one text of a merge: its lines, and their numbers as keys.
type side struct {
	lines [][]byte
	keys  []rune
}

// Texts merges ours and theirs, two changed versions of base.
func Texts(base, ours, theirs []byte) *Result {
	k := newKeys()
	b, o, t := k.side(base), k.side(ours), k.side(theirs)
	if k.full() {
		return whole(base, ours, theirs)
	}
	// A removed paragraph reads as its text and the blank line after it,
	// or as the blank line before it and its text. Each reading is right;
	// the pair that meets the other side's change at fewer places is taken.
	toOurs, toTheirs := matching(b.keys, o.keys), matching(b.keys, t.keys)
	var best *Result
	for _, mo := range [][]int{toOurs, raised(toOurs, b.keys)} {
		for _, mt := range [][]int{toTheirs, raised(toTheirs, b.keys)} {
			if r := walk(b, o, t, mo, mt); best == nil || len(r.Conflicts) < len(best.Conflicts) {
				best = r
			}
		}
	}
	return best
}

// walk merges with base's lines kept in ours and theirs as toOurs and
// toTheirs say.
func walk(b, o, t side, toOurs, toTheirs []int) *Result {
	r := &Result{}
	r.crlf, r.normalize = breaks(b.lines, o.lines, t.lines)
	addLines := func(lines ...[]byte) {
		if n := len(r.chunks); n > 0 && r.chunks[n-1].conflict < 0 {
			r.chunks[n-1].lines = append(r.chunks[n-1].lines, lines...)
			return
		}
		r.chunks = append(r.chunks, chunk{lines: append([][]byte(nil), lines...), conflict: -1})
	}
	// Walk from one line all three share to the next: what lies between is
	// changed by one side, by both alike, or in conflict.
	i, j, k := 0, 0, 0
	for {
		next := i
		for next < len(b.lines) && (toOurs[next] < 0 || toTheirs[next] < 0) {
			next++
		}
		nj, nk := len(o.lines), len(t.lines)
		if next < len(b.lines) {
			nj, nk = toOurs[next], toTheirs[next]
		}
		baseKeys, oursKeys, theirsKeys := b.keys[i:next], o.keys[j:nj], t.keys[k:nk]
		switch {
		case equal(oursKeys, baseKeys):
			addLines(t.lines[k:nk]...)
		case equal(theirsKeys, baseKeys):
			addLines(o.lines[j:nj]...)
		case equal(oursKeys, theirsKeys):
			addLines(pickChanged(b.lines[i:next], o.lines[j:nj], t.lines[k:nk])...)
		default:
			r.chunks = append(r.chunks, chunk{conflict: len(r.Conflicts)})
			r.Conflicts = append(r.Conflicts, Conflict{
				Base: join(b.lines[i:next]), Ours: join(o.lines[j:nj]), Theirs: join(t.lines[k:nk]),
				OursLine: j + 1, TheirsLine: k + 1,
			})
		}
		if next == len(b.lines) {
			return r
		}
		// The shared line, as the side that changed its bytes (its break)
		// has it.
		addLines(pickChanged(b.lines[next:next+1], o.lines[nj:nj+1], t.lines[nk:nk+1])...)
		i, j, k = next+1, nj+1, nk+1
	}
}

// raised is the matching with each run of removed lines moved up as far as
// the same lines allow: removing b c from a b c a is removing a b.
func raised(match []int, base []rune) []int {
	out := append([]int(nil), match...)
	for e := 0; e < len(out); e++ {
		if out[e] < 0 {
			continue
		}
		// s..e-1 are removed, e is kept: a removal with nothing put in its
		// place when e follows s-1 in the other text.
		s := e
		for s > 0 && out[s-1] < 0 {
			s--
		}
		if s == e || s == 0 || out[s-1]+1 != out[e] {
			continue
		}
		for s > 0 && out[s-1] >= 0 && base[s-1] == base[e-1] && (s < 2 || out[s-2] >= 0) {
			out[e-1], out[s-1] = out[s-1], -1
			s, e = s-1, e-1
		}
	}
	return out
}

// pickChanged returns ours where its bytes differ from base's, else theirs:
// lines that read alike on both sides, one of which may have changed how a
// line ends.
func pickChanged(base, ours, theirs [][]byte) [][]byte {
	if len(ours) != len(base) {
		return ours
	}
	for n := range ours {
		if !bytes.Equal(ours[n], base[n]) {
			return ours
		}
	}
	return theirs
}

// splitLines cuts text after each LF; the last line may have none.
func splitLines(text []byte) [][]byte {
	var out [][]byte
	for len(text) > 0 {
		n := bytes.IndexByte(text, '\n') + 1
		if n == 0 {
			n = len(text)
		}
		out = append(out, text[:n:n])
		text = text[n:]
	}
	return out
}

func join(lines [][]byte) []byte { return bytes.Join(lines, nil) }

// cut returns a line without its break, and whether it had one.
func cut(line []byte) ([]byte, bool) {
	if t, ok := bytes.CutSuffix(line, []byte("\n")); ok {
		return bytes.TrimSuffix(t, []byte("\r")), true
	}
	return line, false
}

// LineBreaks says how the merge of base, ours and theirs breaks its lines:
// with CR LF or LF, as base does unless a side changed that; changed is set
// when one did, and every line of the merge is to break alike.
func LineBreaks(base, ours, theirs []byte) (crlf, changed bool) {
	return breaks(splitLines(base), splitLines(ours), splitLines(theirs))
}

func breaks(base, ours, theirs [][]byte) (bool, bool) {
	b, o, t := crlf(base), crlf(ours), crlf(theirs)
	switch {
	case o != b && len(ours) > 0:
		return o, true
	case t != b && len(theirs) > 0:
		return t, true
	}
	return b, false
}

// WithLineBreaks is text with every line break CR LF, or LF.
func WithLineBreaks(text []byte, crlf bool) []byte {
	var out bytes.Buffer
	for _, l := range splitLines(text) {
		t, brk := cut(l)
		out.Write(t)
		switch {
		case !brk:
		case crlf:
			out.WriteString("\r\n")
		default:
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

// crlf reports whether most of the lines end in CR LF.
func crlf(lines [][]byte) bool {
	withCR, withoutCR := 0, 0
	for _, l := range lines {
		switch {
		case bytes.HasSuffix(l, []byte("\r\n")):
			withCR++
		case bytes.HasSuffix(l, []byte("\n")):
			withoutCR++
		}
	}
	return withCR > withoutCR
}

// keys numbers distinct lines, without their breaks, as runes: the line
// diff compares runes. Runes skip the surrogate range, which is not a rune.
type keys struct {
	ids  map[string]rune
	next rune
}

func newKeys() *keys { return &keys{ids: map[string]rune{}, next: 1} }

// maxRune is the last rune: texts of more distinct lines are merged whole.
const maxRune = 0x10FFFF

// full reports whether the lines ran out of runes.
func (k *keys) full() bool { return k.next > maxRune }

// whole merges texts with too many distinct lines to number as a whole:
// the side that changed it, or a conflict.
func whole(base, ours, theirs []byte) *Result {
	r := &Result{}
	switch {
	case bytes.Equal(ours, base) || bytes.Equal(ours, theirs):
		r.chunks = []chunk{{lines: [][]byte{theirs}, conflict: -1}}
	case bytes.Equal(theirs, base):
		r.chunks = []chunk{{lines: [][]byte{ours}, conflict: -1}}
	default:
		r.chunks = []chunk{{conflict: 0}}
		r.Conflicts = []Conflict{{Base: base, Ours: ours, Theirs: theirs, OursLine: 1, TheirsLine: 1}}
	}
	return r
}

func (k *keys) side(text []byte) side {
	lines := splitLines(text)
	return side{lines, k.number(lines, lineKey)}
}

// lineKey is a line without its break. A last line without a break is not
// the same line as one with it: adding or removing the final break is a
// change.
func lineKey(line []byte) string {
	text, brk := cut(line)
	if !brk {
		return string(text) + "\x00"
	}
	return string(text)
}

// number gives each line the rune of its key.
func (k *keys) number(lines [][]byte, key func([]byte) string) []rune {
	out := make([]rune, len(lines))
	for n, l := range lines {
		id, seen := k.ids[key(l)]
		if !seen {
			id = k.next
			k.ids[key(l)] = id
			k.next++
			if k.next == 0xD800 {
				k.next = 0xE000
			}
		}
		out[n] = id
	}
	return out
}

func equal(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for n := range a {
		if a[n] != b[n] {
			return false
		}
	}
	return true
}

// matching maps each line of base to the line of other it is kept as in a
// line diff, or -1 where base's line was removed or changed.
func matching(base, other []rune) []int {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = Timeout
	out := make([]int, len(base))
	i, j := 0, 0
	for _, d := range dmp.DiffMainRunes(base, other, false) {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			for range n {
				out[i] = j
				i++
				j++
			}
		case diffmatchpatch.DiffDelete:
			for range n {
				out[i] = -1
				i++
			}
		case diffmatchpatch.DiffInsert:
			j += n
		}
	}
	return out
}

// Keep returns text, a version of old written anew by a program that may
// change how it writes lines it did not change (an editor's list markers,
// its escapes), with each line that reads as a line of old, by key, as old
// has it; a line of its own passes through fresh. So only the lines that
// were changed change.
func Keep(old, text []byte, key func(line []byte) string, fresh func(line []byte) []byte) []byte {
	k := newKeys()
	o, t := splitLines(old), splitLines(text)
	ok, tk := k.number(o, key), k.number(t, key)
	if k.full() {
		return text
	}
	kept := make([]int, len(t))
	for j := range kept {
		kept[j] = -1
	}
	for i, j := range matching(ok, tk) {
		if j >= 0 {
			kept[j] = i
		}
	}
	var out bytes.Buffer
	for j, l := range t {
		if i := kept[j]; i >= 0 {
			// The old line, but with the break the new text has there: a
			// last line that gained one keeps it.
			line, _ := cut(o[i])
			out.Write(line)
			if _, brk := cut(l); brk {
				out.Write(l[len(bytes.TrimRight(l, "\r\n")):])
			}
			continue
		}
		out.Write(fresh(l))
	}
	return out.Bytes()
}

// A LineChange is a line that one of two versions of a text has and the
// other has not: removed from the older, or added in the newer.
type LineChange struct {
	Removed bool
	Line    string // without its break
}

// Changes lists the lines that differ between two versions of a text, in
// their order, each line compared by its key: a line diff, removals before
// what replaced them.
func Changes(old, now []byte, key func(line []byte) string) []LineChange {
	k := newKeys()
	o, n := splitLines(old), splitLines(now)
	ok, nk := k.number(o, key), k.number(n, key)
	kept := make([]int, len(o))
	if k.full() {
		for i := range kept {
			kept[i] = -1 // too many lines to compare: all of them changed
		}
	} else {
		kept = matching(ok, nk)
	}
	line := func(removed bool, l []byte) LineChange {
		text, _ := cut(l)
		return LineChange{Removed: removed, Line: string(text)}
	}
	var out []LineChange
	j := 0
	for i, to := range kept {
		if to < 0 {
			out = append(out, line(true, o[i]))
			continue
		}
		for ; j < to; j++ {
			out = append(out, line(false, n[j]))
		}
		j = to + 1
	}
	for ; j < len(n); j++ {
		out = append(out, line(false, n[j]))
	}
	return out
}
