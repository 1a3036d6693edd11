package cms

import (
	"bytes"
	"path"
	"strings"

	"github.com/goccy/go-yaml"

	"centar/internal/content"
	"centar/internal/translit"
	"centar/internal/workflow"
)

// newTerms gives the values an editor typed into a page's terms (towns,
// tags) and known lists (organisations) that the site does not have yet
// their key and their place: a term's page, an entry in the list's data
// file, both as typed, written with the page. "Niš" and "Ниш" are one key,
// nis, as the site's taxonomy names its terms; a value that is a key
// already, or the name of one, stays that key. have reads a site file as the
// entry's writes or the published site hold it.
func (s *session) newTerms(page []byte, section string, writes []workflow.FileWrite, have func(string) ([]byte, bool)) ([]byte, []workflow.FileWrite, error) {
	h, err := content.ParseHeader(page)
	if err != nil || !h.Has() {
		return page, writes, nil // the check says what is wrong with it
	}
	for name, field := range s.cat.model.Schema(section) {
		switch field.Kind {
		case content.Terms:
			var values []string
			if ok, err := h.Value(name, &values); !ok || err != nil {
				continue
			}
			keyed := make([]string, 0, len(values))
			for _, v := range values {
				key, add := termKey(name, v, have)
				if add != nil {
					writes = append(writes, *add)
				}
				keyed = append(keyed, key)
			}
			if strings.Join(keyed, "\n") != strings.Join(values, "\n") {
				if page, err = h.Set(name, keyed); err != nil {
					return nil, nil, err
				}
				if h, err = content.ParseHeader(page); err != nil {
					return nil, nil, err
				}
			}
		case content.Known:
			var v string
			if ok, err := h.Value(name, &v); !ok || err != nil || v == "" {
				continue
			}
			key, list, err := knownKey(field.List, v, writes, have)
			if err != nil {
				return nil, nil, err
			}
			if list != nil {
				writes = setWrite(writes, *list)
			}
			if key != v {
				if page, err = h.Set(name, key); err != nil {
					return nil, nil, err
				}
				if h, err = content.ParseHeader(page); err != nil {
					return nil, nil, err
				}
			}
		}
	}
	return page, writes, nil
}

// termKey is the key of the term v of the taxonomy tax, and the page to
// write for it when the site has none.
func termKey(tax, v string, have func(string) ([]byte, bool)) (string, *workflow.FileWrite) {
	termPage := func(key string) string { return path.Join("content", serbian, tax, key, "_index.md") }
	if _, ok := have(termPage(v)); ok {
		return v, nil
	}
	key := translit.Slug(v)
	if key == "" {
		return v, nil // nothing to make a key of: the check says so
	}
	if _, ok := have(termPage(key)); ok {
		return key, nil
	}
	title, _ := yaml.Marshal(map[string]string{"title": v})
	return key, &workflow.FileWrite{Path: termPage(key), Data: []byte("---\n" + string(title) + "---\n")}
}

// knownKey is the id of v in the list at list (a data file of entries with
// id and name), and the list with a new entry for v when it has none: v is
// an id already, the name of one, or new.
func knownKey(list, v string, writes []workflow.FileWrite, have func(string) ([]byte, bool)) (string, *workflow.FileWrite, error) {
	data, _ := have(list)
	for _, w := range writes {
		if w.Path == list {
			data = w.Data
		}
	}
	var entries []struct{ ID, Name string }
	if err := yaml.Unmarshal(data, &entries); err != nil {
		return v, nil, nil // the check says what is wrong with the list
	}
	key := translit.Slug(v)
	for _, e := range entries {
		if e.ID == v || strings.EqualFold(e.Name, v) || translit.Slug(e.Name) == key {
			return e.ID, nil, nil
		}
	}
	if key == "" {
		return v, nil, nil
	}
	id, err := yaml.Marshal(key)
	if err != nil {
		return "", nil, err
	}
	name, err := yaml.Marshal(v)
	if err != nil {
		return "", nil, err
	}
	item := "- id: " + strings.TrimSpace(string(id)) + "\n  name: " + strings.TrimSpace(string(name)) + "\n"
	if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
		data = append(bytes.Clone(data), '\n')
	}
	return key, &workflow.FileWrite{Path: list, Data: append(bytes.Clone(data), item...)}, nil
}

// setWrite puts w among writes, in place of an earlier write of its path.
func setWrite(writes []workflow.FileWrite, w workflow.FileWrite) []workflow.FileWrite {
	for i := range writes {
		if writes[i].Path == w.Path {
			writes[i] = w
			return writes
		}
	}
	return append(writes, w)
}

// sectionOf is the section folder of a content page: vesti for
// content/sr/vesti/a.md.
func sectionOf(site string) string {
	rest := strings.TrimPrefix(site, "content/")
	_, rest, _ = strings.Cut(rest, "/")
	section, _, found := strings.Cut(rest, "/")
	if !found {
		return ""
	}
	return section
}
