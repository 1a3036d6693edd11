package cms

import (
	"os"
	"path/filepath"
	"sort"

	"github.com/goccy/go-yaml"

	"centar/internal/content"
)

// Backend says where the CMS keeps its work.
type Backend struct {
	// Repo is the site's GitHub repository, owner/name: the production
	// backend, with the editorial workflow and open authoring. Empty for
	// centar cms, whose own proxy backend answers at /api/v1.
	Repo string
	// AuthURL is the OAuth server GitHub logins go through (Netlify's,
	// https://api.netlify.com, when empty).
	AuthURL string
	// SiteURL is the published site's address, for links from the CMS.
	SiteURL string
}

// kv builds an ordered YAML mapping.
type kv = yaml.MapItem

// Config generates Decap's configuration for the site at root, whose
// content model is m (nil: read from the site): collections, fields,
// widgets and required fields from the same model the check enforces, so
// the two cannot drift. It is YAML, which JSON is too: format "json" gives
// it as JSON, which the admin reads.
func Config(root string, m *content.Model, b Backend, format string) ([]byte, error) {
	if m == nil {
		var err error
		if m, err = content.Load(os.DirFS(root)); err != nil {
			return nil, err
		}
	}
	backend := yaml.MapSlice{{Key: "name", Value: "proxy"}, {Key: "proxy_url", Value: "/api/v1"}, {Key: "branch", Value: "main"}}
	if b.Repo != "" {
		backend = yaml.MapSlice{
			{Key: "name", Value: "github"}, {Key: "repo", Value: b.Repo}, {Key: "branch", Value: "main"},
			{Key: "open_authoring", Value: true}, {Key: "always_fork", Value: false},
		}
		if b.AuthURL != "" {
			backend = append(backend, kv{Key: "base_url", Value: b.AuthURL})
		}
	}
	backend = append(backend, kv{Key: "commit_messages", Value: yaml.MapSlice{
		{Key: "create", Value: "Ново ({{collection}}): „{{slug}}”"},
		{Key: "update", Value: "Измена ({{collection}}): „{{slug}}”"},
		{Key: "delete", Value: "Брисање ({{collection}}): „{{slug}}”"},
		{Key: "uploadMedia", Value: "Датотека: {{path}}"},
		{Key: "deleteMedia", Value: "Брисање датотеке: {{path}}"},
		{Key: "openAuthoring", Value: "{{message}}"},
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
		{Key: "i18n", Value: yaml.MapSlice{{Key: "structure", Value: "multiple_folders"}, {Key: "locales", Value: []string{serbian, english}}, {Key: "default_locale", Value: serbian}}},
	}
	if b.SiteURL != "" {
		cfg = append(cfg, kv{Key: "site_url", Value: b.SiteURL}, kv{Key: "display_url", Value: b.SiteURL})
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
// the site on disk: each taxonomy's terms, each data list's entries.
type options struct {
	root  string
	model *content.Model
	terms map[string][]string        // oznake, gradovi → their terms
	known map[string][]yaml.MapSlice // organizacija, kategorija → select options
}

func (o *options) load() error {
	o.terms = map[string][]string{}
	for _, t := range o.model.Taxonomies {
		entries, err := os.ReadDir(filepath.Join(o.root, "content", serbian, t.Name))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		for _, e := range entries {
			if e.IsDir() {
				o.terms[t.Name] = append(o.terms[t.Name], e.Name())
			}
		}
		sort.Strings(o.terms[t.Name])
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
		for _, e := range entries {
			o.known[field] = append(o.known[field], yaml.MapSlice{{Key: "label", Value: e.Name}, {Key: "value", Value: e.ID}})
		}
	}
	return nil
}

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
			fields = append(fields, field(f.Name, f.Label, "datetime", f.Required != content.Optional, i18nSame,
				kv{Key: "format", Value: "YYYY-MM-DD"}, kv{Key: "date_format", Value: "YYYY-MM-DD"}, kv{Key: "time_format", Value: false},
				kv{Key: "hint", Value: "Дан када се догађај збио или када је вест објављена; без њега вест не може на сајт."}))
		case content.Terms:
			fields = append(fields, field(f.Name, f.Label, "select", false, i18nSame, kv{Key: "multiple", Value: true}, kv{Key: "options", Value: o.terms[f.Name]}))
		case content.Known:
			fields = append(fields, field(f.Name, f.Label, "select", f.Required != content.Optional, i18nSame, kv{Key: "options", Value: o.known[f.Name]}))
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
	fields = append(fields, field("body", o.model.BodyLabel, "markdown", false, i18nText))

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
		out = append(out, kv{Key: "sortable_fields", Value: []string{"date", "title"}}, kv{Key: "summary", Value: "{{title}} — {{date}}"})
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
		return field(f.Name, f.Label, "datetime", f.Required, nil, append(more, kv{Key: "format", Value: "YYYY-MM-DD"}, kv{Key: "date_format", Value: "YYYY-MM-DD"}, kv{Key: "time_format", Value: false})...)
	case content.Lines:
		return field(f.Name, f.Label, "list", f.Required, nil, append(more, kv{Key: "field", Value: dataField(f.Fields[0])})...)
	case content.Records:
		var fields []yaml.MapSlice
		for _, sub := range f.Fields {
			fields = append(fields, dataField(sub))
		}
		return field(f.Name, f.Label, "list", f.Required, nil, append(more, kv{Key: "fields", Value: fields})...)
	}
	return field(f.Name, f.Label, "string", f.Required, nil, more...)
}
