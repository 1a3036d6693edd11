package content

import (
	"fmt"
	"strings"
)

// A Problem is something wrong in an editor's file, at a place they can find.
type Problem struct {
	File      string // relative to the site root, with forward slashes
	Line, Col int    // 1-based; 0 when unknown
	Msg       string // what is wrong and what to do
}

func (p Problem) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is an error listing every problem found, one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
