package cms

import (
	"encoding/json"
	"net/http"

	"centar/internal/build"
	"centar/internal/content"
	"centar/internal/translit"
)

// Preview answers POST {title, body} with the page in both scripts, as the
// site's own transliteration and Markdown write them: the CMS's preview pane
// shows both.
func (a *API) Preview(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": a.P.Sprintf("the CMS API answers only POST requests")})
		return
	}
	var in struct {
		Title string `json:"title"`
		Body  string `json:"body"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody)).Decode(&in); err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": a.P.Sprintf("the request is not valid JSON: %v", err)})
		return
	}
	s, err := build.Open(a.Root, a.P)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	t, err := s.Translit()
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
		return
	}
	// goldmark would take too long over some bodies: the editor is told why.
	if e := content.TooHeavy(in.Body); e != nil {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": e.Say(a.P)})
		return
	}
	out := map[string]map[string]string{}
	for name, script := range map[string]translit.Script{"cyrl": translit.Cyrillic, "latn": translit.Latin} {
		body, err := content.Convert(t, in.Body, script, nil)
		if err != nil {
			body = in.Body
		}
		html, err := content.HTML(body)
		if err != nil {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
			return
		}
		out[name] = map[string]string{"title": t.String(in.Title, script), "html": html}
	}
	writeJSON(w, http.StatusOK, out)
}
