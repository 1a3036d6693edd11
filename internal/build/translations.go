package build

import (
	"strings"

	"centar/internal/content"
)

// translationsPath is where the generated tree tells the theme which
// translations are outdated: the partial translation-status.html reads it.
const translationsPath = "data/translations.json"

// translationsFile says, for each translated language by its Hugo key, the
// pages (by their path in the language's folder, as Hugo's .File.Path) whose
// Serbian page changed since they were translated, and which languages are
// Serbian: the notice links to the Serbian page.
type translationsFile struct {
	Outdated map[string]map[string]bool `json:"outdated"`
	Serbian  []string                   `json:"serbian"`
}

// translationStatus makes translationsPath from the Serbian pages as the
// render read them, sources, and the translations it read before.
func (s *Site) translationStatus(sources []content.Source) ([]byte, error) {
	list, err := s.pairing.Translations(sources)
	if err != nil {
		return nil, err
	}
	out := translationsFile{Outdated: map[string]map[string]bool{}}
	for _, l := range s.Model.Languages {
		if l.Generated() {
			out.Serbian = append(out.Serbian, l.Key)
		}
	}
	for _, t := range list {
		if t.State != content.Outdated {
			continue
		}
		pages := out.Outdated[t.Language.Key]
		if pages == nil {
			pages = map[string]bool{}
			out.Outdated[t.Language.Key] = pages
		}
		pages[strings.TrimPrefix(t.Path, "content/"+t.Language.Folder+"/")] = true
	}
	return marshalJSON(out)
}
