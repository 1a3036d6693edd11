package check

import (
	"errors"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"centar/internal/content"
)

// A field is one front-matter key with where it is and what it holds.
type field struct {
	key       string
	line, col int
	kind      ast.NodeType
	value     string   // scalar value, unquoted; "" for null
	items     []string // sequence items
	itemLines []int
}

func (pg *page) add(f Finding) { pg.findings = append(pg.findings, f) }

func (pg *page) field(key string) *field {
	for i := range pg.fields {
		if pg.fields[i].key == key {
			return &pg.fields[i]
		}
	}
	return nil
}

func (pg *page) value(key string) string {
	if f := pg.field(key); f != nil {
		return f.value
	}
	return ""
}

// parsePage splits a content file and reads its front matter with positions.
// Problems with the front matter itself become findings at once. The tree
// of a front matter the build's pipeline shares (shared, when set) is
// parsed once, for both.
func (c *checker) parsePage(rel, src string, shared *content.Page) *page {
	pg := &page{rel: rel, shared: shared}
	fm, body, ok, err := content.FrontMatter(src)
	var le *content.LineError
	switch {
	case errors.As(err, &le):
		pg.add(Finding{Path: rel, Line: le.Line, Col: 1, Severity: Error, Message: c.p.Sprintf("the page header opened with --- is not closed: add a line with --- after it")})
		return pg
	case !ok:
		pg.add(Finding{Path: rel, Line: 1, Col: 1, Severity: Error, Message: c.p.Sprintf("a page must start with a header between two --- lines, with at least a line title: \"Title\"")})
		return pg
	}
	pg.bodyLine = strings.Count(fm, "\n") + 3
	pg.body = body
	var file *ast.File
	if shared != nil && shared.Has && shared.FrontMatter == fm {
		file, err = shared.Header()
	} else {
		file, err = content.ParseYAML([]byte(fm))
	}
	if f, ok := c.yamlFinding(rel, []byte(fm), 1, err); !ok {
		pg.add(f)
		return pg
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		pg.ok = true
		return pg
	}
	m, isMap := file.Docs[0].Body.(*ast.MappingNode)
	if !isMap {
		if mv, one := file.Docs[0].Body.(*ast.MappingValueNode); one {
			m = &ast.MappingNode{Values: []*ast.MappingValueNode{mv}}
		} else {
			pg.add(Finding{Path: rel, Line: 2, Col: 1, Severity: Error, Message: c.p.Sprintf("the header must be lines of the form key: value")})
			return pg
		}
	}
	for _, mv := range m.Values {
		tk := mv.Key.GetToken()
		f := field{key: mv.Key.String(), line: tk.Position.Line + 1, col: tk.Position.Column, kind: mv.Value.Type()}
		switch v := mv.Value.(type) {
		case *ast.StringNode:
			f.value = v.Value
		case *ast.NullNode:
		case *ast.SequenceNode:
			for _, item := range v.Values {
				f.items = append(f.items, scalar(item))
				f.itemLines = append(f.itemLines, item.GetToken().Position.Line+1)
			}
		default:
			f.value = scalar(mv.Value)
		}
		pg.fields = append(pg.fields, f)
	}
	pg.ok = true
	return pg
}

func scalar(n ast.Node) string {
	if s, ok := n.(*ast.StringNode); ok {
		return s.Value
	}
	return n.String()
}

// parseYAML parses src, which starts at line lineOffset+1 of rel; on a syntax
// error it returns the finding that places it.
func (c *checker) parseYAML(rel string, src []byte, lineOffset int) (*ast.File, Finding, bool) {
	file, err := content.ParseYAML(src)
	f, ok := c.yamlFinding(rel, src, lineOffset, err)
	return file, f, ok
}

// yamlFinding is the finding of a YAML syntax error, err, in src, a text
// that starts at line lineOffset+1 of rel; ok when err is nil.
func (c *checker) yamlFinding(rel string, src []byte, lineOffset int, err error) (Finding, bool) {
	if err == nil {
		return Finding{}, true
	}
	line, col, what, ok := content.YAMLErrorAt(err, src)
	if !ok {
		line, col, what = 1, 1, err.Error()
	}
	what = content.YAMLReason(c.p, what)
	return Finding{Path: rel, Line: line + lineOffset, Col: col, Severity: Error, Message: c.p.Sprintf("this is not valid here (%s): check quotes, colons and indentation", what)}, false
}
