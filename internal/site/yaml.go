package site

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/message"

	"centar/internal/content"
)

// yamlPosition matches the "[line:col]" that go-yaml puts before its messages.
var yamlPosition = regexp.MustCompile(`^\[(\d+):(\d+)\]\s*(.*)`)

// decodeYAML decodes src into v. On a syntax error it returns a Problem placed
// in file, with lineOffset added to the line (for front matter after its ---),
// said by pr.
func decodeYAML(pr *message.Printer, file string, src []byte, lineOffset int, v any) error {
	return yamlProblem(pr, file, lineOffset, yaml.Unmarshal(src, v))
}

// decodeHeader decodes a page's front matter into v from the tree the page
// parsed once (the check reads the same tree); a problem is placed as
// decodeYAML places it.
func decodeHeader(pr *message.Printer, file string, page *content.Page, v any) error {
	tree, err := page.Header()
	if err == nil && len(tree.Docs) > 0 && tree.Docs[0].Body != nil {
		err = yaml.NodeToValue(tree.Docs[0].Body, v)
	}
	return yamlProblem(pr, file, 1, err)
}

// yamlProblem is err, the YAML library's, as the Problem an editor reads;
// nil when err is.
func yamlProblem(pr *message.Printer, file string, lineOffset int, err error) error {
	if err == nil {
		return nil
	}
	p := Problem{File: file, Line: lineOffset + 1, Msg: pr.Sprintf("this is not valid YAML: %v", err)}
	if line, col, reason, ok := YAMLErrorAt(err); ok {
		p.Line, p.Col = line+lineOffset, col
		p.Msg = pr.Sprintf("this is not valid YAML (%s); check the quotes, colons and indentation of the lines", YAMLReason(pr, reason))
	}
	return Problems{p}
}

// YAMLErrorAt reads where a go-yaml syntax error is (line and column in the
// YAML text, from 1) and its reason, on one line.
func YAMLErrorAt(err error) (line, col int, reason string, ok bool) {
	var yerr yaml.Error
	if !errors.As(err, &yerr) {
		return 0, 0, "", false
	}
	m := yamlPosition.FindStringSubmatch(yaml.FormatError(err, false, false))
	if m == nil {
		return 0, 0, "", false
	}
	line, _ = strconv.Atoi(m[1])
	col, _ = strconv.Atoi(m[2])
	return line, col, firstLine(m[3]), true
}

// YAMLReason says the YAML library's reason in the editor's words, for the
// mistakes editors make; any other reason is passed on as it is.
func YAMLReason(p *message.Printer, reason string) string {
	switch {
	case strings.Contains(reason, "double-quoted"), strings.Contains(reason, "single-quoted"):
		return p.Sprintf("a quotation mark opened here is not closed")
	case strings.Contains(reason, "mapping value is not allowed"):
		return p.Sprintf("a colon inside a value: put the whole value in quotes, e.g. title: \"News: a training in Niš\"")
	case strings.Contains(reason, "'\t'"):
		return p.Sprintf("a tab: indent with spaces")
	case strings.Contains(reason, "']' not found"):
		return p.Sprintf("a list opened with [ is not closed with ]")
	}
	return reason
}

// DataIDs reads the id of every entry of a data list such as
// data/organizacije.yaml, in the list's order; p says what is wrong with it.
func DataIDs(root, rel string, p *message.Printer) ([]string, error) {
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	var entries []struct {
		ID string `yaml:"id"`
	}
	if err := decodeYAML(p, rel, src, 0, &entries); err != nil {
		return nil, err
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.ID
	}
	return ids, nil
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
