package cms

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/goccy/go-yaml"

	"centar/internal/build"
	"centar/internal/content"
	"centar/internal/translit"
	"centar/internal/workflow"
)

// previewJSON is an entry as the editor has it in the form, not saved:
// each language's fields by name, the text as body.
type previewJSON struct {
	Collection string                    `json:"collection"`
	Slug       string                    `json:"slug"`
	Locales    map[string]map[string]any `json:"locales"`
}

// preview shows an entry as the form holds it: its pages as the site's
// preview renders them, in each script and in each language it has a side
// in ({pages: {sr-cyrl, sr-latn, en}}, and the site's languages in order
// with their names); where the site has no
// preview, its text in both scripts ({text: {cyrl, latn}}). What cannot be
// shown yet is said in the pane ({error}), not as a failed request: the
// editor is in the middle of writing it.
func (s *session) preview(raw json.RawMessage) (any, error) {
	var p previewJSON
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	c, ok := s.cat.named(p.Collection)
	if !ok {
		return nil, badRequest("there is no collection %q", p.Collection)
	}
	sr := p.Locales[serbian]
	body, _ := sr["body"].(string)
	if e := content.TooHeavy(body); e != nil {
		return map[string]string{"error": s.api.say(e.Say(s.api.P))}, nil
	}
	if s.api.Show == nil {
		return s.textPreview(sr)
	}
	files, own, err := s.previewFiles(c, p)
	if err != nil {
		return nil, err
	}
	pages, err := s.api.Show(files, own)
	var problems content.Findings
	switch {
	case errors.As(err, &problems):
		// Said as the form says them: no path, no header's syntax.
		var said []string
		for _, f := range s.findingsJSON(problems, func(site string) []byte { return files[site] }) {
			said = append(said, f.Label+": "+f.Message)
		}
		return map[string]string{"error": strings.Join(said, "\n")}, nil
	case err != nil:
		return map[string]string{"error": s.api.say(err.Error())}, nil
	}
	out := map[string]string{}
	for lang, html := range pages {
		out[lang] = string(html)
	}
	var languages [][2]string // the site's, in its order: key and name
	for _, l := range s.cat.model.Languages {
		languages = append(languages, [2]string{l.Key, l.Label})
	}
	return map[string]any{"pages": out, "languages": languages}, nil
}

// previewFiles are the files of an entry as the form holds it, by their
// path in the site, with the pages of the new terms it names; own are the
// entry's own pages among them.
func (s *session) previewFiles(c collection, p previewJSON) (files map[string][]byte, own []string, err error) {
	main, x, err := s.main()
	if err != nil {
		return nil, nil, err
	}
	slug := p.Slug
	if slug == "" { // a new entry: named by its title, as Decap will name it
		title, _ := p.Locales[serbian]["title"].(string)
		if slug = translit.Slug(title); slug == "" {
			slug = "nacrt"
		}
	}
	key := p.Collection + "-" + translit.Slug(slug)
	var writes []workflow.FileWrite
	// The draft's terms are the entry's too: its new town has its page.
	draft, inDraft, _ := s.r.Draft(p.Collection + "/" + p.Slug)
	have := func(site string) ([]byte, bool) {
		if h, ok := inDraft[site]; ok && !h.IsZero() {
			data, err := s.r.ReadFile(draft, site)
			return data, err == nil
		}
		if _, ok := x.files[site]; !ok {
			return nil, false
		}
		data, err := s.r.ReadFile(main, site)
		return data, err == nil
	}
	files = map[string][]byte{}
	for _, locale := range s.cat.locales {
		fields, ok := p.Locales[locale]
		if !ok {
			continue
		}
		cmsPath := c.Name + "/" + locale + "/" + slug + ".md"
		if c.Layout == bundles {
			if locale != serbian {
				continue
			}
			cmsPath = c.Name + "/" + slug + "/index.md"
		}
		site, err := x.sitePath(cmsPath, key)
		if err != nil {
			continue // a page with no side in this language
		}
		page, err := s.pageFile(c, fields, key)
		if err != nil {
			return nil, nil, err
		}
		if locale != serbian && untouched(page) {
			continue
		}
		if page, writes, err = s.newTerms(page, sectionOf(site), writes, have); err != nil {
			return nil, nil, err
		}
		files[site], own = page, append(own, site)
	}
	for _, w := range writes {
		if !w.Delete {
			files[w.Path] = w.Data
		}
	}
	// The terms the draft made are lent as well, as the draft has them.
	for site, h := range inDraft {
		if _, ok := files[site]; !ok && !h.IsZero() && s.cat.model.Taxonomy(sectionOf(site)) {
			if data, ok := have(site); ok {
				files[site] = data
			}
		}
	}
	return files, own, nil
}

// pageFile writes a page from the form's fields, in the order the form
// has them, with the translation key it shares with its translation.
func (s *session) pageFile(c collection, fields map[string]any, key string) ([]byte, error) {
	names := []string{"title", "description"}
	for _, f := range c.Fields {
		names = append(names, f.Name)
	}
	names = append(names, "weight", "draft")
	var header yaml.MapSlice
	for _, name := range names {
		if v, ok := fields[name]; ok && !content.Empty(v) {
			header = append(header, yaml.MapItem{Key: name, Value: v})
		}
	}
	if c.Layout != bundles {
		header = append(header, yaml.MapItem{Key: "translationKey", Value: key})
	}
	out, err := yaml.Marshal(header)
	if err != nil {
		return nil, err
	}
	body, _ := fields["body"].(string)
	return []byte("---\n" + string(out) + "---\n" + body), nil
}

// textPreview is the text of the form's Serbian side in both scripts, as
// the site's transliteration and Markdown write them.
func (s *session) textPreview(fields map[string]any) (any, error) {
	site, err := build.Open(s.api.Root, s.api.P)
	if err != nil {
		return nil, err
	}
	t, err := site.Translit()
	if err != nil {
		return map[string]string{"error": s.api.say(err.Error())}, nil
	}
	title, _ := fields["title"].(string)
	body, _ := fields["body"].(string)
	out := map[string]map[string]string{}
	for name, script := range map[string]translit.Script{"cyrl": translit.Cyrillic, "latn": translit.Latin} {
		converted, err := content.Convert(t, body, script, nil)
		if err != nil {
			converted = body
		}
		html, err := content.HTML(converted)
		if err != nil {
			return map[string]string{"error": s.api.say(err.Error())}, nil
		}
		out[name] = map[string]string{"title": t.String(title, script), "html": html}
	}
	return map[string]any{"text": out}, nil
}
