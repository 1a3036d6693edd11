package site

import (
	"centar/internal/content"

	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

const hotlinesFile = "data/hotlines.yaml"

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

// CheckHotlines checks every hotline. A malformed number is always an error.
// An entry without a source and verification date is an error in production
// and a warning otherwise: a wrong hotline is the worst bug this site can have.
func (s *Site) CheckHotlines(production bool) (warnings []Problem, err error) {
	src, err := os.ReadFile(filepath.Join(s.Root, hotlinesFile))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, Problems{{File: hotlinesFile, Msg: s.p.Sprintf("the file of help lines is missing")}}
		}
		return nil, err
	}
	var entries []Hotline
	if err := decodeYAML(s.p, hotlinesFile, src, 0, &entries); err != nil {
		return nil, err
	}
	var problems Problems
	for _, h := range entries {
		line := lineOf(string(src), "- id: "+h.ID)
		if h.ID == "" {
			problems = append(problems, Problem{File: hotlinesFile, Line: line, Msg: s.p.Sprintf("the entry has no id: give every number a name, e.g. id: policija")})
			continue
		}
		switch {
		case h.Number == "":
			problems = append(problems, Problem{File: hotlinesFile, Line: line, Msg: s.p.Sprintf("%s: no number; write it in E.164 form, e.g. +381111234567", h.ID)})
			continue
		case !Dialable(h.Number):
			problems = append(problems, Problem{File: hotlinesFile, Line: line, Msg: s.p.Sprintf("%s: %q is neither an E.164 number (+381…, digits only) nor a short number such as 192", h.ID, h.Number)})
			continue
		}
		if msg := s.unverified(h); msg != "" {
			p := Problem{File: hotlinesFile, Line: line, Msg: fmt.Sprintf("%s (%s): %s", h.ID, h.Display, msg)}
			if production {
				problems = append(problems, p)
			} else {
				warnings = append(warnings, p)
			}
		}
	}
	if len(problems) > 0 {
		return warnings, problems
	}
	return warnings, nil
}

// unverified says why a number cannot be shown as verified, or "".
func (s *Site) unverified(h Hotline) string {
	noSource, noDate := strings.TrimSpace(h.Source) == "", strings.TrimSpace(h.Verified) == ""
	if !noDate {
		if _, err := time.Parse(content.DateLayout, h.Verified); err != nil {
			return s.p.Sprintf("%q is not a date: write it as %s: 2024-05-31", h.Verified, "verified")
		}
	}
	switch {
	case noSource && noDate:
		return s.p.Sprintf("the number is not verified: before publishing, write its source and the date it was checked (verified)")
	case noSource:
		return s.p.Sprintf("the number is not verified: before publishing, write its source")
	case noDate:
		return s.p.Sprintf("the number is not verified: before publishing, write the date it was checked (verified)")
	}
	return ""
}
