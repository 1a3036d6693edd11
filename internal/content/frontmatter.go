package content

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A LineError is a problem at a line of the input.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// FrontMatter splits a Markdown document into its YAML front matter, without
// the --- lines, and the body after it; ok is false when there is none. Both
// are parts of src: a build splits every page for each script.
func FrontMatter(src string) (fm, body string, ok bool, err error) {
	first, _, _ := strings.Cut(src, "\n")
	if strings.TrimRight(first, "\r") != "---" {
		return "", src, false, nil
	}
	start := min(len(first)+1, len(src))
	for i := start; i < len(src); {
		line, _, _ := strings.Cut(src[i:], "\n")
		next := min(i+len(line)+1, len(src))
		if l := strings.TrimRight(line, "\r"); l == "---" || l == "..." {
			return src[start:i], src[next:], true, nil
		}
		i = next
	}
	return "", src, false, &LineError{Line: 1, Msg: "zaglavlje stranice (front matter) otvoreno sa --- nije zatvoreno: dodajte red sa --- posle njega"}
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

// QuotedValue is the value of a one-line entry written key: "text", as YAML
// reads it, when the text holds no escape, no quote and nothing YAML treats
// apart (a control character, a line separator): the text between the
// quotes. ok is false for every other entry, left to a YAML decoder. A build
// reads each page's title so, in each script; a decoder's every call costs
// more than the whole of this.
func QuotedValue(entry string) (value string, ok bool) {
	_, _, v, _, ok := keyLine(entry)
	v = strings.TrimRight(v, " ")
	if !ok || len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
		return "", false
	}
	v = v[1 : len(v)-1]
	for _, r := range v {
		switch {
		case r == '"', r == '\\', r < 0x20, 0x7f <= r && r <= 0x9f, r == 0x2028, r == 0x2029,
			r == 0xfeff, r == 0xfffe, r == 0xffff, r == utf8.RuneError:
			return "", false
		}
	}
	return v, true
}
