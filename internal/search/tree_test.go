package search

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readPageByTree is readPage as it was when the page was built into a tree
// by HTML's own parser: the reference the reading as tags come must agree
// with.
func readPageByTree(src []byte) (page, bool, error) {
	root, err := parseByTree(src)
	if err != nil || root == nil {
		return page{}, false, err
	}
	main := find(root, func(n *html.Node) bool { return n.DataAtom == atom.Main })
	if main == nil || hasAttr(main, "data-search-skip") {
		return page{}, false, nil
	}
	var p page
	if t := find(main, func(n *html.Node) bool { return n.DataAtom == atom.Time }); t != nil {
		p.Date = attr(t, "datetime")
	}
	var text, headings strings.Builder
	// A space on either side of a block keeps the words around it apart,
	// whatever becomes of the block: a production page is minified, with
	// nothing between </th><th> or between a paragraph and a list.
	gap := func() {
		text.WriteByte(' ')
		headings.WriteByte(' ')
	}
	var walk func(n *html.Node, heading bool)
	walk = func(n *html.Node, heading bool) {
		switch {
		case n.Type == html.TextNode:
			if heading {
				headings.WriteString(n.Data)
			} else {
				text.WriteString(n.Data)
			}
			return
		case n.Type != html.ElementNode && n.Type != html.DocumentNode:
			return
		}
		if block(n.DataAtom) {
			gap()
			defer gap()
		}
		if hasClass([]byte(attr(n, "class")), "c-meta") || hasAttr(n, "data-search-skip") {
			return // the date, tags and towns, said beside each result, and what asks not to be found
		}
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Nav, atom.Template:
			return
		case atom.H1:
			p.Title = strings.TrimSpace(textOf(n))
			return
		case atom.H2, atom.H3, atom.H4:
			heading = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, heading)
		}
	}
	walk(main, false)
	if p.Title == "" {
		return page{}, false, nil
	}
	p.headings = headings.String()
	p.text = oneSpaced(text.String())
	p.Text = excerpt(p.text)
	if crumbs := find(root, func(n *html.Node) bool {
		return n.DataAtom == atom.Nav && hasClass([]byte(attr(n, "class")), crumbsClass)
	}); crumbs != nil {
		var steps []string
		for li := range crumbs.Descendants() {
			if li.DataAtom == atom.Li {
				steps = append(steps, strings.TrimSpace(textOf(li)))
			}
		}
		if len(steps) >= 3 {
			p.Section = steps[1]
		}
	}
	return p, true, nil
}

func parseByTree(src []byte) (*html.Node, error) {
	start, end, err := searchedPartByTokens(src)
	if err != nil || start < 0 {
		return nil, err
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(bytes.NewReader(src[start:end]), body)
	if err != nil {
		return nil, err
	}
	root := &html.Node{Type: html.DocumentNode}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root, nil
}

// searchedPartByTokens is searchedPart as it was, with every tag of the
// header tokenized.
func searchedPartByTokens(src []byte) (start, end int, err error) {
	from := max(0, bytes.Index(src, []byte("<body")))
	z := html.NewTokenizer(bytes.NewReader(src[from:]))
	start = -1
	for offset := from; start < 0; {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() == io.EOF {
				return -1, 0, nil
			}
			return -1, 0, z.Err()
		}
		if tt == html.StartTagToken {
			switch name, more := z.TagName(); atom.Lookup(name) {
			case atom.Main:
				start = offset
			case atom.Nav:
				for more {
					var key, val []byte
					key, val, more = z.TagAttr()
					if string(key) == "class" && hasClass(val, crumbsClass) {
						start = offset
					}
				}
			}
		}
		offset += len(z.Raw())
	}
	end = bytes.LastIndex(src, []byte("</main>"))
	if end < start {
		end = len(src)
	}
	return start, end, nil
}

func find(n *html.Node, ok func(*html.Node) bool) *html.Node {
	if ok(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, ok); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if a.Key == name {
			return true
		}
	}
	return false
}
