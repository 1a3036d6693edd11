package search

import (
	"bytes"
	"io"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readPage reads the parts of a rendered page a reader searches: the
// title (h1), headings and text of <main> (without its .c-meta lines nor
// an element that asks not to be found, data-search-skip), the
// section (the first step of the breadcrumbs after the home page) and the
// date (the first <time datetime>).
// Pages that ask not to be found (data-search-skip on <main>) and pages
// without <main> are left out.
//
// The page is read as its tags come, not built into a tree: building the
// tree was most of the work of indexing a page, and most of its garbage.
// What the tree told is kept: which element each word is in, with the end
// tags a minified page leaves out (of paragraphs, list items and table
// cells) closed where HTML's parser closes them.
func readPage(src []byte) (page, bool, error) {
	start, end, err := searchedPart(src)
	if err != nil || start < 0 {
		return page{}, false, err
	}
	r := pageReader{z: html.NewTokenizer(bytes.NewReader(src[start:end])), opened: map[atom.Atom]int{}}
	for {
		// HTML drops the line break that starts a <pre>.
		afterPre := r.afterPre
		r.afterPre = false
		switch tt := r.z.Next(); tt {
		case html.ErrorToken:
			if err := r.z.Err(); err != io.EOF {
				return page{}, false, err
			}
			r.popTo(0)
			return r.finish()
		case html.TextToken:
			text := r.z.Text()
			if afterPre {
				text = bytes.TrimPrefix(text, []byte("\n"))
			}
			r.addText(text)
		case html.StartTagToken, html.SelfClosingTagToken:
			if !r.start() {
				return page{}, false, nil
			}
		case html.EndTagToken:
			r.end()
		}
	}
}

// searchedPart is where the part of a page that readPage reads starts and
// ends: from the breadcrumbs (or <main>, on pages without them) to the end
// of <main>. The start is -1 when the page has neither.
//
// The header before it is the same on every page and about half of it, so
// it is not tokenized: Hugo's templates escape every < in the text and
// attributes they write, and the header is theirs alone, so each "<main"
// or "<nav" there opens a tag. Only a <nav>'s own tag is read, for its
// class. A page without "<body" is looked through whole.
func searchedPart(src []byte) (start, end int, err error) {
	start = -1
	for i := max(0, bytes.Index(src, []byte("<body"))); start < 0; i++ {
		next := bytes.IndexByte(src[i:], '<')
		if next < 0 {
			return -1, 0, nil
		}
		i += next
		switch {
		case opensTag(src[i:], "<main"):
			start = i
		case opensTag(src[i:], "<nav"):
			z := html.NewTokenizer(bytes.NewReader(src[i:]))
			if z.Next() == html.ErrorToken && z.Err() != io.EOF {
				return -1, 0, z.Err()
			}
			for _, more := z.TagName(); more; {
				var key, val []byte
				key, val, more = z.TagAttr()
				if string(key) == "class" && hasClass(val, crumbsClass) {
					start = i
				}
			}
		}
	}
	end = bytes.LastIndex(src, []byte("</main>"))
	if end < start {
		end = len(src)
	}
	return start, end, nil
}

// opensTag tells whether b starts with the tag open, as "<nav" starts
// "<nav class=…>" but not "<navigation>".
func opensTag(b []byte, open string) bool {
	if !bytes.HasPrefix(b, []byte(open)) || len(b) == len(open) {
		return false
	}
	switch b[len(open)] {
	case ' ', '\t', '\n', '\f', '\r', '/', '>':
		return true
	}
	return false
}

// pageReader follows the elements open at each word of a page's searched
// part, as HTML's parser would nest them.
type pageReader struct {
	z    *html.Tokenizer
	open []element
	// opened counts the open elements by name: a page nested thousands
	// deep is read in time linear in its tags, with no look down the open
	// elements for one that is not there.
	opened map[atom.Atom]int

	p                     page
	text, headings, title strings.Builder
	steps                 []*strings.Builder // the breadcrumbs' steps, each a list item's words
	openSteps             []int              // the steps whose list items are open

	skipped, inTitle, inHeading int // open elements of <main> whose words are left out, are the title, are a heading
	mainOpen, mainSeen          bool
	crumbsOpen, crumbsSeen      bool
	timeSeen                    bool
	afterPre                    bool // the last tag was <pre>'s
}

// element is an open element, and what it does to the words in it.
type element struct {
	atom atom.Atom
	name string // when HTML has no atom for it
	// walked tells an element of <main> whose words are read: the edges of
	// a block there keep words apart. Those below are its roles.
	walked                                      bool
	skips, title, heading, main, crumbs, isStep bool
}

// start opens the element of a start tag, after closing those it closes.
// It is false at a <main> that asks not to be found.
func (r *pageReader) start() bool {
	name, more := r.z.TagName()
	a := atom.Lookup(name)
	var class, datetime []byte
	searchSkip := false
	for more {
		var key, val []byte
		key, val, more = r.z.TagAttr()
		switch string(key) {
		case "class":
			class = val
		case "datetime":
			datetime = val
		case "data-search-skip":
			searchSkip = true
		}
	}
	r.afterPre = a == atom.Pre || a == atom.Listing || a == atom.Textarea
	r.closeImplied(a)
	e := element{atom: a, walked: r.mainOpen && r.skipped == 0 && r.inTitle == 0}
	if a == 0 {
		e.name = string(name)
	}
	if e.walked && block(a) {
		r.gap()
	}
	switch {
	case a == atom.Main && !r.mainSeen:
		if searchSkip {
			return false
		}
		e.main, r.mainOpen, r.mainSeen = true, true, true
	case a == atom.Time && r.mainOpen && !r.timeSeen:
		r.timeSeen, r.p.Date = true, string(datetime)
	case a == atom.Nav && !r.crumbsSeen && hasClass(class, crumbsClass):
		e.crumbs, r.crumbsOpen, r.crumbsSeen = true, true, true
	case a == atom.Li && r.crumbsOpen:
		e.isStep = true
		r.openSteps = append(r.openSteps, len(r.steps))
		r.steps = append(r.steps, &strings.Builder{})
	}
	if e.walked {
		switch {
		case hasClass(class, "c-meta"):
			e.skips = true // the date, tags and towns: said beside each result, not in its text
		case searchSkip:
			e.skips = true // not the page's own text: an outdated translation's notice
		case a == atom.Script || a == atom.Style || a == atom.Nav || a == atom.Template:
			e.skips = true
		case a == atom.H1:
			e.title = true
			r.title.Reset()
		case a == atom.H2 || a == atom.H3 || a == atom.H4:
			e.heading = true
		}
	}
	if void(a) {
		r.close(e)
		return true
	}
	if e.skips {
		r.skipped++
	}
	if e.title {
		r.inTitle++
	}
	if e.heading {
		r.inHeading++
	}
	r.open = append(r.open, e)
	r.opened[a]++
	return true
}

// end closes the element an end tag names, and those open inside it, when
// HTML's parser would: not past a table or its cell.
func (r *pageReader) end() {
	name, _ := r.z.TagName()
	a := atom.Lookup(name)
	walked := r.mainOpen && r.skipped == 0 && r.inTitle == 0
	for i := len(r.open) - 1; i >= 0 && (a == 0 || r.opened[a] > 0); i-- {
		e := r.open[i]
		if e.atom == a && (a != 0 || e.name == string(name)) {
			r.popTo(i)
			return
		}
		inCell := e.atom == atom.Td || e.atom == atom.Th
		if scopeEdge(e.atom) && e.atom != atom.Button && !(inCell && tablePart(a)) {
			break // not in scope: HTML ignores the end tag
		}
	}
	// </br> is a line break, and </p> with no paragraph open an empty
	// paragraph: both stand apart from the words around them.
	if walked && (a == atom.Br || a == atom.P) {
		r.gap()
	}
}

// closeImplied closes the elements that a start tag of a closes in HTML
// without their end tags: a paragraph before a block, a list item before
// the next, a table cell or row before the next.
func (r *pageReader) closeImplied(a atom.Atom) {
	switch a {
	case atom.Li:
		r.closeNearest(itemEdge, atom.Li)
	case atom.Dd, atom.Dt:
		r.closeNearest(itemEdge, atom.Dd, atom.Dt)
	case atom.Td, atom.Th:
		r.closeNearest(tableEdge, atom.Td, atom.Th)
	case atom.Tr:
		r.closeNearest(tableEdge, atom.Tr)
	case atom.Thead, atom.Tbody, atom.Tfoot:
		r.closeNearest(tableEdge, atom.Thead, atom.Tbody, atom.Tfoot)
	}
	if closesParagraph(a) {
		r.closeNearest(scopeEdge, atom.P)
	}
	if n := len(r.open); n > 0 && isHeading(a) && isHeading(r.open[n-1].atom) {
		r.popTo(n - 1)
	}
}

// closeNearest closes the innermost open element of those named, with
// those open inside it, unless an edge stands between.
func (r *pageReader) closeNearest(edge func(atom.Atom) bool, names ...atom.Atom) {
	if !slices.ContainsFunc(names, func(a atom.Atom) bool { return r.opened[a] > 0 }) {
		return
	}
	for i := len(r.open) - 1; i >= 0; i-- {
		switch x := r.open[i].atom; {
		case slices.Contains(names, x):
			r.popTo(i)
			return
		case edge(x):
			return
		}
	}
}

// itemEdge tells the elements a list item is not closed past: blocks other
// than a paragraph, a <div> or an <address>.
func itemEdge(a atom.Atom) bool {
	return (block(a) || scopeEdge(a)) && a != atom.Address && a != atom.Div && a != atom.P
}

// tableEdge tells the elements a cell, row or row group is not closed
// past: its table.
func tableEdge(a atom.Atom) bool { return a == atom.Table || a == atom.Template }

// popTo closes the open elements from the innermost to the one at i.
func (r *pageReader) popTo(i int) {
	for j := len(r.open) - 1; j >= i; j-- {
		e := r.open[j]
		if e.skips {
			r.skipped--
		}
		if e.title {
			r.inTitle--
		}
		if e.heading {
			r.inHeading--
		}
		r.opened[e.atom]--
		r.close(e)
	}
	r.open = r.open[:i]
}

// close ends what an element does to the words after it.
func (r *pageReader) close(e element) {
	if e.walked && block(e.atom) {
		r.gap()
	}
	switch {
	case e.title:
		r.p.Title = strings.Join(strings.Fields(r.title.String()), " ")
	case e.main:
		r.mainOpen = false
	case e.crumbs:
		r.crumbsOpen = false
	case e.isStep:
		r.openSteps = r.openSteps[:len(r.openSteps)-1]
	}
}

// addText gives words to the breadcrumbs' open steps, and to the title, a
// heading or the text of <main>, when they are read.
func (r *pageReader) addText(b []byte) {
	for _, s := range r.openSteps {
		r.steps[s].Write(b)
	}
	switch {
	case !r.mainOpen || r.skipped > 0:
	case r.inTitle > 0:
		r.title.Write(b)
	case r.inHeading > 0:
		r.headings.Write(b)
	default:
		r.text.Write(b)
	}
}

// gap puts a space on either side of a block, which keeps the words around
// it apart, whatever becomes of the block: a production page is minified,
// with nothing between </th><th> or between a paragraph and a list.
func (r *pageReader) gap() {
	r.text.WriteByte(' ')
	r.headings.WriteByte(' ')
}

func (r *pageReader) finish() (page, bool, error) {
	if !r.mainSeen || r.p.Title == "" {
		return page{}, false, nil
	}
	p := r.p
	p.headings = r.headings.String()
	p.text = oneSpaced(r.text.String())
	p.Text = excerpt(p.text)
	if len(r.steps) >= 3 {
		p.Section = strings.Join(strings.Fields(r.steps[1].String()), " ")
	}
	return p, true, nil
}

// excerpt is the start of a page's text kept for excerpts: at most
// maxText bytes, not ending inside a letter.
func excerpt(text string) string {
	if len(text) <= maxText {
		return text
	}
	cut := maxText
	for cut > 0 && text[cut]&0xC0 == 0x80 {
		cut--
	}
	return text[:cut]
}

// block tells the elements that stand apart from the text around them:
// blocks, headings, list items, table cells and rows, line breaks.
func block(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Br, atom.Caption, atom.Dd,
		atom.Details, atom.Dialog, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hgroup, atom.Hr, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead,
		atom.Tr, atom.Ul:
		return true
	}
	return false
}

// closesParagraph tells the start tags before which HTML closes an open
// paragraph.
func closesParagraph(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details, atom.Dialog,
		atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Header,
		atom.Hgroup, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Section, atom.Summary, atom.Ul,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Pre, atom.Listing, atom.Form, atom.Li,
		atom.Dd, atom.Dt, atom.Plaintext, atom.Table, atom.Hr, atom.Xmp:
		return true
	}
	return false
}

// scopeEdge tells the elements an open paragraph or list item is not
// looked for beyond: HTML's button scope.
func scopeEdge(a atom.Atom) bool {
	switch a {
	case atom.Applet, atom.Button, atom.Caption, atom.Html, atom.Marquee, atom.Object, atom.Table,
		atom.Td, atom.Template, atom.Th:
		return true
	}
	return false
}

// tablePart tells the end tags that close the table cell they are in.
func tablePart(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
		return true
	}
	return false
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// void tells the elements that have no end tag and hold nothing.
func void(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Keygen,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// crumbsClass is the class of the breadcrumbs' <nav>, whose second step is a
// page's section.
const crumbsClass = "c-crumbs"

// hasClass reports whether an element's class attribute names class.
func hasClass(attr []byte, class string) bool {
	for name := range bytes.FieldsSeq(attr) {
		if string(name) == class {
			return true
		}
	}
	return false
}
