// Package content is the content model: which parts of a page readers see,
// the rules a page's header follows, and one reading of its Markdown that
// transliteration, the build pipeline, the check and the leaflets share.
package content

import (
	"fmt"
	"maps"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/message"
)

// ReaderFields are the front-matter fields that hold text for readers; they
// are transliterated and checked for mixed scripts. Every other field is a
// key or a machine value and stays byte-identical.
var ReaderFields = []string{"title", "description", "summary", "linkTitle"}

// DateLayout is how a date is written in a page's header and in data files.
const DateLayout = "2006-01-02"

// IsDate reports whether s is a date as a page's header may give it:
// 2024-05-31, or a whole time such as 2024-05-31T10:00:00+02:00.
func IsDate(s string) bool {
	if _, err := time.Parse(DateLayout, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// HasTitle reports whether a page's title is given: every page needs one,
// for its heading, its tab and its links.
func HasTitle(title string) bool { return strings.TrimSpace(title) != "" }

// A Kind is what a front-matter field must hold.
type Kind int

const (
	Text    Kind = iota // a line of text
	Number              // a whole number
	Boolean             // true or false
	Date                // 2024-05-31
	List                // a list of texts
	Terms               // a list of taxonomy terms that exist
	Known               // the id of an entry in a data list
)

// common fields may appear on every page.
var common = map[string]Kind{
	"title": Text, "linkTitle": Text, "description": Text, "summary": Text,
	"translationKey": Text, "slug": Text, "url": Text, "aliases": List,
	"layout": Text, "weight": Number, "draft": Boolean, "menu": Boolean, "date": Date, "lastmod": Date,
}

// sections adds each section's own fields; English sections share the
// Serbian ones' schema.
var sections = map[string]map[string]Kind{
	"vesti":     {"oznake": Terms, "gradovi": Terms, "organizacija": Known},
	"news":      {"oznake": Terms, "gradovi": Terms, "organizacija": Known},
	"dokumenti": {"kategorija": Known},
}

// datedSections must give each item's date before it reaches production.
var datedSections = map[string]bool{"vesti": true, "news": true}

// KnownLists names, for each field that holds the id of a data list's entry,
// the list.
var KnownLists = map[string]string{"organizacija": "data/organizacije.yaml", "kategorija": "data/dokumenti.yaml"}

// A FieldKind says what a front-matter field holds: text, number, boolean,
// date, list, terms (taxonomy terms that exist) or known (an id of KnownLists).
type FieldKind string

var kindNames = map[Kind]FieldKind{Text: "text", Number: "number", Boolean: "boolean", Date: "date", List: "list", Terms: "terms", Known: "known"}

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
var schemas = func() map[string]map[string]Kind {
	out := map[string]map[string]Kind{"": common}
	for section, own := range sections {
		s := make(map[string]Kind, len(common)+len(own))
		maps.Copy(s, common)
		maps.Copy(s, own)
		out[section] = s
	}
	return out
}()

// SchemaFor returns the fields a section's pages may have, with what each holds.
func SchemaFor(section string) map[string]Kind {
	if s, ok := schemas[section]; ok {
		return s
	}
	return common
}

// goldmark, which reads every page (Hugo reads them with it too), takes
// time that grows with the square of some inputs: a run of reference
// definitions (256 KB of them: 1 s), a run of underscores and letters with
// no space (Linkify looks for an e-mail address at each: 256 KB, 14 s), and
// many unmatched emphasis marks (256 KB, 17 s). A pull request of them would
// stall every build; no real page comes near these bounds.
const (
	MaxReferences = 500       // link reference definitions ([name]: address) in a page
	MaxRun        = 1000      // characters without white space: no word or address is longer
	MaxBody       = 256 << 10 // bytes of Markdown in a page
)

// An Excess says which bound a page's body goes past, and where.
type Excess struct {
	Line  int // 1-based, in the body
	Bound int // MaxReferences, MaxRun or MaxBody
	Size  int // the body's size in bytes, for MaxBody
}

func (e *Excess) Error() string {
	return fmt.Sprintf("line %d: the Markdown goes past a bound goldmark reads in good time (%d)", e.Line, e.Bound)
}

// Say says, in the editor's language, which bound the page goes past and
// what to do.
func (e *Excess) Say(p *message.Printer) string {
	switch e.Bound {
	case MaxReferences:
		return p.Sprintf("the page holds more than %d link definitions ([name]: address), more than the site can read in good time: put the links in the text, or split the page", MaxReferences)
	case MaxRun:
		return p.Sprintf("this line holds more than %d characters without a space (a pasted image, or a very long address?), more than the site can read in good time: put an image beside the page as a file and link to it; shorten a long address", MaxRun)
	}
	return p.Sprintf("the page is %d KB, more than the %d KB a page may hold: split it into several pages", e.Size>>10, MaxBody>>10)
}

// TooHeavy returns what of body goes past the bounds goldmark reads in good
// time, or nil. It reads the body once, line by line, before any Markdown
// reading.
func TooHeavy(body string) *Excess {
	if len(body) > MaxBody {
		return &Excess{Line: 1, Bound: MaxBody, Size: len(body)}
	}
	refs := 0
	for line := 1; body != ""; line++ {
		l, rest, _ := strings.Cut(body, "\n")
		body = rest
		trimmed := strings.TrimLeft(l, " ")
		if len(l)-len(trimmed) <= 3 && strings.HasPrefix(trimmed, "[") && strings.Contains(trimmed, "]:") {
			if refs++; refs > MaxReferences {
				return &Excess{Line: line, Bound: MaxReferences}
			}
		}
		if len(l) > MaxRun {
			for _, w := range strings.Fields(l) {
				// In characters: a Cyrillic word is twice its Latin bytes.
				if len(w) > MaxRun && utf8.RuneCountInString(w) > MaxRun {
					return &Excess{Line: line, Bound: MaxRun}
				}
			}
		}
	}
	return nil
}

// PagePath is the URL path Hugo gives the content file at rel (relative to
// its language's content folder), without language prefix, with the given
// slug and url front-matter fields, either of which may be empty:
// section/name/ or section/slug/.
func PagePath(rel, slug, url string) string {
	if url != "" {
		return strings.Trim(url, "/") + "/"
	}
	dir, file := path.Split(rel)
	name := strings.TrimSuffix(file, ".md")
	switch name {
	case "_index":
		return dir
	case "index":
		dir, name = path.Split(strings.TrimSuffix(dir, "/"))
	}
	if slug != "" {
		name = slug
	}
	return dir + name + "/"
}
