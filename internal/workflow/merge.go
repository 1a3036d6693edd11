package workflow

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"centar/internal/content"
	"centar/internal/merge"
)

// Two people's changes to one file meet here. A page is merged in two
// parts: its header field by field, in any order (a colleague's new date
// and an editor's new title are two changes, not one), and its text line by
// line. Any other text file is merged by lines; a file that is not text
// (an image, a PDF) cannot be.

// A ConflictPart is one place of a file that both sides changed, each in
// its own way.
type ConflictPart struct {
	// Field is the header field, "" for the page's text or a whole file.
	Field              string
	Base, Ours, Theirs string
	// Line is where the part begins in our version, from 1.
	Line int
}

// A Choice says how to resolve a conflict.
type Choice int

const (
	KeepOurs   Choice = iota // our version of each part
	TakeTheirs               // the other side's version of each part
	KeepBoth                 // ours, then theirs, of the text; ours of a field
)

// fileMerge is the merge of one file: its parts in conflict, and the
// merged file once each part is chosen.
type fileMerge struct {
	parts  []ConflictPart
	result func(Choice) []byte
}

func (m *fileMerge) clean() bool { return len(m.parts) == 0 }

// mergeFile merges ours and theirs, two versions of the file at path made
// from base.
func mergeFile(path string, base, ours, theirs []byte) *fileMerge {
	if !isText(base) || !isText(ours) || !isText(theirs) {
		return &fileMerge{
			parts:  []ConflictPart{{Line: 1}},
			result: func(c Choice) []byte { return choose(c, ours, theirs) },
		}
	}
	if strings.HasSuffix(path, ".md") {
		if m := mergePage(base, ours, theirs); m != nil {
			// A side that changed how the page breaks its lines changed
			// the header's breaks too.
			if crlf, changed := merge.LineBreaks(base, ours, theirs); changed {
				result := m.result
				m.result = func(c Choice) []byte { return merge.WithLineBreaks(result(c), crlf) }
			}
			return m
		}
	}
	return mergeLines("", 0, base, ours, theirs)
}

// isText reports whether data is UTF-8 text, without the NUL bytes of
// files that are not.
func isText(data []byte) bool {
	return utf8.Valid(data) && bytes.IndexByte(data, 0) < 0
}

// both is ours, then theirs, a blank line apart: in Markdown two
// paragraphs, not one run together.
func both(ours, theirs []byte) []byte {
	if len(ours) == 0 || len(theirs) == 0 {
		return append(append([]byte{}, ours...), theirs...)
	}
	out := append([]byte{}, ours...)
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	return append(append(out, '\n'), theirs...)
}

func choose(c Choice, ours, theirs []byte) []byte {
	if c == TakeTheirs {
		return theirs
	}
	return ours
}

// mergeLines merges texts by lines; field names the header field they are
// (""), firstLine the line of ours they start at, less one.
func mergeLines(field string, firstLine int, base, ours, theirs []byte) *fileMerge {
	r := merge.Texts(base, ours, theirs)
	m := &fileMerge{result: func(c Choice) []byte {
		return r.Resolve(func(_ int, p merge.Conflict) []byte {
			if c == KeepBoth {
				return both(p.Ours, p.Theirs)
			}
			return choose(c, p.Ours, p.Theirs)
		})
	}}
	for _, c := range r.Conflicts {
		m.parts = append(m.parts, ConflictPart{Field: field, Base: string(c.Base), Ours: string(c.Ours), Theirs: string(c.Theirs), Line: firstLine + c.OursLine})
	}
	return m
}

// mergePage merges three versions of a page, nil when one has no header
// that reads as fields.
func mergePage(base, ours, theirs []byte) *fileMerge {
	bh, err1 := content.ParseHeader(base)
	oh, err2 := content.ParseHeader(ours)
	th, err3 := content.ParseHeader(theirs)
	if err1 != nil || err2 != nil || err3 != nil || !bh.Has() || !oh.Has() || !th.Has() {
		return nil
	}
	header, parts := mergeFields(bh, oh, th)
	bodyStart := len(ours) - len(oh.Body())
	body := mergeLines("", strings.Count(string(ours[:bodyStart]), "\n"), []byte(bh.Body()), []byte(oh.Body()), []byte(th.Body()))
	return &fileMerge{
		parts: append(parts, body.parts...),
		result: func(c Choice) []byte {
			h, _ := content.ParseHeader(header(c))
			head := h.Source()[:len(h.Source())-len(h.Body())]
			return append([]byte(head), body.result(c)...)
		},
	}
}

// mergeFields merges the header fields of three versions of a page: a
// field one side changed takes that side's lines, whatever order the
// fields are in. It returns the page as ours is, with the merged fields
// (and, for each choice, the fields in conflict), and the conflicts.
func mergeFields(bh, oh, th *content.Header) (func(Choice) []byte, []ConflictPart) {
	type change struct {
		key, text string
		conflict  bool
		theirs    string
	}
	var changes []change
	var parts []ConflictPart
	// A field's lines are compared without CR: a side that changed how
	// lines break did not change the field.
	text := func(h *content.Header, key string) (string, bool) {
		return strings.ReplaceAll(h.FieldText(key), "\r", ""), contains(h.Keys(), key)
	}
	conflict := func(key string) {
		b, _ := text(bh, key)
		o, _ := text(oh, key)
		t, _ := text(th, key)
		parts = append(parts, ConflictPart{Field: key, Base: b, Ours: o, Theirs: t, Line: max(oh.Line(key), 2)})
		changes = append(changes, change{key: key, text: oh.FieldText(key), conflict: true, theirs: th.FieldText(key)})
	}
	for _, key := range union(oh.Keys(), th.Keys()) {
		b, inBase := text(bh, key)
		o, inOurs := text(oh, key)
		t, inTheirs := text(th, key)
		switch {
		case inOurs == inTheirs && o == t:
		case inTheirs == inBase && t == b: // only ours changed it
		case inOurs == inBase && o == b: // only theirs changed it
			changes = append(changes, change{key: key, text: th.FieldText(key)})
		default:
			conflict(key)
		}
	}
	return func(c Choice) []byte {
		page := []byte(oh.Source())
		for _, ch := range changes {
			t := ch.text
			if !ch.conflict || c == TakeTheirs {
				if ch.conflict {
					t = ch.theirs
				}
				h, _ := content.ParseHeader(page)
				if t == "" {
					page = h.Delete(ch.key)
				} else {
					page = h.Replace(ch.key, t)
				}
			}
		}
		return page
	}, parts
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// union lists a's strings, then b's that a lacks.
func union(a, b []string) []string {
	out := append([]string{}, a...)
	for _, s := range b {
		if !contains(a, s) {
			out = append(out, s)
		}
	}
	return out
}
