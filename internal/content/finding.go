package content

import (
	"fmt"
	"strings"
)

// Severity is how bad a finding is: an error stops a save, a publication,
// a build and a pull request; a warning is said and let through.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// A Finding is one thing wrong in one file, at a place an editor can find,
// said in their language with what to do: what the check finds and what
// stops a build alike.
type Finding struct {
	Path      string // relative to the site root, with forward slashes
	Line, Col int    // 1-based; 0 when the whole file (or line) is meant
	Severity  Severity
	Message   string
	// Target is the address a link that leads nowhere points at, as a
	// path of the site (/vesti/x/); "" for other findings.
	Target string
	// Field is the header field the finding is about, "" for the text or
	// the whole file. Form says it as a form shows it beside that field,
	// without the file's syntax; "" when Message says it so already.
	Field, Form string
}

// String is the finding as compilers write them: path:line:col: severity: message.
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", f.Path, max(f.Line, 1), max(f.Col, 1), f.Severity, f.Message)
}

// Plain is the finding as the build says it: its place, as far as it is
// known, and its message.
func (f Finding) Plain() string {
	switch {
	case f.Line > 0 && f.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", f.Path, f.Line, f.Col, f.Message)
	case f.Line > 0:
		return fmt.Sprintf("%s:%d: %s", f.Path, f.Line, f.Message)
	}
	return fmt.Sprintf("%s: %s", f.Path, f.Message)
}

// Findings is an error listing every finding, one per line.
type Findings []Finding

func (fs Findings) Error() string {
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = f.Plain()
	}
	return strings.Join(lines, "\n")
}
