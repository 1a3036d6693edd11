package content

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/message"
)

// goldmark, which reads every page (Hugo reads them with it too), takes
// time that grows with the square of some inputs: a run of reference
// definitions (256 KB of them: 1 s), a run of underscores and letters with
// no space (Linkify looks for an e-mail address at each: 256 KB, 14 s), and
// many unmatched emphasis marks (256 KB, 17 s). A pull request of them would
// stall every build; no real page comes near these bounds.
const (
	MaxReferences = 500       // link reference definitions ([name]: address) in a page
	MaxRun        = 1000      // characters without white space: no word or address is longer
	MaxBody       = 256 << 10 // bytes of Markdown in a page
)

// An Excess says which bound a page's body goes past, and where.
type Excess struct {
	Line  int // 1-based, in the body
	Bound int // MaxReferences, MaxRun or MaxBody
	Size  int // the body's size in bytes, for MaxBody
}

func (e *Excess) Error() string {
	return fmt.Sprintf("line %d: the Markdown goes past a bound goldmark reads in good time (%d)", e.Line, e.Bound)
}

// Say says, in the editor's language, which bound the page goes past and
// what to do.
func (e *Excess) Say(p *message.Printer) string {
	switch e.Bound {
	case MaxReferences:
		return p.Sprintf("the page holds more than %d link definitions ([name]: address), more than the site can read in good time: put the links in the text, or split the page", MaxReferences)
	case MaxRun:
		return p.Sprintf("this line holds more than %d characters without a space (a pasted image, or a very long address?), more than the site can read in good time: put an image beside the page as a file and link to it; shorten a long address", MaxRun)
	}
	return p.Sprintf("the page is %d KB, more than the %d KB a page may hold: split it into several pages", e.Size>>10, MaxBody>>10)
}

// TooHeavy returns what of body goes past the bounds goldmark reads in good
// time, or nil. It reads the body once, line by line, before any Markdown
// reading.
func TooHeavy(body string) *Excess {
	if len(body) > MaxBody {
		return &Excess{Line: 1, Bound: MaxBody, Size: len(body)}
	}
	refs := 0
	for line := 1; body != ""; line++ {
		l, rest, _ := strings.Cut(body, "\n")
		body = rest
		trimmed := strings.TrimLeft(l, " ")
		if len(l)-len(trimmed) <= 3 && strings.HasPrefix(trimmed, "[") && strings.Contains(trimmed, "]:") {
			if refs++; refs > MaxReferences {
				return &Excess{Line: line, Bound: MaxReferences}
			}
		}
		if len(l) > MaxRun {
			for _, w := range strings.Fields(l) {
				// In characters: a Cyrillic word is twice its Latin bytes.
				if len(w) > MaxRun && utf8.RuneCountInString(w) > MaxRun {
					return &Excess{Line: line, Bound: MaxRun}
				}
			}
		}
	}
	return nil
}
