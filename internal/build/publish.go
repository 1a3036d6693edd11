package build

import (
	"bytes"
	"path"
	"strings"
)

// Published says where a file Hugo writes at rel (its slash path in the
// destination) is published, and what it holds there. Hugo has no setting for
// a language's URL prefix: what it publishes under the Latin language key
// (/sr-latn/: the Latin home page, its feed, sitemap and 404 page — every
// other Latin page already carries its /lat/ URL) goes to /lat/, and the
// default language's /sr-cyrl/ alias, which only redirects to /, nowhere
// (""). Links in pages, feeds and sitemaps point at the published addresses.
func Published(rel string, b []byte) (string, []byte) {
	first, rest, _ := strings.Cut(rel, "/")
	switch first {
	case "sr-cyrl":
		return "", nil
	case "sr-latn":
		rel = "lat/" + rest
	}
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".xml", ".txt", ".json", ".webmanifest":
		b = PublishedLinks(b)
	}
	return rel, b
}

// PublishedLinks points the links of a page Hugo wrote at the published
// addresses: /sr-latn/ becomes /lat/, and the Cyrillic /sr-cyrl/ the root.
// It rewrites b in place, as the new links are shorter, and returns what is
// left of it: a build publishes every page, and copies of them all would be
// work for the garbage collector while Hugo renders.
func PublishedLinks(b []byte) []byte {
	w, r := 0, 0 // where the next byte is written, and read
	keep := func(n int) {
		if w != r {
			copy(b[w:], b[r:r+n])
		}
		w, r = w+n, r+n
	}
	for {
		i := bytes.Index(b[r:], []byte("/sr-"))
		if i < 0 {
			keep(len(b) - r)
			return b[:w]
		}
		keep(i)
		switch rest := b[r:]; {
		case bytes.HasPrefix(rest, []byte("/sr-latn/")):
			w += copy(b[w:], "/lat/")
			r += len("/sr-latn/")
		case bytes.HasPrefix(rest, []byte("/sr-cyrl/")):
			w += copy(b[w:], "/")
			r += len("/sr-cyrl/")
		default:
			keep(len("/sr-"))
		}
	}
}

// HugoPath is where Hugo's own output holds the page published at urlPath
// when it is not at the same place: the Latin home page, feed, sitemap and
// 404 page, which are published under /lat/, not /sr-latn/.
func HugoPath(urlPath string) (string, bool) {
	rest, ok := strings.CutPrefix(urlPath, "/lat/")
	if !ok {
		return "", false
	}
	return "/sr-latn/" + rest, true
}
