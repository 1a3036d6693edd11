package content

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"golang.org/x/text/message"
)

// HotlinesFile holds the help lines every page shows.
const HotlinesFile = "data/hotlines.yaml"

// Hotline is one entry of data/hotlines.yaml.
type Hotline struct {
	ID       string `yaml:"id"`
	Name     string `yaml:"name"`
	Number   string `yaml:"number"`  // E.164, e.g. +381111234567
	Display  string `yaml:"display"` // as readers dial it
	Source   string `yaml:"source"`  // where the number was checked
	Verified string `yaml:"verified"`
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{2,14}$`)

// shortCode is a national short number such as 192 (police), dialled as is.
var shortCode = regexp.MustCompile(`^[0-9]{3,4}$`)

// Dialable reports whether a number is one readers can dial from a link:
// E.164 (+381…, digits only) or a national short number such as 192.
func Dialable(number string) bool {
	return e164.MatchString(number) || shortCode.MatchString(number)
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
			problems = append(problems, Finding{Path: HotlinesFile, Line: line, Severity: Error, Message: p.Sprintf("the entry has no id: give every number a name, e.g. id: policija")})
			continue
		}
		switch {
		case h.Number == "":
			problems = append(problems, Finding{Path: HotlinesFile, Line: line, Severity: Error, Message: p.Sprintf("%s: no number; write it in E.164 form, e.g. +381111234567", h.ID)})
			continue
		case !Dialable(h.Number):
			problems = append(problems, Finding{Path: HotlinesFile, Line: e.numberLine, Severity: Error, Message: p.Sprintf("%s: %q is neither an E.164 number (+381…, digits only) nor a short number such as 192", h.ID, h.Number)})
			continue
		}
		if msg := unverified(p, h); msg != "" {
			pr := Finding{Path: HotlinesFile, Line: line, Severity: Error, Message: fmt.Sprintf("%s (%s): %s", h.ID, h.Display, msg)}
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
		if m, ok := item.(*ast.MappingNode); ok {
			for _, mv := range m.Values {
				if mv.Key.String() == "number" {
					e.numberLine = mv.Key.GetToken().Position.Line
				}
			}
		}
		out = append(out, e)
	}
	return out, nil
}
