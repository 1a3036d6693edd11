package check

import (
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"centar/internal/content"
)

func (c *checker) checkFrontMatter(pg *page) {
	schema := c.model.Schema(pg.section)
	if f := pg.field("title"); f == nil || !content.HasTitle(f.value) {
		line := 2
		if f != nil {
			line = f.line
		}
		pg.add(Finding{Path: pg.rel, Line: line, Col: 1, Severity: Error, Message: c.p.Sprintf("the page has no title: add a line title: \"Title\" to the header"),
			Field: "title", Form: c.p.Sprintf("a page needs a title")})
	}
	for i := range pg.fields {
		f := &pg.fields[i]
		k, ok := schema[f.key]
		if !ok {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("unknown header field %q; fields this page may have: %s", f.key, fieldNames(schema)), c.p.Sprintf("a page of this section has no such field")))
			continue
		}
		c.checkField(pg, f, k.Kind)
	}
	if pg.item {
		c.checkRequired(pg, schema)
	}
}

// checkRequired reports the fields an item of its section must have and
// does not: an error, or before production a warning for a fact that may
// come later.
func (c *checker) checkRequired(pg *page, schema map[string]content.Field) {
	var names []string
	for name, f := range schema {
		if f.Required != content.Optional && name != "title" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		def := schema[name]
		f := pg.field(name)
		if f != nil && f.value != "" {
			continue
		}
		sev := Error
		if def.Required == content.ForProduction && !c.opts.Production {
			sev = Warning
		}
		line := 2
		if f != nil {
			line = f.line
		}
		var msg, form string
		switch def.Kind {
		case content.Date:
			msg = c.p.Sprintf("the news item has no date: add it as date: 2024-05-31; it cannot be published without one")
			form = c.p.Sprintf("a news item cannot be published without a date")
		case content.Known:
			msg = c.p.Sprintf("the page has no %s: add %s: with one of %s", name, name, ids(c.known[name]))
			form = c.p.Sprintf("choose one from the list")
		default:
			msg = c.p.Sprintf("the page has no %s: add a line %s: to the header", name, name)
			form = c.p.Sprintf("this field must be filled in")
		}
		pg.add(Finding{Path: pg.rel, Line: line, Col: 1, Severity: sev, Message: msg, Field: name, Form: form})
	}
}

func (c *checker) checkField(pg *page, f *field, k content.Kind) {
	if f.kind == ast.NullType {
		return // an empty field says a fact is missing; rules above decide
	}
	switch k {
	case content.Text:
		if f.kind != ast.StringType && f.kind != ast.IntegerType && f.kind != ast.FloatType {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%s must be text: put it in quotes, e.g. %s: \"…\"", f.key, f.key), c.p.Sprintf("must be text")))
		}
	case content.Number:
		if f.kind != ast.IntegerType {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%s must be a whole number, e.g. %s: 3", f.key, f.key), c.p.Sprintf("must be a whole number")))
		}
	case content.Boolean:
		if f.kind != ast.BoolType {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%s must be true or false", f.key), c.p.Sprintf("must be yes or no")))
		}
	case content.Date:
		if !content.IsDate(f.value) {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%q is not a date: write it as %s: 2024-05-31", f.value, f.key), c.p.Sprintf("%q is not a date", f.value)))
		}
	case content.List, content.Terms:
		if f.kind != ast.SequenceType {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%s must be a list, e.g. %s: [first, second]", f.key, f.key), c.p.Sprintf("must be a list")))
			return
		}
		if k == content.Terms {
			for i, t := range f.items {
				if !c.terms[f.key][t] {
					pg.add(Finding{Path: pg.rel, Line: f.itemLines[i], Col: 1, Severity: Error, Message: c.p.Sprintf("%q is not one of the %s: use one of %s, or create content/sr/%s/%s/_index.md with its title", t, f.key, ids(c.terms[f.key]), f.key, t),
						Field: f.key, Form: c.p.Sprintf("%q is not in the list", t)})
				}
			}
		}
	case content.Known:
		if !c.known[f.key][f.value] {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%q is not a known %s: use one of %s", f.value, f.key, ids(c.known[f.key])), c.p.Sprintf("%q is not in the list", f.value)))
		}
	}
}

// at is a finding about the field f; form, when given, says it as a form
// shows it beside the field.
func (c *checker) at(pg *page, f *field, sev Severity, msg string, form ...string) Finding {
	return Finding{Path: pg.rel, Line: f.line, Col: f.col, Severity: sev, Message: msg, Field: f.key, Form: strings.Join(form, "")}
}

func fieldNames(schema map[string]content.Field) string {
	names := make([]string, 0, len(schema))
	for k := range schema {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func ids(set map[string]bool) string {
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return "—"
	}
	return strings.Join(out, ", ")
}
