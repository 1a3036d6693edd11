package content

import (
	"bytes"
	"path/filepath"
	"strings"
	"sync"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"centar/internal/plainfile"
	"centar/internal/translit"
)

// A Page is a content file as read once: its text, split into front matter
// and body, and the readings of both, each made on first use and then
// shared by every script it is converted to and by the check.
type Page struct {
	Src         string
	FrontMatter string // without the --- lines
	Body        string
	Has         bool  // it has front matter
	Err         error // a *LineError when the front matter is not closed
	// Heavy, when set, is the bound of goldmark's the body goes past, its
	// line counted from the file's first: such a body is never read.
	Heavy *Excess

	once sync.Once
	doc  *Doc

	headerOnce sync.Once
	header     *ast.File
	headerErr  error

	spansOnce sync.Once
	spans     []headerField
	spansErr  error
}

// NewPage splits src into front matter and body.
func NewPage(src string) *Page {
	p := &Page{Src: src}
	p.FrontMatter, p.Body, p.Has, p.Err = FrontMatter(src)
	if p.Heavy = TooHeavy(p.Body); p.Heavy != nil {
		p.Heavy.Line += strings.Count(src[:len(src)-len(p.Body)], "\n")
	}
	return p
}

// Doc returns the reading of the body, made once; a heavy body's reading is
// empty.
func (p *Page) Doc() *Doc {
	p.once.Do(func() {
		if p.Heavy != nil {
			p.doc = Read(nil)
		} else {
			p.doc = Read([]byte(p.Body))
		}
	})
	return p.doc
}

// Header returns the front matter's YAML tree, parsed once: the check reads
// it with its positions, the pipeline the fields it needs. The error is the
// YAML library's, with lines counted from the front matter's first.
func (p *Page) Header() (*ast.File, error) {
	p.headerOnce.Do(func() {
		p.header, p.headerErr = ParseYAML([]byte(p.FrontMatter))
	})
	return p.header, p.headerErr
}

// fields returns where each top-level field of the front matter lies in it,
// read from its tree once.
func (p *Page) fields() ([]headerField, error) {
	p.spansOnce.Do(func() {
		file, err := p.Header()
		if err != nil {
			p.spansErr = err
			return
		}
		p.spans, p.spansErr = fieldSpans(p.FrontMatter, file)
	})
	return p.spans, p.spansErr
}

// FieldLine is the line of the front matter, from 1, where the top-level
// field key starts; 0 when there is none.
func (p *Page) FieldLine(key string) (int, error) {
	spans, err := p.fields()
	for _, f := range spans {
		if f.key == key {
			return strings.Count(p.FrontMatter[:f.start], "\n") + 1, nil
		}
	}
	return 0, err
}

// ParseYAML parses a header or a data file into go-yaml's tree, which says
// where each value and each error is: at the lines and columns of src.
func ParseYAML(src []byte) (*ast.File, error) {
	return parser.ParseBytes(YAMLText(src), 0)
}

// YAMLText is a header or a data file as go-yaml is given it: with its
// line breaks of two characters (CR LF) as one (LF). YAML reads both alike,
// but go-yaml counts a CR LF inside a quoted value as two lines, and then
// places its errors below the line they are on.
func YAMLText(src []byte) []byte {
	if !bytes.Contains(src, []byte("\r\n")) {
		return src
	}
	return bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
}

// Convert transliterates the page as Convert does, reading its body once for
// every script.
func (p *Page) Convert(tr *translit.Translit, to translit.Script, fields []string) (string, error) {
	if p.Err != nil {
		return "", p.Err
	}
	if p.Heavy != nil {
		return "", p.Heavy
	}
	if fields == nil {
		fields = ReaderFields
	}
	text := func(s string) string { return tr.String(s, to) }
	var b strings.Builder
	b.Grow(len(p.Src) + len(p.Src)/2)
	if p.Has {
		spans, err := p.fields()
		if err != nil {
			return "", err
		}
		// FrontMatter and Body are parts of Src: around the front matter
		// are its opening and closing lines.
		head := p.Src[:len(p.Src)-len(p.Body)]
		open := strings.Index(head, "\n") + 1
		b.WriteString(head[:open])
		convertFrontMatter(&b, p.FrontMatter, spans, fieldSet(fields), text)
		b.WriteString(head[open+len(p.FrontMatter):])
	}
	ConvertBody(&b, p.Doc(), text)
	return b.String(), nil
}

// Pages reads each content file once and keeps it, for the steps of one
// build that all read the pages (the check, then the pipeline, which takes
// each page out as it converts it). It is safe for concurrent use.
type Pages struct {
	mu    sync.Mutex
	pages map[string]*Page
}

// NewPages returns an empty set of pages.
func NewPages() *Pages { return &Pages{pages: map[string]*Page{}} }

// Read returns the page at path, read from disk the first time only. The
// check and the pipeline name a file from different roots (".", "./site"):
// the path is cleaned first.
func (ps *Pages) Read(path string) (*Page, error) {
	path = filepath.Clean(path)
	ps.mu.Lock()
	p, ok := ps.pages[path]
	ps.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := ReadPage(path)
	if err != nil {
		return nil, err
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if have, ok := ps.pages[path]; ok {
		return have, nil
	}
	ps.pages[path] = p
	return p, nil
}

// Take returns the page at path as Read does, and forgets it: the last step
// to read a page takes it, so that its text and readings are freed once it
// is converted, not kept through the rest of the build.
func (ps *Pages) Take(path string) (*Page, error) {
	path = filepath.Clean(path)
	ps.mu.Lock()
	p, ok := ps.pages[path]
	delete(ps.pages, path)
	ps.mu.Unlock()
	if ok {
		return p, nil
	}
	return ReadPage(path)
}

// ReadPage reads the page at path from the disk.
func ReadPage(path string) (*Page, error) {
	src, err := plainfile.Read(path)
	if err != nil {
		return nil, err
	}
	return NewPage(string(src)), nil
}
