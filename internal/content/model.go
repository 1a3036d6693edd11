// Package content is the content model, declared once: the site's
// languages, sections, fields and data, which parts of a page readers see,
// the rules a page's header follows; and one reading of its Markdown that
// transliteration, the build pipeline, the check and the leaflets share.
//
// Of the project's packages it may import only translit and plainfile.
package content

import (
	"path"
	"strings"
	"time"

	"centar/internal/translit"
)

// ReaderFields are the front-matter fields that hold text for readers; they
// are transliterated and checked for mixed scripts. Every other field is a
// key or a machine value and stays byte-identical.
var ReaderFields = []string{"title", "description", "summary", "linkTitle"}

// DateLayout is how a date is written in a page's header and in data files.
const DateLayout = "2006-01-02"

// IsDate reports whether s is a date as a page's header may give it:
// 2024-05-31, or a whole time such as 2024-05-31T10:00:00+02:00.
func IsDate(s string) bool {
	if _, err := time.Parse(DateLayout, s); err == nil {
		return true
	}
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}

// HasTitle reports whether a page's title is given: every page needs one,
// for its heading, its tab and its links.
func HasTitle(title string) bool { return strings.TrimSpace(title) != "" }

// A Kind is what a front-matter field must hold.
type Kind int

const (
	Text    Kind = iota // a line of text
	Number              // a whole number
	Boolean             // true or false
	Date                // 2024-05-31
	List                // a list of texts
	Terms               // a list of taxonomy terms that exist
	Known               // the id of an entry in a data list
)

// A Requirement says when a field must be given.
type Requirement int

const (
	Optional      Requirement = iota
	ForProduction             // before the page is published: a fact that may come later
	Always                    // for the page to be saved at all
)

// A Field is a front-matter field of a section's pages.
type Field struct {
	Name     string
	Label    string // for editors, in Serbian
	Kind     Kind
	Required Requirement // for the section's items, not its own page (_index)
	// List is, for a Known field, the data list whose ids it takes.
	List string
	// Shared: the field is the same in every language of a page (a date,
	// tags), where title and text are each language's own.
	Shared bool
}

// A SectionKind says how a section's pages lie and are made.
type SectionKind int

const (
	// Plain: the section's own pages, edited one by one; new ones come
	// from centar new page.
	Plain SectionKind = iota
	// Items: one file an item, content/<sr>/<section>/<slug>.md, each with
	// its translation under the English section.
	Items
	// Bundles: a folder an item, <section>/<slug>/index.md, with the
	// item's files beside its text; Serbian only.
	Bundles
)

// A Section is a folder of the Serbian content and what it holds.
type Section struct {
	Name    string // the folder under the Serbian content: vesti
	English string // the folder of its English pages, "" for none
	Kind    SectionKind
	// Label and Singular name it for editors, in Serbian.
	Label, Singular string
	// New is what centar new calls an item of it (news, leaflet,
	// document), "" when it makes none; Archetype is the template under
	// archetypes/ it starts from.
	New, Archetype string
	// Fields are its pages' own fields, beside the Common ones, in the
	// order editors see them.
	Fields []Field
	// PDF: an item's text is also offered as a PDF, made from it when the
	// bundle has none of its own (leaflets).
	PDF bool
	// Translated: readers of every language need the section's pages,
	// which then must have their translations.
	Translated bool
	// Minimum: a language is not published without the section's page,
	// whatever else it lacks (help, safe browsing).
	Minimum bool
}

// A Taxonomy is a section of terms pages are tagged with (a folder of the
// Serbian content, _index.md a term).
type Taxonomy struct {
	Name, Label string
}

// A DataFile is a data list the site shows and editors edit as one entry.
type DataFile struct {
	Name, Path, Label string
	// List: the file's root is a list of records, whose fields Fields[0]
	// holds.
	List   bool
	Fields []DataField
}

// A DataKind is what a data file's field holds.
type DataKind int

const (
	Line    DataKind = iota // a line of text
	Whole                   // a whole number
	Day                     // a date, 2024-05-31
	Lines                   // a list of lines: Fields[0] is a line's
	Records                 // a list of records: Fields are a record's
)

// A DataField is a field of a data file, as editors fill it.
type DataField struct {
	Name, Label string
	// Singular names one record of a list of records ("телефон"): the
	// form adds and counts them by it.
	Singular string
	Kind     DataKind
	Required bool
	Hint     string
	// Pattern, when set, is what a value must match, and PatternHint says
	// how to write one that does.
	Pattern, PatternHint string
	Fields               []DataField
	// PerLanguage: the field is text readers read, written again for every
	// language not made from the Serbian source, under name_<language>.
	PerLanguage bool
}

// A PagesCollection is how editors see the pages of the Plain sections: one
// collection of them all.
type PagesCollection struct {
	Name, Label, Singular string
	// New is what centar new calls such a page; Archetype its template.
	New, Archetype string
}

// Model is the site's content model: its languages, sections, fields,
// taxonomies and data files. The CMS's configuration, centar new, the check
// and the pipeline all read it, so a section or a field is added here and
// nowhere else.
type Model struct {
	Languages []Language
	// Declared: the languages are the site's own, from hugo.toml, not
	// those of a tree that declares none.
	Declared   bool
	Common     []Field // fields every page may have
	Sections   []Section
	Pages      PagesCollection
	Taxonomies []Taxonomy
	Data       []DataFile
	// DataLabel names the data files for editors; DataName their
	// collection.
	DataName, DataLabel string
	// Home is the name of the home page among the pages.
	Home string
	// BodyLabel names a page's text for editors.
	BodyLabel string
}

// Centre is the content model of the Centre's site. Its languages are
// those hugo.toml declares (Load reads them); these are a site's that
// declares none.
var Centre = Model{
	Languages: []Language{
		{Key: "sr-cyrl", Locale: "sr-Cyrl-RS", Label: "Ћирилица", Weight: 1, Folder: SerbianFolder, Script: translit.Cyrillic, Prefix: "/"},
		{Key: "sr-latn", Locale: "sr-Latn-RS", Label: "Latinica", Weight: 2, Folder: SerbianFolder, Script: translit.Latin, Prefix: "/lat/"},
		{Key: "en", Locale: "en", Label: "English", Weight: 3, Folder: "en", Prefix: "/en/"},
	},
	Common: []Field{
		{Name: "title", Label: "Наслов", Kind: Text, Required: Always}, {Name: "linkTitle", Kind: Text},
		{Name: "description", Label: "Кратак опис", Kind: Text},
		{Name: "summary", Kind: Text}, {Name: "translationKey", Kind: Text, Shared: true}, {Name: "slug", Kind: Text},
		{Name: "url", Kind: Text}, {Name: "aliases", Kind: List}, {Name: "layout", Kind: Text},
		{Name: "weight", Label: "Редослед", Kind: Number, Shared: true},
		{Name: "draft", Label: "Нацрт (не приказује се на сајту)", Kind: Boolean, Shared: true}, {Name: "menu", Kind: Boolean},
		{Name: "date", Label: "Датум", Kind: Date, Shared: true}, {Name: "lastmod", Kind: Date},
		// A translation's own: the version of the Serbian text it
		// translates (TranslatesField).
		{Name: TranslatesField, Kind: Text},
	},
	Sections: []Section{
		{Name: "vesti", English: "news", Kind: Items, Label: "Вести", Singular: "Вест", New: "news", Archetype: "news.md",
			Fields: []Field{
				{Name: "date", Label: "Датум", Kind: Date, Required: ForProduction, Shared: true},
				{Name: "gradovi", Label: "Градови", Kind: Terms, Shared: true},
				{Name: "organizacija", Label: "Организација", Kind: Known, List: "data/organizacije.yaml", Shared: true},
				{Name: "oznake", Label: "Ознаке", Kind: Terms, Shared: true},
			}},
		{Name: "letci", Kind: Bundles, Label: "Летци", Singular: "Летак", New: "leaflet", Archetype: "leaflet/index.md", PDF: true},
		{Name: "dokumenti", Kind: Bundles, Label: "Документи", Singular: "Документ", New: "document", Archetype: "document/index.md",
			Fields: []Field{
				{Name: "date", Label: "Датум", Kind: Date, Shared: true},
				{Name: "kategorija", Label: "Категорија", Kind: Known, List: "data/dokumenti.yaml", Required: Always, Shared: true},
			}},
		{Name: "o-centru", English: "about", Kind: Plain, Translated: true},
		{Name: "pomoc", English: "help", Kind: Plain, Translated: true, Minimum: true},
		{Name: "bezbedno-pregledanje", English: "safe-browsing", Kind: Plain, Translated: true, Minimum: true},
	},
	Pages:      PagesCollection{Name: "stranice", Label: "Странице", Singular: "Страница", New: "page", Archetype: "page.md"},
	Taxonomies: []Taxonomy{{Name: "oznake", Label: "Ознаке"}, {Name: "gradovi", Label: "Градови"}},
	Data: []DataFile{
		{Name: "telefoni", Path: HotlinesFile, Label: "Телефони за помоћ", List: true, Fields: []DataField{{Name: "stavke", Label: "Телефони", Singular: "телефон", Kind: Records, Fields: []DataField{
			{Name: "id", Label: "Кључ (латиницом, без размака)", Required: true},
			{Name: "name", Label: "Назив", Required: true, PerLanguage: true},
			{Name: "number", Label: "Број за позив (+381 уместо почетне нуле, или кратак број као 192)", Required: true,
				Hint:    "Само цифре: 011 123 4567 се пише +381111234567. Сајт га сам исписује онако како га читаоци пишу. Кад промените број, стари датум провере се брише: проверите нови број и упишите датум.",
				Pattern: `^(\+[1-9][0-9]{6,14}|1[0-9]{2,5})$`, PatternHint: "Само цифре, без размака и црта: +381 па позивни број без нуле (+381111234567), или кратак број који почиње са 1 (192)"},
			{Name: "hours", Label: "Радно време", PerLanguage: true},
			{Name: "cost", Label: "Цена позива", PerLanguage: true},
			{Name: "languages", Label: "Језици", PerLanguage: true},
			{Name: "source", Label: "Извор провере (адреса или документ)", Hint: "Без извора и датума провере број се не објављује."},
			{Name: "verified", Label: "Датум провере", Kind: Day},
		}}}},
		{Name: "akcioni-plan", Path: "data/akcioni-plan.yaml", Label: "Акциони план", Fields: []DataField{
			{Name: "title", Label: "Наслов", Required: true},
			{Name: "goals", Label: "Циљеви", Singular: "циљ", Kind: Records, Fields: []DataField{
				{Name: "id", Label: "Сидро (нпр. cilj-1)", Required: true},
				{Name: "number", Label: "Број", Kind: Whole, Required: true},
				{Name: "title", Label: "Циљ", Required: true},
				{Name: "activities", Label: "Активности", Singular: "активност", Kind: Records, Fields: []DataField{
					{Name: "id", Label: "Сидро (нпр. cilj-1-1)", Required: true},
					{Name: "title", Label: "Активност", Required: true},
					{Name: "tasks", Label: "Задаци", Kind: Lines, Fields: []DataField{{Name: "task", Label: "Задатак", Required: true}}},
					{Name: "responsible", Label: "Одговорни", Kind: Lines, Fields: []DataField{{Name: "who", Label: "Одговорни", Required: true}}},
					{Name: "indicators", Label: "Показатељи", Kind: Lines, Fields: []DataField{{Name: "indicator", Label: "Показатељ", Required: true}}},
					{Name: "deadline", Label: "Рок"},
					{Name: "resources", Label: "Средства", Kind: Records, Fields: []DataField{
						{Name: "lines", Label: "Редови", Kind: Lines, Fields: []DataField{{Name: "line", Label: "Ред", Required: true}}},
					}},
					{Name: "risks", Label: "Ризици"},
				}},
			}},
		}},
		{Name: "organizacije", Path: "data/organizacije.yaml", Label: "Организације", List: true, Fields: []DataField{{Name: "stavke", Label: "Организације", Singular: "организацију", Kind: Records, Fields: []DataField{
			{Name: "id", Label: "Кључ (латиницом, без размака)", Required: true}, {Name: "name", Label: "Назив", Required: true, PerLanguage: true},
		}}}},
	},
	DataName: "podaci", DataLabel: "Подаци",
	Home:      "pocetna",
	BodyLabel: "Текст",
}

// Minimum lists the sections a language is not published without.
func (m *Model) Minimum() []Section {
	var out []Section
	for _, s := range m.Sections {
		if s.Minimum {
			out = append(out, s)
		}
	}
	return out
}

// Section returns the section whose Serbian or English folder is name.
func (m *Model) Section(name string) (Section, bool) {
	for _, s := range m.Sections {
		if s.Name == name || (s.English != "" && s.English == name) {
			return s, true
		}
	}
	return Section{}, false
}

// Taxonomy reports whether name is a taxonomy's folder.
func (m *Model) Taxonomy(name string) bool {
	for _, t := range m.Taxonomies {
		if t.Name == name {
			return true
		}
	}
	return false
}

// Schema returns the fields the pages of the section in the folder name
// (Serbian or English; "" for the home page and the sections the model
// does not name) may have: the common fields, and the section's own.
func (m *Model) Schema(name string) map[string]Field {
	out := map[string]Field{}
	for _, f := range m.Common {
		out[f.Name] = f
	}
	if s, ok := m.Section(name); ok {
		for _, f := range s.Fields {
			out[f.Name] = f
		}
	}
	return out
}

// KnownLists maps each Known field of the model to its data list.
func (m *Model) KnownLists() map[string]string {
	out := map[string]string{}
	for _, s := range m.Sections {
		for _, f := range s.Fields {
			if f.Kind == Known {
				out[f.Name] = f.List
			}
		}
	}
	return out
}

// PagePath is the URL path Hugo gives the content file at rel (relative to
// its language's content folder), without language prefix, with the given
// slug and url front-matter fields, either of which may be empty:
// section/name/ or section/slug/.
func PagePath(rel, slug, url string) string {
	if url != "" {
		return strings.Trim(url, "/") + "/"
	}
	dir, file := path.Split(rel)
	name := strings.TrimSuffix(file, ".md")
	switch name {
	case "_index":
		return dir
	case "index":
		dir, name = path.Split(strings.TrimSuffix(dir, "/"))
	}
	if slug != "" {
		name = slug
	}
	return dir + name + "/"
}
