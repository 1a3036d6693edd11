package cms

import (
	"path"
	"slices"
	"strings"

	"centar/internal/check"
	"centar/internal/content"
)

// findingJSON is one of the check's findings as the admin shows it: at a
// field of the form, or at a line of the text, in the editor's words and
// script, with no file path.
type findingJSON struct {
	// Locale is the side of the form, sr, en or another language's
	// folder; "" for a data file. Side names it for the editor, and
	// SideIndex is its place among the form's sides, Serbian first.
	Locale    string `json:"locale,omitempty"`
	Side      string `json:"side,omitempty"`
	SideIndex int    `json:"sideIndex,omitempty"`
	// Field is the field's name, "body" for the text, "" for the whole
	// file; Label is the field as the form labels it.
	Field string `json:"field,omitempty"`
	Label string `json:"label,omitempty"`
	// Line is the line of the text, from 1, for a finding in it.
	Line     int    `json:"line,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// findingsJSON says findings as the admin shows them. read gives the text
// of a file as it was checked, to tell the header's lines from the text's.
func (s *session) findingsJSON(fs []check.Finding, read func(site string) []byte) []findingJSON {
	out := make([]findingJSON, 0, len(fs))
	for _, f := range fs {
		j := findingJSON{Severity: string(f.Severity), Message: f.Message, Field: f.Field}
		if f.Form != "" {
			j.Message = f.Form
		}
		section := ""
		switch rest, ok := strings.CutPrefix(f.Path, "content/"); {
		case ok:
			lang, inLang, _ := strings.Cut(rest, "/")
			j.Locale, j.Side, j.SideIndex = lang, s.cat.side(lang), slices.Index(s.cat.locales, lang)
			section, _, _ = strings.Cut(inLang, "/")
			if j.Field == "" && f.Line > 0 && strings.HasSuffix(f.Path, ".md") {
				j.Field, j.Line = placeInPage(read(f.Path), f.Line)
			}
		default:
			// A data file's finding names the file and its field by the
			// form's labels.
			for _, d := range s.cat.model.Data {
				if d.Path == f.Path {
					j.Label = d.Label
					if label := dataLabel(d.Fields, f.Field); label != "" {
						j.Label += " — " + label
					}
				}
			}
		}
		switch {
		case j.Label != "":
		case j.Field == "body":
			j.Label = s.cat.model.BodyLabel
		case j.Field != "":
			if field, ok := s.cat.model.Schema(section)[j.Field]; ok && field.Label != "" {
				j.Label = field.Label
			} else if j.Label == "" {
				j.Label = j.Field
			}
		}
		if j.Label == "" {
			j.Label = path.Base(f.Path)
		}
		j.Message = s.api.say(j.Message)
		out = append(out, j)
	}
	return out
}

// placeInPage is the header field, or the text's line, that line (of the
// whole file) falls in.
func placeInPage(src []byte, line int) (field string, bodyLine int) {
	h, err := content.ParseHeader(src)
	if err != nil || !h.Has() {
		return "body", line
	}
	bodyStart := strings.Count(string(src[:len(src)-len(h.Body())]), "\n") + 1
	if line >= bodyStart {
		return "body", line - bodyStart + 1
	}
	for _, key := range h.Keys() {
		if h.Line(key) <= line {
			field = key
		}
	}
	return field, 0
}

// dataLabel is the label of the field name among a data file's fields,
// at any depth; "" when there is none.
func dataLabel(fields []content.DataField, name string) string {
	for _, f := range fields {
		if f.Name == name {
			return f.Label
		}
		if label := dataLabel(f.Fields, name); label != "" {
			return label
		}
	}
	return ""
}
