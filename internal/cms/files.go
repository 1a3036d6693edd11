package cms

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"

	"centar/internal/content"
	"centar/internal/merge"
)

// listKey is the key under which the CMS sees a data file whose root is a
// list.
const listKey = "stavke"

// dataForCMS turns a data file into what Decap edits: a root list is put
// under listKey.
func dataForCMS(d content.DataFile, src []byte) ([]byte, error) {
	if !d.List {
		return src, nil
	}
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", d.Path, err)
	}
	if v == nil {
		v = []any{}
	}
	return yaml.Marshal(map[string]any{listKey: v})
}

// dataFromCMS turns what Decap saved back into the data file: the list taken
// out from under listKey, and the old file's opening comments, which say
// what the file is and how to fill it, kept.
func dataFromCMS(d content.DataFile, old, src []byte) ([]byte, error) {
	out := src
	if d.List {
		// Ordered: each record keeps its fields in the form's order, not
		// the alphabet's.
		var v yaml.MapSlice
		if err := yaml.UnmarshalWithOptions(src, &v, yaml.UseOrderedMap()); err != nil {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
		var items any = []any{}
		for _, item := range v {
			if item.Key == listKey && item.Value != nil {
				items = item.Value
			}
		}
		var err error
		if out, err = yaml.Marshal(items); err != nil {
			return nil, err
		}
	}
	// A new slice: appending to old's would write over old, which the
	// caller compares the result with.
	return slices.Concat(leadingComments(old), out), nil
}

// leadingComments returns the comment lines a file opens with.
func leadingComments(src []byte) []byte {
	end := 0
	for end < len(src) {
		line := src[end:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1]
		}
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' {
			break
		}
		end += len(line)
	}
	return src[:end]
}

// changedPage returns the page to write when Decap sends raw for a page
// that now holds old: old with each field whose value raw changes
// rewritten in its own lines, and with raw's text when that changed; the
// key order, comments and quotes of the rest stay as old has them. changed
// is false when raw says what old says: a field Decap adds empty, or writes
// in other quotes, is no change.
func changedPage(old, raw []byte) (page []byte, changed bool, err error) {
	oh, err1 := content.ParseHeader(old)
	nh, err2 := content.ParseHeader(raw)
	if err1 != nil || err2 != nil || !oh.Has() || !nh.Has() {
		return raw, !bytes.Equal(old, raw), nil
	}
	ov, err1 := oh.Values()
	nv, err2 := nh.Values()
	if err1 != nil || err2 != nil {
		return raw, !bytes.Equal(old, raw), nil
	}
	page = old
	for _, key := range nh.Keys() {
		was, had := ov[key]
		now := nv[key]
		if (had && content.SameValue(was, now)) || (!had && content.Empty(now)) {
			continue
		}
		if page, err = setField(page, key, now); err != nil {
			return nil, false, err
		}
	}
	// Decap reads the text without the blank lines that open it and
	// writes it with a line break of its own at the end: those are the
	// page's, not the editor's. Its rich-text editor writes every line
	// anew: lines that read as they did stay as they were.
	crlf := bytes.Contains(old, []byte("\r\n"))
	oldBody := strings.ReplaceAll(oh.Body(), "\r\n", "\n")
	body := string(merge.Keep([]byte(oldBody), []byte(nh.Body()), decapKey, unescapeKeep))
	if strings.Trim(body, "\n") != strings.Trim(oldBody, "\n") {
		body = oldBody[:len(oldBody)-len(strings.TrimLeft(oldBody, "\n"))] + strings.TrimLeft(body, "\n")
		if strings.HasSuffix(oldBody, "\n") && !strings.HasSuffix(body, "\n") {
			body += "\n"
		}
		if crlf {
			body = strings.ReplaceAll(body, "\n", "\r\n")
		}
		h, err := content.ParseHeader(page)
		if err != nil {
			return nil, false, err
		}
		page = append([]byte(h.Source()[:len(h.Source())-len(h.Body())]), body...)
	}
	return page, !bytes.Equal(page, old), nil
}

// decapKey is a line of Markdown as Decap's rich-text editor writes it back
// when it did not change it: its list items marked *, not - or +, and a
// backslash before punctuation it fears Markdown would read.
func decapKey(line []byte) string {
	l := strings.TrimRight(string(line), " \t\r\n")
	rest := strings.TrimLeft(l, " \t")
	indent := l[:len(l)-len(rest)]
	if len(rest) >= 2 && strings.ContainsRune("-*+", rune(rest[0])) && rest[1] == ' ' {
		rest = "-" + rest[1:]
	}
	var b strings.Builder
	b.WriteString(indent)
	for i := 0; i < len(rest); i++ {
		if rest[i] == '\\' && i+1 < len(rest) && strings.IndexByte(markdownPunctuation, rest[i+1]) >= 0 {
			continue
		}
		b.WriteByte(rest[i])
	}
	return b.String()
}

// markdownPunctuation is what Markdown lets a backslash escape.
const markdownPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// unescapeKeep writes back the brackets of text kept as written, [[ … ]],
// which Decap's rich-text editor escapes as it would a link's.
func unescapeKeep(line []byte) []byte {
	return bytes.ReplaceAll(line, []byte("\\[["), []byte("[["))
}

// setField returns the page with its header field key set to value.
func setField(page []byte, key string, value any) ([]byte, error) {
	h, err := content.ParseHeader(page)
	if err != nil {
		return nil, err
	}
	return h.Set(key, value)
}

// untouched reports whether a page Decap sends for a language the editor
// left alone says nothing of its own: no title, description or text (the
// fields Decap copies from the Serbian page, a date, say, do not count).
func untouched(raw []byte) bool {
	h, err := content.ParseHeader(raw)
	if err != nil {
		return false
	}
	for _, f := range []string{"title", "description"} {
		var v any
		if _, err := h.Value(f, &v); err != nil || !content.Empty(v) {
			return false
		}
	}
	return strings.TrimSpace(h.Body()) == ""
}

// sameData reports whether two data files hold the same values.
func sameData(a, b []byte) (bool, error) {
	if a == nil {
		return false, nil
	}
	var va, vb any
	if err := yaml.Unmarshal(a, &va); err != nil {
		return false, err
	}
	if err := yaml.Unmarshal(b, &vb); err != nil {
		return false, err
	}
	return content.SameValue(va, vb), nil
}
