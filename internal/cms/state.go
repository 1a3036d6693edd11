package cms

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/check"
	"centar/internal/content"
	"centar/internal/explain"
	"centar/internal/workflow"
)

// centar's own actions, beside Decap's, on the same endpoint and under the
// same guard: what the admin shows around Decap's screens — publications
// that have not reached the site, a draft a colleague's publication meets,
// the copies of a terminal editor's conflicts.

// waiting is what has not reached the site: commits saved here and not yet
// sent, and a publication whose answer never came.
type waiting struct {
	Publications int    `json:"publications"`
	Reason       string `json:"reason,omitempty"` // why the last try to send them failed
}

func (s *session) waiting() (waiting, error) {
	n, err := s.r.Unsent()
	if err != nil {
		return waiting{}, err
	}
	pending, err := s.r.Pending()
	if pending {
		n++
	}
	return waiting{Publications: n, Reason: s.api.lastSend}, err
}

// sendWaiting sends what waits, if anything does: a publication whose
// answer never came is finished, commits saved here are published. Why it
// failed is kept for the admin's banner; the action it goes before goes on.
func (s *session) sendWaiting() {
	w, err := s.waiting()
	if err != nil || w.Publications == 0 {
		s.api.lastSend = ""
		return
	}
	s.sendNow()
}

// catchUp brings what colleagues published into this folder, so that the
// admin shows the site as it is: when nothing waits to be sent, the branch
// only moves forward. Failing (the server away, unsaved work in the way)
// leaves it as it was, for the next time.
func (s *session) catchUp() {
	if s.r.HasRemote("origin") {
		s.r.Sync(s.ctx, workflow.SyncOptions{})
	}
}

func (s *session) sendNow() {
	err := s.r.FinishPublishing(s.ctx)
	if n, uerr := s.r.Unsent(); err == nil && uerr == nil && n > 0 {
		_, err = s.r.Publish(s.ctx, workflow.PublishOptions{OnlySaved: true, Check: check.Options{P: s.api.P}})
	}
	s.api.lastSend = ""
	if err != nil {
		s.api.lastSend = s.api.say(explain.Web(s.api.P, err).Error())
	}
}

// state answers what the admin's banner shows, having sent what waits or,
// when nothing does, taken what colleagues published: the admin asks every
// half minute.
func (s *session) state(json.RawMessage) (any, error) {
	if w, err := s.waiting(); err == nil && w.Publications > 0 {
		s.sendNow()
	} else {
		s.catchUp()
	}
	return s.report()
}

// report is what waits and the copies kept beside pages.
func (s *session) report() (any, error) {
	w, err := s.waiting()
	if err != nil {
		return nil, err
	}
	copies, err := s.copies()
	return map[string]any{"waiting": w, "copies": copies}, err
}

// send sends what waits, now, and answers as state does.
func (s *session) send(json.RawMessage) (any, error) {
	s.sendWaiting()
	return s.report()
}

// conflictJSON is one place a draft and a colleague's publication both
// changed: which language's page, which field ("" for the text), both
// versions.
type conflictJSON struct {
	Locale string `json:"locale"`
	Side   string `json:"side"` // the locale, named for the editor
	Field  string `json:"field"`
	Label  string `json:"label"`
	Ours   string `json:"ours"`
	Theirs string `json:"theirs"`
}

func (s *session) conflicts(raw json.RawMessage) (any, error) {
	var k draftKey
	if err := s.decodeDraft(raw, &k, &k); err != nil {
		return nil, err
	}
	files, err := s.r.DraftConflicts(k.String())
	if errors.Is(err, workflow.ErrNoDraft) {
		return nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
	}
	if err != nil {
		return nil, err
	}
	out := []conflictJSON{}
	for _, f := range files {
		locale := s.cat.localeOf(f.Path)
		for _, p := range f.Parts {
			label := s.cat.model.BodyLabel
			if f, ok := s.cat.model.Schema(k.Collection)[p.Field]; ok && f.Label != "" {
				label = f.Label
			} else if p.Field != "" {
				label = p.Field
			}
			out = append(out, conflictJSON{Locale: locale, Side: s.cat.side(locale), Field: p.Field, Label: label, Ours: p.Ours, Theirs: p.Theirs})
		}
	}
	return map[string]any{"conflicts": out}, nil
}

// choices are the ways an editor resolves a conflict, by the admin's name.
var choices = map[string]workflow.Choice{"mine": workflow.KeepOurs, "theirs": workflow.TakeTheirs, "both": workflow.KeepBoth}

func (s *session) resolve(raw json.RawMessage) (any, error) {
	var p struct {
		draftKey
		Choice string `json:"choice"`
	}
	if err := s.decodeDraft(raw, &p, &p.draftKey); err != nil {
		return nil, err
	}
	choice, ok := choices[p.Choice]
	if !ok {
		return nil, badRequest("choice %q: want mine, theirs or both", p.Choice)
	}
	kept, err := s.r.ResolveDraft(p.String(), choice, s.api.say(s.api.P.Sprintf("Resolved: %s", p.String())))
	if errors.Is(err, workflow.ErrNoDraft) {
		return nil, &apiError{status: http.StatusNotFound, msg: "Not Found"}
	}
	if err != nil {
		return nil, err
	}
	// Both versions are in the text now, one after the other: the editor
	// joins them before the draft is ready again.
	if kept && choice == workflow.KeepBoth {
		if err := s.r.SetDraftStatus(p.String(), labelPrefix+"draft"); err != nil {
			return nil, err
		}
	}
	return map[string]any{"message": "resolved", "draft": kept}, nil
}

// copyJSON is a copy a terminal editor's conflict left beside a page.
type copyJSON struct {
	Path  string `json:"path"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

func (s *session) copies() ([]copyJSON, error) {
	paths, err := s.r.KeptCopies()
	if err != nil {
		return nil, err
	}
	out := []copyJSON{}
	for _, p := range paths {
		text, err := s.r.ReadCopy(p)
		if err != nil {
			return nil, err
		}
		out = append(out, copyJSON{Path: p, Title: s.r.Title(workflow.OriginalOf(p)), Text: string(text)})
	}
	return out, nil
}

func (s *session) deleteCopy(raw json.RawMessage) (any, error) {
	var p struct {
		Path string `json:"path"`
	}
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	if _, err := splitPath(p.Path); err != nil {
		return nil, err
	}
	if err := s.r.RemoveCopy(p.Path); err != nil {
		return nil, err
	}
	return s.report()
}

// SendWaiting sends what waits to reach the site, as centar cms starts: a
// publication whose answer never came, commits saved here. It says why it
// could not.
func (a *API) SendWaiting(ctx context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	r, err := workflow.Open(ctx, a.Root)
	if err != nil {
		return err
	}
	defer r.Close()
	r.Getenv = a.Getenv
	s := &session{api: a, r: r, ctx: ctx}
	s.sendWaiting()
	if a.lastSend != "" {
		return errors.New(a.lastSend)
	}
	return nil
}

// languages answers, for each entry of a translated collection, the names
// of the languages it has a side in besides Serbian: published, or written
// in its draft. The admin marks the entries that are in Serbian only, and
// the others with their languages, in the lists and on the board.
func (s *session) languages(json.RawMessage) (any, error) {
	_, x, err := s.main()
	if err != nil {
		return nil, err
	}
	has := map[string]map[string]bool{} // entry → its locales
	add := func(key, locale string) {
		if has[key] == nil {
			has[key] = map[string]bool{}
		}
		has[key][locale] = true
	}
	for _, c := range s.cat.collections {
		if c.Layout == bundles {
			continue // a leaflet or a document has one language
		}
		for _, e := range x.entries(c.Name) {
			dir, name := path.Split(e.cms)
			add(c.Name+"/"+strings.TrimSuffix(name, ".md"), path.Base(dir))
		}
	}
	drafts, err := s.r.Drafts()
	if err != nil {
		return nil, err
	}
	for _, key := range drafts {
		_, changes, err := s.r.Draft(key)
		if err != nil {
			continue
		}
		c, _, _ := strings.Cut(key, "/")
		if _, ok := s.cat.named(c); !ok {
			continue
		}
		for site, h := range changes {
			if !h.IsZero() && strings.HasPrefix(site, "content/") {
				add(key, s.cat.localeOf(site))
			}
		}
		add(key, serbian)
	}
	out := map[string][]string{}
	for key, locales := range has {
		out[key] = []string{}
		for _, locale := range s.cat.locales[1:] { // in the site's order
			if locales[locale] {
				out[key] = append(out[key], s.cat.label(locale))
			}
		}
	}
	return out, nil
}

// outdatedJSON is a translation of an entry whose Serbian page changed
// since it was translated.
type outdatedJSON struct {
	Language string `json:"language"`
	Label    string `json:"label"`
}

// translationsOf is how the translations of the tree of c, whose index x
// is, stand: read once.
func (s *session) translationsOf(c *object.Commit, x *siteIndex) ([]content.Translation, error) {
	if x.translations == nil {
		site, err := s.r.TreeFS(c)
		if err != nil {
			return nil, err
		}
		list, err := s.cat.model.Translations(site)
		if err != nil {
			return nil, err
		}
		x.translations = &list
	}
	return *x.translations, nil
}

// outdated lists the outdated translations of the Serbian page srPath in
// the tree of c.
func (s *session) outdated(c *object.Commit, x *siteIndex, srPath string) ([]content.Translation, error) {
	list, err := s.translationsOf(c, x)
	var out []content.Translation
	for _, t := range list {
		if t.Source == srPath && t.State == content.Outdated {
			out = append(out, t)
		}
	}
	return out, err
}

// translations answers, for each entry with a translation whose Serbian
// page changed since it was translated, which languages: as published, or
// as its draft has it. The admin marks those entries in the lists and on
// the board, and offers whoever opens one to say the translation holds.
func (s *session) translations(json.RawMessage) (any, error) {
	main, x, err := s.main()
	if err != nil {
		return nil, err
	}
	out := map[string][]outdatedJSON{}
	add := func(key string, list []content.Translation) {
		for _, t := range list {
			out[key] = append(out[key], outdatedJSON{Language: t.Language.Key, Label: t.Language.Label})
		}
	}
	for _, c := range s.cat.collections {
		if c.Layout == bundles {
			continue // a leaflet or a document has one language
		}
		for _, e := range x.entries(c.Name) {
			dir, name := path.Split(e.cms)
			if !strings.HasSuffix(dir, "/"+serbian+"/") {
				continue
			}
			list, err := s.outdated(main, x, e.site)
			if err != nil {
				return nil, err
			}
			add(c.Name+"/"+strings.TrimSuffix(name, ".md"), list)
		}
	}
	drafts, err := s.r.Drafts()
	if err != nil {
		return nil, err
	}
	for _, key := range drafts {
		c, slug, _ := strings.Cut(key, "/")
		if col, ok := s.cat.named(c); !ok || col.Layout == bundles {
			continue
		}
		tip, list, err := s.draftOutdated(draftKey{Collection: c, Slug: slug})
		if err != nil || tip == nil {
			continue // a draft that cannot be read says so where it is opened
		}
		delete(out, key)
		add(key, list)
	}
	return out, nil
}

// draftOutdated is the draft of the entry k, nil when there is none, and
// its outdated translations as the draft has them.
func (s *session) draftOutdated(k draftKey) (*object.Commit, []content.Translation, error) {
	tip, _, err := s.r.Draft(k.String())
	if errors.Is(err, workflow.ErrNoDraft) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	x, err := s.index(tip)
	if err != nil {
		return nil, nil, err
	}
	srPath, err := x.sitePath(k.Collection+"/"+serbian+"/"+k.Slug+".md", "")
	if err != nil {
		return nil, nil, err
	}
	list, err := s.outdated(tip, x, srPath)
	return tip, list, err
}

// translationCurrent records that the entry's outdated translations still
// hold after the change of its Serbian page, in the entry's draft: the
// translations, written again as they are, record the Serbian page the
// draft has. The draft is published as any other.
func (s *session) translationCurrent(raw json.RawMessage) (any, error) {
	var k draftKey
	if err := s.decodeDraft(raw, &k, &k); err != nil {
		return nil, err
	}
	tip, list, err := s.draftOutdated(k)
	if err != nil {
		return nil, err
	}
	from := tip
	if tip == nil {
		main, x, err := s.main()
		if err != nil {
			return nil, err
		}
		srPath, err := x.sitePath(k.Collection+"/"+serbian+"/"+k.Slug+".md", "")
		if err != nil {
			return nil, err
		}
		if list, err = s.outdated(main, x, srPath); err != nil {
			return nil, err
		}
		from = main
	}
	var writes []workflow.FileWrite
	var holds []string
	for _, t := range list {
		data, err := s.r.ReadFile(from, t.Path)
		if err != nil {
			return nil, err
		}
		writes = append(writes, workflow.FileWrite{Path: t.Path, Data: data})
		holds = append(holds, t.Path)
	}
	if len(writes) == 0 {
		return map[string]any{"message": "current", "draft": tip != nil}, nil
	}
	res, err := s.r.SaveDraft(k.String(), writes, workflow.DraftOptions{Message: s.api.say(s.api.P.Sprintf("The translation of %s still holds", k.String())), Check: check.Options{P: s.api.P}, Holds: holds})
	if err != nil {
		return nil, s.refusal(err, res.Findings, s.reader(writes, from))
	}
	if tip == nil && res.Commit != nil {
		if err := s.r.SetDraftStatus(k.String(), labelPrefix+"draft"); err != nil {
			return nil, err
		}
	}
	return map[string]any{"message": "recorded", "draft": res.Commit != nil}, nil
}
