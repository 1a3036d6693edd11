package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"centar/internal/translit"
)

// SerbianFolder holds the Serbian source, in either script, under content/:
// both Serbian languages are made from it.
const SerbianFolder = "sr"

// A Language is one of the site's languages, as hugo.toml declares it.
type Language struct {
	Key    string // Hugo's: sr-cyrl, sr-latn, en
	Locale string // sr-Cyrl-RS
	Label  string // its name, in its own script
	Weight int
	// Folder is the content folder its pages are written in, under
	// content/: sr for both Serbian scripts, en for English.
	Folder string
	// Script is the Serbian script its pages are made in, for a language
	// made from the Serbian source; "" for any other.
	Script translit.Script
	// Prefix is where its pages are published: / for the default
	// language, /lat/ for Serbian in Latin, /<key>/ for the others.
	Prefix string
	// Direction is how its text runs, as hugo.toml says: rtl, ltr, or ""
	// when it does not say.
	Direction string
	// Line is where hugo.toml declares it, for what the check says of it.
	Line int
}

// Generated reports whether the language's pages are made from the Serbian
// source, in one of its scripts.
func (l Language) Generated() bool { return l.Folder == SerbianFolder }

// ConfigFile is the site's Hugo configuration, which declares its languages.
const ConfigFile = "hugo.toml"

// Load returns the content model of the site in fsys: Centre, with the
// languages hugo.toml declares, if it declares any.
func Load(fsys fs.FS) (*Model, error) {
	m := Centre
	langs, err := languages(fsys)
	if len(langs) > 0 {
		m.Languages, m.Declared = langs, true
	}
	m.Data = perLanguage(m.Data, m.Translated())
	return &m, err
}

// perLanguage returns the data files with each PerLanguage field followed
// by its own in every translated language (name, name_en, name_uk),
// labelled with the language's name.
func perLanguage(files []DataFile, langs []Language) []DataFile {
	var expand func(fields []DataField) []DataField
	expand = func(fields []DataField) []DataField {
		var out []DataField
		for _, f := range fields {
			f.Fields = expand(f.Fields)
			out = append(out, f)
			if !f.PerLanguage {
				continue
			}
			for _, l := range langs {
				out = append(out, DataField{Name: f.Name + "_" + l.Key, Label: f.Label + " (" + l.Label + ")", Kind: f.Kind})
			}
		}
		return out
	}
	out := make([]DataFile, len(files))
	for i, d := range files {
		d.Fields = expand(d.Fields)
		out[i] = d
	}
	return out
}

// languages reads the languages of hugo.toml, by weight.
func languages(fsys fs.FS) ([]Language, error) {
	src, err := fs.ReadFile(fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // a tree without its configuration
	}
	if err != nil {
		return nil, err
	}
	var cfg struct {
		DefaultContentLanguage string `toml:"defaultContentLanguage"`
		Languages              map[string]struct {
			Locale     string `toml:"locale"`
			Label      string `toml:"label"`
			Weight     int    `toml:"weight"`
			ContentDir string `toml:"contentDir"`
			Direction  string `toml:"direction"`
			// Hugo's older name for direction, which it still reads.
			LanguageDirection string `toml:"languageDirection"`
			Params            struct {
				Script string `toml:"script"`
			} `toml:"params"`
		} `toml:"languages"`
	}
	if err := toml.Unmarshal(src, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", ConfigFile, err)
	}
	var out []Language
	for key, l := range cfg.Languages {
		lang := Language{Key: key, Locale: l.Locale, Label: l.Label, Weight: l.Weight, Prefix: "/" + key + "/",
			Direction: cmp.Or(l.Direction, l.LanguageDirection), Line: tableLine(src, "languages."+key)}
		if key == cfg.DefaultContentLanguage {
			lang.Prefix = "/"
		}
		folder, generated := strings.CutPrefix(l.ContentDir, "generated/content/")
		if generated {
			lang.Folder = SerbianFolder
			if lang.Script, _ = translit.ParseScript(folder); lang.Script == translit.Latin && key != cfg.DefaultContentLanguage {
				lang.Prefix = "/lat/"
			}
		} else {
			lang.Folder = strings.TrimPrefix(l.ContentDir, "content/")
		}
		out = append(out, lang)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Weight < out[j].Weight || out[i].Weight == out[j].Weight && out[i].Key < out[j].Key
	})
	return out, nil
}

// Folders lists the content folders pages are written in: the Serbian
// source first, then each other language's.
func (m *Model) Folders() []string {
	out := []string{SerbianFolder}
	for _, l := range m.Translated() {
		out = append(out, l.Folder)
	}
	return out
}

// PrefixOf is where the pages of the content folder are published: the
// default language's prefix for the Serbian source.
func (m *Model) PrefixOf(folder string) string {
	for _, l := range m.Languages {
		if l.Folder == folder && (!l.Generated() || l.Prefix == "/") {
			return l.Prefix
		}
	}
	return "/" + folder + "/"
}

// Prefixes lists where each language is published.
func (m *Model) Prefixes() []string {
	var out []string
	for _, l := range m.Languages {
		out = append(out, l.Prefix)
	}
	return out
}

// Translated lists the languages whose pages are written in their own
// folder, not made from the Serbian source (English, and any other), each
// once, by weight.
func (m *Model) Translated() []Language {
	var out []Language
	seen := map[string]bool{SerbianFolder: true}
	for _, l := range m.Languages {
		if !l.Generated() && !seen[l.Folder] {
			seen[l.Folder] = true
			out = append(out, l)
		}
	}
	return out
}

// tableLine is the line of src, a TOML file, that opens the table name
// ([languages.uk]), or 1 when none does.
func tableLine(src []byte, name string) int {
	for i, line := range bytes.Split(src, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if inner, ok := bytes.CutPrefix(line, []byte("[")); ok {
			if inner, ok = bytes.CutSuffix(inner, []byte("]")); ok && string(bytes.ReplaceAll(bytes.TrimSpace(inner), []byte(" "), nil)) == name {
				return i + 1
			}
		}
	}
	return 1
}
