// Package alphabet puts Serbian words in the order Serbian readers look for
// them: the abeceda in Latin script (A B C Č Ć D Dž Đ … Lj … Nj … Š … Ž) and
// the азбука in Cyrillic (А Б В Г Д Ђ Е … Ћ У Ф Х Ц Ч Џ Ш), not the order of
// their bytes.
//
// Of the project's packages it may import only translit.
package alphabet

import (
	"encoding/hex"
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"centar/internal/translit"
)

// tags are the collation tailorings of each script. x/text's sr-Latn puts Č
// before C; the Croatian tailoring has the Serbian Latin abeceda, digraphs
// (dž, lj, nj) included.
var tags = map[translit.Script]language.Tag{
	translit.Latin:    language.Croatian,
	translit.Cyrillic: language.Serbian,
}

// keyBytes bounds a key: its first bytes are the letters' primary weights,
// which order any two titles that differ in their first thirty or so letters.
const keyBytes = 64

// Collator orders strings of one script. It is not safe for concurrent use.
type Collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// New returns a collator for text in script.
func New(script translit.Script) *Collator {
	return &Collator{c: collate.New(tags[script])}
}

// Compare returns -1, 0 or 1 as a sorts before, with or after b.
func (c *Collator) Compare(a, b string) int { return c.c.CompareString(a, b) }

// Key returns a key for s that sorts, as plain ASCII, where s sorts in the
// alphabet: for templates, which can only compare strings.
func (c *Collator) Key(s string) string {
	k := c.c.KeyFromString(&c.buf, s)
	c.buf.Reset()
	if len(k) > keyBytes {
		k = k[:keyBytes]
	}
	return hex.EncodeToString(k)
}

// SortFunc sorts items by the alphabet order of name(item), keeping the
// order of items with the same name.
func SortFunc[T any](items []T, script translit.Script, name func(T) string) {
	c := New(script)
	sort.SliceStable(items, func(i, j int) bool { return c.Compare(name(items[i]), name(items[j])) < 0 })
}
