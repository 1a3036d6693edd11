package cms

import (
	"encoding/json"
	"maps"
	"os"
	"path"
	"path/filepath"

	"github.com/goccy/go-yaml"

	"centar/internal/alphabet"
	"centar/internal/build"
	"centar/internal/content"
	"centar/internal/msg"
	"centar/internal/translit"
)

// kv builds an ordered YAML mapping.
type kv = yaml.MapItem

// Config generates Decap's configuration for the site at root, whose
// content model is m (nil: read from the site): collections, fields,
// widgets and required fields from the same model the check enforces, so
// the two cannot drift. It is YAML, which JSON is too: format "json" gives
// it as JSON, which the admin reads.
func Config(root string, m *content.Model, format string) ([]byte, error) {
	if m == nil {
		var err error
		if m, err = content.Load(os.DirFS(root)); err != nil {
			return nil, err
		}
	}
	// centar cms's own proxy backend, at /api/v1 on the same server.
	backend := yaml.MapSlice{{Key: "name", Value: "proxy"}, {Key: "proxy_url", Value: "/api/v1"}, {Key: "branch", Value: "main"}}
	backend = append(backend, kv{Key: "commit_messages", Value: yaml.MapSlice{
		{Key: "create", Value: "Ново ({{collection}}): „{{slug}}”"},
		{Key: "update", Value: "Измена ({{collection}}): „{{slug}}”"},
		{Key: "delete", Value: "Брисање ({{collection}}): „{{slug}}”"},
		{Key: "uploadMedia", Value: "Датотека: {{path}}"},
		{Key: "deleteMedia", Value: "Брисање датотеке: {{path}}"},
	}})
	site := &options{root: root, model: m}
	if err := site.load(); err != nil {
		return nil, err
	}
	cfg := yaml.MapSlice{
		{Key: "backend", Value: backend},
		{Key: "publish_mode", Value: "editorial_workflow"},
		{Key: "locale", Value: "sr"},
		{Key: "media_folder", Value: mediaFolder},
		{Key: "public_folder", Value: "/slike"},
		{Key: "slug", Value: yaml.MapSlice{{Key: "encoding", Value: "unicode"}, {Key: "clean_accents", Value: false}, {Key: "sanitize_replacement", Value: "-"}}},
		{Key: "i18n", Value: yaml.MapSlice{{Key: "structure", Value: "multiple_folders"}, {Key: "locales", Value: m.Folders()}, {Key: "default_locale", Value: serbian}}},
	}
	var colls []yaml.MapSlice
	for _, c := range newCatalog(m).collections {
		colls = append(colls, site.collection(c))
	}
	colls = append(colls, site.data())
	cfg = append(cfg, kv{Key: "collections", Value: colls})
	if format == "json" {
		return yaml.MarshalWithOptions(cfg, yaml.JSON())
	}
	out, err := yaml.MarshalWithOptions(cfg, yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, err
	}
	return append([]byte("# Made by centar from the site's content model; do not edit by hand.\n"), out...), nil
}

// options is what the configuration offers editors to choose from, from
// the site on disk: each taxonomy's terms, each data list's entries, named
// in Cyrillic, the interface's script, and in the order of the azbuka.
type options struct {
	root  string
	model *content.Model
	terms map[string][]yaml.MapSlice // oznake, gradovi → their terms
	known map[string][]yaml.MapSlice // organizacija, kategorija → their entries
}

// choice is an option of a list: what the editor reads, what is stored.
type choice struct{ label, value string }

// listOptions are the options of a list, in the azbuka's order.
func listOptions(cs []choice) []yaml.MapSlice {
	alphabet.SortFunc(cs, translit.Cyrillic, func(c choice) string { return c.label })
	out := make([]yaml.MapSlice, len(cs))
	for i, c := range cs {
		out[i] = yaml.MapSlice{{Key: "label", Value: c.label}, {Key: "value", Value: c.value}}
	}
	return out
}

func (o *options) load() error {
	tr := siteTranslit(o.root)
	cyrillic := func(s string) string { return tr.String(s, translit.Cyrillic) }
	o.terms = map[string][]yaml.MapSlice{}
	for _, t := range o.model.Taxonomies {
		entries, err := os.ReadDir(filepath.Join(o.root, "content", serbian, t.Name))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		var cs []choice
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			title := e.Name()
			if h, err := readHeader(filepath.Join(o.root, "content", serbian, t.Name, e.Name(), "_index.md")); err == nil {
				h.Value("title", &title)
			}
			cs = append(cs, choice{cyrillic(title), e.Name()})
		}
		o.terms[t.Name] = listOptions(cs)
	}
	o.known = map[string][]yaml.MapSlice{}
	for field, list := range o.model.KnownLists() {
		var entries []struct {
			ID   string `yaml:"id"`
			Name string `yaml:"name"`
		}
		data, err := os.ReadFile(filepath.Join(o.root, list))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		_ = yaml.Unmarshal(data, &entries)
		var cs []choice
		for _, e := range entries {
			cs = append(cs, choice{cyrillic(e.Name), e.ID})
		}
		o.known[field] = listOptions(cs)
	}
	return nil
}

// siteTranslit is the site's transliterator, with the words it keeps in
// Latin; the engine's own when the site's list cannot be read (the check
// says why).
func siteTranslit(root string) *translit.Translit {
	if s, err := build.Open(root, msg.Printer(msg.Serbian)); err == nil {
		if t, err := s.Translit(); err == nil {
			return t
		}
	}
	return translit.Default()
}

// choices answers what each list offers now, by field: the published
// terms and entries, and those a draft (collection and slug, when given)
// adds beside its entry.
func (s *session) choices(raw json.RawMessage) (any, error) {
	var k draftKey
	if err := decode(raw, &k); err != nil {
		return nil, err
	}
	o := &options{root: s.api.Root, model: s.cat.model}
	if err := o.load(); err != nil {
		return nil, err
	}
	out := map[string][]yaml.MapSlice{}
	maps.Copy(out, o.terms)
	maps.Copy(out, o.known)
	if k.Collection == "" || k.valid(s.cat, s.api.P) != nil {
		return asJSON(out), nil
	}
	tip, changes, err := s.r.Draft(k.String())
	if err != nil {
		return asJSON(out), nil // no draft: what is published is all
	}
	tr := siteTranslit(s.api.Root)
	for site := range changes {
		data, err := s.r.ReadFile(tip, site)
		if err != nil {
			continue
		}
		if tax := sectionOf(site); s.cat.model.Taxonomy(tax) && path.Base(site) == "_index.md" {
			title := path.Base(path.Dir(site))
			if h, err := content.ParseHeader(data); err == nil {
				h.Value("title", &title)
			}
			out[tax] = addChoice(out[tax], choice{tr.String(title, translit.Cyrillic), path.Base(path.Dir(site))})
		}
		for field, list := range s.cat.model.KnownLists() {
			if list != site {
				continue
			}
			var entries []struct{ ID, Name string }
			yaml.Unmarshal(data, &entries)
			for _, e := range entries {
				out[field] = addChoice(out[field], choice{tr.String(e.Name, translit.Cyrillic), e.ID})
			}
		}
	}
	return asJSON(out), nil
}

// asJSON is a list's options as JSON writes them: {label, value}.
func asJSON(lists map[string][]yaml.MapSlice) map[string][]map[string]any {
	out := map[string][]map[string]any{}
	for name, options := range lists {
		out[name] = []map[string]any{}
		for _, o := range options {
			m := map[string]any{}
			for _, kv := range o {
				m[kv.Key.(string)] = kv.Value
			}
			out[name] = append(out[name], m)
		}
	}
	return out
}

// addChoice adds c to a list's options unless its value is there.
func addChoice(options []yaml.MapSlice, c choice) []yaml.MapSlice {
	for _, o := range options {
		if len(o) == 2 && o[1].Value == c.value {
			return options
		}
	}
	return append(options, yaml.MapSlice{{Key: "label", Value: c.label}, {Key: "value", Value: c.value}})
}

// readHeader reads the header of the page at p.
func readHeader(p string) (*content.Header, error) {
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return content.ParseHeader(src)
}

// The admin's own widgets (centar.js): a date that can be typed, and a
// choice from a list that takes new values.
const (
	dateWidget   = "datum"
	choiceWidget = "izbor"
)

// markdownButtons are the text's formatting buttons: what the site's pages
// use, and no code, which they do not.
var markdownButtons = []string{"bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"}

// field makes one Decap field.
func field(name, label, widget string, required bool, i18n any, more ...kv) yaml.MapSlice {
	f := yaml.MapSlice{{Key: "name", Value: name}, {Key: "label", Value: label}, {Key: "widget", Value: widget}, {Key: "required", Value: required}}
	if i18n != nil {
		f = append(f, kv{Key: "i18n", Value: i18n})
	}
	return append(f, more...)
}

// label names a field of the model's for editors.
func (o *options) label(name string) string {
	if f, ok := o.model.Schema("")[name]; ok {
		return f.Label
	}
	return name
}

func (o *options) collection(c collection) yaml.MapSlice {
	translated := c.Layout != bundles
	var i18nText, i18nSame any
	if translated {
		i18nText, i18nSame = true, "duplicate"
	}
	fields := []yaml.MapSlice{field("title", o.label("title"), "string", true, i18nText)}
	fields = append(fields, field("description", o.label("description"), "text", false, i18nText))
	dated := false
	for _, f := range c.Fields {
		switch f.Kind {
		case content.Date:
			dated = dated || f.Required != content.Optional
			fields = append(fields, field(f.Name, f.Label, dateWidget, f.Required != content.Optional, i18nSame,
				kv{Key: "hint", Value: "Дан када се догађај збио или када је вест објављена; без њега вест не може на сајт."}))
		case content.Terms:
			fields = append(fields, field(f.Name, f.Label, choiceWidget, false, i18nSame, kv{Key: "multiple", Value: true}, kv{Key: "options", Value: o.terms[f.Name]},
				kv{Key: "hint", Value: "Изаберите са списка или упишите нов назив, па притисните Enter."}))
		case content.Known:
			fields = append(fields, field(f.Name, f.Label, choiceWidget, f.Required != content.Optional, i18nSame, kv{Key: "options", Value: o.known[f.Name]},
				kv{Key: "hint", Value: "Изаберите са списка или упишите нов назив, па притисните Enter."}))
		}
	}
	if c.Layout == pages {
		fields = append(fields, field("weight", o.label("weight"), "number", false, i18nSame, kv{Key: "value_type", Value: "int"}))
	} else {
		fields = append(fields, field("draft", o.label("draft"), "boolean", false, i18nSame, kv{Key: "default", Value: false}))
	}
	if translated {
		fields = append(fields, field("translationKey", "translationKey", "hidden", false, i18nSame))
	}
	fields = append(fields, field("body", o.model.BodyLabel, "markdown", false, i18nText,
		kv{Key: "buttons", Value: markdownButtons}, kv{Key: "editor_components", Value: []string{"image"}}))

	out := yaml.MapSlice{
		{Key: "name", Value: c.Name}, {Key: "label", Value: c.Label}, {Key: "label_singular", Value: c.Singular},
		{Key: "folder", Value: c.Name}, {Key: "extension", Value: "md"}, {Key: "format", Value: "frontmatter"},
		{Key: "create", Value: c.Layout != pages}, {Key: "delete", Value: c.Layout != pages},
		{Key: "identifier_field", Value: "title"}, {Key: "slug", Value: "{{title}}"},
	}
	if c.Layout == bundles {
		out = append(out, kv{Key: "path", Value: "{{slug}}/index"}, kv{Key: "media_folder", Value: ""}, kv{Key: "public_folder", Value: ""})
	}
	if translated {
		out = append(out, kv{Key: "i18n", Value: true})
	}
	if dated {
		out = append(out, kv{Key: "sortable_fields", Value: []string{"date", "title"}}, kv{Key: "summary", Value: "{{title}} — {{date | default('без датума')}}"})
	}
	return append(out, kv{Key: "fields", Value: fields})
}

// data is the collection of the data files: help lines, the action plan,
// the organisations.
func (o *options) data() yaml.MapSlice {
	var files []yaml.MapSlice
	for _, d := range o.model.Data {
		var fields []yaml.MapSlice
		for _, f := range d.Fields {
			fields = append(fields, dataField(f))
		}
		files = append(files, yaml.MapSlice{
			{Key: "name", Value: d.Name}, {Key: "label", Value: d.Label}, {Key: "file", Value: d.Path},
			{Key: "fields", Value: fields},
		})
	}
	return yaml.MapSlice{
		{Key: "name", Value: o.model.DataName}, {Key: "label", Value: o.model.DataLabel}, {Key: "extension", Value: "yaml"},
		{Key: "format", Value: "yaml"}, {Key: "files", Value: files},
	}
}

// dataField is a data file's field as Decap's widget: a line of text, a
// number, a date, a list of lines or of records.
func dataField(f content.DataField) yaml.MapSlice {
	var more []kv
	if f.Pattern != "" {
		more = append(more, kv{Key: "pattern", Value: []string{f.Pattern, f.PatternHint}})
	}
	if f.Hint != "" {
		more = append(more, kv{Key: "hint", Value: f.Hint})
	}
	switch f.Kind {
	case content.Whole:
		return field(f.Name, f.Label, "number", f.Required, nil, append(more, kv{Key: "value_type", Value: "int"})...)
	case content.Day:
		return field(f.Name, f.Label, dateWidget, f.Required, nil, more...)
	case content.Lines:
		return field(f.Name, f.Label, "list", f.Required, nil, append(more, kv{Key: "field", Value: dataField(f.Fields[0])})...)
	case content.Records:
		if f.Singular != "" {
			more = append(more, kv{Key: "label_singular", Value: f.Singular})
		}
		var fields []yaml.MapSlice
		for _, sub := range f.Fields {
			fields = append(fields, dataField(sub))
			// A folded record is named by its name or title, as readers see
			// it, not by its key.
			if sub.Name == "name" || sub.Name == "title" {
				more = append(more, kv{Key: "summary", Value: "{{fields." + sub.Name + "}}"})
			}
		}
		return field(f.Name, f.Label, "list", f.Required, nil, append(more, kv{Key: "fields", Value: fields})...)
	}
	return field(f.Name, f.Label, "string", f.Required, nil, more...)
}
