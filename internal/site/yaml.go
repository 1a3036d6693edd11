package site

import (
	"errors"
	"regexp"
	"strconv"

	"github.com/goccy/go-yaml"
)

// yamlPosition matches the "[line:col]" that go-yaml puts before its messages.
var yamlPosition = regexp.MustCompile(`^\[(\d+):(\d+)\]\s*(.*)`)

// decodeYAML decodes src into v. On a syntax error it returns a Problem placed
// in file, with lineOffset added to the line (for front matter after its ---).
func decodeYAML(file string, src []byte, lineOffset int, v any) error {
	err := yaml.Unmarshal(src, v)
	if err == nil {
		return nil
	}
	p := Problem{File: file, Line: lineOffset + 1, Msg: "zapis ovde nije ispravan YAML: " + err.Error()}
	var yerr yaml.Error
	if errors.As(err, &yerr) {
		msg := yaml.FormatError(err, false, false)
		if m := yamlPosition.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			col, _ := strconv.Atoi(m[2])
			p.Line, p.Col = line+lineOffset, col
			p.Msg = "zapis ovde nije ispravan YAML (" + firstLine(m[3]) + "); proverite navodnike, dvotačke i uvlačenje redova"
		}
	}
	return Problems{p}
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
