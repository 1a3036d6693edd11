package content

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"centar/internal/translit"
)

// siteMarkdown is Markdown as the site's goldmark (Hugo's, as the site
// configures it) reads it: tables, strikethrough, bare addresses as links,
// task lists, definition lists, footnotes, and {#id .class} after a
// heading.
var siteMarkdown = []goldmark.Extender{extension.Table, extension.Strikethrough, extension.Linkify,
	extension.TaskList, extension.DefinitionList, extension.Footnote}

// markdown reads a page for where its parts are.
var markdown = goldmark.New(goldmark.WithExtensions(siteMarkdown...), goldmark.WithParserOptions(parser.WithHeadingAttribute()))

// rendering writes a page's HTML as the site does: with typographic quotes
// and dashes and an id on every heading, and no raw HTML (unsafe = false).
var rendering = goldmark.New(goldmark.WithExtensions(append(slices.Clone(siteMarkdown), extension.Typographer)...),
	goldmark.WithParserOptions(parser.WithHeadingAttribute(), parser.WithAutoHeadingID()))

// HTML is body, Markdown, as the site writes it in a page.
func HTML(body string) (string, error) {
	var b bytes.Buffer
	err := rendering.Convert([]byte(body), &b)
	return b.String(), err
}

// A Doc is one reading of a Markdown body: where its reader text, links,
// HTML and shortcodes are, as byte offsets into Source.
type Doc struct {
	Source []byte
	Root   ast.Node // goldmark's tree of the body

	Text       []Span // reader text, in order; spans of one block share Block
	Links      []Link // links, images and addresses readers can follow
	HTML       []Span // raw HTML, inline and in blocks
	Shortcodes []Span // {{< … >}}, {{% … %}} and other {{ … }}: Hugo's, not text
	Protected  []Span // [[…]]: text that stays as written, brackets and all in Source

	lineStarts []int
}

// A Span is a range of Source. Block numbers the paragraph, heading, cell or
// title a text span belongs to.
type Span struct {
	Start, End int
	Block      int
}

// A Link is a link, an image or an address written as a link.
type Link struct {
	Dest  string
	Image bool
	Alt   string // an image's text
	At    int    // offset of its text, or of the text before it
}

// Read parses a Markdown body (the page without its front matter).
func Read(body []byte) *Doc {
	d := &Doc{Source: body}
	masked := d.maskVerbatim()
	ctx := parser.NewContext()
	d.Root = markdown.Parser().Parse(text.NewReader(masked), parser.WithContext(ctx))
	d.walk(ctx)
	d.findTitles(ctx)
	return d
}

// maskVerbatim finds shortcodes and protected spans, and returns a copy of
// the source with their bytes (but not their line ends) turned into x: the
// parser sees plain text of the same length in their place, as Hugo, which
// replaces shortcodes before goldmark, has it.
func (d *Doc) maskVerbatim() []byte {
	src := string(d.Source)
	masked := bytes.Clone(d.Source)
	// found records a span of n bytes at start in list, masks it, and
	// returns where it ends.
	found := func(list *[]Span, start, n int) int {
		s := Span{Start: start, End: start + n}
		*list = append(*list, s)
		for i := s.Start; i < s.End; i++ {
			if masked[i] != '\n' && masked[i] != '\r' {
				masked[i] = 'x'
			}
		}
		return s.End
	}
	unclosedTo := 0 // no ]] closes a [[ before this: the rest of its line holds none
	unclosedTemplate := false
	for i := 0; i < len(src); {
		switch rest := src[i:]; {
		case strings.HasPrefix(rest, "{{") && !unclosedTemplate:
			if end := strings.Index(rest[2:], "}}"); end >= 0 {
				i = found(&d.Shortcodes, i, 2+end+2)
			} else {
				unclosedTemplate, i = true, i+2 // none closes after this one either
			}
		case strings.HasPrefix(rest, "[[") && i >= unclosedTo:
			if n := translit.ProtectedEnd(rest); n > 0 {
				i = found(&d.Protected, i, n)
			} else {
				unclosedTo = len(src)
				if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
					unclosedTo = i + nl
				}
				i += 2
			}
		default:
			next := strings.IndexAny(rest[1:], "{[")
			if next < 0 {
				i = len(src)
			} else {
				i += 1 + next
			}
		}
	}
	return masked
}

// walk collects text, links and HTML from the tree.
func (d *Doc) walk(ctx parser.Context) {
	src := d.Source
	block, cursor := 0, 0
	blocks := map[ast.Node]int{}
	blockOf := func(n ast.Node) int {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock {
				if b, ok := blocks[p]; ok {
					return b
				}
				block++
				blocks[p] = block
				return block
			}
		}
		return 0
	}
	linkText := map[ast.Node]int{} // a link's first span in d.Text
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if k := n.Kind(); k == ast.KindLink || k == ast.KindImage {
			if entering {
				linkText[n] = len(d.Text)
			} else if first := linkText[n]; first < len(d.Text) && isLabel(ctx, n, src, d.Text[first].Start, d.Text[len(d.Text)-1].End) {
				d.Text = d.Text[:first] // [label] and [label][] name their definition: words as written
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				d.HTML = append(d.HTML, Span{Start: seg.Start, End: seg.Stop})
			}
			if n.HasClosure() {
				seg := n.ClosureLine
				d.HTML = append(d.HTML, Span{Start: seg.Start, End: seg.Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				d.HTML = append(d.HTML, Span{Start: seg.Start, End: seg.Stop})
				cursor = seg.Stop
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			d.Links = append(d.Links, Link{Dest: string(n.URL(src)), At: cursor})
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			d.Links = append(d.Links, Link{Dest: string(n.Destination), At: opening(src, firstTextAt(n, cursor), "[")})
		case *ast.Image:
			d.Links = append(d.Links, Link{Dest: string(n.Destination), Image: true, Alt: string(n.Text(src)), At: opening(src, firstTextAt(n, cursor), "![")})
		case *extast.FootnoteLink, *extast.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			d.addText(Span{Start: n.Segment.Start, End: n.Segment.Stop, Block: blockOf(n)})
			cursor = n.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
}

// isLabel reports whether a link whose words run from start to end is a
// shortcut or collapsed reference, [label] or [label][]: its words are the
// label its definition is found by. goldmark does not say which form a link
// had: one that is not [words][label] and goes where a definition of its
// words goes is taken as one.
func isLabel(ctx parser.Context, n ast.Node, src []byte, start, end int) bool {
	closing := bytes.IndexByte(src[end:], ']')
	if closing < 0 {
		return false
	}
	if rest := src[end+closing+1:]; bytes.HasPrefix(rest, []byte("[")) {
		// [text][label] names its own label; [text][] and [text][ ] do not.
		if label, _, closed := bytes.Cut(rest[1:], []byte("]")); closed && len(bytes.TrimSpace(label)) > 0 {
			return false
		}
	}
	ref, ok := ctx.Reference(util.ToLinkReference(src[start : end+closing]))
	if !ok {
		return false
	}
	switch n := n.(type) {
	case *ast.Link:
		return bytes.Equal(n.Destination, ref.Destination()) && bytes.Equal(n.Title, ref.Title())
	case *ast.Image:
		return bytes.Equal(n.Destination, ref.Destination()) && bytes.Equal(n.Title, ref.Title())
	}
	return false
}

// opening returns the offset of the [ or ![ that opens a link whose first
// words are at at, past any emphasis marks between; at when there is none.
func opening(src []byte, at int, mark string) int {
	i := at
	for i > 0 && at-i < 8 && bytes.IndexByte([]byte("*_~`"), src[i-1]) >= 0 {
		i--
	}
	if i >= len(mark) && string(src[i-len(mark):i]) == mark {
		return i - len(mark)
	}
	return at
}

// firstTextAt returns the offset of the first text under n, or else.
func firstTextAt(n ast.Node, or int) int {
	at := or
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			at = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return at
}

// entity is a character reference, &nbsp; or &#8212;: markup, not words.
var entity = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// addText adds a text span less the shortcodes, protected spans and
// character references in it.
func (d *Doc) addText(s Span) {
	var cut []Span
	if bytes.IndexByte(d.Source[s.Start:s.End], '&') >= 0 {
		for _, m := range entity.FindAllIndex(d.Source[s.Start:s.End], -1) {
			cut = append(cut, Span{Start: s.Start + m[0], End: s.Start + m[1]})
		}
	}
	for _, v := range mergeSorted(d.verbatimIn(s), cut) {
		if v.Start > s.Start {
			d.Text = append(d.Text, Span{Start: s.Start, End: v.Start, Block: s.Block})
		}
		s.Start = max(s.Start, v.End)
	}
	if s.End > s.Start {
		// goldmark ends a text node at every mark an inline parser may start
		// with, spaces among them: words of one block that touch are one span.
		if last := len(d.Text) - 1; last >= 0 && d.Text[last].End == s.Start && d.Text[last].Block == s.Block {
			d.Text[last].End = s.End
			return
		}
		d.Text = append(d.Text, s)
	}
}

func mergeSorted(a, b []Span) []Span {
	if len(b) == 0 {
		return a
	}
	out := append(a, b...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// verbatimIn returns the shortcodes and protected spans that overlap s, in order.
func (d *Doc) verbatimIn(s Span) []Span {
	var out []Span
	for _, list := range [][]Span{d.Shortcodes, d.Protected} {
		i := sort.Search(len(list), func(i int) bool { return list[i].End > s.Start })
		for ; i < len(list) && list[i].Start < s.End; i++ {
			out = append(out, list[i])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// findTitles adds the titles of links and images (as in [a](/b "Title") and
// [ref]: /b "Title") to the text. goldmark keeps a title's words but not where
// they were: an inline link's title is looked for just after its text, and a
// reference's on the definition lines, each read once.
func (d *Doc) findTitles(ctx parser.Context) {
	src := d.Source
	defined := map[[2]string]bool{} // the definitions' destinations and titles
	for _, r := range ctx.References() {
		defined[[2]string{string(r.Destination()), string(r.Title())}] = true
	}
	refTitles := map[string]bool{}
	words := slices.Clone(d.Text) // sorted, as the walk found them
	code := d.codeSpans()
	added := map[int]bool{}   // the titles' starts: a title is added once
	cursor, block := 0, 1<<30 // each title is a block of its own
	add := func(s Span) bool {
		if added[s.Start] || overlapsSorted(s, words) || overlapsSorted(s, code) {
			return false
		}
		added[s.Start] = true
		s.Block = block
		block++
		d.addText(s)
		return true
	}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok {
			cursor = max(cursor, t.Segment.Stop)
		}
		var title, dest []byte
		switch n := n.(type) {
		case *ast.Link:
			title, dest = n.Title, n.Destination
		case *ast.Image:
			title, dest = n.Title, n.Destination
		default:
			return ast.WalkContinue, nil
		}
		if entering {
			return ast.WalkContinue, nil
		}
		// [words](dest "title"): the title follows the destination, before the
		// next words; any other link is a reference, its title on its definition.
		closing := bytes.IndexByte(src[cursor:], ']')
		if closing < 0 || !bytes.HasPrefix(src[cursor+closing+1:], []byte("(")) || defined[[2]string{string(dest), string(title)}] {
			if len(title) > 0 {
				refTitles[string(title)] = true
			}
			return ast.WalkContinue, nil
		}
		cursor += closing + 2
		limit := min(len(src), cursor+2*len(dest)+len(title)+16)
		if next := sort.Search(len(words), func(i int) bool { return words[i].Start >= cursor }); next < len(words) {
			limit = min(limit, words[next].Start)
		}
		if at := bytes.Index(src[cursor:limit], dest); at >= 0 && len(dest) > 0 {
			cursor += at + len(dest)
		}
		if len(title) == 0 {
			return ast.WalkContinue, nil
		}
		if at := quotedAt(src[cursor:limit], title); at < 0 || !add(Span{Start: cursor + at, End: cursor + at + len(title)}) {
			refTitles[string(title)] = true
		} else {
			cursor += at + len(title)
		}
		return ast.WalkContinue, nil
	})
	if len(refTitles) > 0 {
		for start := 0; start < len(src); {
			end := bytes.IndexByte(src[start:], '\n')
			if end < 0 {
				end = len(src)
			} else {
				end += start
			}
			line := bytes.TrimRight(src[start:end], " \t\r")
			if n := len(line); n >= 2 {
				if open := bytes.LastIndexByte(line[:n-1], openingQuote(line[n-1])); open >= 0 && refTitles[string(line[open+1:n-1])] {
					add(Span{Start: start + open + 1, End: start + n - 1})
				}
			}
			start = end + 1
		}
	}
	sort.Slice(d.Text, func(i, j int) bool { return d.Text[i].Start < d.Text[j].Start })
}

// quotedAt returns where title begins in b inside quotes or parentheses,
// the first of the three, or -1.
func quotedAt(b, title []byte) int {
	first := -1
	for _, q := range [][2]byte{{'"', '"'}, {'\'', '\''}, {'(', ')'}} {
		quoted := append(append([]byte{q[0]}, title...), q[1])
		if i := bytes.Index(b, quoted); i >= 0 && (first < 0 || i+1 < first) {
			first = i + 1
		}
	}
	return first
}

// openingQuote returns the quote that a title ending in c opened with, or 0.
func openingQuote(c byte) byte {
	switch c {
	case '"', '\'':
		return c
	case ')':
		return '('
	}
	return 0
}

// codeSpans returns where code and HTML are: a title found there is not one.
func (d *Doc) codeSpans() []Span {
	out := append([]Span(nil), d.HTML...)
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var lines *text.Segments
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			lines = n.Lines()
		case *ast.CodeBlock:
			lines = n.Lines()
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					out = append(out, Span{Start: t.Segment.Start, End: t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		if lines != nil {
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				out = append(out, Span{Start: seg.Start, End: seg.Stop})
			}
		}
		return ast.WalkContinue, nil
	})
	out = append(append(out, d.Shortcodes...), d.Protected...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// overlapsSorted reports whether s overlaps a span of list, sorted by start,
// whose spans do not overlap one another.
func overlapsSorted(s Span, list []Span) bool {
	i := sort.Search(len(list), func(i int) bool { return list[i].End > s.Start })
	return i < len(list) && list[i].Start < s.End
}

// Position returns the 1-based line and column, in characters, of an offset
// in Source: where an editor finds it.
func (d *Doc) Position(off int) (line, col int) {
	if d.lineStarts == nil {
		d.lineStarts = []int{0}
		for i, c := range d.Source {
			if c == '\n' {
				d.lineStarts = append(d.lineStarts, i+1)
			}
		}
	}
	line = sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off })
	return line, utf8.RuneCount(d.Source[d.lineStarts[line-1]:off]) + 1
}

// Words returns the words under a node of the tree as a reader sees them:
// shortcodes left out, [[…]] without its brackets, line breaks as spaces.
func (d *Doc) Words(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			s := Span{Start: t.Segment.Start, End: t.Segment.Stop}
			for _, v := range d.verbatimIn(s) {
				b.Write(d.Source[s.Start:max(s.Start, v.Start)])
				if bytes.HasPrefix(d.Source[v.Start:], []byte("[[")) {
					b.Write(d.Source[max(s.Start, v.Start+2):min(s.End, v.End-2)])
				}
				s.Start = max(s.Start, v.End)
			}
			if s.End > s.Start {
				b.Write(d.Source[s.Start:s.End])
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
