// Package cms is the web CMS of the site: Decap CMS in the browser, its
// configuration generated from the content model, and Decap's proxy-backend
// protocol answered in Go over the workflow package, so that drafts are
// branches written with plumbing and the editor's folder is never touched
// until something is published. With the staff package's gate before it,
// it is the Centre's CMS server, where staff sign in.
//
// Of the project's packages it may import only workflow, build, content,
// check, explain, merge, msg, staff, translit and alphabet.
package cms

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/content"
	"centar/internal/translit"
	"centar/internal/workflow"
)

// The CMS sees the site through folders of its own, laid out as Decap's i18n
// expects — <collection>/<locale>/<slug>.md — while the site keeps Serbian
// under content/sr/<section>/ and each other language under
// content/<language>/<its own section>/, a page and its translations paired
// by translationKey. A locale is a content folder: sr, en, uk. This file
// maps one onto the other, for one tree of the repository at a time.

const serbian = content.SerbianFolder

// A layout is how a collection's entries lie in the site.
type layout int

const (
	// items: content/sr/<section>/<slug>.md, English by translationKey.
	items layout = iota
	// bundles: content/sr/<section>/<slug>/index.md and its own files,
	// Serbian only.
	bundles
	// pages: every other page, named <section>[.<page>] (the home page
	// "pocetna"), English by translationKey. The CMS edits them; new
	// sections and pages come from centar new.
	pages
)

// A collection is a kind of entry the CMS edits.
type collection struct {
	Name            string // Decap's name, and the CMS folder
	Section         string // the Serbian section, for items and bundles
	Layout          layout
	Label, Singular string
	Fields          []content.Field // its own, beside title and description
}

// mediaFolder holds the images of every page, published at /slike/.
const mediaFolder = "static/slike"

// catalog is the content model as the CMS shows it: its collections, in
// the order editors see them (items, the pages, bundles), its data, and its
// locales: Serbian, then each translated language's folder.
type catalog struct {
	model       *content.Model
	collections []collection
	locales     []string
}

func newCatalog(m *content.Model) *catalog {
	c := &catalog{model: m, locales: m.Folders()}
	add := func(k content.SectionKind, l layout) {
		for _, s := range m.Sections {
			if s.Kind == k {
				c.collections = append(c.collections, collection{Name: s.Name, Section: s.Name, Layout: l, Label: s.Label, Singular: s.Singular, Fields: s.Fields})
			}
		}
	}
	add(content.Items, items)
	c.collections = append(c.collections, collection{Name: m.Pages.Name, Layout: pages, Label: m.Pages.Label, Singular: m.Pages.Singular})
	add(content.Bundles, bundles)
	return c
}

// translatedLocale tells a locale other than Serbian the site has.
func (cat *catalog) translatedLocale(locale string) bool {
	return locale != serbian && slices.Contains(cat.locales, locale)
}

// label is the name of the language whose locale it is, in its own script.
func (cat *catalog) label(locale string) string {
	for _, l := range cat.model.Translated() {
		if l.Folder == locale {
			return l.Label
		}
	}
	return locale
}

// side names a locale's side of the form for the editor: Serbian in
// Serbian, every other language by its own name.
func (cat *catalog) side(locale string) string {
	if locale == serbian {
		return "српски"
	}
	return cat.label(locale)
}

// localeOf is the locale of a site path: its content folder's, Serbian for
// every other file.
func (cat *catalog) localeOf(site string) string {
	if rest, ok := strings.CutPrefix(site, "content/"); ok {
		if folder, _, _ := strings.Cut(rest, "/"); cat.translatedLocale(folder) {
			return folder
		}
	}
	return serbian
}

func (cat *catalog) named(name string) (collection, bool) {
	for _, c := range cat.collections {
		if c.Name == name {
			return c, true
		}
	}
	return collection{}, false
}

func (cat *catalog) bySection(section string) (collection, bool) {
	for _, c := range cat.collections {
		if c.Section == section && c.Section != "" {
			return c, true
		}
	}
	return collection{}, false
}

// dataAt is the data file at p, as the CMS edits it.
func (cat *catalog) dataAt(p string) (content.DataFile, bool) {
	for _, d := range cat.model.Data {
		if d.Path == p {
			return d, true
		}
	}
	return content.DataFile{}, false
}

// siteIndex is what the mapping needs to know of one tree.
type siteIndex struct {
	cat   *catalog
	files map[string]plumbing.Hash // every file
	// keys maps each content page to its translationKey.
	keys map[string]string
	// translated maps a translated locale and a translationKey to its page.
	translated map[string]map[string]string
	// sectionIn maps a translated locale and a Serbian section to the
	// section of that language: the sections whose _index pages share a
	// translationKey.
	sectionIn map[string]map[string]string
	// text holds every page's source, read once.
	text map[string][]byte
	// translations, once read, are how the tree's translations stand.
	translations *[]content.Translation
}

// newIndex reads the tree of c.
func newIndex(r *workflow.Repo, c *object.Commit, cat *catalog) (*siteIndex, error) {
	files, err := r.Files(c, "")
	if err != nil {
		return nil, err
	}
	x := &siteIndex{cat: cat, files: files, keys: map[string]string{}, translated: map[string]map[string]string{}, sectionIn: map[string]map[string]string{}, text: map[string][]byte{}}
	for _, locale := range cat.locales[1:] {
		x.translated[locale], x.sectionIn[locale] = map[string]string{}, map[string]string{}
	}
	for p := range files {
		if !strings.HasPrefix(p, "content/") || !strings.HasSuffix(p, ".md") {
			continue
		}
		data, err := r.ReadFile(c, p)
		if err != nil {
			return nil, err
		}
		x.text[p] = data
		if key := translationKey(data); key != "" {
			x.keys[p] = key
			if locale := cat.localeOf(p); locale != serbian {
				x.translated[locale][key] = p
			}
		}
	}
	for p, key := range x.keys {
		parts := strings.Split(p, "/")
		if len(parts) == 4 && parts[1] == serbian && parts[3] == "_index.md" {
			for locale, pages := range x.translated {
				if own, ok := pages[key]; ok {
					if ownParts := strings.Split(own, "/"); len(ownParts) == 4 && ownParts[3] == "_index.md" {
						x.sectionIn[locale][parts[2]] = ownParts[2]
					}
				}
			}
		}
	}
	return x, nil
}

// translationKey reads a page's translationKey, or "".
func translationKey(src []byte) string {
	var key string
	if h, err := content.ParseHeader(src); err == nil {
		h.Value("translationKey", &key)
	}
	return key
}

// ErrPath means a path the CMS sent is outside what it may read or write.
var ErrPath = errors.New("not a path the CMS may use")

// cleanPart checks one part of a path the CMS sent: no empty, dot or dot-dot
// part, no separator of another system, no control character.
func cleanPart(s string) error {
	if s == "" || s == "." || s == ".." || strings.ContainsAny(s, "\\\x00") {
		return fmt.Errorf("%w: %q", ErrPath, s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%w: %q", ErrPath, s)
		}
	}
	return nil
}

// splitPath splits a path the CMS sent into clean parts.
func splitPath(p string) ([]string, error) {
	if strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("%w: %q is absolute", ErrPath, p)
	}
	parts := strings.Split(p, "/")
	for _, part := range parts {
		if err := cleanPart(part); err != nil {
			return nil, err
		}
	}
	return parts, nil
}

// fileName makes an uploaded file's name one the site accepts: lower-case
// ASCII letters, digits and hyphens, as the check requires (IMG_1234.JPG →
// img-1234.jpg, Обука у Нишу.pdf → obuka-u-nisu.pdf).
func fileName(name string) string {
	ext := strings.ToLower(path.Ext(name))
	base := translit.Slug(strings.TrimSuffix(name, path.Ext(name)))
	if base == "" {
		base = "datoteka"
	}
	if translit.Slug(ext) != strings.TrimPrefix(ext, ".") {
		ext = ""
	}
	return base + ext
}

// pageName names a page of the pages collection, "" for a page it does not
// show.
func (cat *catalog) pageName(sitePath string) string {
	rest, ok := strings.CutPrefix(sitePath, "content/sr/")
	if !ok || !strings.HasSuffix(rest, ".md") {
		return ""
	}
	parts := strings.Split(strings.TrimSuffix(rest, ".md"), "/")
	if parts[len(parts)-1] == "_index" {
		parts = parts[:len(parts)-1]
	} else if len(parts) == 1 || parts[len(parts)-1] == "index" {
		return "" // a page at the root, or a bundle
	}
	if len(parts) == 0 {
		return cat.model.Home
	}
	if cat.model.Taxonomy(parts[0]) {
		return ""
	}
	if c, ok := cat.bySection(parts[0]); ok && len(parts) > 1 && c.Layout != pages {
		return "" // an item or bundle of its own collection
	}
	return strings.Join(parts, ".")
}

// pagePath is the Serbian page a page name stands for, in this tree.
func (x *siteIndex) pagePath(name string) (string, bool) {
	if name == x.cat.model.Home {
		return "content/sr/_index.md", true
	}
	dir := strings.ReplaceAll(name, ".", "/")
	for _, p := range []string{"content/sr/" + dir + "/_index.md", "content/sr/" + dir + ".md"} {
		if _, ok := x.files[p]; ok && x.cat.pageName(p) == name {
			return p, true
		}
	}
	return "", false
}

// translationPath is where the version in locale of the Serbian page
// srPath is, or goes: the page with its translationKey, else beside the
// other pages of its section in that language, under the same name.
func (x *siteIndex) translationPath(locale, srPath, key string) (string, error) {
	if key == "" {
		key = x.keys[srPath]
	}
	if p, ok := x.translated[locale][key]; ok && key != "" {
		return p, nil
	}
	rest := strings.TrimPrefix(srPath, "content/sr/")
	section, tail, nested := strings.Cut(rest, "/")
	if !nested {
		return "content/" + locale + "/" + rest, nil // the home page
	}
	own, ok := x.sectionIn[locale][section]
	if !ok {
		return "", fmt.Errorf("%w: the section %s has no section in %s to put a translation in", ErrPath, section, locale)
	}
	return "content/" + locale + "/" + own + "/" + tail, nil
}

// An entryFile is one file of an entry: where the CMS sees it and where it is.
type entryFile struct {
	cms, site string
}

// sitePath maps a path the CMS sent to the site's. key, when set, is the
// translationKey the entry's Serbian page has or is being given, for an
// English path whose page does not exist yet.
func (x *siteIndex) sitePath(cmsPath, key string) (string, error) {
	parts, err := splitPath(cmsPath)
	if err != nil {
		return "", err
	}
	if _, ok := x.cat.dataAt(cmsPath); ok {
		return cmsPath, nil
	}
	if strings.HasPrefix(cmsPath, mediaFolder+"/") && len(parts) == 3 {
		return mediaFolder + "/" + fileName(parts[2]), nil
	}
	c, ok := x.cat.named(parts[0])
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrPath, cmsPath)
	}
	switch c.Layout {
	case bundles:
		if len(parts) != 3 {
			return "", fmt.Errorf("%w: %q", ErrPath, cmsPath)
		}
		dir := "content/sr/" + c.Section + "/" + translit.Slug(parts[1])
		if parts[2] == "index.md" {
			return dir + "/index.md", nil
		}
		return dir + "/" + fileName(parts[2]), nil
	case items, pages:
		if len(parts) != 3 || (parts[1] != serbian && !x.cat.translatedLocale(parts[1])) || !strings.HasSuffix(parts[2], ".md") {
			return "", fmt.Errorf("%w: %q", ErrPath, cmsPath)
		}
		name := strings.TrimSuffix(parts[2], ".md")
		var sr string
		if c.Layout == items {
			sr = "content/sr/" + c.Section + "/" + translit.Slug(name) + ".md"
		} else if sr, ok = x.pagePath(name); !ok {
			return "", fmt.Errorf("%w: there is no page %q", ErrPath, name)
		}
		if parts[1] == serbian {
			return sr, nil
		}
		return x.translationPath(parts[1], sr, key)
	}
	return "", fmt.Errorf("%w: %q", ErrPath, cmsPath)
}

// entries lists, for a Decap folder, every entry file the site has in this
// tree, sorted by the CMS path.
func (x *siteIndex) entries(folder string) []entryFile {
	c, ok := x.cat.named(folder)
	if !ok {
		return nil
	}
	var out []entryFile
	add := func(sr, name string) {
		out = append(out, entryFile{cms: c.Name + "/" + serbian + "/" + name + ".md", site: sr})
		if key := x.keys[sr]; key != "" {
			for _, locale := range x.cat.locales[1:] {
				if own, ok := x.translated[locale][key]; ok {
					out = append(out, entryFile{cms: c.Name + "/" + locale + "/" + name + ".md", site: own})
				}
			}
		}
	}
	for p := range x.files {
		switch c.Layout {
		case items:
			dir, name := path.Split(p)
			if dir == "content/sr/"+c.Section+"/" && strings.HasSuffix(name, ".md") && name != "_index.md" {
				add(p, strings.TrimSuffix(name, ".md"))
			}
		case pages:
			if name := x.cat.pageName(p); name != "" {
				add(p, name)
			}
		case bundles:
			rest, ok := strings.CutPrefix(p, "content/sr/"+c.Section+"/")
			if slug, file, ok2 := strings.Cut(rest, "/"); ok && ok2 && file == "index.md" {
				out = append(out, entryFile{cms: c.Name + "/" + slug + "/index.md", site: p})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].cms < out[j].cms })
	return out
}
