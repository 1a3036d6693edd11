package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"centar/internal/content"
)

// page is what the pipeline needs to know of a content file's front matter.
type page struct {
	Title string `yaml:"title"`
	Slug  string `yaml:"slug"`
	URL   string `yaml:"url"`
	Date  any    `yaml:"date"`
}

// parsePage reads and checks a page's front matter, already split from its body.
func (s *Site) parsePage(name string, source *content.Page) (page, error) {
	var p page
	fm, ok, err := source.FrontMatter, source.Has, source.Err
	var le *content.LineError
	switch {
	case errors.As(err, &le):
		return p, content.Findings{{Path: name, Line: le.Line, Severity: content.Error, Message: le.Msg}}
	case err != nil:
		return p, err
	case !ok:
		return p, content.Findings{{Path: name, Line: 1, Severity: content.Error, Message: s.p.Sprintf("a page must begin with a header between two lines of ---, with at least a line title: \"Title\"")}}
	}
	if err := content.DecodeHeader(s.p, name, source, &p); err != nil {
		return p, err
	}
	if !content.HasTitle(p.Title) {
		return p, content.Findings{{Path: name, Line: 2, Severity: content.Error, Message: s.p.Sprintf("the page has no title: add a line such as title: \"Title\" to its header"),
			Field: "title", Form: s.p.Sprintf("a page needs a title")}}
	}
	if d, ok := p.Date.(string); ok && d != "" && !content.IsDate(d) {
		return p, content.Findings{{Path: name, Line: lineOf(fm, "date:") + 1, Severity: content.Error, Message: s.p.Sprintf("%q is not a date: write it as %s: 2024-05-31", d, "date")}}
	}
	return p, nil
}

// lineOf returns the 1-based line of fm that starts with prefix, or 1.
func lineOf(fm, prefix string) int {
	for i, l := range strings.Split(fm, "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	return 1
}

// path returns the URL path Hugo gives the page at rel (under content/sr),
// without language prefix.
func (p page) path(rel string) string { return content.PagePath(rel, p.Slug, p.URL) }

func marshalJSON(v any) ([]byte, error) { return encodeJSON(v, " ") }

// marshalCompact is marshalJSON without indentation, for large files only
// Hugo reads.
func marshalCompact(v any) ([]byte, error) { return encodeJSON(v, "") }

func encodeJSON(v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	err := enc.Encode(v)
	return b.Bytes(), err
}
