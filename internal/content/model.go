// Package content is the content model: which parts of a page readers see,
// the rules a page's header follows, and one reading of its Markdown that
// transliteration, the build pipeline, the check and the leaflets share.
package content

import (
	"strings"
	"time"
)

// ReaderFields are the front-matter fields that hold text for readers; they
// are transliterated and checked for mixed scripts. Every other field is a
// key or a machine value and stays byte-identical.
var ReaderFields = []string{"title", "description", "summary", "linkTitle"}

// IsReaderField reports whether a front-matter field holds text for readers.
func IsReaderField(key string) bool {
	for _, f := range ReaderFields {
		if f == key {
			return true
		}
	}
	return false
}

// DateLayout is how a date is written in a page's header and in data files.
const DateLayout = "2006-01-02"

// IsDate reports whether s is a date as a page's header may give it:
// 2024-05-31, or a whole time such as 2024-05-31T10:00:00+02:00.
func IsDate(s string) bool {
	if _, err := time.Parse(DateLayout, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// HasTitle reports whether a page's title is given: every page needs one,
// for its heading, its tab and its links.
func HasTitle(title string) bool { return strings.TrimSpace(title) != "" }
