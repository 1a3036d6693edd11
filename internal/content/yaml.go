package content

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/message"
)

// DecodeYAML decodes src into v. On a syntax error it returns a Finding placed
// in file, with lineOffset added to the line (for front matter after its ---),
// said by pr.
func DecodeYAML(pr *message.Printer, file string, src []byte, lineOffset int, v any) error {
	return yamlFinding(pr, file, src, lineOffset, yaml.Unmarshal(YAMLText(src), v))
}

// DecodeHeader decodes a page's front matter into v from the tree the page
// parsed once (the check reads the same tree); a problem is placed as
// DecodeYAML places it.
func DecodeHeader(pr *message.Printer, file string, page *Page, v any) error {
	tree, err := page.Header()
	if err == nil && len(tree.Docs) > 0 && tree.Docs[0].Body != nil {
		err = yaml.NodeToValue(tree.Docs[0].Body, v)
	}
	if err == nil {
		return nil // every page's header is decoded: its text is copied only to place a problem
	}
	return yamlFinding(pr, file, []byte(page.FrontMatter), 1, err)
}

// yamlFinding is err, the YAML library's, as the Finding an editor reads;
// nil when err is.
func yamlFinding(pr *message.Printer, file string, src []byte, lineOffset int, err error) error {
	if err == nil {
		return nil
	}
	p := Finding{Path: file, Line: lineOffset + 1, Severity: Error, Message: pr.Sprintf("this is not valid YAML: %v", err)}
	if line, col, reason, ok := YAMLErrorAt(err, src); ok {
		p.Line, p.Col = line+lineOffset, col
		p.Message = pr.Sprintf("this is not valid here (%s): check quotes, colons and indentation", YAMLReason(pr, reason))
	}
	return Findings{p}
}

// YAMLErrorAt reads where a go-yaml syntax error in src is (line and column
// from 1, in characters, as go-yaml counts them) and its reason, on one
// line. A quotation mark is the mistake go-yaml places worst, and says
// least of: a value left open in quotation marks runs on to the next
// quotation mark, lines further down, and text after a value's closing
// mark (a quotation inside a quoted title) is "not allowed in this
// context", or in a list wants "',' or ']'". Those are placed at the
// quotation mark to mend, with a reason of their own.
func YAMLErrorAt(err error, src []byte) (line, col int, reason string, ok bool) {
	var yerr yaml.Error
	if !errors.As(err, &yerr) || yerr.GetToken() == nil {
		return 0, 0, "", false
	}
	pos := yerr.GetToken().Position
	line, col, reason = pos.Line, pos.Column, firstLine(yerr.GetMessage())
	if strings.HasPrefix(reason, "value is not allowed in this context") || strings.HasSuffix(reason, "must be specified") {
		if open, end, ok := quotedBefore(string(src), line, col); ok {
			if open.line < end.line {
				return open.line, open.col, unclosedQuote, true
			}
			return end.line, end.col, textAfterQuote, true
		}
	}
	return line, col, reason, true
}

// Reasons of YAMLErrorAt's own, for mistakes with quotation marks.
const (
	unclosedQuote  = "quoted value not closed on its line"
	textAfterQuote = "text after a quoted value"
)

// mark is where a character is in a YAML text: line and column from 1, in
// characters.
type mark struct{ line, col int }

// quotedBefore finds the quoted value that ends just before line:col (but
// for spaces): where its opening and closing quotation marks are. It reads
// src as go-yaml's scanner does, as far as quotation marks go: a value
// opens at a quotation mark where a value starts (not in the middle of
// one, as in Women's, nor in a comment), runs across lines, and ends at
// the next mark of its kind that is not escaped (by a backslash before it
// in double quotes, by a second one in single quotes).
func quotedBefore(src string, line, col int) (open, end mark, found bool) {
	var quote rune // the mark of the value open here, if any
	at := mark{1, 0}
	lastEnded := false             // the last thing before here on its line, but for spaces, is a value's closing mark
	prev, spaced := rune(0), false // outside a value: the last character on this line but for spaces, and whether a space followed it
	var last rune                  // the character before this one on its line; 0 at its start
	rest := src
	for rest != "" {
		r, size := utf8.DecodeRuneInString(rest)
		rest = rest[size:]
		if r == '\r' && strings.HasPrefix(rest, "\n") {
			continue // a line break of two characters
		}
		if r == '\n' || r == '\r' {
			at, lastEnded, prev, spaced, last = mark{at.line + 1, 0}, false, 0, false, 0
			continue
		}
		at.col++
		if at.line > line || at.line == line && at.col >= col {
			break
		}
		isSpace := r == ' ' || r == '\t'
		before := last
		last = r
		switch {
		case quote == 0 && r == '#' && (before == 0 || before == ' ' || before == '\t'):
			// A comment, to the end of its line.
			if nl := strings.IndexAny(rest, "\r\n"); nl >= 0 {
				rest = rest[nl:]
			} else {
				rest = ""
			}
		case quote == 0 && (r == '"' || r == '\'') && startsValue(prev, spaced):
			quote, open, lastEnded = r, at, false
		case quote == 0 && isSpace:
			spaced = true
		case quote == 0:
			lastEnded, prev, spaced = false, r, false
		case quote == '"' && r == '\\' && rest != "" && rest[0] != '\n' && rest[0] != '\r':
			_, n := utf8.DecodeRuneInString(rest)
			rest = rest[n:]
			at.col++
		case r == quote && quote == '\'' && strings.HasPrefix(rest, "'"):
			rest = rest[1:]
			at.col++
		case r == quote:
			quote, end, lastEnded, prev, spaced = 0, at, true, r, false
		}
	}
	return open, end, lastEnded && quote == 0
}

// startsValue tells whether a quotation mark after prev (the last character
// before it on its line but for spaces; none at the line's start), and a
// space or not, opens a quoted value: at the start of a line, after a
// key's colon or a list's dash and a space, or in brackets and braces.
func startsValue(prev rune, spaced bool) bool {
	switch prev {
	case 0, '[', '{', ',':
		return true
	case ':', '-', '?':
		return spaced
	}
	return false
}

// YAMLReason says the YAML library's reason in the editor's words, for the
// mistakes editors make; any other reason is passed on as it is.
func YAMLReason(p *message.Printer, reason string) string {
	switch {
	case reason == unclosedQuote, strings.Contains(reason, "double-quoted"), strings.Contains(reason, "single-quoted"):
		return p.Sprintf("a quotation mark opened here is not closed")
	case reason == textAfterQuote:
		return p.Sprintf("this quotation mark ends the value, and more text follows it: write quotation marks inside a value as „…“, or put the whole value in single quotes ('…')")
	case strings.HasPrefix(reason, "value is not allowed in this context"):
		return p.Sprintf("a value cannot stand here: does something follow a finished value on this line, or is the line indented unlike those around it?")
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
// data/organizacije.yaml, whose text src is, in the list's order; p says
// what is wrong with it.
func DataIDs(p *message.Printer, rel string, src []byte) ([]string, error) {
	var entries []struct {
		ID string `yaml:"id"`
	}
	if err := DecodeYAML(p, rel, src, 0, &entries); err != nil {
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
