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

// Config generates Decap's config.yml for the site at root: collections,
// fields, widgets and required fields from the same content model the check
// enforces, so the two cannot drift.
func Config(root string, b Backend) ([]byte, error) {
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
	m := &model{root: root}
	if err := m.load(); err != nil {
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
	for _, c := range collections {
		colls = append(colls, m.collection(c))
	}
	colls = append(colls, m.data())
	cfg = append(cfg, kv{Key: "collections", Value: colls})
	out, err := yaml.MarshalWithOptions(cfg, yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, err
	}
	return append([]byte("# Made by centar from the site's content model; do not edit by hand.\n"), out...), nil
}

// model is what the configuration needs to know of the site on disk.
type model struct {
	root  string
	terms map[string][]string        // oznake, gradovi → their terms
	known map[string][]yaml.MapSlice // organizacija, kategorija → select options
}

func (m *model) load() error {
	m.terms = map[string][]string{}
	for t := range taxonomies {
		entries, err := os.ReadDir(filepath.Join(m.root, "content", serbian, t))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		for _, e := range entries {
			if e.IsDir() {
				m.terms[t] = append(m.terms[t], e.Name())
			}
		}
		sort.Strings(m.terms[t])
	}
	m.known = map[string][]yaml.MapSlice{}
	for field, list := range content.KnownLists {
		var entries []struct {
			ID   string `yaml:"id"`
			Name string `yaml:"name"`
		}
		data, err := os.ReadFile(filepath.Join(m.root, list))
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		_ = yaml.Unmarshal(data, &entries)
		for _, e := range entries {
			m.known[field] = append(m.known[field], yaml.MapSlice{{Key: "label", Value: e.Name}, {Key: "value", Value: e.ID}})
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

// labels name the fields for editors.
var labels = map[string]string{
	"title": "Наслов", "description": "Кратак опис", "date": "Датум", "draft": "Нацрт (не приказује се на сајту)",
	"weight": "Редослед", "body": "Текст", "oznake": "Ознаке", "gradovi": "Градови",
	"organizacija": "Организација", "kategorija": "Категорија",
}

func (m *model) collection(c collection) yaml.MapSlice {
	translated := c.Layout != bundles
	var i18nText, i18nSame any
	if translated {
		i18nText, i18nSame = true, "duplicate"
	}
	fields := []yaml.MapSlice{field("title", labels["title"], "string", true, i18nText)}
	fields = append(fields, field("description", labels["description"], "text", false, i18nText))
	section := c.Section
	if c.Layout != pages && (content.Dated(section) || section == "dokumenti") {
		fields = append(fields, field("date", labels["date"], "datetime", content.Dated(section), i18nSame,
			kv{Key: "format", Value: "YYYY-MM-DD"}, kv{Key: "date_format", Value: "YYYY-MM-DD"}, kv{Key: "time_format", Value: false},
			kv{Key: "hint", Value: "Дан када се догађај збио или када је вест објављена; без њега вест не може на сајт."}))
	}
	own := content.Fields(section)
	names := make([]string, 0, len(own))
	for name := range own {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch own[name] {
		case "terms":
			fields = append(fields, field(name, labels[name], "select", false, i18nSame, kv{Key: "multiple", Value: true}, kv{Key: "options", Value: m.terms[name]}))
		case "known":
			fields = append(fields, field(name, labels[name], "select", name == "kategorija", i18nSame, kv{Key: "options", Value: m.known[name]}))
		}
	}
	if c.Layout == pages {
		fields = append(fields, field("weight", labels["weight"], "number", false, i18nSame, kv{Key: "value_type", Value: "int"}))
	} else {
		fields = append(fields, field("draft", labels["draft"], "boolean", false, i18nSame, kv{Key: "default", Value: false}))
	}
	if translated {
		fields = append(fields, field("translationKey", "translationKey", "hidden", false, i18nSame))
	}
	fields = append(fields, field("body", labels["body"], "markdown", false, i18nText))

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
	if content.Dated(section) {
		out = append(out, kv{Key: "sortable_fields", Value: []string{"date", "title"}}, kv{Key: "summary", Value: "{{title}} — {{date}}"})
	}
	return append(out, kv{Key: "fields", Value: fields})
}

// data is the collection of the data files: help lines, the action plan,
// the organisations.
func (m *model) data() yaml.MapSlice {
	var files []yaml.MapSlice
	for _, d := range dataFiles {
		files = append(files, yaml.MapSlice{
			{Key: "name", Value: d.Name}, {Key: "label", Value: d.Label}, {Key: "file", Value: d.Path},
			{Key: "fields", Value: dataFields[d.Name]},
		})
	}
	return yaml.MapSlice{
		{Key: "name", Value: dataCollection}, {Key: "label", Value: "Подаци"}, {Key: "extension", Value: "yaml"},
		{Key: "format", Value: "yaml"}, {Key: "files", Value: files},
	}
}

// text, list and listOf are the data files' fields: a line of text, a list
// of lines, a list of records.
func text(name, label string, required bool) yaml.MapSlice {
	return field(name, label, "string", required, nil)
}

func list(name, label string, item yaml.MapSlice) yaml.MapSlice {
	return field(name, label, "list", false, nil, kv{Key: "field", Value: item})
}

func listOf(name, label string, fields ...yaml.MapSlice) yaml.MapSlice {
	return field(name, label, "list", false, nil, kv{Key: "fields", Value: fields})
}

// dataFields are the fields of each data file; the check reads the same
// files (site.Hotlines, the action plan's template).
var dataFields = map[string][]yaml.MapSlice{
	"telefoni": {listOf(listKey, "Телефони",
		text("id", "Кључ (латиницом, без размака)", true),
		text("name", "Назив", true), text("name_en", "Назив на енглеском", false),
		field("number", "Број за позив (E.164, нпр. +381113000000, или кратак број)", "string", true, nil,
			kv{Key: "pattern", Value: []string{`^(\+[1-9][0-9]{6,14}|[0-9]{3,6})$`, "Број пишите без размака: +381… или кратак број као 192"}}),
		text("display", "Број онако како се бира", true),
		text("hours", "Радно време", false), text("hours_en", "Радно време на енглеском", false),
		text("cost", "Цена позива", false), text("cost_en", "Цена позива на енглеском", false),
		text("languages", "Језици", false), text("languages_en", "Језици на енглеском", false),
		field("source", "Извор провере (адреса или документ)", "string", false, nil, kv{Key: "hint", Value: "Без извора и датума провере број се не објављује."}),
		field("verified", "Датум провере", "datetime", false, nil, kv{Key: "format", Value: "YYYY-MM-DD"}, kv{Key: "date_format", Value: "YYYY-MM-DD"}, kv{Key: "time_format", Value: false}),
	)},
	"organizacije": {listOf(listKey, "Организације",
		text("id", "Кључ (латиницом, без размака)", true), text("name", "Назив", true), text("name_en", "Назив на енглеском", false),
	)},
	"akcioni-plan": {
		text("title", "Наслов", true),
		listOf("goals", "Циљеви",
			text("id", "Сидро (нпр. cilj-1)", true),
			field("number", "Број", "number", true, nil, kv{Key: "value_type", Value: "int"}),
			text("title", "Циљ", true),
			listOf("activities", "Активности",
				text("id", "Сидро (нпр. cilj-1-1)", true),
				text("title", "Активност", true),
				list("tasks", "Задаци", text("task", "Задатак", true)),
				list("responsible", "Одговорни", text("who", "Одговорни", true)),
				list("indicators", "Показатељи", text("indicator", "Показатељ", true)),
				text("deadline", "Рок", false),
				listOf("resources", "Средства", list("lines", "Редови", text("line", "Ред", true))),
				text("risks", "Ризици", false),
			),
		),
	},
}
