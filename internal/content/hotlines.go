package content

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"golang.org/x/text/message"
)

// HotlinesFile holds the help lines every page shows.
const HotlinesFile = "data/hotlines.yaml"

// Hotline is one entry of data/hotlines.yaml. The number is written once,
// in number: the site shows it as DisplayPhone makes it, so the link and
// the text a reader sees cannot disagree.
type Hotline struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	Number   string `yaml:"number"` // E.164, e.g. +381111234567, or a short code such as 192
	Source   string `yaml:"source"` // where the number was checked
	Verified string `yaml:"verified"`
}

// CheckHotlines checks every hotline of the site in fsys, said by p. A
// malformed number is always an error. An entry without a source and
// verification date is an error in production and a warning otherwise: a
// wrong hotline is the worst bug this site can have.
func CheckHotlines(p *message.Printer, fsys fs.FS, production bool) (warnings []Finding, err error) {
	src, err := fs.ReadFile(fsys, HotlinesFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, Findings{{Path: HotlinesFile, Severity: Error, Message: p.Sprintf("the file of help lines is missing")}}
		}
		return nil, err
	}
	entries, err := hotlineEntries(src)
	if err != nil {
		return nil, yamlFinding(p, HotlinesFile, src, 0, err)
	}
	var problems Findings
	for _, e := range entries {
		h, line := e.Hotline, e.line
		if h.ID == "" {
			problems = append(problems, Finding{Path: HotlinesFile, Line: line, Severity: Error, Message: p.Sprintf("the entry has no id: give every number a name, e.g. id: policija"), Field: "id"})
			continue
		}
		if h.Number == "" {
			problems = append(problems, Finding{Path: HotlinesFile, Line: line, Severity: Error, Message: p.Sprintf("%s: no number; write it in E.164 form, e.g. +381111234567", h.ID), Field: "number"})
			continue
		}
		if _, pp := ReadPhone(h.Number); pp != nil {
			f := Finding{Path: HotlinesFile, Line: e.numberLine, Severity: Error, Message: pp.Say(p, h.ID, h.Number), Field: "number"}
			if !pp.Warning() {
				problems = append(problems, f)
				continue
			}
			f.Severity = Warning
			warnings = append(warnings, f)
		}
		if msg := unverified(p, h); msg != "" {
			pr := Finding{Path: HotlinesFile, Line: line, Severity: Error, Message: fmt.Sprintf("%s (%s): %s", h.ID, DisplayPhone(h.Number), msg), Field: "verified"}
			if production {
				problems = append(problems, pr)
			} else {
				pr.Severity = Warning
				warnings = append(warnings, pr)
			}
		}
	}
	if len(problems) > 0 {
		return warnings, problems
	}
	return warnings, nil
}

// unverified says why a number cannot be shown as verified, or "".
func unverified(p *message.Printer, h Hotline) string {
	noSource, noDate := strings.TrimSpace(h.Source) == "", strings.TrimSpace(h.Verified) == ""
	if !noDate {
		if _, err := time.Parse(DateLayout, h.Verified); err != nil {
			return p.Sprintf("%q is not a date: write it as %s: 2024-05-31", h.Verified, "verified")
		}
	}
	switch {
	case noSource && noDate:
		return p.Sprintf("the number is not verified: before publishing, write its source and the date it was checked (verified)")
	case noSource:
		return p.Sprintf("the number is not verified: before publishing, write its source")
	case noDate:
		return p.Sprintf("the number is not verified: before publishing, write the date it was checked (verified)")
	}
	return ""
}

// hotlineEntry is an entry of the help lines with where it is: the line it
// starts on and its number's line, from go-yaml's tree.
type hotlineEntry struct {
	Hotline
	line, numberLine int
	verified         ast.Node        // the verified field's value, nil without one
	given            map[string]bool // the fields written with a value
}

// hotlineEntries reads the help lines src, which decode as a list.
func hotlineEntries(src []byte) ([]hotlineEntry, error) {
	file, err := ParseYAML(src)
	if err != nil {
		return nil, err
	}
	if err := yaml.Unmarshal(YAMLText(src), &[]Hotline{}); err != nil {
		return nil, err // not a list of entries
	}
	var out []hotlineEntry
	if len(file.Docs) == 0 {
		return nil, nil
	}
	list, ok := file.Docs[0].Body.(*ast.SequenceNode)
	if !ok {
		return nil, nil // an empty file
	}
	for _, item := range list.Values {
		e := hotlineEntry{line: item.GetToken().Position.Line}
		if err := yaml.NodeToValue(item, &e.Hotline); err != nil {
			return nil, err
		}
		e.numberLine = e.line
		e.given = map[string]bool{}
		var fields []*ast.MappingValueNode
		switch m := item.(type) {
		case *ast.MappingNode:
			fields = m.Values
		case *ast.MappingValueNode:
			fields = []*ast.MappingValueNode{m}
		}
		for _, mv := range fields {
			if v := strings.TrimSpace(mv.Value.String()); v != "" && v != `""` && v != "''" && v != "null" {
				e.given[mv.Key.String()] = true
			}
			switch mv.Key.String() {
			case "number":
				e.numberLine = mv.Key.GetToken().Position.Line
			case "verified":
				e.verified = mv.Value
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// ClearVerifications returns now, a file of help lines, with verified: ""
// in every entry whose number is not the number of the entry of the same id
// in was, the version it was made from, while its verified date is that
// entry's: a date says when one number was checked, not whichever is
// written beside it later. Only those values change, in place and in their
// quotes: every other byte, comments and order included, stays. The
// source stays too: it is where the new number is most likely checked, and
// without a date the number is not shown as verified, nor published. What
// it cleared is said in warnings, by p, for the editor to check the new
// numbers. A file that does not read as help lines is returned as it is:
// the check says what is wrong with it.
func ClearVerifications(p *message.Printer, was, now []byte) ([]byte, Findings, error) {
	before, err := hotlineEntries(was)
	if err != nil {
		return now, nil, nil
	}
	after, err := hotlineEntries(now)
	if err != nil {
		return now, nil, nil
	}
	old := map[string]Hotline{}
	for _, e := range before {
		old[e.ID] = e.Hotline
	}
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	var said Findings
	cleared := map[int]bool{}
	for i, e := range after {
		o, ok := old[e.ID]
		date := strings.TrimSpace(e.Verified)
		if e.ID == "" || !ok || o.Number == e.Number || date == "" || date != strings.TrimSpace(o.Verified) || e.verified == nil {
			continue
		}
		start, end, text, err := scalarSpan(now, e.verified, e.Verified)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s: %w", HotlinesFile, e.ID, err)
		}
		edits = append(edits, edit{start, end, text})
		cleared[i] = true
		said = append(said, Finding{Path: HotlinesFile, Line: e.verified.GetToken().Position.Line, Severity: Warning, Field: "verified",
			Message: p.Sprintf("%s: the number changed from %s to %s, so its date of verification was cleared: check the new number against its source and write the date you did (verified)", e.ID, o.Number, e.Number)})
	}
	if len(edits) == 0 {
		return now, nil, nil
	}
	out := append([]byte{}, now...)
	for i := len(edits) - 1; i >= 0; i-- { // from the end: the places before stay where they are
		e := edits[i]
		out = append(out[:e.start], append([]byte(e.text), out[e.end:]...)...)
	}
	// The edit is checked by reading it back: the same entries, with the
	// same numbers, and no date where one was cleared.
	back, err := hotlineEntries(out)
	if err != nil || len(back) != len(after) {
		return nil, nil, fmt.Errorf("%s: clearing the dates of changed numbers would break the file", HotlinesFile)
	}
	for i, e := range back {
		want := after[i].Hotline
		if cleared[i] {
			want.Verified = ""
		}
		if e.Hotline != want {
			return nil, nil, fmt.Errorf("%s: clearing the dates of changed numbers would change %s", HotlinesFile, want.ID)
		}
	}
	return out, said, nil
}

// scalarSpan finds the bytes of src that hold the one-line scalar node,
// whose value is value: from its first character (a quotation mark, if it
// has one) to its last. text is the empty value in the same quotes.
func scalarSpan(src []byte, node ast.Node, value string) (start, end int, text string, err error) {
	pos := node.GetToken().Position
	line := 1
	for i := 0; i < len(src) && line < pos.Line; i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	if line != pos.Line {
		return 0, 0, "", errors.New("the date is not where go-yaml places it")
	}
	for col := 1; col < pos.Column && start < len(src) && src[start] != '\n'; col++ {
		_, size := utf8.DecodeRune(src[start:])
		start += size
	}
	end = start
	var inner string
	switch {
	case start < len(src) && src[start] == '"':
		text = `""`
		for end = start + 1; end < len(src) && src[end] != '"' && src[end] != '\n'; end++ {
			if src[end] == '\\' {
				end++
			}
		}
		inner, end = string(src[start+1:min(end, len(src))]), end+1
	case start < len(src) && src[start] == '\'':
		text = "''"
		for end = start + 1; end < len(src) && src[end] != '\n'; end++ {
			if src[end] == '\'' {
				if end+1 < len(src) && src[end+1] == '\'' {
					end++
					continue
				}
				break
			}
		}
		inner, end = strings.ReplaceAll(string(src[start+1:min(end, len(src))]), "''", "'"), end+1
	default:
		text = `""`
		for end < len(src) && !strings.ContainsRune(",]}\r\n", rune(src[end])) && !(src[end] == '#' && end > start && (src[end-1] == ' ' || src[end-1] == '\t')) {
			end++
		}
		for end > start && (src[end-1] == ' ' || src[end-1] == '\t') {
			end--
		}
		inner = string(src[start:end])
	}
	if end > len(src) || inner != value {
		return 0, 0, "", fmt.Errorf("the date %q is not written on one line as go-yaml reads it", value)
	}
	return start, end, text, nil
}

// CheckHotlineLanguages finds the help lines whose text a translated
// language lacks: each field the model writes per language (name, hours…)
// that the Serbian entry gives must be given in every language not made
// from the Serbian source, or its readers would see Serbian.
func CheckHotlineLanguages(p *message.Printer, fsys fs.FS, m *Model) Findings {
	src, err := fs.ReadFile(fsys, HotlinesFile)
	if err != nil {
		return nil // CheckHotlines says so
	}
	entries, err := hotlineEntries(src)
	if err != nil {
		return nil // CheckHotlines says so
	}
	var perLanguage []string
	for _, d := range m.Data {
		if d.Path == HotlinesFile {
			for _, list := range d.Fields {
				for _, f := range list.Fields {
					if f.PerLanguage {
						perLanguage = append(perLanguage, f.Name)
					}
				}
			}
		}
	}
	var out Findings
	for _, e := range entries {
		for _, l := range m.Translated() {
			var missing []string
			for _, f := range perLanguage {
				if e.given[f] && !e.given[f+"_"+l.Key] {
					missing = append(missing, f+"_"+l.Key)
				}
			}
			if len(missing) > 0 {
				out = append(out, Finding{Path: HotlinesFile, Line: e.line, Severity: Error, Field: missing[0],
					Message: p.Sprintf("%s: the help line has no %s: write it in %s, or readers of that language see Serbian", e.ID, strings.Join(missing, ", "), l.Label)})
			}
		}
	}
	return out
}
