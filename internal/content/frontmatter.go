package content

import (
	"fmt"
	"strings"
)

// A LineError is a problem at a line of the input.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// FrontMatter splits a Markdown document into its YAML front matter, without
// the --- lines, and the body after it; ok is false when there is none.
func FrontMatter(src string) (fm, body string, ok bool, err error) {
	lines := strings.SplitAfter(src, "\n")
	end, err := frontMatterEnd(lines)
	if err != nil || end == 0 {
		return "", src, false, err
	}
	return strings.Join(lines[1:end], ""), strings.Join(lines[end+1:], ""), true, nil
}

// frontMatterEnd returns the index of the line that closes the front matter
// opened by a --- first line, or 0 when the document has no front matter.
func frontMatterEnd(lines []string) (int, error) {
	if len(lines) == 0 || strings.TrimRight(lines[0], "\r\n") != "---" {
		return 0, nil
	}
	for i := 1; i < len(lines); i++ {
		if l := strings.TrimRight(lines[i], "\r\n"); l == "---" || l == "..." {
			return i, nil
		}
	}
	return 0, &LineError{Line: 1, Msg: "zaglavlje stranice (front matter) otvoreno sa --- nije zatvoreno: dodajte red sa --- posle njega"}
}

// Entry returns the lines of front matter fm that hold key's top-level
// entry, as YAML of its own: the line that names it and those that continue
// it (indented, or blank). Empty when fm has no such entry.
func Entry(fm, key string) string {
	lines := strings.SplitAfter(fm, "\n")
	for i, line := range lines {
		if k, _, _, _, ok := keyLine(line); !ok || k != key {
			continue
		}
		end := i + 1
		for end < len(lines) && (strings.TrimSpace(lines[end]) == "" || strings.HasPrefix(lines[end], " ") || strings.HasPrefix(lines[end], "\t")) {
			end++
		}
		return strings.Join(lines[i:end], "")
	}
	return ""
}
