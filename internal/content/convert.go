package content

import (
	"regexp"
	"strings"

	"centar/internal/translit"
)

// Convert transliterates a Markdown document, changing only what readers
// see: the text of headings, paragraphs, lists, tables, emphasis, links,
// footnotes, link and image titles, image descriptions, and the front-matter
// fields named in fields (ReaderFields when nil). Every other byte (URLs,
// code, shortcodes, HTML, keys and machine values) stays as it is, and every
// line stays on its line; text in [[…]] stays as written and loses its
// brackets.
func Convert(tr *translit.Translit, src string, to translit.Script, fields []string) (string, error) {
	return NewPage(src).Convert(tr, to, fields)
}

func fieldSet(fields []string) map[string]bool {
	set := make(map[string]bool, len(fields))
	for _, f := range fields {
		set[f] = true
	}
	return set
}

// blockSeparator stands between the spans of one block while they are
// converted together, so that a word sees its neighbours across emphasis or a
// link. It is white space to the converter, and rare in text.
const blockSeparator = "\u205F"

// ConvertBody writes the body of d with its reader text passed through text.
func ConvertBody(b *strings.Builder, d *Doc, text func(string) string) {
	src := string(d.Source)
	pos := 0
	protected := d.Protected
	// copyTo writes the source up to end as it is, a protected span without
	// its brackets.
	copyTo := func(end int) {
		for len(protected) > 0 && protected[0].Start < end {
			p := protected[0]
			protected = protected[1:]
			b.WriteString(src[pos:p.Start])
			b.WriteString(src[p.Start+2 : p.End-2])
			pos = p.End
		}
		b.WriteString(src[pos:end])
		pos = end
	}
	spans := d.Text
	for len(spans) > 0 {
		n := 1
		for n < len(spans) && spans[n].Block == spans[0].Block {
			n++
		}
		block := spans[:n]
		spans = spans[n:]
		for i, out := range convertBlock(src, block, text) {
			copyTo(block[i].Start)
			b.WriteString(out)
			pos = block[i].End
		}
	}
	copyTo(len(src))
}

// convertBlock converts the spans of one block together, or one by one when
// a span holds the separator itself.
func convertBlock(src string, block []Span, text func(string) string) []string {
	parts := make([]string, len(block))
	for i, s := range block {
		parts[i] = src[s.Start:s.End]
	}
	joined := strings.Join(parts, blockSeparator)
	if strings.Count(joined, blockSeparator) == len(block)-1 {
		if out := strings.Split(text(joined), blockSeparator); len(out) == len(block) {
			return out
		}
	}
	for i := range parts {
		parts[i] = text(parts[i])
	}
	return parts
}

var fmListItem = regexp.MustCompile(`^(\s+-\s+)(.*?)(\r?\n?)$`)

// keyLine splits a front-matter line that opens a top-level entry into its
// key, the colon with the white space around it, the value, and the line's
// end; ok is false for any other line. It reads every header line of every
// page in both scripts, as the pattern ^([A-Za-z_][\w-]*)(\s*:\s*)(.*?)(\r?\n?)$
// did at ten times the cost (its lazy value backtracked over long lines).
func keyLine(line string) (key, sep, value, eol string, ok bool) {
	i := 0
	for i < len(line) && (asciiLetter(line[i]) || line[i] == '_' || i > 0 && ('0' <= line[i] && line[i] <= '9' || line[i] == '-')) {
		i++
	}
	j := i
	for j < len(line) && yamlSpace(line[j]) {
		j++
	}
	if i == 0 || j == len(line) || line[j] != ':' {
		return "", "", "", "", false
	}
	for j++; j < len(line) && yamlSpace(line[j]); j++ {
	}
	rest := line[j:]
	end := len(rest)
	if end > 0 && rest[end-1] == '\n' {
		end--
	}
	if end > 0 && rest[end-1] == '\r' {
		end--
	}
	if strings.Contains(rest[:end], "\n") {
		return "", "", "", "", false
	}
	return line[:i], line[i:j], rest[:end], rest[end:], true
}

func asciiLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// yamlSpace is the white space of the pattern's \s: tab, new line, form
// feed, carriage return and space.
func yamlSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ' }

// convertFrontMatter converts the values of the reader-facing fields of the
// front matter fm, whose fields lie in it as spans say, so that every other
// byte of the header stays as written.
func convertFrontMatter(b *strings.Builder, fm string, spans []headerField, fields map[string]bool, text func(string) string) {
	at := 0
	for _, f := range spans {
		if !fields[f.key] {
			continue
		}
		b.WriteString(fm[at:f.start])
		for line := range strings.Lines(fm[f.start:f.end]) {
			if key, sep, value, eol, ok := keyLine(line); ok {
				b.WriteString(key + sep + scalar(value, text) + eol)
				continue
			}
			if !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t") {
				b.WriteString(line) // a blank line inside a block of text
				continue
			}
			if it := fmListItem.FindStringSubmatch(line); it != nil {
				b.WriteString(it[1] + scalar(it[2], text) + it[3])
			} else {
				b.WriteString(text(line))
			}
		}
		at = f.end
	}
	b.WriteString(fm[at:])
}

// scalar converts a YAML scalar as written: inside its quotes, around escapes.
func scalar(v string, text func(string) string) string {
	switch {
	case v == "" || v == "|" || v == ">" || strings.HasPrefix(v, "|-") || strings.HasPrefix(v, ">-") || v == "|+" || v == ">+":
		return v
	case strings.HasPrefix(v, `"`):
		var b strings.Builder
		start := 0
		for i := 1; i < len(v); i++ {
			if v[i] == '\\' && i+1 < len(v) {
				b.WriteString(text(v[start:i]))
				b.WriteString(v[i : i+2])
				i++
				start = i + 1
			}
		}
		b.WriteString(text(v[start:]))
		return b.String()
	}
	return text(v)
}
