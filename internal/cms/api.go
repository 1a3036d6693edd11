package cms

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"golang.org/x/text/message"

	"centar/internal/check"
	"centar/internal/content"
	"centar/internal/explain"
	"centar/internal/staff"
	"centar/internal/translit"
	"centar/internal/workflow"
)

// MaxBody is the largest request the API reads: a 10 MB document, the
// largest file the check lets through, in base64 with its entry.
const MaxBody = 16 << 20

// API answers Decap's proxy-backend protocol — POST {action, params} — for
// the site at Root, with the payloads and answers of decap-server 3.11 and
// the decap-cms 3.16 client. Every action opens the repository through the
// workflow package, one at a time.
type API struct {
	Root string
	// P speaks to the editor, in Serbian.
	P *message.Printer
	// Getenv reads the environment, for the server's credentials.
	Getenv func(string) string
	// Model is the site's content model; nil reads it from the site.
	Model *content.Model

	// Cyrillic: the admin speaks Serbian in Cyrillic, and so do the
	// answers; the printer's Serbian is Latin.
	Cyrillic bool

	// Show renders pages that are not saved as the site's preview would
	// (build.Preview.Show); nil when the site has no preview, and the
	// preview pane shows the text alone.
	Show func(files map[string][]byte, pages []string) (map[string][]byte, error)

	// Log gets one line for each publication: when, who, what. Nil logs
	// nothing.
	Log io.Writer

	mu sync.Mutex // one action at a time, however long it takes
	// lastSend is why the last try to send what waits failed, "" when it
	// did not.
	lastSend string

	// What the last actions learned of a tree, by its commit: a commit
	// never changes, so neither does what is read of it.
	indexes map[plumbing.Hash]*siteIndex
}

// labelPrefix marks a draft's status in its branch description, as
// decap-server writes it.
const labelPrefix = "decap-cms/"

// apiError is an answer other than 200: 422 {error} for a bad request, as
// decap-server answers.
type apiError struct {
	status int
	msg    string
	// findings are the check's, at the fields they are about.
	findings []findingJSON
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, a ...any) error {
	return &apiError{status: http.StatusUnprocessableEntity, msg: fmt.Sprintf(format, a...)}
}

type request struct {
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
}

// ServeHTTP answers one action.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": a.P.Sprintf("the CMS API answers only POST requests")})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
	var req request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": a.P.Sprintf("the request is larger than %d MB: a file this big cannot go on the site; make it smaller", MaxBody>>20)})
			return
		}
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": a.P.Sprintf("the request is not valid JSON: %v", err)})
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	out, err := a.do(r.Context(), req)
	var ae *apiError
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, out)
	case errors.As(err, &ae) && ae.status == http.StatusNotFound:
		writeJSON(w, ae.status, map[string]string{"message": ae.msg})
	case errors.As(err, &ae) && ae.findings != nil:
		writeJSON(w, ae.status, map[string]any{"error": a.say(ae.msg), "findings": ae.findings})
	case errors.As(err, &ae):
		writeJSON(w, ae.status, map[string]string{"error": a.say(ae.msg)})
	case errors.Is(err, ErrPath):
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
	default:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": a.say(explain.Web(a.P, err).Error())})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // JSON, not HTML: say <script> as it is
	enc.Encode(v)
}

// do runs one action on the repository.
func (a *API) do(ctx context.Context, req request) (any, error) {
	if req.Action == "info" {
		root, _ := filepath.Abs(a.Root)
		return map[string]any{"repo": filepath.Base(root), "publish_modes": []string{"simple", "editorial_workflow"}, "type": "local_git"}, nil
	}
	var common struct {
		Branch string `json:"branch"`
	}
	if err := json.Unmarshal(orEmpty(req.Params), &common); err != nil {
		return nil, badRequest("params: %v", err)
	}
	if common.Branch != workflow.Branch {
		return nil, badRequest("Default branch '%s' doesn't exist", common.Branch)
	}
	r, err := workflow.Open(ctx, a.Root)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	r.Getenv = a.Getenv
	person, signedIn := staff.PersonOf(ctx)
	if signedIn {
		r.Author = &object.Signature{Name: person.Name, Email: person.Email}
		if publishes(req) && !person.Publisher {
			return nil, &apiError{status: http.StatusForbidden, msg: a.P.Sprintf("only a publisher can publish or delete what is on the site; an entry marked ready is on the board, where a publisher publishes it")}
		}
	}
	cat, err := a.catalog()
	if err != nil {
		return nil, err
	}
	s := &session{api: a, r: r, ctx: ctx, cat: cat}
	act, ok := actions[req.Action]
	if !ok {
		return nil, badRequest("Unknown action %s", req.Action)
	}
	if changing[req.Action] {
		s.sendWaiting()
	}
	out, err := act(s, orEmpty(req.Params))
	if err == nil && publishes(req) {
		a.logPublication(person, req)
	}
	return out, err
}

// publishes reports whether an action changes the site itself: a
// publisher's to do.
func publishes(req request) bool {
	switch req.Action {
	case "publishUnpublishedEntry", "deleteFile", "deleteFiles", "persistMedia":
		return true
	case "persistEntry":
		var p struct {
			Options struct {
				UseWorkflow bool `json:"useWorkflow"`
			} `json:"options"`
		}
		json.Unmarshal(orEmpty(req.Params), &p)
		return !p.Options.UseWorkflow
	}
	return false
}

// logPublication writes the log's line for a publication: when, who, and
// what, by its collection and name or its path. Nothing of its text.
func (a *API) logPublication(who staff.Person, req request) {
	if a.Log == nil {
		return
	}
	var p struct {
		Collection string   `json:"collection"`
		Slug       string   `json:"slug"`
		Path       string   `json:"path"`
		Paths      []string `json:"paths"`
		Asset      struct {
			Path string `json:"path"`
		} `json:"asset"`
		DataFiles []struct {
			Slug string `json:"slug"`
		} `json:"dataFiles"`
		Options struct {
			CollectionName string `json:"collectionName"`
		} `json:"options"`
	}
	json.Unmarshal(orEmpty(req.Params), &p)
	what := strings.Join(append([]string{p.Path, p.Asset.Path}, p.Paths...), " ")
	if len(p.DataFiles) > 0 { // an entry published as it is saved
		p.Collection, p.Slug = p.Options.CollectionName, p.DataFiles[0].Slug
	}
	if p.Slug != "" {
		what = p.Collection + "/" + p.Slug
	}
	email := who.Email
	if email == "" {
		email = "-"
	}
	fmt.Fprintf(a.Log, "%s publish %s %s %s\n", time.Now().UTC().Format(time.RFC3339), email, req.Action, strings.TrimSpace(what))
}

func orEmpty(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return json.RawMessage("{}")
	}
	return raw
}

// session is one action's open repository.
type session struct {
	api *API
	r   *workflow.Repo
	ctx context.Context
	cat *catalog
}

// catalog is the site's content model as the CMS shows it.
func (a *API) catalog() (*catalog, error) {
	m := a.Model
	if m == nil {
		var err error
		if m, err = content.Load(os.DirFS(a.Root)); err != nil {
			return nil, err
		}
	}
	return newCatalog(m), nil
}

var actions map[string]func(*session, json.RawMessage) (any, error)

func init() {
	actions = map[string]func(*session, json.RawMessage) (any, error){
		"entriesByFolder":              (*session).entriesByFolder,
		"entriesByFiles":               (*session).entriesByFiles,
		"getEntry":                     (*session).getEntry,
		"unpublishedEntries":           (*session).unpublishedEntries,
		"unpublishedEntry":             (*session).unpublishedEntry,
		"unpublishedEntryDataFile":     (*session).unpublishedEntryDataFile,
		"unpublishedEntryMediaFile":    (*session).unpublishedEntryMediaFile,
		"deleteUnpublishedEntry":       (*session).deleteUnpublishedEntry,
		"persistEntry":                 (*session).persistEntry,
		"updateUnpublishedEntryStatus": (*session).updateStatus,
		"publishUnpublishedEntry":      (*session).publishEntry,
		"getMedia":                     (*session).getMedia,
		"getMediaFile":                 (*session).getMediaFile,
		"persistMedia":                 (*session).persistMedia,
		"deleteFile":                   (*session).deleteFile,
		"deleteFiles":                  (*session).deleteFiles,
		"getDeployPreview":             func(*session, json.RawMessage) (any, error) { return nil, nil },
		"getNotes":                     (*session).getNotes,
		"addNote":                      (*session).addNote,
		"updateNote":                   (*session).updateNote,
		"deleteNote":                   (*session).deleteNote,
		"toggleNoteResolution":         (*session).toggleNote,
		"getPRMetadata": func(*session, json.RawMessage) (any, error) {
			return map[string]any{"metadata": nil}, nil
		},
		"centarState":              (*session).state,
		"centarSend":               (*session).send,
		"centarConflicts":          (*session).conflicts,
		"centarResolve":            (*session).resolve,
		"centarDeleteCopy":         (*session).deleteCopy,
		"centarChoices":            (*session).choices,
		"centarPreview":            (*session).preview,
		"centarLanguages":          (*session).languages,
		"centarTranslations":       (*session).translations,
		"centarTranslationCurrent": (*session).translationCurrent,
	}
}

// changing are the actions that change the site or a draft: before each,
// what waits to reach the site is sent.
var changing = map[string]bool{
	"persistEntry": true, "publishUnpublishedEntry": true, "persistMedia": true, "deleteFile": true,
	"deleteFiles": true, "deleteUnpublishedEntry": true, "updateUnpublishedEntryStatus": true, "centarResolve": true,
	"centarTranslationCurrent": true,
}

// say is a message as the admin shows it: in Cyrillic when it speaks
// Cyrillic.
func (a *API) say(msg string) string {
	if !a.Cyrillic {
		return msg
	}
	return translit.Default().String(pathLike.ReplaceAllString(msg, "[[$0]]"), translit.Cyrillic)
}

// pathLike is a path, an address or a file's name in a message: said as it
// is written, in Latin, when the message is said in Cyrillic.
var pathLike = regexp.MustCompile(`[A-Za-z0-9_~.%+-]*(?:/[A-Za-z0-9_~.%+-]*)+|[A-Za-z0-9_-]+\.[A-Za-z0-9]{2,4}\b`)

func decode(raw json.RawMessage, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return badRequest("params: %v", err)
	}
	return nil
}

// decodeDraft decodes params that name a draft into v, whose key is k, and
// checks the name.
func (s *session) decodeDraft(raw json.RawMessage, v any, k *draftKey) error {
	if err := decode(raw, v); err != nil {
		return err
	}
	return k.valid(s.cat, s.api.P)
}

// index reads what the mapping needs of a commit, once.
func (s *session) index(c *object.Commit) (*siteIndex, error) {
	a := s.api
	if x, ok := a.indexes[c.Hash]; ok {
		return x, nil
	}
	x, err := newIndex(s.r, c, s.cat)
	if err != nil {
		return nil, err
	}
	if len(a.indexes) >= 4 || a.indexes == nil {
		a.indexes = map[plumbing.Hash]*siteIndex{}
	}
	a.indexes[c.Hash] = x
	return x, nil
}

// fileJSON is an entry file as Decap reads it.
type fileJSON struct {
	Path  string  `json:"path"`
	Label string  `json:"label,omitempty"`
	ID    *string `json:"id"`
}

type entryJSON struct {
	Data *string  `json:"data"`
	File fileJSON `json:"file"`
}

// readEntry reads the entry file at cmsPath in commit c as Decap reads it:
// data null when there is none.
func (s *session) readEntry(c *object.Commit, x *siteIndex, cmsPath, label string) (entryJSON, error) {
	out := entryJSON{File: fileJSON{Path: cmsPath, Label: label}}
	site, err := x.sitePath(cmsPath, "")
	if _, clean := splitPath(cmsPath); err != nil && clean == nil {
		return out, nil // a clean path the site has no file at: none, as decap-server says
	}
	if err != nil {
		return out, err
	}
	data, ok := x.text[site]
	if !ok {
		if data, err = s.r.ReadFile(c, site); errors.Is(err, fs.ErrNotExist) {
			return out, nil
		} else if err != nil {
			return out, err
		}
	}
	if d, ok := x.cat.dataAt(site); ok {
		if data, err = dataForCMS(d, data); err != nil {
			return out, err
		}
	}
	id := x.files[site].String()
	text := string(data)
	out.Data, out.File.ID = &text, &id
	return out, nil
}

func (s *session) main() (*object.Commit, *siteIndex, error) {
	c, err := s.r.Main()
	if err != nil {
		return nil, nil, err
	}
	x, err := s.index(c)
	return c, x, err
}

func (s *session) entriesByFolder(raw json.RawMessage) (any, error) {
	var p struct {
		Folder    string `json:"folder"`
		Extension string `json:"extension"`
		Depth     int    `json:"depth"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	if _, err := splitPath(p.Folder); err != nil {
		return nil, err
	}
	c, x, err := s.main()
	if err != nil {
		return nil, err
	}
	out := []entryJSON{}
	for _, e := range x.entries(p.Folder) {
		if !strings.HasSuffix(e.cms, "."+strings.TrimPrefix(p.Extension, ".")) {
			continue
		}
		entry, err := s.readEntry(c, x, e.cms, "")
		if err != nil {
			return nil, err
		}
		out = append(out, entry)
	}
	return out, nil
}

func (s *session) entriesByFiles(raw json.RawMessage) (any, error) {
	var p struct {
		Files []struct {
			Path  string `json:"path"`
			Label string `json:"label"`
		} `json:"files"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	c, x, err := s.main()
	if err != nil {
		return nil, err
	}
	out := []entryJSON{}
	for _, f := range p.Files {
		entry, err := s.readEntry(c, x, f.Path, f.Label)
		if err != nil {
			return nil, err
		}
		out = append(out, entry)
	}
	return out, nil
}

func (s *session) getEntry(raw json.RawMessage) (any, error) {
	var p struct {
		Path string `json:"path"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	c, x, err := s.main()
	if err != nil {
		return nil, err
	}
	return s.readEntry(c, x, p.Path, "")
}

func (s *session) unpublishedEntries(json.RawMessage) (any, error) {
	keys, err := s.r.Drafts()
	if keys == nil {
		keys = []string{}
	}
	return keys, err
}

// draftKey is the key of a draft: collection/slug, as Decap names it.
type draftKey struct {
	Collection string `json:"collection"`
	Slug       string `json:"slug"`
}

func (k draftKey) String() string { return k.Collection + "/" + k.Slug }

func (k draftKey) valid(cat *catalog, p *message.Printer) error {
	if err := cleanPart(k.Collection); err != nil {
		return err
	}
	if _, ok := cat.named(k.Collection); !ok && k.Collection != cat.model.DataName {
		return badRequest("there is no collection %q", k.Collection)
	}
	for _, part := range strings.Split(k.Slug, "/") {
		if err := cleanPart(part); err != nil {
			return err
		}
	}
	if plumbing.NewBranchReferenceName(workflow.DraftPrefix+k.String()).Validate() != nil {
		return badRequest("%s", p.Sprintf("%q cannot name a draft branch: give the entry a title without spaces or signs such as ~ ^ : ? * [", k.Slug))
	}
	return nil
}

// cmsPathOf is where the CMS sees the site file p of the draft k.
func (x *siteIndex) cmsPathOf(k draftKey, p string) string {
	c, ok := x.cat.named(k.Collection)
	switch {
	case !ok || strings.HasPrefix(p, mediaFolder+"/") || x.besideEntry(k, p):
		return p // data files, media and what is written beside the entry: the same path
	case c.Layout == bundles:
		return c.Name + "/" + k.Slug + "/" + path.Base(p)
	}
	return c.Name + "/" + x.cat.localeOf(p) + "/" + k.Slug + ".md"
}

// besideEntry tells the files a draft of an entry writes beside it: the
// pages of new terms, new entries of a data list (newTerms). They go on
// the site with the entry, and are not the entry's own files.
func (x *siteIndex) besideEntry(k draftKey, site string) bool {
	if c, ok := x.cat.named(k.Collection); !ok || c.Name == x.cat.model.DataName {
		return false
	}
	if strings.HasPrefix(site, "data/") {
		return true
	}
	return x.cat.model.Taxonomy(sectionOf(site))
}

// diffJSON is one file of a draft, as decap-server lists it.
type diffJSON struct {
	Path    string `json:"path"`
	OldPath string `json:"oldPath"`
	NewPath string `json:"newPath"`
	Status  string `json:"status"`
	NewFile bool   `json:"newFile"`
	ID      string `json:"id"`
	Binary  bool   `json:"binary"`
}

func (s *session) unpublishedEntry(raw json.RawMessage) (any, error) {
	var p struct {
		ID string `json:"id"`
		draftKey
		CMSLabelPrefix string `json:"cmsLabelPrefix"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	k := p.draftKey
	if p.ID != "" {
		k.Collection, k.Slug, _ = strings.Cut(p.ID, "/")
	}
	if err := k.valid(s.cat, s.api.P); err != nil {
		return nil, err
	}
	tip, changes, err := s.r.Draft(k.String())
	if errors.Is(err, workflow.ErrNoDraft) {
		return nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
	}
	if err != nil {
		return nil, err
	}
	main, x, err := s.main()
	if err != nil {
		return nil, err
	}
	published, err := s.r.Files(main, "")
	if err != nil {
		return nil, err
	}
	diffs := []diffJSON{}
	for site, h := range changes {
		if h.IsZero() || x.besideEntry(k, site) {
			continue // a file the draft removes has nothing to read; what it adds beside the entry is not the entry's
		}
		_, existed := published[site]
		status := "added"
		if existed {
			status = "modified"
		}
		p := x.cmsPathOf(k, site)
		ext := path.Ext(site)
		diffs = append(diffs, diffJSON{Path: p, NewPath: p, Status: status, NewFile: !existed, ID: h.String(), Binary: ext != ".md" && ext != ".yaml"})
	}
	sort.Slice(diffs, func(i, j int) bool { return diffs[i].Path < diffs[j].Path })
	label, err := s.r.DraftStatus(k.String())
	if err != nil {
		return nil, err
	}
	return map[string]any{
		"collection": k.Collection,
		"slug":       k.Slug,
		"status":     strings.TrimPrefix(label, prefixOr(p.CMSLabelPrefix)),
		"diffs":      diffs,
		"updatedAt":  tip.Committer.When.UTC().Format(time.RFC3339),
	}, nil
}

func prefixOr(p string) string {
	if p == "" {
		return labelPrefix
	}
	return p
}

// draftFile reads a file of a draft by the path the CMS knows it by.
func (s *session) draftFile(raw json.RawMessage) (string, []byte, error) {
	var p struct {
		draftKey
		Path string `json:"path"`
	}
	if err := s.decodeDraft(raw, &p, &p.draftKey); err != nil {
		return "", nil, err
	}
	tip, changes, err := s.r.Draft(p.String())
	if errors.Is(err, workflow.ErrNoDraft) {
		return "", nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
	}
	if err != nil {
		return "", nil, err
	}
	x, err := s.index(tip)
	if err != nil {
		return "", nil, err
	}
	for site := range changes {
		if x.cmsPathOf(p.draftKey, site) == p.Path {
			data, err := s.r.ReadFile(tip, site)
			return site, data, err
		}
	}
	site, err := x.sitePath(p.Path, "")
	if err != nil {
		return "", nil, err
	}
	data, err := s.r.ReadFile(tip, site)
	return site, data, err
}

func (s *session) unpublishedEntryDataFile(raw json.RawMessage) (any, error) {
	site, data, err := s.draftFile(raw)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]any{"data": nil}, nil // a language the draft has no page in
	}
	if err != nil {
		return nil, err
	}
	if d, ok := s.cat.dataAt(site); ok {
		if data, err = dataForCMS(d, data); err != nil {
			return nil, err
		}
	}
	return map[string]string{"data": string(data)}, nil
}

// mediaJSON is a media file as decap-server sends it; URL, beside, lets the
// browser load it by address instead of inline.
type mediaJSON struct {
	ID       string `json:"id"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
	Path     string `json:"path"`
	Name     string `json:"name"`
	Size     int64  `json:"size"`
	URL      string `json:"url,omitempty"`
}

func mediaFile(p string, data []byte, id string) mediaJSON {
	return mediaJSON{ID: id, Content: base64.StdEncoding.EncodeToString(data), Encoding: "base64", Path: p, Name: path.Base(p), Size: int64(len(data))}
}

func (s *session) unpublishedEntryMediaFile(raw json.RawMessage) (any, error) {
	site, data, err := s.draftFile(raw)
	if err != nil {
		return nil, err
	}
	var p struct {
		Path string `json:"path"`
		ID   string `json:"id"`
	}
	json.Unmarshal(raw, &p)
	m := mediaFile(p.Path, data, p.ID)
	m.URL = MediaPrefix + site
	return m, nil
}

func (s *session) deleteUnpublishedEntry(raw json.RawMessage) (any, error) {
	var k draftKey
	if err := s.decodeDraft(raw, &k, &k); err != nil {
		return nil, err
	}
	if err := s.r.DeleteDraft(k.String()); errors.Is(err, workflow.ErrNoDraft) {
		return nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
	} else if err != nil {
		return nil, err
	}
	return map[string]string{"message": "deleted branch: " + workflow.DraftPrefix + k.String()}, nil
}

// dataFileJSON is an entry's file as Decap sends it to be saved.
type dataFileJSON struct {
	Slug    string `json:"slug"`
	Path    string `json:"path"`
	Raw     string `json:"raw"`
	NewPath string `json:"newPath"`
}

type assetJSON struct {
	Path     string `json:"path"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
}

func (s *session) persistEntry(raw json.RawMessage) (any, error) {
	var p struct {
		Entry          *dataFileJSON  `json:"entry"`
		DataFiles      []dataFileJSON `json:"dataFiles"`
		Assets         []assetJSON    `json:"assets"`
		CMSLabelPrefix string         `json:"cmsLabelPrefix"`
		Options        struct {
			CollectionName string `json:"collectionName"`
			CommitMessage  string `json:"commitMessage"`
			UseWorkflow    bool   `json:"useWorkflow"`
			Status         string `json:"status"`
			NewEntry       bool   `json:"newEntry"`
		} `json:"options"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	if p.Entry != nil {
		p.DataFiles = append(p.DataFiles, *p.Entry)
	}

	if len(p.DataFiles) == 0 {
		return nil, badRequest("persistEntry needs dataFiles or entry")
	}
	k := draftKey{Collection: p.Options.CollectionName, Slug: p.DataFiles[0].Slug}
	if k.Collection == "" {
		k.Collection = s.cat.model.DataName
	}
	if err := k.valid(s.cat, s.api.P); err != nil {
		return nil, err
	}
	main, x, err := s.main()
	if err != nil {
		return nil, err
	}
	writes, err := s.entryWrites(main, x, k, p.DataFiles, p.Assets)
	if err != nil {
		return nil, err
	}
	_, _, draftErr := s.r.Draft(k.String())
	isNew := errors.Is(draftErr, workflow.ErrNoDraft)
	if p.Options.NewEntry && isNew {
		for _, w := range writes {
			if _, exists := x.files[w.Path]; exists && strings.HasSuffix(w.Path, ".md") {
				return nil, badRequest("%s", s.api.P.Sprintf("a page with this address already exists (%s): give the new entry another title", w.Path))
			}
		}
	}
	if !p.Options.UseWorkflow {
		res, err := s.r.PublishFiles(s.ctx, writes, s.publishOptions(p.Options.CommitMessage))
		if err != nil {
			return nil, s.refusal(err, res.Findings, s.reader(writes, main))
		}
		return s.persisted(res.Findings, s.reader(writes, main)), nil
	}
	// Media the draft had and the entry no longer has are removed, as
	// decap-server removes them.
	if !isNew {
		_, changes, err := s.r.Draft(k.String())
		if err != nil {
			return nil, err
		}
		for site, h := range changes {
			if !h.IsZero() && !isText(site) && !written(writes, site) {
				writes = append(writes, workflow.FileWrite{Path: site, Delete: true})
			}
		}
	}
	res, err := s.r.SaveDraft(k.String(), writes, workflow.DraftOptions{Message: p.Options.CommitMessage, Check: check.Options{P: s.api.P}})
	if err != nil {
		return nil, s.refusal(err, res.Findings, s.reader(writes, main))
	}
	if isNew && res.Commit != nil {
		status := p.Options.Status
		if status == "" {
			status = "draft"
		}
		if err := s.r.SetDraftStatus(k.String(), prefixOr(p.CMSLabelPrefix)+status); err != nil {
			return nil, err
		}
	}
	return s.persisted(res.Findings, s.reader(writes, main)), nil
}

// persisted is persistEntry's answer: Decap's, with the warnings the
// check found in what was saved, which the admin shows at their fields.
func (s *session) persisted(findings []check.Finding, read func(string) []byte) map[string]any {
	out := map[string]any{"message": "entry persisted"}
	if len(findings) > 0 {
		out["findings"] = s.findingsJSON(findings, read)
	}
	return out
}

// reader reads a site file as a save checked it: written, or as in c.
func (s *session) reader(writes []workflow.FileWrite, c *object.Commit) func(string) []byte {
	return func(site string) []byte {
		for _, w := range writes {
			if w.Path == site {
				return w.Data
			}
		}
		data, _ := s.r.ReadFile(c, site)
		return data
	}
}

// referenced tells whether an entry's files name the uploaded file name,
// as typed or as an address writes it; a file uploaded with no entry (from
// the media library) is its own.
func referenced(files []dataFileJSON, name string) bool {
	if len(files) == 0 {
		return true
	}
	for _, f := range files {
		raw := f.Raw
		if unescaped, err := url.PathUnescape(raw); err == nil {
			raw = unescaped
		}
		if strings.Contains(raw, name) {
			return true
		}
	}
	return false
}

func isText(p string) bool { return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".yaml") }

func written(writes []workflow.FileWrite, p string) bool {
	for _, w := range writes {
		if w.Path == p {
			return true
		}
	}
	return false
}

// entryWrites turns an entry's files and assets, as Decap sends them, into
// the writes of the site's files: paths mapped, an uploaded file renamed as
// the site accepts it (and the entry's text following the new name), a
// translationKey shared by the Serbian page and its translation, a data
// list unwrapped with its opening comments kept. A file is written only
// when the editor changed it, and then only in the fields and the text they
// changed: Decap writes every field of every language anew, in its own
// order and quotes.
func (s *session) entryWrites(main *object.Commit, x *siteIndex, k draftKey, files []dataFileJSON, assets []assetJSON) ([]workflow.FileWrite, error) {
	var writes []workflow.FileWrite
	renamed := map[string]string{}
	for _, a := range assets {
		if !referenced(files, path.Base(a.Path)) {
			continue // Decap sends every file uploaded while the entry is open, the removed ones too
		}
		if a.Encoding != "base64" {
			return nil, badRequest("asset %s: encoding %q, want base64", a.Path, a.Encoding)
		}
		data, err := base64.StdEncoding.DecodeString(a.Content)
		if err != nil {
			return nil, badRequest("asset %s: %v", a.Path, err)
		}
		site, err := x.sitePath(a.Path, "")
		if err != nil {
			return nil, err
		}
		if old, now := path.Base(a.Path), path.Base(site); old != now {
			renamed[old] = now
		}
		writes = append(writes, workflow.FileWrite{Path: site, Data: data})
	}
	key := ""
	for _, f := range files {
		if srPath, err := x.sitePath(f.Path, ""); err == nil && strings.HasPrefix(srPath, "content/sr/") {
			if key = translationKey([]byte(f.Raw)); key == "" {
				if key = x.keys[srPath]; key == "" {
					key = k.Collection + "-" + translit.Slug(k.Slug)
				}
			}
		}
	}
	// What each file holds now: the draft's version, else the published.
	current := func(site string) ([]byte, bool, error) {
		if k.Slug != "" {
			if tip, changes, err := s.r.Draft(k.String()); err == nil {
				if h, ok := changes[site]; ok {
					if h.IsZero() {
						return nil, false, nil
					}
					data, err := s.r.ReadFile(tip, site)
					return data, err == nil, err
				}
			} else if !errors.Is(err, workflow.ErrNoDraft) {
				return nil, false, err
			}
		}
		data, err := s.r.ReadFile(main, site)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		return data, err == nil, err
	}
	type entryFile struct {
		site, oldSite string
		old, raw      []byte
		exists        bool
	}
	var pages []entryFile
	translated := false // a translation is written, or is there
	for _, f := range files {
		target := f.Path
		if f.NewPath != "" {
			target = f.NewPath
		}
		site, err := x.sitePath(target, key)
		if err != nil {
			return nil, err
		}
		raw := []byte(f.Raw)
		for old, now := range renamed {
			raw = []byte(strings.ReplaceAll(string(raw), old, now))
		}
		old, exists, err := current(site)
		if err != nil {
			return nil, err
		}
		if d, ok := x.cat.dataAt(site); ok {
			data, err := dataFromCMS(d, old, raw)
			if err != nil {
				return nil, badRequest("%v", err)
			}
			if same, err := sameData(old, data); err != nil || !same {
				writes = append(writes, workflow.FileWrite{Path: site, Data: data})
			}
			continue
		}
		e := entryFile{site: site, old: old, raw: raw, exists: exists}
		if f.NewPath != "" && f.NewPath != f.Path {
			if e.oldSite, err = x.sitePath(f.Path, key); err != nil {
				return nil, err
			}
		}
		if !exists && untouched(raw) {
			continue // a translation the editor did not write
		}
		translated = translated || x.cat.localeOf(site) != serbian
		pages = append(pages, e)
	}
	// A site file as the writes so far, the draft or the published site
	// hold it: a town the draft made is there at its second save.
	have := func(site string) ([]byte, bool) {
		for _, w := range writes {
			if w.Path == site {
				return w.Data, !w.Delete
			}
		}
		data, ok, err := current(site)
		return data, ok && err == nil
	}
	for _, e := range pages {
		data, changed := e.raw, true
		if e.exists {
			var err error
			if data, changed, err = changedPage(e.old, e.raw); err != nil {
				return nil, badRequest("%v", err)
			}
		}
		if changed {
			var err error
			if data, writes, err = s.newTerms(data, sectionOf(e.site), writes, have); err != nil {
				return nil, badRequest("%v", err)
			}
		}
		// The Serbian page and its translation share a key; a page with no
		// translation has none, not an empty one.
		switch {
		case key != "" && translated && translationKey(data) != key:
			keyed, err := setField(data, "translationKey", key)
			if err != nil {
				return nil, badRequest("%v", err)
			}
			data, changed = keyed, true
		case !e.exists && translationKey(data) == "":
			if h, err := content.ParseHeader(data); err == nil {
				data = h.Delete("translationKey")
			}
		}
		if !changed && e.oldSite == "" {
			continue
		}
		writes = append(writes, workflow.FileWrite{Path: e.site, Data: data})
		if e.oldSite != "" && e.oldSite != e.site {
			writes = append(writes, workflow.FileWrite{Path: e.oldSite, Delete: true})
		}
	}
	return writes, nil
}

// publishOptions are a publication's options; one by a signed-in publisher
// names them in the commit.
func (s *session) publishOptions(message string) workflow.PublishOptions {
	o := workflow.PublishOptions{Message: message, Check: check.Options{P: s.api.P}}
	if who, ok := staff.PersonOf(s.ctx); ok {
		o.Publisher = who.Name + " <" + who.Email + ">"
	}
	return o
}

// refusal says why the workflow refused an action, in the editor's words:
// the check's findings (those given, or the error's), each at the field or
// the line of the text it is about (read gives the files as checked); a
// colleague's change to the same place; links to a page being removed.
func (s *session) refusal(err error, findings []check.Finding, read func(string) []byte) error {
	p := s.api.P
	var cerr *workflow.CheckError
	var conflict *workflow.DraftConflictError
	switch {
	case errors.As(err, &conflict):
		return &apiError{status: http.StatusConflict, msg: explain.Web(p, err).Error()}
	case errors.As(err, &cerr) && len(cerr.LinksToRemoved) > 0:
		var lines []string
		for _, f := range cerr.LinksToRemoved {
			lines = append(lines, f.String())
		}
		return badRequest("%s", p.Sprintf("other pages link to what you are deleting; change those links first:\n%s", strings.Join(lines, "\n")))
	case errors.As(err, &cerr):
		// Errors first; the warnings of the same files are said too, so
		// that the next save is not refused for them, or surprises.
		var errs, warns []check.Finding
		for _, f := range findings {
			if f.Severity == check.Error {
				errs = append(errs, f)
			} else {
				warns = append(warns, f)
			}
		}
		return &apiError{
			status:   http.StatusUnprocessableEntity,
			msg:      p.Sprintf("Nothing was saved: %s in the entry. They are marked at their fields.", p.Sprintf("%d errors", len(errs))),
			findings: s.findingsJSON(append(errs, warns...), read),
		}
	}
	return err
}

func (s *session) updateStatus(raw json.RawMessage) (any, error) {
	var p struct {
		draftKey
		NewStatus      string `json:"newStatus"`
		CMSLabelPrefix string `json:"cmsLabelPrefix"`
	}
	if err := s.decodeDraft(raw, &p, &p.draftKey); err != nil {
		return nil, err
	}
	if _, _, err := s.r.Draft(p.String()); err != nil {
		if errors.Is(err, workflow.ErrNoDraft) {
			return nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
		}
		return nil, err
	}
	label := prefixOr(p.CMSLabelPrefix) + p.NewStatus
	if err := s.r.SetDraftStatus(p.String(), label); err != nil {
		return nil, err
	}
	return map[string]string{"message": workflow.DraftPrefix + p.String() + " description was updated to " + label}, nil
}

func (s *session) publishEntry(raw json.RawMessage) (any, error) {
	var k draftKey
	if err := s.decodeDraft(raw, &k, &k); err != nil {
		return nil, err
	}
	res, err := s.r.PublishDraft(s.ctx, k.String(), s.publishOptions(""))
	if errors.Is(err, workflow.ErrNoDraft) {
		return nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
	}
	if err != nil {
		draft, _, _ := s.r.Draft(k.String())
		return nil, s.refusal(err, res.Findings, s.reader(nil, draft))
	}
	return map[string]string{"message": "branch " + workflow.DraftPrefix + k.String() + " merged to " + workflow.Branch}, nil
}

// MediaPrefix is where the server sends the published media files, by their
// path in the site: the media library loads them by address, not inline.
const MediaPrefix = "/admin/media/"

func (s *session) getMedia(raw json.RawMessage) (any, error) {
	var p struct {
		MediaFolder string `json:"mediaFolder"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	if _, err := splitPath(p.MediaFolder); err != nil {
		return nil, err
	}
	main, err := s.r.Main()
	if err != nil {
		return nil, err
	}
	files, err := s.r.Files(main, p.MediaFolder)
	if err != nil {
		return nil, err
	}
	out := []mediaJSON{}
	for site, h := range files {
		if path.Dir(site) != strings.TrimSuffix(p.MediaFolder, "/") {
			continue
		}
		size, err := s.r.Size(h)
		if err != nil {
			return nil, err
		}
		out = append(out, mediaJSON{ID: h.String(), Encoding: "base64", Path: site, Name: path.Base(site), Size: size, URL: MediaPrefix + site})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func (s *session) getMediaFile(raw json.RawMessage) (any, error) {
	var p struct {
		Path string `json:"path"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	main, x, err := s.main()
	if err != nil {
		return nil, err
	}
	site, err := x.sitePath(p.Path, "")
	if err != nil {
		return nil, err
	}
	data, err := s.r.ReadFile(main, site)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
	}
	if err != nil {
		return nil, err
	}
	m := mediaFile(site, data, x.files[site].String())
	m.URL = MediaPrefix + site
	return m, nil
}

func (s *session) persistMedia(raw json.RawMessage) (any, error) {
	var p struct {
		Asset   assetJSON `json:"asset"`
		Options struct {
			CommitMessage string `json:"commitMessage"`
		} `json:"options"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	main, x, err := s.main()
	if err != nil {
		return nil, err
	}
	writes, err := s.entryWrites(main, x, draftKey{}, nil, []assetJSON{p.Asset})
	if err != nil {
		return nil, err
	}
	if res, err := s.r.PublishFiles(s.ctx, writes, s.publishOptions(p.Options.CommitMessage)); err != nil {
		return nil, s.refusal(err, res.Findings, s.reader(writes, main))
	}
	site := writes[0].Path
	m := mediaFile(site, writes[0].Data, plumbing.ComputeHash(plumbing.BlobObject, writes[0].Data).String())
	m.URL = MediaPrefix + site
	return m, nil
}

func (s *session) deleteFile(raw json.RawMessage) (any, error) {
	var p struct {
		Path    string `json:"path"`
		Options struct {
			CommitMessage string `json:"commitMessage"`
		} `json:"options"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	if err := s.remove([]string{p.Path}, p.Options.CommitMessage); err != nil {
		return nil, err
	}
	return map[string]string{"message": "deleted file " + p.Path}, nil
}

func (s *session) deleteFiles(raw json.RawMessage) (any, error) {
	var p struct {
		Paths   []string `json:"paths"`
		Options struct {
			CommitMessage string `json:"commitMessage"`
		} `json:"options"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	if err := s.remove(p.Paths, p.Options.CommitMessage); err != nil {
		return nil, err
	}
	return map[string]string{"message": "deleted files " + strings.Join(p.Paths, ", ")}, nil
}

// remove deletes published files, refusing to delete a page that other
// pages link to.
func (s *session) remove(cmsPaths []string, message string) error {
	main, x, err := s.main()
	if err != nil {
		return err
	}
	var writes []workflow.FileWrite
	for _, p := range cmsPaths {
		site, err := x.sitePath(p, "")
		if err != nil {
			return err
		}
		if _, ok := x.files[site]; ok {
			writes = append(writes, workflow.FileWrite{Path: site, Delete: true})
		}
	}
	if len(writes) == 0 {
		return nil
	}
	res, err := s.r.PublishFiles(s.ctx, writes, s.publishOptions(message))
	if err != nil {
		return s.refusal(err, res.Findings, s.reader(writes, main))
	}
	return nil
}

// Notes are the editorial comments on a draft, kept beside it (not in it:
// they never reach the site).

type note struct {
	ID        string `json:"id"`
	Content   string `json:"content"`
	Author    string `json:"author"`
	Timestamp string `json:"timestamp"`
	Resolved  bool   `json:"resolved"`
}

func (s *session) notes(k draftKey) ([]note, error) {
	data, err := s.r.DraftNotes(k.String())
	if err != nil || len(data) == 0 {
		return []note{}, err
	}
	var out []note
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *session) saveNotes(k draftKey, notes []note) error {
	data, err := json.MarshalIndent(notes, "", "  ")
	if err != nil {
		return err
	}
	return s.r.SetDraftNotes(k.String(), data)
}

func (s *session) getNotes(raw json.RawMessage) (any, error) {
	var k draftKey
	if err := s.decodeDraft(raw, &k, &k); err != nil {
		return nil, err
	}
	notes, err := s.notes(k)
	return map[string]any{"notes": notes}, err
}

func (s *session) addNote(raw json.RawMessage) (any, error) {
	var p struct {
		draftKey
		Note note `json:"note"`
	}
	if err := s.decodeDraft(raw, &p, &p.draftKey); err != nil {
		return nil, err
	}
	notes, err := s.notes(p.draftKey)
	if err != nil {
		return nil, err
	}
	n := p.Note
	if who, ok := staff.PersonOf(s.ctx); ok {
		n.Author = who.Name // on the server, the note is the signed-in person's
	}
	now := s.r.Now().UTC()
	n.ID = fmt.Sprintf("%d-%d", now.UnixNano(), len(notes)+1)
	n.Timestamp = now.Format(time.RFC3339)
	notes = append(notes, n)
	return map[string]any{"note": n}, s.saveNotes(p.draftKey, notes)
}

// changeNote applies change to the note noteID of a draft and returns it.
func (s *session) changeNote(raw json.RawMessage, change func(n *note, updates json.RawMessage)) (any, error) {
	var p struct {
		draftKey
		NoteID  string          `json:"noteId"`
		Updates json.RawMessage `json:"updates"`
	}
	if err := s.decodeDraft(raw, &p, &p.draftKey); err != nil {
		return nil, err
	}
	notes, err := s.notes(p.draftKey)
	if err != nil {
		return nil, err
	}
	for i := range notes {
		if notes[i].ID == p.NoteID {
			change(&notes[i], p.Updates)
			return map[string]any{"note": notes[i]}, s.saveNotes(p.draftKey, notes)
		}
	}
	return nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
}

func (s *session) updateNote(raw json.RawMessage) (any, error) {
	return s.changeNote(raw, func(n *note, updates json.RawMessage) {
		var u struct {
			Content  *string `json:"content"`
			Resolved *bool   `json:"resolved"`
		}
		json.Unmarshal(orEmpty(updates), &u)
		if u.Content != nil {
			n.Content = *u.Content
		}
		if u.Resolved != nil {
			n.Resolved = *u.Resolved
		}
	})
}

func (s *session) toggleNote(raw json.RawMessage) (any, error) {
	return s.changeNote(raw, func(n *note, _ json.RawMessage) { n.Resolved = !n.Resolved })
}

func (s *session) deleteNote(raw json.RawMessage) (any, error) {
	var p struct {
		draftKey
		NoteID string `json:"noteId"`
	}
	if err := s.decodeDraft(raw, &p, &p.draftKey); err != nil {
		return nil, err
	}
	notes, err := s.notes(p.draftKey)
	if err != nil {
		return nil, err
	}
	kept := notes[:0]
	for _, n := range notes {
		if n.ID != p.NoteID {
			kept = append(kept, n)
		}
	}
	return map[string]any{}, s.saveNotes(p.draftKey, kept)
}

// Media serves a published file of the site by its path: the media library's
// images and a bundle's files, never anything outside the content.
func (a *API) Media(w http.ResponseWriter, r *http.Request) {
	rel := strings.TrimPrefix(r.URL.Path, MediaPrefix)
	if _, err := splitPath(rel); err != nil || !(strings.HasPrefix(rel, mediaFolder+"/") || strings.HasPrefix(rel, "content/")) {
		http.NotFound(w, r)
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	repo, err := workflow.Open(r.Context(), a.Root)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	defer repo.Close()
	main, err := repo.Main()
	if err == nil {
		var data []byte
		if data, err = repo.ReadFile(main, rel); err == nil {
			serveMedia(w, r, rel, data)
			return
		}
	}
	http.NotFound(w, r)
}
