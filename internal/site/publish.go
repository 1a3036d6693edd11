package site

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
func PublishedLinks(b []byte) []byte {
	if !bytes.Contains(b, []byte("/sr-latn/")) && !bytes.Contains(b, []byte("/sr-cyrl/")) {
		return b
	}
	b = bytes.ReplaceAll(b, []byte("/sr-latn/"), []byte("/lat/"))
	return bytes.ReplaceAll(b, []byte("/sr-cyrl/"), []byte("/"))
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
