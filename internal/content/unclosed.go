package content

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Markup names what an editor opened in a text and did not close.
type Markup string

const (
	Bold     Markup = "bold"     // ** or __
	Emphasis Markup = "emphasis" // * or _
	LinkDest Markup = "link"     // [text](address without its )
)

// An Open is markup opened at At (an offset in the body) and never closed:
// readers see its marks as they were typed.
type Open struct {
	At     int
	Markup Markup
}

// Unclosed lists the markup of the text that was opened and not closed.
// goldmark leaves such marks in the text as they were typed, so they are
// found there: a run of * or _ that could open emphasis (a word follows
// it, and it does not stand inside a word, as in snake_case) and a ](
// that begins a link's address. Escaped marks (\*) and code are not
// markup.
func (d *Doc) Unclosed() []Open {
	var found []Open
	src := d.Source
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			found = append(found, opensIn(src, n.Segment.Start, n.Segment.Stop)...)
		}
		return ast.WalkContinue, nil
	})
	return found
}

// opensIn finds unclosed markup in the text src[start:end].
func opensIn(src []byte, start, end int) []Open {
	var found []Open
	text := src[start:end]
	if i := bytes.Index(text, []byte("](")); i >= 0 {
		found = append(found, Open{At: start + i, Markup: LinkDest})
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c != '*' && c != '_' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] == c {
			j++
		}
		at := start + i
		if opens(src, at, start+j, c) {
			m := Emphasis
			if j-i >= 2 {
				m = Bold
			}
			found = append(found, Open{At: at, Markup: m})
		}
		i = j
	}
	return found
}

// opens tells whether the run of delimiter c at src[from:to] could open
// emphasis, by CommonMark's rule: a word follows it, and for _, it does not
// stand inside a word. A run escaped by a backslash is text.
func opens(src []byte, from, to int, c byte) bool {
	if from > 0 && src[from-1] == '\\' {
		return false
	}
	next, _ := utf8.DecodeRune(src[to:])
	if to >= len(src) || unicode.IsSpace(next) {
		return false
	}
	if c == '*' {
		return true
	}
	prev, _ := utf8.DecodeLastRune(src[:from])
	return from == 0 || unicode.IsSpace(prev) || unicode.IsPunct(prev)
}
