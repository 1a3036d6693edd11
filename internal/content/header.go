package content

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// A Header is a page's front matter with the place of each of its
// top-level fields, read from go-yaml's tree. A field is read through the
// tree and changed by rewriting its own lines only: every other field keeps
// its place, its comments and its quotes.
type Header struct {
	src        string
	has        bool
	start, end int // the front matter within src, without its --- lines
	bodyStart  int
	fields     []headerField
}

// headerField is one top-level field: its key, the bytes of src that hold
// it (from its key to the end of its value's last line, with the line
// break, and without comments or blank lines after it), its value's node.
type headerField struct {
	key        string
	start, end int
	value      ast.Node
}

// ParseHeader reads the front matter of a page. A page without one has an
// empty header, to which Set adds one.
func ParseHeader(src []byte) (*Header, error) {
	h := &Header{src: string(src)}
	fm, body, ok, err := FrontMatter(h.src)
	if err != nil || !ok {
		return h, err
	}
	h.has = true
	h.bodyStart = len(h.src) - len(body)
	h.end = h.bodyStart - len(lastLine(h.src[:h.bodyStart])) // the closing --- line
	h.start = h.end - len(fm)
	file, err := ParseYAML([]byte(fm))
	if err != nil {
		return nil, err
	}
	if h.fields, err = fieldSpans(fm, file); err != nil {
		return nil, err
	}
	for i := range h.fields {
		h.fields[i].start += h.start
		h.fields[i].end += h.start
	}
	return h, nil
}

// fieldSpans finds where each top-level field of the front matter fm, whose
// tree file is, lies in it: from its key to the end of its value's last
// line, with the line break, without the comments and blank lines after it.
func fieldSpans(fm string, file *ast.File) ([]headerField, error) {
	var values []*ast.MappingValueNode
	if len(file.Docs) > 0 {
		switch body := file.Docs[0].Body.(type) {
		case nil:
		case *ast.MappingNode:
			values = body.Values
		case *ast.MappingValueNode:
			values = []*ast.MappingValueNode{body}
		default:
			return nil, &LineError{Line: 2, Msg: "the header must be lines of the form key: value"}
		}
	}
	lineStarts := []int{0}
	for i := 0; i < len(fm); i++ {
		if fm[i] == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	lineStart := func(line int) (int, error) { // line from 1
		if line < 1 || line > len(lineStarts) {
			return 0, &LineError{Line: 2, Msg: "the header's lines are not where its reading says"}
		}
		return lineStarts[line-1], nil
	}
	var out []headerField
	for n, mv := range values {
		start, err := lineStart(mv.Key.GetToken().Position.Line)
		if err != nil {
			return nil, err
		}
		end := len(fm)
		if n+1 < len(values) {
			if end, err = lineStart(values[n+1].Key.GetToken().Position.Line); err != nil {
				return nil, err
			}
		}
		// Comments and blank lines before the next field are not this
		// field's value.
		for end > start {
			last := lastLine(fm[start:end])
			if t := strings.TrimSpace(last); t != "" && (t[0] != '#' || last[0] == ' ' || last[0] == '\t') {
				break
			}
			if end-len(last) == start {
				break
			}
			end -= len(last)
		}
		out = append(out, headerField{key: mv.Key.String(), start: start, end: end, value: mv.Value})
	}
	return out, nil
}

// lastLine returns the last line of s, with its line break: s ends in one.
func lastLine(s string) string {
	i := strings.LastIndexByte(strings.TrimSuffix(s, "\n"), '\n')
	return s[i+1:]
}

// Has reports whether the page has front matter.
func (h *Header) Has() bool { return h.has }

// Keys lists the top-level fields in their order.
func (h *Header) Keys() []string {
	out := make([]string, len(h.fields))
	for i, f := range h.fields {
		out[i] = f.key
	}
	return out
}

// Body is the page after its front matter.
func (h *Header) Body() string {
	return h.src[h.bodyStart:]
}

// Source is the whole page.
func (h *Header) Source() string { return h.src }

// FieldText is the lines of the field key, "" when there is none.
func (h *Header) FieldText(key string) string {
	if f := h.field(key); f != nil {
		return h.src[f.start:f.end]
	}
	return ""
}

// Line is the line of the page where the field key starts, counted from 1,
// 0 when there is none.
func (h *Header) Line(key string) int {
	if f := h.field(key); f != nil {
		return strings.Count(h.src[:f.start], "\n") + 1
	}
	return 0
}

func (h *Header) field(key string) *headerField {
	for i := range h.fields {
		if h.fields[i].key == key {
			return &h.fields[i]
		}
	}
	return nil
}

// Value decodes the field key into v; ok is false when there is none.
func (h *Header) Value(key string, v any) (ok bool, err error) {
	f := h.field(key)
	if f == nil {
		return false, nil
	}
	return true, yaml.NodeToValue(f.value, v)
}

// Values decodes every field, by key.
func (h *Header) Values() (map[string]any, error) {
	out := make(map[string]any, len(h.fields))
	for _, f := range h.fields {
		var v any
		if err := yaml.NodeToValue(f.value, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", f.key, err)
		}
		out[f.key] = v
	}
	return out, nil
}

// Set returns the page with the field key holding value: its own lines
// rewritten, or, for a new field, a line added at the end of the header.
// A text keeps the quotes the field had, a list the indent of its items.
func (h *Header) Set(key string, value any) ([]byte, error) {
	f := h.field(key)
	style, indented := token.UnknownType, false
	if f != nil {
		style = f.value.GetToken().Type
		indented = strings.Contains(h.FieldText(key), "\n  - ")
	}
	text, err := fieldText(key, value, style, indented)
	if err != nil {
		return nil, err
	}
	return h.Replace(key, text), nil
}

// Replace returns the page with the lines of the field key replaced by
// text, a whole field as FieldText gives it; a new field is added at the end
// of the header.
func (h *Header) Replace(key, text string) []byte {
	switch f := h.field(key); {
	case f != nil:
		return []byte(h.src[:f.start] + text + h.src[f.end:])
	case h.has:
		return []byte(h.src[:h.end] + text + h.src[h.end:])
	default:
		return []byte("---\n" + text + "---\n" + h.src)
	}
}

// Delete returns the page without the field key.
func (h *Header) Delete(key string) []byte {
	f := h.field(key)
	if f == nil {
		return []byte(h.src)
	}
	return []byte(h.src[:f.start] + h.src[f.end:])
}

// fieldText writes key: value as a line (or lines) of YAML, a text in the
// quotes of style when they can hold it, a list's items indented or not.
func fieldText(key string, value any, style token.Type, indented bool) (string, error) {
	if s, ok := value.(string); ok && !strings.ContainsAny(s, "\n\r") {
		switch style {
		case token.DoubleQuoteType:
			return key + ": " + doubleQuoted(s) + "\n", nil
		case token.SingleQuoteType:
			return key + ": '" + strings.ReplaceAll(s, "'", "''") + "'\n", nil
		}
		// Plain when YAML reads it back as the same text: a date stays
		// 2024-05-31, as editors write it.
		line := key + ": " + s + "\n"
		var back map[string]any
		if s != "" && yaml.Unmarshal([]byte(line), &back) == nil && back[key] == s {
			return line, nil
		}
		return key + ": " + doubleQuoted(s) + "\n", nil
	}
	out, err := yaml.MarshalWithOptions(yaml.MapSlice{{Key: key, Value: value}}, yaml.UseLiteralStyleIfMultiline(true), yaml.IndentSequence(indented))
	if err != nil {
		return "", err
	}
	// go-yaml quotes a key YAML 1.1 read as a boolean (y, n, on): the key
	// is written as it was.
	if _, rest, ok := bytes.Cut(out, []byte(":")); ok && !bytes.HasPrefix(out, []byte(key+":")) {
		out = append([]byte(key+":"), rest...)
	}
	return string(out), nil
}

// doubleQuoted writes s in YAML's double quotes, whose escapes JSON's are.
func doubleQuoted(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// SameValue reports whether two decoded field values say the same: numbers
// of any type, and a missing value and an empty one, alike.
func SameValue(a, b any) bool {
	if Empty(a) && Empty(b) {
		return true
	}
	if na, ok := number(a); ok {
		nb, ok := number(b)
		return ok && na == nb
	}
	switch av := a.(type) {
	case []any:
		bv, ok := b.([]any)
		if !ok || len(av) != len(bv) {
			return false
		}
		for i := range av {
			if !SameValue(av[i], bv[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return false
		}
		for k := range av {
			if !SameValue(av[k], bv[k]) {
				return false
			}
		}
		for k := range bv {
			if _, ok := av[k]; !ok && !Empty(bv[k]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// Empty reports whether a decoded value says nothing: null, "", false, an
// empty list or mapping.
func Empty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case bool:
		return !v
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}
