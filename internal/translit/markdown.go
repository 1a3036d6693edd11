package translit

import (
	"fmt"
	"regexp"
	"strings"
)

// DefaultFields are the front-matter fields that hold text for readers; every
// other field is a key or a machine value and stays byte-identical.
var DefaultFields = []string{"title", "description", "summary", "linkTitle"}

// Markdown converts a Markdown document to the script, changing only text that
// readers see: headings, paragraphs, lists, tables, emphasis, link text, link
// and image titles, image alt text, and the front-matter fields named in fields
// (DefaultFields when nil). URLs, code, shortcodes, HTML and every other
// front-matter value stay byte-identical, and every line stays on its line.
func (t *Translit) Markdown(src string, to Script, fields []string) (string, error) {
	if fields == nil {
		fields = DefaultFields
	}
	m := &mdConverter{text: cyrillicToLatin, fields: map[string]bool{}}
	if to == Cyrillic {
		m.text = t.toCyrillic
	}
	for _, f := range fields {
		m.fields[f] = true
	}
	lines := strings.SplitAfter(src, "\n")
	end, err := frontMatterEnd(lines)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(len(src) + len(src)/2)
	body := lines
	if end > 0 {
		b.WriteString(lines[0])
		m.frontMatter(&b, lines[1:end])
		b.WriteString(lines[end])
		body = lines[end+1:]
	}
	m.body(&b, body)
	return b.String(), nil
}

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

type mdConverter struct {
	text   func(string) string
	fields map[string]bool
}

var (
	fmKey      = regexp.MustCompile(`^([A-Za-z_][\w-]*)(\s*:\s*)(.*?)(\r?\n?)$`)
	fmListItem = regexp.MustCompile(`^(\s+-\s+)(.*?)(\r?\n?)$`)
	fenceOpen  = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	htmlBlock  = regexp.MustCompile(`^ {0,3}<(/?[A-Za-z][A-Za-z0-9-]*[\s/>]|/?[A-Za-z][A-Za-z0-9-]*$|!--|!|\?)`)
	listItem   = regexp.MustCompile(`^\s*([-*+]|\d{1,9}[.)])(\s|$)`)
	refDef     = regexp.MustCompile(`^( {0,3}\[[^\]]+\]:\s*)(<[^>]*>|\S+)(\s+)?(.*?)(\r?\n?)$`)
	entity     = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
	autolink   = regexp.MustCompile(`^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>`)
	inlineHTML = regexp.MustCompile(`^(<!--[\s\S]*?-->|</?[A-Za-z][A-Za-z0-9-]*(\s+[A-Za-z_:][\w.:-]*(\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*\s*/?>)`)
	// One ^ for the whole: Go's regexp does not treat ^A|^B as anchored and
	// would try every later position, quadratic over a line of braces.
	attributeSet = regexp.MustCompile(`^(?:\{[#.][^{}\n]*\}|\{\s*[A-Za-z][\w-]*=[^{}\n]*\})`)
)

// frontMatter converts the values of the reader-facing fields.
func (m *mdConverter) frontMatter(b *strings.Builder, lines []string) {
	inField := false // inside a block scalar or list of a reader-facing field
	for _, line := range lines {
		if k := fmKey.FindStringSubmatch(line); k != nil {
			inField = m.fields[k[1]]
			if !inField {
				b.WriteString(line)
				continue
			}
			b.WriteString(k[1] + k[2] + m.scalar(k[3]) + k[4])
			continue
		}
		indented := strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
		switch {
		case inField && indented:
			if it := fmListItem.FindStringSubmatch(line); it != nil {
				b.WriteString(it[1] + m.scalar(it[2]) + it[3])
			} else {
				b.WriteString(m.text(line))
			}
		default:
			if !indented && strings.TrimSpace(line) != "" {
				inField = false
			}
			b.WriteString(line)
		}
	}
}

// scalar converts a YAML scalar as written: inside its quotes, around escapes.
func (m *mdConverter) scalar(v string) string {
	switch {
	case v == "" || v == "|" || v == ">" || strings.HasPrefix(v, "|-") || strings.HasPrefix(v, ">-") || v == "|+" || v == ">+":
		return v
	case strings.HasPrefix(v, `"`):
		var b strings.Builder
		start := 0
		for i := 1; i < len(v); i++ {
			if v[i] == '\\' && i+1 < len(v) {
				b.WriteString(m.text(v[start:i]))
				b.WriteString(v[i : i+2])
				i++
				start = i + 1
			}
		}
		b.WriteString(m.text(v[start:]))
		return b.String()
	}
	return m.text(v)
}

// body converts the document after the front matter, block by block.
func (m *mdConverter) body(b *strings.Builder, lines []string) {
	var para []string
	flush := func() {
		if len(para) > 0 {
			b.WriteString(m.inline(strings.Join(para, "")))
			para = para[:0]
		}
	}
	fence := ""
	inHTML, inComment, inList, prevBlank := false, false, false, true
	for _, line := range lines {
		trimmed := strings.TrimRight(line, "\r\n")
		blank := strings.TrimSpace(trimmed) == ""
		switch {
		case fence != "":
			b.WriteString(line)
			if strings.HasPrefix(strings.TrimLeft(trimmed, " "), fence) && strings.Trim(strings.TrimSpace(trimmed), fence[:1]) == "" {
				fence = ""
			}
		case inComment:
			b.WriteString(line)
			inComment = !strings.Contains(line, "-->")
		case inHTML:
			b.WriteString(line)
			inHTML = !blank
		case blank:
			flush()
			b.WriteString(line)
		case fenceOpen.MatchString(trimmed):
			flush()
			f := fenceOpen.FindStringSubmatch(trimmed)[1]
			fence = f
			b.WriteString(line)
		case htmlBlock.MatchString(trimmed):
			flush()
			b.WriteString(line)
			if strings.HasPrefix(strings.TrimSpace(trimmed), "<!--") {
				inComment = !strings.Contains(line, "-->")
			} else {
				inHTML = true
			}
		case prevBlank && !inList && (strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t")):
			flush()
			b.WriteString(line) // indented code
			continue            // stays "after a blank" for the next code line
		case refDef.MatchString(line) && len(para) == 0:
			r := refDef.FindStringSubmatch(line)
			b.WriteString(r[1] + r[2] + r[3] + m.linkTitle(r[4]) + r[5])
		default:
			if listItem.MatchString(trimmed) {
				inList = true
			} else if prevBlank && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") {
				inList = false
			}
			para = append(para, line)
		}
		prevBlank = blank
	}
	flush()
}

// linkTitle converts a quoted or parenthesised link title, keeping its delimiters.
func (m *mdConverter) linkTitle(s string) string {
	if len(s) >= 2 {
		open, close := s[0], s[len(s)-1]
		if (open == '"' && close == '"') || (open == '\'' && close == '\'') || (open == '(' && close == ')') {
			return s[:1] + m.text(s[1:len(s)-1]) + s[len(s)-1:]
		}
	}
	return s
}

// inline converts the text of one block, keeping inline code, shortcodes,
// HTML, entities, autolinks, link destinations and labels byte-identical.
func (m *mdConverter) inline(s string) string {
	var b strings.Builder
	start := 0
	found := newSpans(s)
	br := &brackets{found: found, match: map[int]int{}}
	emit := func(i int, verbatim string, skip int) int {
		b.WriteString(m.text(s[start:i]))
		b.WriteString(verbatim)
		start = i + skip
		return start
	}
	for i := 0; i < len(s); {
		rest := s[i:]
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i = emit(i, s[i:i+2], 2)
				continue
			}
		case '`', '{':
			if n := found.verbatim(i); n > 0 {
				i = emit(i, rest[:n], n)
				continue
			}
			if n := len(attributeSet.FindString(rest)); n > 0 {
				i = emit(i, rest[:n], n)
				continue
			}
		case '&':
			if n := len(entity.FindString(rest)); n > 0 {
				i = emit(i, rest[:n], n)
				continue
			}
		case '<':
			if n := len(autolink.FindString(rest)); n > 0 {
				i = emit(i, rest[:n], n)
				continue
			}
			if n := len(inlineHTML.FindString(rest)); n > 0 {
				i = emit(i, rest[:n], n)
				continue
			}
		case '[', '!':
			if n := found.protected(i); n > 0 {
				i = emit(i, rest[2:n-2], n)
				continue
			}
			at := i
			if out, n := m.link(rest, func(open int) int { return br.closing(at+open) - at }); n > 0 {
				i = emit(i, out, n)
				continue
			}
		}
		i++
	}
	b.WriteString(m.text(s[start:]))
	return b.String()
}

// link converts a link or image at the start of s: its text or alt text and its
// title; the destination and any reference label stay as written. closing
// gives the index of the ] that closes the [ before open (below 0 when none
// does). It returns the converted link and the length of s it covers, or 0
// when s holds no link.
func (m *mdConverter) link(s string, closing func(open int) int) (string, int) {
	open := 1
	if strings.HasPrefix(s, "![") {
		open = 2
	} else if s[0] != '[' {
		return "", 0
	}
	if strings.HasPrefix(s[open:], "^") { // a footnote reference: a label
		return "", 0
	}
	closeAt := closing(open)
	if closeAt < 0 {
		return "", 0
	}
	text := m.inline(s[open:closeAt])
	after := s[closeAt+1:]
	switch {
	case strings.HasPrefix(after, "("):
		dest, title, tail, n := splitInlineLink(after)
		if n == 0 {
			return "", 0
		}
		return s[:open] + text + "](" + dest + m.linkTitle(title) + tail, closeAt + 1 + n
	case strings.HasPrefix(after, "["):
		end := strings.IndexByte(after, ']')
		if end < 0 {
			return "", 0
		}
		return s[:open] + text + "]" + after[:end+1], closeAt + 1 + end + 1
	}
	return s[:open] + text + "]", closeAt + 1
}

// brackets finds the ] that closes a [ of s, skipping escapes and code
// spans. A scan from one [ passes every [ inside it, and each of those is
// scanned just as if it were scanned from there: it remembers all their
// answers, so a line of a thousand [ is read once, not a thousand times.
type brackets struct {
	found *spans
	match map[int]int // index of a [ → index of its ], or -1
}

// closing returns the index of the ] closing the [ just before from, or -1.
func (b *brackets) closing(from int) int {
	if c, ok := b.match[from-1]; ok {
		return c
	}
	open := []int{from - 1}
	s := b.found.s
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '`':
			if n := b.found.verbatim(i); n > 0 {
				i += n - 1
			}
		case '[':
			if c, ok := b.match[i]; ok {
				if c < 0 {
					// A [ that never closes: none around it can close.
					for _, o := range open {
						b.match[o] = -1
					}
					return -1
				}
				i = c // its brackets are known: go past them
				continue
			}
			open = append(open, i)
		case ']':
			top := open[len(open)-1]
			open = open[:len(open)-1]
			b.match[top] = i
			if len(open) == 0 {
				return i
			}
		}
	}
	for _, o := range open {
		b.match[o] = -1
	}
	return -1
}

// splitInlineLink splits "(dest "title")" into the destination with the space
// after it, the title, and the closing part; n is the length covered, 0 when
// the parenthesis does not hold a link.
func splitInlineLink(s string) (dest, title, tail string, n int) {
	i := 1
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	if i < len(s) && s[i] == '<' {
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			return "", "", "", 0
		}
		i += end + 1
	} else {
		depth := 0
		for ; i < len(s); i++ {
			c := s[i]
			if c == '\\' {
				i++
				continue
			}
			if c == ' ' || c == '\t' || c == '\n' || (c == ')' && depth == 0) {
				break
			}
			if c == '(' {
				depth++
			} else if c == ')' {
				depth--
			}
		}
		i = min(i, len(s)) // a backslash at the very end
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	dest = s[1:i]
	if i < len(s) && (s[i] == '"' || s[i] == '\'' || s[i] == '(') {
		closer := s[i]
		if closer == '(' {
			closer = ')'
		}
		end := strings.IndexByte(s[i+1:], closer)
		if end < 0 {
			return "", "", "", 0
		}
		title = s[i : i+1+end+1]
		i += end + 2
	}
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
		j++
	}
	if j >= len(s) || s[j] != ')' {
		return "", "", "", 0
	}
	return dest, title, s[i : j+1], j + 1
}
