package check

import (
	"centar/internal/content"

	"maps"
	"sort"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// kind is what a front-matter field must hold.
type kind int

const (
	text    kind = iota // a line of text
	number              // a whole number
	boolean             // true or false
	date                // 2024-05-31
	list                // a list of texts
	terms               // a list of taxonomy terms that exist
	known               // the id of an entry in a data list
)

// common fields may appear on every page.
var common = map[string]kind{
	"title": text, "linkTitle": text, "description": text, "summary": text,
	"translationKey": text, "slug": text, "url": text, "aliases": list,
	"layout": text, "weight": number, "draft": boolean, "menu": boolean, "date": date, "lastmod": date,
}

// sections adds each section's own fields; English sections share the
// Serbian ones' schema.
var sections = map[string]map[string]kind{
	"vesti":     {"oznake": terms, "gradovi": terms, "organizacija": known},
	"news":      {"oznake": terms, "gradovi": terms, "organizacija": known},
	"dokumenti": {"kategorija": known},
}

// datedSections must give each item's date before it reaches production.
var datedSections = map[string]bool{"vesti": true, "news": true}

// KnownLists names, for each field that holds the id of a data list's entry,
// the list.
var KnownLists = map[string]string{"organizacija": "data/organizacije.yaml", "kategorija": "data/dokumenti.yaml"}

// A FieldKind says what a front-matter field holds: text, number, boolean,
// date, list, terms (taxonomy terms that exist) or known (an id of KnownLists).
type FieldKind string

var kindNames = map[kind]FieldKind{text: "text", number: "number", boolean: "boolean", date: "date", list: "list", terms: "terms", known: "known"}

// Fields lists the front-matter fields a section's pages may have beyond the
// ones every page may have, with what each holds: what the CMS shows for it.
func Fields(section string) map[string]FieldKind {
	out := map[string]FieldKind{}
	for name, k := range sections[section] {
		out[name] = kindNames[k]
	}
	return out
}

// Dated reports whether a section's items need a date to be published.
func Dated(section string) bool { return datedSections[section] }

// schemas holds, by section, the fields its pages may have; "" is every
// other section. Built once: the check looks one up for each page.
var schemas = func() map[string]map[string]kind {
	out := map[string]map[string]kind{"": common}
	for section, own := range sections {
		s := make(map[string]kind, len(common)+len(own))
		maps.Copy(s, common)
		maps.Copy(s, own)
		out[section] = s
	}
	return out
}()

func schemaFor(section string) map[string]kind {
	if s, ok := schemas[section]; ok {
		return s
	}
	return common
}

func (c *checker) checkFrontMatter(pg *page) {
	schema := schemaFor(pg.section)
	if f := pg.field("title"); f == nil || !content.HasTitle(f.value) {
		line := 2
		if f != nil {
			line = f.line
		}
		pg.add(Finding{Path: pg.rel, Line: line, Col: 1, Severity: Error, Message: c.p.Sprintf("the page has no title: add a line title: \"Title\" to the header")})
	}
	for i := range pg.fields {
		f := &pg.fields[i]
		k, ok := schema[f.key]
		if !ok {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("unknown header field %q; fields this page may have: %s", f.key, fieldNames(schema))))
			continue
		}
		c.checkField(pg, f, k)
	}
	if datedSections[pg.section] && !strings.HasPrefix(pg.rel, "content/"+pg.lang+"/"+pg.section+"/_index") {
		if f := pg.field("date"); f == nil || f.value == "" {
			sev := Warning
			if c.opts.Production {
				sev = Error
			}
			line := 2
			if f != nil {
				line = f.line
			}
			pg.add(Finding{Path: pg.rel, Line: line, Col: 1, Severity: sev, Message: c.p.Sprintf("the news item has no date: add it as date: 2024-05-31; it cannot be published without one")})
		}
	}
	if pg.section == "dokumenti" && strings.HasSuffix(pg.rel, "/index.md") && pg.value("kategorija") == "" {
		pg.add(Finding{Path: pg.rel, Line: 2, Col: 1, Severity: Error, Message: c.p.Sprintf("the document has no category: add kategorija: with one of %s", ids(c.known["kategorija"]))})
	}
}

func (c *checker) checkField(pg *page, f *field, k kind) {
	if f.kind == ast.NullType {
		return // an empty field says a fact is missing; rules above decide
	}
	switch k {
	case text:
		if f.kind != ast.StringType && f.kind != ast.IntegerType && f.kind != ast.FloatType {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%s must be text: put it in quotes, e.g. %s: \"…\"", f.key, f.key)))
		}
	case number:
		if f.kind != ast.IntegerType {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%s must be a whole number, e.g. %s: 3", f.key, f.key)))
		}
	case boolean:
		if f.kind != ast.BoolType {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%s must be true or false", f.key)))
		}
	case date:
		if !content.IsDate(f.value) {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%q is not a date: write it as %s: 2024-05-31", f.value, f.key)))
		}
	case list, terms:
		if f.kind != ast.SequenceType {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%s must be a list, e.g. %s: [first, second]", f.key, f.key)))
			return
		}
		if k == terms {
			for i, t := range f.items {
				if !c.terms[f.key][t] {
					pg.add(Finding{Path: pg.rel, Line: f.itemLines[i], Col: 1, Severity: Error, Message: c.p.Sprintf("%q is not one of the %s: use one of %s, or create content/sr/%s/%s/_index.md with its title", t, f.key, ids(c.terms[f.key]), f.key, t)})
				}
			}
		}
	case known:
		if !c.known[f.key][f.value] {
			pg.add(c.at(pg, f, Error, c.p.Sprintf("%q is not a known %s: use one of %s", f.value, f.key, ids(c.known[f.key]))))
		}
	}
}

func (c *checker) at(pg *page, f *field, sev Severity, msg string) Finding {
	return Finding{Path: pg.rel, Line: f.line, Col: f.col, Severity: sev, Message: msg}
}

func fieldNames(schema map[string]kind) string {
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
