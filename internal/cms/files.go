package cms

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
)

// listKey is the key under which the CMS sees a data file whose root is a
// list.
const listKey = "stavke"

// dataForCMS turns a data file into what Decap edits: a root list is put
// under listKey.
func dataForCMS(d dataFile, src []byte) ([]byte, error) {
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
func dataFromCMS(d dataFile, old, src []byte) ([]byte, error) {
	out := src
	if d.List {
		var v map[string]any
		if err := yaml.Unmarshal(src, &v); err != nil {
			return nil, fmt.Errorf("%s: %w", d.Path, err)
		}
		items, ok := v[listKey]
		if !ok || items == nil {
			items = []any{}
		}
		var err error
		if out, err = yaml.Marshal(items); err != nil {
			return nil, err
		}
	}
	return append(leadingComments(old), out...), nil
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

// withKey returns a page's source with translationKey: key in its header,
// unless it has a translationKey of its own.
func withKey(src []byte, key string) []byte {
	if translationKey(src) != "" {
		return src
	}
	text := string(src)
	if !strings.HasPrefix(text, "---\n") {
		return src
	}
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	b.WriteString(lines[0])
	b.WriteString("translationKey: " + strconv.Quote(key) + "\n")
	inHeader := true
	for _, l := range lines[1:] {
		if inHeader && strings.TrimRight(l, "\n") == "---" {
			inHeader = false
		}
		if inHeader && strings.HasPrefix(l, "translationKey:") {
			continue // an empty key Decap wrote
		}
		b.WriteString(l)
	}
	return []byte(b.String())
}
