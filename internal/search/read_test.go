package search

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A page is read as HTML's parser builds it into a tree: the real news
// page as a build writes it, and as a production build minifies it,
// without the end tags of its paragraphs and list items.
func TestPagesAreReadAsTheirTree(t *testing.T) {
	for _, name := range []string{"vest.html", "vest.min.html"} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		p := sameAsTree(t, name, src)
		if p.Title != "Дводневна обука Локалних тимова за борбу против трговине људима у Крагујевцу" || p.Section != "Вести" ||
			!strings.Contains(p.text, "мулти донорског регионалног пројекта") || strings.Contains(p.text, "Објављено") {
			t.Errorf("%s read as %+v", name, p.Doc)
		}
	}
}

// sameAsTree reads src as tags come and as a tree, and says where the two
// differ; it returns the page read.
func sameAsTree(t *testing.T, name string, src []byte) page {
	t.Helper()
	got, ok, err := readPage(src)
	want, wantOK, wantErr := readPageByTree(src)
	if ok != wantOK || (err == nil) != (wantErr == nil) || got.Doc != want.Doc || got.text != want.text ||
		!slices.Equal(strings.Fields(got.headings), strings.Fields(want.headings)) {
		t.Errorf("%s is read otherwise than its tree:\nread %v %v %+v\n  text %q\n  headings %q\ntree %v %v %+v\n  text %q\n  headings %q\npage: %s",
			name, ok, err, got.Doc, got.text, strings.Fields(got.headings),
			wantOK, wantErr, want.Doc, want.text, strings.Fields(want.headings), src)
	}
	return got
}

// Any page of the site's markup is read as its tree: lines left out in
// tables and lists, headings in list items, crumbs in the text, the end
// tags a minifier leaves out left out anywhere.
func FuzzPagesAreReadAsTheirTree(f *testing.F) {
	for _, seed := range []string{
		"",
		"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10",
		"\x02\x05\x11\x03\x07\x13\x21\x04\x09\x31\x0b\x41\x22\x0d\x51\x33\x0f\x61",
		"\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0\xef\xee",
		"\x0c\x00\x0c\x01\x0d\x00\x0d\x01\x0e\x00\x0e\x01\x0f\x00\x10\x01\x11\x00",
		"\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x20\x21\x22\x23\x24\x25",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsTree(t, "the page", []byte(pageOf(data)))
	})
}

// pageOf writes a page of the site's markup as data chooses it, byte by
// byte: each element, its words, and whether an end tag that HTML lets a
// page leave out is left out. Elements hold what HTML lets them hold
// (words and inline elements in a paragraph, a heading or an inline
// element), as Hugo's templates and Markdown write them.
func pageOf(data []byte) string {
	next := func() int {
		if len(data) == 0 {
			return 0
		}
		c := data[0]
		data = data[1:]
		return int(c)
	}
	words := []string{"Помоћ", "жртвама", "trgovine", "ljudima", "&amp;", "&nbsp;", " ", "\n", "Ђорђе", "2025."}
	var b strings.Builder
	element := func(open, end string, optionalEnd bool, inner func()) {
		b.WriteString(open)
		inner()
		if !optionalEnd || next()%2 == 0 {
			b.WriteString(end)
		}
	}
	var flow, phrasing func(depth int)
	items := func(depth int, tags ...string) func() {
		return func() {
			for range 1 + next()%3 {
				tag := tags[next()%len(tags)]
				element("<"+tag+">", "</"+tag+">", true, func() { flow(depth + 1) })
			}
		}
	}
	// inline writes an inline element or words, and tells whether it did.
	inline := func(depth int, choice int) bool {
		in := func() { phrasing(depth + 1) }
		switch choice {
		case 0, 1, 2:
			b.WriteString(words[next()%len(words)])
		case 3:
			element("<em>", "</em>", false, in)
		case 4:
			element(`<a href="/vesti/">`, "</a>", false, in)
		case 5:
			element("<span>", "</span>", false, in)
		case 6:
			element(`<time datetime="2025-0`+fmt.Sprint(1+next()%9)+`-01">`, "</time>", false, in)
		case 7:
			b.WriteString("<br>")
		case 8:
			element("<script>", "</script>", false, func() { b.WriteString(words[next()%len(words)]) })
		default:
			return false
		}
		return true
	}
	phrasing = func(depth int) {
		for range next() % 4 {
			if depth > 5 {
				b.WriteString(words[next()%len(words)])
				continue
			}
			inline(depth, next()%9)
		}
	}
	flow = func(depth int) {
		for range next() % 4 {
			if depth > 5 {
				b.WriteString(words[next()%len(words)])
				continue
			}
			choice := next() % 24
			if inline(depth, choice) {
				continue
			}
			in, words := func() { flow(depth + 1) }, func() { phrasing(depth + 1) }
			switch choice {
			case 9:
				element("<p>", "</p>", true, words)
			case 10:
				element(`<p class="c-meta">`, "</p>", true, words)
			case 11:
				element("<div>", "</div>", false, in)
			case 12:
				element(`<div class="x c-meta">`, "</div>", false, in)
			case 13:
				n := 1 + next()%5
				element(fmt.Sprintf("<h%d>", n), fmt.Sprintf("</h%d>", n), false, words)
			case 14:
				element("<ul>", "</ul>", false, items(depth, "li"))
			case 15:
				element("<ol>", "</ol>", false, items(depth, "li"))
			case 16:
				element("<dl>", "</dl>", false, items(depth, "dt", "dd"))
			case 17:
				element("<table>", "</table>", false, func() {
					for range 1 + next()%3 {
						element("<tr>", "</tr>", true, items(depth, "td", "th"))
					}
				})
			case 18:
				b.WriteString("<hr>")
			case 19:
				element("<nav>", "</nav>", false, in)
			case 20:
				element(`<nav class="c-crumbs">`, "</nav>", false, func() {
					element("<ol>", "</ol>", false, items(depth, "li"))
				})
			case 21:
				element("<section>", "</section>", false, in)
			case 22:
				element("<pre>", "</pre>", false, words)
			case 23:
				element("<blockquote>", "</blockquote>", false, in)
			}
		}
	}
	b.WriteString(`<!doctype html><html lang="sr"><head><title>Страна</title></head><body><header><a href="/">Центар</a></header>`)
	if next()%2 == 0 {
		element(`<nav class="c-crumbs"><ol>`, "</ol></nav>", false, items(0, "li"))
	}
	main := "<main>"
	if next()%8 == 0 {
		main = "<main data-search-skip>"
	}
	element(main, "</main>", false, func() {
		if next()%4 != 0 {
			element("<h1>", "</h1>", false, func() { phrasing(4) })
		}
		flow(0)
	})
	b.WriteString("<footer><p>Подножје</footer></body></html>")
	return b.String()
}

// nested is a page whose quotes and lists, as Markdown writes them, are
// nested depth deep, with a word at each level.
func nested(depth int) []byte {
	return []byte("<body><main><h1>Наслов</h1>" +
		strings.Repeat("<blockquote><p>цитат</p><ul><li>ставка ", depth) + "последња" +
		strings.Repeat("</li></ul></blockquote>", depth) + "</main>")
}

// A page nested far deeper than HTML's parser builds a tree of (512
// elements) is read whole: an editor's quotes in quotes do not stop the
// build.
func TestADeeplyNestedPageIsRead(t *testing.T) {
	p, ok, err := readPage(nested(5000))
	if err != nil || !ok {
		t.Fatalf("the page was not read: %v", err)
	}
	if p.Title != "Наслов" || !strings.HasPrefix(p.text, "цитат ставка цитат") || !strings.HasSuffix(p.text, "ставка последња") {
		t.Errorf("read as %q … %q", p.Title, p.text[max(0, len(p.text)-60):])
	}
}

// BenchmarkReadNested reads pages nested 1,000 and 8,000 deep: the time a
// level takes must not grow with the depth.
func BenchmarkReadNested(b *testing.B) {
	for _, depth := range []int{1000, 8000} {
		src := nested(depth)
		b.Run(fmt.Sprintf("depth-%d", depth), func(b *testing.B) {
			for b.Loop() {
				if _, ok, err := readPage(src); err != nil || !ok {
					b.Fatalf("not read: %v", err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*depth), "ns/level")
		})
	}
}

// An element of <main> that asks not to be found (an outdated
// translation's notice) is left out of the page's text; the page is found
// by the rest.
func TestAnElementThatAsksNotToBeFoundIsLeftOut(t *testing.T) {
	src := []byte(`<html><body><main><p class="c-translation" data-search-skip>The Serbian page has changed since this translation was made.</p>` +
		`<h1>Mandate</h1><p>The Centre protects victims.</p></main></body></html>`)
	p := sameAsTree(t, "a translation's page", src)
	if strings.Contains(p.text, "Serbian") || !strings.Contains(p.text, "The Centre protects victims.") || p.Title != "Mandate" {
		t.Errorf("read as %+v, text %q", p.Doc, p.text)
	}
}
