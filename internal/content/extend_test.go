package content_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"centar/internal/build"
	"centar/internal/check"
	"centar/internal/cms"
	"centar/internal/content"
	"centar/internal/msg"
	"centar/internal/newpage"
	"centar/internal/testsite"
)

// A section is added to the model, and to nothing else: the CMS offers it
// with its field (and so the admin previews it), centar new makes its
// items, the check holds them to its field, and the pipeline offers their
// text as a PDF.
func TestASectionIsAddedInOnePlace(t *testing.T) {
	model := content.Centre
	model.Sections = append(slices.Clone(model.Sections), content.Section{
		Name: "brosure", Kind: content.Bundles, Label: "Брошуре", Singular: "Брошура",
		New: "brochure", Archetype: "leaflet/index.md", PDF: true,
		Fields: []content.Field{{Name: "jezik", Label: "Језик", Kind: content.Known, List: "data/jezici.yaml", Required: content.Always, Shared: true}},
	})
	root := t.TempDir()
	testsite.Write(t, root, map[string]string{
		"hugo.toml":                          "title = \"t\"\n",
		"archetypes/leaflet/index.md":        "---\ntitle: {{ .Title }}\n---\n",
		"data/jezici.yaml":                   "- id: sr\n  name: Српски\n",
		"data/hotlines.yaml":                 "- id: centar\n  name: Центар\n  number: \"+381113000000\"\n  source: \"https://example.org\"\n  verified: \"2026-01-15\"\n",
		"content/sr/_index.md":               "---\ntitle: Почетна\n---\n",
		"content/sr/brosure/_index.md":       "---\ntitle: Брошуре\n---\n",
		"content/sr/brosure/prava/index.md":  "---\ntitle: Права жртава\njezik: sr\n---\nТекст брошуре.\n",
		"content/sr/brosure/druga/index.md":  "---\ntitle: Друга\n---\nБез језика.\n",
		"content/sr/brosure/treca/index.md":  "---\ntitle: Трећа\njezik: de\n---\nНепознат језик.\n",
		"content/sr/o-centru/_index.md":      "---\ntitle: О Центру\n---\n",
		"content/sr/pomoc/_index.md":         "---\ntitle: Помоћ\n---\n",
		"content/sr/bezbedno-pregledanje.md": "---\ntitle: Безбедно\n---\n",
	})
	p := msg.Printer(msg.English)

	// The CMS: a collection with the field, which the admin previews.
	data, err := cms.Config(root, &model, "json")
	if err != nil {
		t.Fatal(err)
	}
	var config struct {
		Collections []struct {
			Name, Folder string
			Fields       []struct{ Name, Widget string }
		}
	}
	if err := json.Unmarshal(data, &config); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range config.Collections {
		if c.Name == "brosure" && c.Folder == "brosure" {
			for _, f := range c.Fields {
				found = found || f.Name == "jezik" && f.Widget == "izbor"
			}
		}
	}
	if !found {
		t.Errorf("the CMS has no collection brosure with its field: %s", data)
	}

	// centar new.
	rel, err := newpage.Create(&model, root, "brochure", "Нова брошура", newpage.Options{})
	if err != nil || rel != "content/sr/brosure/nova-brosura/index.md" {
		t.Errorf("centar new brochure: %s %v", rel, err)
	}

	// The check.
	findings, err := check.Site(root, []string{"content/sr/brosure"}, check.Options{P: p, Model: &model})
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, f := range findings {
		if f.Severity == check.Error {
			said = append(said, f.String())
		}
	}
	for _, want := range []string{"content/sr/brosure/druga/index.md:2:1: error: the page has no jezik", `content/sr/brosure/treca/index.md:3:1: error: "de" is not a known jezik`} {
		if !slices.ContainsFunc(said, func(s string) bool { return strings.HasPrefix(s, want) }) {
			t.Errorf("the check does not say %q:\n%s", want, strings.Join(said, "\n"))
		}
	}

	// The pipeline: each brochure's text, as a PDF, in both scripts.
	s, err := build.Open(root, p)
	if err != nil {
		t.Fatal(err)
	}
	s.Model = &model
	os.Remove(filepath.Join(root, rel))
	out, err := s.Render()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"content/sr-cyrl/brosure/prava/prava.pdf", "content/sr-latn/brosure/prava/prava.pdf"} {
		if _, ok := out[want]; !ok {
			t.Errorf("the pipeline made no %s", want)
		}
	}
}
