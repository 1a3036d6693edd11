package check

import (
	"cmp"
	"io/fs"
	"maps"
	"slices"

	"golang.org/x/text/language"

	"centar/internal/content"
)

// rightToLeft are the scripts written right to left, by their ISO 15924
// codes: a language in one needs direction = "rtl".
var rightToLeft = map[string]bool{
	"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true,
	"Adlm": true, "Rohg": true, "Mand": true, "Samr": true, "Yezi": true,
}

// serbianStrings are the interface strings every language must have all of.
const serbianStrings = "i18n/sr.yaml"

// checkLanguages checks each language hugo.toml declares: a language code
// x/text knows, and the direction its script runs. A language written in
// its own folder must have the safety minimum before it is published: its
// home page, the pages of the Minimum sections (help, safe browsing),
// every interface string (the quick exit, the help line's label, the menu:
// none may fall back to Serbian) and the help lines' texts.
func (c *checker) checkLanguages() {
	if !c.model.Declared {
		return // a tree without its configuration: nothing to check them by
	}
	serbian, _ := c.stringKeys(serbianStrings)
	for _, l := range c.model.Languages {
		at := func(msg string) {
			c.add(Finding{Path: content.ConfigFile, Line: l.Line, Col: 1, Severity: Error, Message: msg})
		}
		code := cmp.Or(l.Locale, l.Key)
		tag, err := language.Parse(code)
		if err != nil {
			at(c.p.Sprintf("the language %s: %q is not a language code: give it as a BCP 47 tag under locale, e.g. uk, ar or sr-Latn-RS", l.Key, code))
			continue
		}
		switch script, _ := tag.Script(); {
		case l.Direction != "" && l.Direction != "ltr" && l.Direction != "rtl":
			at(c.p.Sprintf("the language %s: direction is %q: write rtl (right to left) or ltr", l.Key, l.Direction))
		case rightToLeft[script.String()] && l.Direction != "rtl":
			at(c.p.Sprintf("the language %s is written right to left: add direction = \"rtl\" under [languages.%s]", l.Key, l.Key))
		}
		if l.Generated() {
			continue
		}
		pages := []string{"content/" + l.Folder + "/_index.md"}
		for _, s := range c.model.Minimum() {
			if s.English != "" {
				pages = append(pages, "content/"+l.Folder+"/"+s.English+"/_index.md")
			}
		}
		for _, page := range pages {
			if !c.exists(page) {
				at(c.p.Sprintf("the language %s is not published without %s: write it (readers must find help and the exit in their language)", l.Key, page))
			}
		}
		c.checkStrings(l, serbian)
	}
	for _, f := range content.CheckHotlineLanguages(c.p, c.fsys, c.model) {
		c.add(f)
	}
}

// checkStrings finds the interface strings a language lacks.
func (c *checker) checkStrings(l content.Language, serbian map[string]bool) {
	rel := "i18n/" + l.Key + ".yaml"
	own, err := c.stringKeys(rel)
	if err != nil {
		c.add(Finding{Path: content.ConfigFile, Line: l.Line, Col: 1, Severity: Error,
			Message: c.p.Sprintf("the language %s has no interface strings: copy %s to %s and translate every line", l.Key, serbianStrings, rel)})
		return
	}
	for _, key := range slices.Sorted(maps.Keys(serbian)) {
		if !own[key] {
			c.add(Finding{Path: rel, Line: 1, Col: 1, Severity: Error, Field: key,
				Message: c.p.Sprintf("the interface string %s is missing: translate it from %s (the page would show it in Serbian)", key, serbianStrings)})
		}
	}
}

// stringKeys reads the keys of an interface strings file; one that cannot
// be read is said by checkData.
func (c *checker) stringKeys(rel string) (map[string]bool, error) {
	src, err := fs.ReadFile(c.fsys, rel)
	if err != nil {
		return nil, err
	}
	var values map[string]any
	if err := content.DecodeYAML(c.p, rel, src, 0, &values); err != nil {
		return map[string]bool{}, nil
	}
	keys := map[string]bool{}
	for k, v := range values {
		if s, ok := v.(string); !ok || s != "" {
			keys[k] = true
		}
	}
	return keys, nil
}
