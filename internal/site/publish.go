package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"centar/internal/par"
)

// FinishOutput moves what Hugo publishes under the Latin language key
// (/sr-latn/: the Latin home page, its feed, sitemap and 404 page — every other
// Latin page already carries its /lat/ URL) to /lat/, and points every link at
// the new place. Hugo has no setting for a language's URL prefix.
func FinishOutput(public string) error {
	from := filepath.Join(public, "sr-latn")
	to := filepath.Join(public, "lat")
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.Rename(p, dst)
	})
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if err := os.RemoveAll(from); err != nil {
		return err
	}
	// The default language's /sr-cyrl/ alias only redirects to /.
	if err := os.RemoveAll(filepath.Join(public, "sr-cyrl")); err != nil {
		return err
	}
	var pages []string
	err = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".html", ".xml", ".txt", ".json", ".webmanifest":
			pages = append(pages, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Reading every page is mostly waiting on the disk: do it on every CPU.
	return par.Do(len(pages), func(i int) error {
		b, err := os.ReadFile(pages[i])
		if err != nil {
			return err
		}
		fixed := PublishedLinks(b)
		if bytes.Equal(fixed, b) {
			return nil
		}
		return os.WriteFile(pages[i], fixed, 0o644)
	})
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
// 404 page, which FinishOutput moves from /sr-latn/ to /lat/.
func HugoPath(urlPath string) (string, bool) {
	rest, ok := strings.CutPrefix(urlPath, "/lat/")
	if !ok {
		return "", false
	}
	return "/sr-latn/" + rest, true
}
