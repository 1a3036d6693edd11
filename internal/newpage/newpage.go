// Package newpage creates a content file from the site's archetypes, with a
// slug made from its title.
//
// Of the project's packages it may import only content and translit.
package newpage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"centar/internal/content"
	"centar/internal/translit"
)

// A Kind is what an editor can create.
type Kind struct {
	Name      string // as typed: news, page, leaflet, document
	Section   string // folder under content/sr; "" when the editor chooses
	Bundle    bool   // a folder with index.md, for files beside the text
	Archetype string // under archetypes/
}

// Kinds are the kinds of content an editor can create in a site of the
// model m: an item of each section that makes them, and a page.
func Kinds(m *content.Model) []Kind {
	var out []Kind
	for _, s := range m.Sections {
		if s.New != "" {
			out = append(out, Kind{Name: s.New, Section: s.Name, Bundle: s.Kind == content.Bundles, Archetype: s.Archetype})
		}
	}
	return append(out, Kind{Name: m.Pages.New, Archetype: m.Pages.Archetype})
}

// Options are what a new page's front matter is filled with.
type Options struct {
	Section      string // for kind page: the folder under content/sr
	Organization string // the submitting organisation (id in data/organizacije.yaml)
	Category     string // for documents: the id in data/dokumenti.yaml
	Now          time.Time
}

// Errors the command line explains to the editor.
var (
	ErrUnknownKind = errors.New("unknown kind")
	ErrEmptySlug   = errors.New("the title gives no slug")
	ErrNoSection   = errors.New("no such section")
)

// ExistsError means a page with the slug is already there.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + " already exists" }

// Create writes the new page in the site at root, of the model m, and
// returns its path relative to root.
func Create(m *content.Model, root, kindName, title string, o Options) (string, error) {
	var kind *Kind
	for _, k := range Kinds(m) {
		if k.Name == kindName {
			kind = &k
		}
	}
	if kind == nil {
		return "", ErrUnknownKind
	}
	slug := translit.Slug(title)
	if slug == "" {
		return "", ErrEmptySlug
	}
	section := kind.Section
	if section == "" {
		section = o.Section
		if info, err := os.Stat(filepath.Join(root, "content", content.SerbianFolder, section)); section == "" || strings.Contains(section, "..") || err != nil || !info.IsDir() {
			return "", ErrNoSection
		}
	}
	dir := "content/" + content.SerbianFolder + "/" + section + "/"
	for _, taken := range []string{dir + slug + ".md", dir + slug} {
		if _, err := os.Stat(filepath.Join(root, taken)); err == nil {
			return "", &ExistsError{taken}
		}
	}
	rel := dir + slug + ".md"
	if kind.Bundle {
		rel = dir + slug + "/index.md"
	}
	tmpl, err := template.ParseFiles(filepath.Join(root, "archetypes", kind.Archetype))
	if err != nil {
		return "", fmt.Errorf("reading the archetype: %w", err)
	}
	var b bytes.Buffer
	err = tmpl.Execute(&b, map[string]string{
		"Title":        quote(title),
		"Date":         o.Now.Format("2006-01-02"),
		"Organization": o.Organization,
		"Category":     o.Category,
	})
	if err != nil {
		return "", fmt.Errorf("filling the archetype: %w", err)
	}
	abs := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return "", err
	}
	// O_EXCL: never overwrite, even if the file appeared since the check.
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return "", &ExistsError{rel}
		}
		return "", err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		os.Remove(abs)
		return "", err
	}
	return rel, f.Close()
}

// quote writes s as a YAML double-quoted string (JSON's syntax is YAML's).
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}
