package cms

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/msg"

	"centar/internal/content"
	"centar/internal/testsite"
)

// site is a small site that passes the check, with a Serbian news item and
// its English translation, a page, a leaflet, help lines and an image.
var siteFiles = testsite.Files(`
-- hugo.toml --
title = "t"
-- .gitignore --
/public/
/generated/
*.moja-verzija
-- data/organizacije.yaml --
- id: astra
  name: ASTRA
-- data/dokumenti.yaml --
- id: opsti-akti
  name: Општи акти
-- data/hotlines.yaml --
# Телефони за помоћ. Број без извора се не објављује.
- id: centar
  name: Центар
  number: "+381113000000"
  source: "https://example.org/kontakt"
  verified: "2026-01-15"
-- content/sr/_index.md --
---
title: Почетна
translationKey: home
---
Добро дошли.
-- content/en/_index.md --
---
title: Home
translationKey: home
---
Welcome.
-- content/sr/vesti/_index.md --
---
title: Вести
translationKey: news
---
-- content/en/news/_index.md --
---
title: News
translationKey: news
---
-- content/sr/vesti/prva.md --
---
title: Прва вест
date: 2024-05-31
translationKey: news-first
---
Први текст.
-- content/en/news/first.md --
---
title: First news
date: 2024-05-31
translationKey: news-first
---
First text.
-- content/sr/o-centru/_index.md --
---
title: О Центру
translationKey: about
---
-- content/en/about/_index.md --
---
title: About
translationKey: about
---
-- content/sr/o-centru/delatnost.md --
---
title: Делатност
---
Шта Центар ради.
-- content/sr/letci/_index.md --
---
title: Леци
---
-- content/sr/letci/info/index.md --
---
title: Инфо летак
---
Летак.
-- content/sr/oznake/obuka/_index.md --
---
title: Обука
---
-- static/slike/logo.png --
png
`)

// newSite makes a site's repository on disk, on main, with an editor's name.
func newSite(t testing.TB) string { return testsite.Repo(t, siteFiles) }

func newAPI(dir string) *API {
	return &API{Root: dir, P: msg.Printer(msg.English), Getenv: func(string) string { return "" }}
}

// call sends one action as Decap's proxy client does: the branch at the top
// and among the params.
func call(t testing.TB, h http.Handler, action string, params map[string]any) (int, json.RawMessage) {
	t.Helper()
	if params == nil {
		params = map[string]any{}
	}
	params["branch"] = "main"
	body, _ := json.Marshal(map[string]any{"action": action, "params": params, "branch": "main"})
	return post(t, h, body, nil)
}

func post(t testing.TB, h http.Handler, body []byte, headers map[string]string) (int, json.RawMessage) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8081/api/v1", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, json.RawMessage(rec.Body.Bytes())
}

func must(t testing.TB, h http.Handler, action string, params map[string]any) json.RawMessage {
	t.Helper()
	code, out := call(t, h, action, params)
	if code != http.StatusOK {
		t.Fatalf("%s: %d %s", action, code, out)
	}
	return out
}

// snapshot hashes every file of the working folder (not .git): what no
// action but a publish may change.
func snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		}
		return nil
	})
	return out
}

func sameSnapshot(t testing.TB, before, after map[string]string) {
	t.Helper()
	for p, h := range before {
		if after[p] != h {
			t.Errorf("%s changed in the editor's folder", p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s appeared in the editor's folder", p)
		}
	}
}

// refs lists every reference of the repository with its target.
func refs(t testing.TB, dir string) string {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	iter, _ := r.References()
	var out []string
	iter.ForEach(func(ref *plumbing.Reference) error {
		out = append(out, ref.String())
		return nil
	})
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func mainFile(t testing.TB, dir, rel string) (string, bool) {
	t.Helper()
	r, _ := git.PlainOpen(dir)
	ref, err := r.Reference(plumbing.NewBranchReferenceName("main"), true)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := r.CommitObject(ref.Hash())
	f, err := c.File(rel)
	if err != nil {
		return "", false
	}
	s, _ := f.Contents()
	return s, true
}

// newsEntry is a new news item with its English translation and an image, as
// Decap sends it: paths in the CMS's own folders, the slug from the
// Cyrillic title, the image under its camera name.
func newsEntry(slug, sr, en string) map[string]any {
	return map[string]any{
		"dataFiles": []map[string]any{
			{"slug": slug, "path": "vesti/sr/" + slug + ".md", "raw": "---\ntitle: " + sr + "\ndate: 2026-11-20\ndraft: false\n---\n" + sr + ": текст.\n\n![Обука](/slike/IMG_1234.JPG)\n"},
			{"slug": slug, "path": "vesti/en/" + slug + ".md", "raw": "---\ntitle: " + en + "\ndate: 2026-11-20\ndraft: false\n---\n" + en + ": text.\n"},
		},
		"assets":  []map[string]any{{"path": "static/slike/IMG_1234.JPG", "content": base64.StdEncoding.EncodeToString([]byte("jpeg " + slug)), "encoding": "base64"}},
		"options": map[string]any{"collectionName": "vesti", "commitMessage": "Ново (vesti): „" + slug + "”", "useWorkflow": true, "status": "draft", "newEntry": true},
	}
}

func TestEveryActionAnswersAsDecapExpects(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	// The editor works in the folder meanwhile: no action may touch this.
	unsaved := map[string]string{
		"content/sr/o-centru/delatnost.md": "---\ntitle: Делатност\n---\nНесачувана измена.\n",
		"content/sr/vesti/skica.md":        "---\ntitle: Скица\n---\nНова, несачувана.\n",
	}
	for rel, body := range unsaved {
		os.WriteFile(filepath.Join(dir, rel), []byte(body), 0o644)
	}
	defer func() {
		for rel, body := range unsaved {
			if data, _ := os.ReadFile(filepath.Join(dir, rel)); string(data) != body {
				t.Errorf("the editor's unsaved %s is now %q", rel, data)
			}
		}
	}()

	var info map[string]any
	code, out := post(t, h, []byte(`{"action":"info"}`), nil)
	json.Unmarshal(out, &info)
	if code != 200 || info["type"] != "local_git" || info["repo"] != filepath.Base(dir) {
		t.Errorf("info: %d %s", code, out)
	}

	var entries []entryJSON
	json.Unmarshal(must(t, h, "entriesByFolder", map[string]any{"folder": "vesti", "extension": "md", "depth": 2}), &entries)
	var paths []string
	for _, e := range entries {
		paths = append(paths, e.File.Path)
		if e.Data == nil || e.File.ID == nil {
			t.Errorf("%s has no data or id", e.File.Path)
		}
	}
	if got := strings.Join(paths, " "); got != "vesti/en/prva.md vesti/sr/prva.md" {
		t.Errorf("news entries: %s", got)
	}
	json.Unmarshal(must(t, h, "entriesByFolder", map[string]any{"folder": "stranice", "extension": "md", "depth": 2}), &entries)
	paths = nil
	for _, e := range entries {
		paths = append(paths, e.File.Path)
	}
	if got := strings.Join(paths, " "); got != "stranice/en/o-centru.md stranice/en/pocetna.md stranice/en/vesti.md stranice/sr/letci.md stranice/sr/o-centru.delatnost.md stranice/sr/o-centru.md stranice/sr/pocetna.md stranice/sr/vesti.md" {
		t.Errorf("pages: %s", got)
	}
	json.Unmarshal(must(t, h, "entriesByFolder", map[string]any{"folder": "letci", "extension": "md", "depth": 2}), &entries)
	if len(entries) != 1 || entries[0].File.Path != "letci/info/index.md" {
		t.Errorf("leaflets: %s", must(t, h, "entriesByFolder", map[string]any{"folder": "letci", "extension": "md", "depth": 2}))
	}

	var entry entryJSON
	json.Unmarshal(must(t, h, "getEntry", map[string]any{"path": "vesti/en/prva.md"}), &entry)
	if entry.Data == nil || !strings.Contains(*entry.Data, "First text.") {
		t.Errorf("getEntry of the translation: %+v", entry)
	}
	json.Unmarshal(must(t, h, "entriesByFiles", map[string]any{"files": []map[string]string{{"path": "data/hotlines.yaml", "label": "Телефони"}}}), &entries)
	if len(entries) != 1 || entries[0].Data == nil || !strings.HasPrefix(*entries[0].Data, "stavke:\n") || !strings.Contains(*entries[0].Data, "+381113000000") {
		t.Errorf("entriesByFiles of a list: %s", *entries[0].Data)
	}

	// A draft: nothing in the editor's folder moves, main stays.
	before := snapshot(t, dir)
	mainBefore, _ := mainFile(t, dir, "content/sr/vesti/prva.md")
	must(t, h, "persistEntry", newsEntry("обука-у-нишу", "Обука у Нишу", "Training in Niš"))
	sameSnapshot(t, before, snapshot(t, dir))
	if _, ok := mainFile(t, dir, "content/sr/vesti/obuka-u-nisu.md"); ok {
		t.Error("a draft went onto main")
	}

	var keys []string
	json.Unmarshal(must(t, h, "unpublishedEntries", nil), &keys)
	if len(keys) != 1 || keys[0] != "vesti/обука-у-нишу" {
		t.Errorf("unpublishedEntries: %v", keys)
	}
	var un struct {
		Collection, Slug, Status string
		Diffs                    []diffJSON
	}
	json.Unmarshal(must(t, h, "unpublishedEntry", map[string]any{"id": "vesti/обука-у-нишу"}), &un)
	var diffPaths []string
	for _, d := range un.Diffs {
		diffPaths = append(diffPaths, fmt.Sprintf("%s new=%v binary=%v", d.Path, d.NewFile, d.Binary))
	}
	if un.Collection != "vesti" || un.Slug != "обука-у-нишу" || un.Status != "draft" ||
		strings.Join(diffPaths, "; ") != "static/slike/img-1234.jpg new=true binary=true; vesti/en/обука-у-нишу.md new=true binary=false; vesti/sr/обука-у-нишу.md new=true binary=false" {
		t.Errorf("unpublishedEntry: %+v %v", un, diffPaths)
	}
	var df struct{ Data string }
	json.Unmarshal(must(t, h, "unpublishedEntryDataFile", map[string]any{"collection": "vesti", "slug": "обука-у-нишу", "path": "vesti/en/обука-у-нишу.md", "id": un.Diffs[1].ID}), &df)
	if !strings.Contains(df.Data, "Training in Niš") || !strings.Contains(df.Data, "translationKey: vesti-obuka-u-nisu\n") {
		t.Errorf("the translation: %q", df.Data)
	}
	json.Unmarshal(must(t, h, "unpublishedEntryDataFile", map[string]any{"collection": "vesti", "slug": "обука-у-нишу", "path": "vesti/sr/обука-у-нишу.md", "id": un.Diffs[2].ID}), &df)
	if !strings.Contains(df.Data, "/slike/img-1234.jpg") || !strings.Contains(df.Data, "translationKey: vesti-obuka-u-nisu\n") {
		t.Errorf("the Serbian page does not follow the image's new name, or lacks the key: %q", df.Data)
	}
	var media mediaJSON
	json.Unmarshal(must(t, h, "unpublishedEntryMediaFile", map[string]any{"collection": "vesti", "slug": "обука-у-нишу", "path": "static/slike/img-1234.jpg", "id": un.Diffs[0].ID}), &media)
	if data, _ := base64.StdEncoding.DecodeString(media.Content); string(data) != "jpeg обука-у-нишу" || media.Name != "img-1234.jpg" {
		t.Errorf("media file: %+v", media)
	}

	must(t, h, "updateUnpublishedEntryStatus", map[string]any{"collection": "vesti", "slug": "обука-у-нишу", "newStatus": "pending_publish"})
	json.Unmarshal(must(t, h, "unpublishedEntry", map[string]any{"collection": "vesti", "slug": "обука-у-нишу"}), &un)
	if un.Status != "pending_publish" {
		t.Errorf("status %q", un.Status)
	}

	// Notes, for a team that reviews.
	var added struct{ Note note }
	json.Unmarshal(must(t, h, "addNote", map[string]any{"collection": "vesti", "slug": "обука-у-нишу", "note": map[string]any{"content": "Проверити датум.", "author": "Boris", "resolved": false}}), &added)
	if added.Note.ID == "" || added.Note.Timestamp == "" || added.Note.Content != "Проверити датум." {
		t.Errorf("addNote: %+v", added)
	}
	must(t, h, "updateNote", map[string]any{"collection": "vesti", "slug": "обука-у-нишу", "noteId": added.Note.ID, "updates": map[string]any{"content": "Проверити датум и место."}})
	must(t, h, "toggleNoteResolution", map[string]any{"collection": "vesti", "slug": "обука-у-нишу", "noteId": added.Note.ID})
	var notes struct{ Notes []note }
	json.Unmarshal(must(t, h, "getNotes", map[string]any{"collection": "vesti", "slug": "обука-у-нишу"}), &notes)
	if len(notes.Notes) != 1 || notes.Notes[0].Content != "Проверити датум и место." || !notes.Notes[0].Resolved {
		t.Errorf("getNotes: %+v", notes)
	}
	must(t, h, "deleteNote", map[string]any{"collection": "vesti", "slug": "обука-у-нишу", "noteId": added.Note.ID})
	json.Unmarshal(must(t, h, "getNotes", map[string]any{"collection": "vesti", "slug": "обука-у-нишу"}), &notes)
	if len(notes.Notes) != 0 {
		t.Errorf("after deleteNote: %+v", notes)
	}
	if code, out := call(t, h, "getDeployPreview", map[string]any{"collection": "vesti", "slug": "обука-у-нишу"}); code != 200 || string(bytes.TrimSpace(out)) != "null" {
		t.Errorf("getDeployPreview: %d %s", code, out)
	}

	// Publishing puts both languages and the image on main and in the folder.
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "обука-у-нишу"})
	for rel, want := range map[string]string{"content/sr/vesti/obuka-u-nisu.md": "Обука у Нишу", "content/en/news/obuka-u-nisu.md": "Training in Niš", "static/slike/img-1234.jpg": "jpeg"} {
		got, ok := mainFile(t, dir, rel)
		if !ok || !strings.Contains(got, want) {
			t.Errorf("main's %s: %q", rel, got)
		}
		if data, err := os.ReadFile(filepath.Join(dir, rel)); err != nil || string(data) != got {
			t.Errorf("the folder's %s: %q %v", rel, data, err)
		}
	}
	if _, prva := mainFile(t, dir, "content/sr/vesti/prva.md"); !prva || mainBefore == "" {
		t.Error("publishing lost another page")
	}
	json.Unmarshal(must(t, h, "unpublishedEntries", nil), &keys)
	if len(keys) != 0 {
		t.Errorf("the published draft remains: %v", keys)
	}

	// A draft deleted leaves nothing behind.
	must(t, h, "persistEntry", newsEntry("друга", "Друга", "Second"))
	must(t, h, "deleteUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "друга"})
	if code, _ := call(t, h, "unpublishedEntry", map[string]any{"id": "vesti/друга"}); code != http.StatusNotFound {
		t.Errorf("a deleted draft answers %d", code)
	}

	// Media: listed without its content, read one by one, added, deleted.
	var list []mediaJSON
	json.Unmarshal(must(t, h, "getMedia", map[string]any{"mediaFolder": "static/slike"}), &list)
	if len(list) != 2 || list[0].Content != "" || list[0].URL != MediaPrefix+"static/slike/img-1234.jpg" {
		t.Errorf("getMedia: %+v", list)
	}
	json.Unmarshal(must(t, h, "getMediaFile", map[string]any{"path": "static/slike/logo.png"}), &media)
	if data, _ := base64.StdEncoding.DecodeString(media.Content); string(data) != siteFiles["static/slike/logo.png"] {
		t.Errorf("getMediaFile: %+v", media)
	}
	json.Unmarshal(must(t, h, "persistMedia", map[string]any{"asset": map[string]any{"path": "static/slike/Мапа Ниша.png", "content": base64.StdEncoding.EncodeToString([]byte("map")), "encoding": "base64"}, "options": map[string]any{"commitMessage": "Датотека"}}), &media)
	if media.Path != "static/slike/mapa-nisa.png" {
		t.Errorf("persistMedia named it %s", media.Path)
	}
	if got, ok := mainFile(t, dir, "static/slike/mapa-nisa.png"); !ok || got != "map" {
		t.Error("persistMedia did not reach main")
	}
	must(t, h, "deleteFile", map[string]any{"path": "static/slike/mapa-nisa.png", "options": map[string]any{"commitMessage": "Брисање"}})
	must(t, h, "deleteFiles", map[string]any{"paths": []string{"static/slike/logo.png"}, "options": map[string]any{"commitMessage": "Брисање"}})
	for _, rel := range []string{"static/slike/mapa-nisa.png", "static/slike/logo.png"} {
		if _, ok := mainFile(t, dir, rel); ok {
			t.Errorf("%s was not deleted", rel)
		}
	}

	// A data list saved from the CMS comes back a list, its comments kept.
	hotlines := "stavke:\n  - id: centar\n    name: Центар\n    number: \"+381113000000\"\n    display: \"011 300 0000\"\n    source: https://example.org/kontakt\n    verified: \"2026-01-15\"\n  - id: sos\n    name: СОС\n    number: \"+381800100600\"\n    display: \"0800 100 600\"\n    source: https://example.org/sos\n    verified: \"2026-02-01\"\n"
	must(t, h, "persistEntry", map[string]any{
		"dataFiles": []map[string]any{{"slug": "telefoni", "path": "data/hotlines.yaml", "raw": hotlines}},
		"assets":    []any{},
		"options":   map[string]any{"collectionName": "podaci", "commitMessage": "Телефони", "useWorkflow": true, "status": "draft"},
	})
	json.Unmarshal(must(t, h, "unpublishedEntry", map[string]any{"id": "podaci/telefoni"}), &un)
	if len(un.Diffs) != 1 || un.Diffs[0].Path != "data/hotlines.yaml" {
		t.Fatalf("the data draft: %+v", un)
	}
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "podaci", "slug": "telefoni"})
	got, _ := mainFile(t, dir, "data/hotlines.yaml")
	if !strings.HasPrefix(got, "# Телефони за помоћ. Број без извора се не објављује.\n- ") || !strings.Contains(got, "+381800100600") {
		t.Errorf("the help lines as saved:\n%s", got)
	}

	if code, out := call(t, h, "noSuchAction", nil); code != http.StatusUnprocessableEntity || !strings.Contains(string(out), "Unknown action noSuchAction") {
		t.Errorf("an unknown action: %d %s", code, out)
	}
}

// Decap keeps the title's letters in slugs, and an image keeps its own name
// with spaces: the draft is found by them, and git's quoting of such names
// in diffs (which breaks decap-server) plays no part; the site's files are
// named as the check wants.
func TestCyrillicAndSpacedNamesFindTheirDraft(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	entry := newsEntry("нова-вест-у-нишу", "Нова вест у Нишу", "News in Niš")
	entry["assets"].([]map[string]any)[0]["path"] = "static/slike/Слика са обуке.JPG"
	entry["dataFiles"].([]map[string]any)[0]["raw"] = "---\ntitle: Нова вест у Нишу\ndate: 2026-11-20\n---\n![Обука](/slike/Слика са обуке.JPG)\n"
	must(t, h, "persistEntry", entry)
	var un struct{ Diffs []diffJSON }
	json.Unmarshal(must(t, h, "unpublishedEntry", map[string]any{"id": "vesti/нова-вест-у-нишу"}), &un)
	var paths []string
	for _, d := range un.Diffs {
		paths = append(paths, d.Path)
	}
	if got := strings.Join(paths, " | "); got != "static/slike/slika-sa-obuke.jpg | vesti/en/нова-вест-у-нишу.md | vesti/sr/нова-вест-у-нишу.md" {
		t.Errorf("diffs: %s", got)
	}
	var df struct{ Data string }
	json.Unmarshal(must(t, h, "unpublishedEntryDataFile", map[string]any{"collection": "vesti", "slug": "нова-вест-у-нишу", "path": "vesti/sr/нова-вест-у-нишу.md", "id": ""}), &df)
	if !strings.Contains(df.Data, "![Обука](/slike/slika-sa-obuke.jpg)") {
		t.Errorf("the page does not follow the image's new name: %q", df.Data)
	}
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "нова-вест-у-нишу"})
	for _, rel := range []string{"content/sr/vesti/nova-vest-u-nisu.md", "content/en/news/nova-vest-u-nisu.md", "static/slike/slika-sa-obuke.jpg"} {
		if _, ok := mainFile(t, dir, rel); !ok {
			t.Errorf("%s is not on main", rel)
		}
	}
	// A slug git cannot name a branch with is refused plainly.
	if code, out := call(t, h, "persistEntry", newsEntry("нова вест", "Нова", "New")); code != 422 || !strings.Contains(string(out), "cannot name a draft branch") {
		t.Errorf("a slug with spaces: %d %s", code, out)
	}
}

// previewOf asks the preview of an entry as the form holds it: its
// Serbian side's title and text.
func previewOf(t *testing.T, h http.Handler, title, body string) map[string]any {
	t.Helper()
	var out map[string]any
	json.Unmarshal(must(t, h, "centarPreview", map[string]any{"collection": "vesti", "slug": "",
		"locales": map[string]any{"sr": map[string]any{"title": title, "body": body}}}), &out)
	return out
}

// Where the site has no preview, the pane shows the text in both scripts,
// as the site's engine and Markdown write it.
func TestPreviewInBothScripts(t *testing.T) {
	h := newAPI(newSite(t))
	out := previewOf(t, h, "Обука у Нишу", "Чланови **локалних тимова** и [[Facebook]].")
	text, _ := out["text"].(map[string]any)
	latn, _ := text["latn"].(map[string]any)
	cyrl, _ := text["cyrl"].(map[string]any)
	if latn["title"] != "Obuka u Nišu" || !strings.Contains(fmt.Sprint(latn["html"]), "Članovi <strong>lokalnih timova</strong> i Facebook.") ||
		cyrl["title"] != "Обука у Нишу" || !strings.Contains(fmt.Sprint(cyrl["html"]), "<strong>локалних тимова</strong>") {
		t.Errorf("%v", out)
	}
	// Markdown is read as the site reads it: tables, bare addresses, quotes.
	out = previewOf(t, h, "Т", "| Град | Тим |\n|---|---|\n| Ниш | 3 |\n\nВише на https://example.org и \"ту\".")
	html := fmt.Sprint(out["text"].(map[string]any)["cyrl"].(map[string]any)["html"])
	for _, want := range []string{"<table>", `<a href="https://example.org">`, "&ldquo;"} {
		if !strings.Contains(html, want) {
			t.Errorf("the preview is not written as the site's Markdown (%s): %s", want, html)
		}
	}
}

// A body goldmark would take too long over is not read: the pane says why.
// 160 KB of a_ takes goldmark seconds.
func TestPreviewRefusesAHeavyBody(t *testing.T) {
	out := previewOf(t, newAPI(newSite(t)), "Т", "Текст.\n"+strings.Repeat("a_", 80000))
	if !strings.Contains(fmt.Sprint(out["error"]), "without a space") {
		t.Errorf("%v", out)
	}
}

// The content check runs on every save; what it refuses is said at the
// field or the line of the text it is about, with no file path, and
// nothing is written. A warning lets the save through and is said too.
func TestTheCheckRefusesABadSaveAtItsFields(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	before := refs(t, dir)
	entry := newsEntry("лоша", "Лоша", "Bad")
	files := entry["dataFiles"].([]map[string]any)
	files[0]["raw"] = "---\ntitle: Лоша\ndate: 2026-11-20\n---\nПрви ред.\n\nСнимак: {{< youtube abc >}}\n"
	files[1]["raw"] = "---\ntitle: \"\"\ndate: 2026-11-20\n---\nText.\n"
	code, out := call(t, h, "persistEntry", entry)
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("%d %s", code, out)
	}
	var refused struct {
		Error    string
		Findings []findingJSON
	}
	if err := json.Unmarshal(out, &refused); err != nil {
		t.Fatal(err)
	}
	want := []findingJSON{
		{Locale: "en", Side: "English", SideIndex: 1, Field: "title", Label: "Наслов", Severity: "error", Message: "a page needs a title"},
		{Locale: "sr", Side: "српски", Field: "body", Label: "Текст", Line: 3, Severity: "error"},
	}
	if len(refused.Findings) != len(want) {
		t.Fatalf("findings %+v, want %+v", refused.Findings, want)
	}
	for i, w := range want {
		got := refused.Findings[i]
		if w.Message == "" {
			w.Message = got.Message
			if !strings.Contains(got.Message, "{{< youtube >}} shows another site") {
				t.Errorf("finding %d says %q", i, got.Message)
			}
		}
		if got != w {
			t.Errorf("finding %d is %+v, want %+v", i, got, w)
		}
	}
	if strings.Contains(string(out), "content/") || strings.Contains(string(out), ".md") {
		t.Errorf("the answer names a file: %s", out)
	}
	if refs(t, dir) != before {
		t.Error("a refused save changed the repository")
	}

	files[0]["raw"] = "---\ntitle: Лоша\ndate: 2026-11-20\n---\nОво је **важно.\n"
	files[1]["raw"] = "---\ntitle: Bad\ndate: 2026-11-20\n---\nText.\n"
	var saved struct{ Findings []findingJSON }
	json.Unmarshal(must(t, h, "persistEntry", entry), &saved)
	if len(saved.Findings) != 1 || saved.Findings[0].Field != "body" || saved.Findings[0].Line != 1 || saved.Findings[0].Severity != "warning" {
		t.Errorf("the saved entry's warnings: %+v", saved.Findings)
	}
}

// Parallel saves all land: none overwrites another.
func TestParallelSavesLoseNothing(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	const n = 12
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slug := fmt.Sprintf("вест-%02d", i)
			if code, out := call(t, h, "persistEntry", newsEntry(slug, "Вест "+fmt.Sprint(i), "News "+fmt.Sprint(i))); code != 200 {
				t.Errorf("%s: %d %s", slug, code, out)
			}
		}()
	}
	wg.Wait()
	var keys []string
	json.Unmarshal(must(t, h, "unpublishedEntries", nil), &keys)
	if len(keys) != n {
		t.Fatalf("%d drafts of %d", len(keys), n)
	}
	for i := range n {
		var df struct{ Data string }
		slug := fmt.Sprintf("вест-%02d", i)
		json.Unmarshal(must(t, h, "unpublishedEntryDataFile", map[string]any{"collection": "vesti", "slug": slug, "path": "vesti/sr/" + slug + ".md", "id": ""}), &df)
		if !strings.Contains(df.Data, fmt.Sprintf("title: Вест %d\n", i)) {
			t.Errorf("%s holds %q", slug, df.Data)
		}
	}
}

// An editor writing in the folder while the CMS runs loses nothing: no action
// touches a file the editor has not saved, and publishing over it is refused.
func TestAnEditorsUnsavedFileIsUntouched(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	mine := "---\ntitle: Прва вест\ndate: 2024-05-31\ntranslationKey: news-first\n---\nУредникова измена, несачувана.\n"
	os.WriteFile(filepath.Join(dir, "content/sr/vesti/prva.md"), []byte(mine), 0o644)
	must(t, h, "persistEntry", newsEntry("трећа", "Трећа", "Third"))
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "трећа"})
	entry := newsEntry("прва", "Прва вест", "First news")
	entry["dataFiles"] = entry["dataFiles"].([]map[string]any)[:1]
	entry["dataFiles"].([]map[string]any)[0]["path"] = "vesti/sr/prva.md"
	entry["dataFiles"].([]map[string]any)[0]["slug"] = "prva"
	entry["options"].(map[string]any)["newEntry"] = false
	must(t, h, "persistEntry", entry)
	code, out := call(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "prva"})
	if code == 200 || !strings.Contains(string(out), "not saved") || strings.Contains(string(out), "content/") {
		t.Errorf("publishing over an unsaved file: %d %s", code, out)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content/sr/vesti/prva.md")); string(data) != mine {
		t.Errorf("the editor's file is now %q", data)
	}
	var keys []string
	json.Unmarshal(must(t, h, "unpublishedEntries", nil), &keys)
	if len(keys) != 1 {
		t.Errorf("the refused draft is gone: %v", keys)
	}
}

// Every bad request is refused, and nothing is written.
func TestBadRequestsAreRefusedWithNothingWritten(t *testing.T) {
	dir := newSite(t)
	// A link committed in the site that points outside it: the CMS reads
	// git's objects, never the disk, so it reads the link's own text.
	os.Symlink("/etc/passwd", filepath.Join(dir, "static/slike/passwd.png"))
	r, _ := git.PlainOpen(dir)
	wt, _ := r.Worktree()
	wt.Add("static/slike/passwd.png")
	wt.Commit("link", &git.CommitOptions{Author: &object.Signature{Name: "x", Email: "x@x", When: time.Now()}})

	srv := (&Server{API: newAPI(dir), Port: 8081, Config: func() ([]byte, error) { return nil, nil }}).Handler()
	before, folder := refs(t, dir), snapshot(t, dir)
	entryAt := func(p string) map[string]any {
		e := newsEntry("x", "Икс", "X")
		e["dataFiles"].([]map[string]any)[0]["path"] = p
		return e
	}
	body := func(action string, params map[string]any) []byte {
		params["branch"] = "main"
		b, _ := json.Marshal(map[string]any{"action": action, "params": params})
		return b
	}
	cases := []struct {
		name    string
		body    []byte
		headers map[string]string
		want    int
	}{
		{"traversal in getEntry", body("getEntry", map[string]any{"path": "vesti/sr/../../../.git/config"}), nil, 422},
		{"absolute path", body("getEntry", map[string]any{"path": "/etc/passwd"}), nil, 422},
		{"traversal in a media file", body("getMediaFile", map[string]any{"path": "static/slike/../../.git/HEAD"}), nil, 422},
		{"traversal in a saved file", body("persistEntry", entryAt("vesti/sr/../../../hugo.toml")), nil, 422},
		{"a file outside the content", body("persistEntry", entryAt("hugo.toml")), nil, 422},
		{"traversal in a slug", body("unpublishedEntry", map[string]any{"collection": "vesti", "slug": "../../heads/main"}), nil, 422},
		{"traversal in a deletion", body("deleteFiles", map[string]any{"paths": []string{"../outside.txt"}, "options": map[string]any{"commitMessage": "x"}}), nil, 422},
		{"malformed JSON", []byte(`{"action": "getEntry", "params": {`), nil, 422},
		{"a huge body", append(append([]byte(`{"action":"persistMedia","params":{"branch":"main","asset":{"path":"static/slike/a.png","encoding":"base64","content":"`), bytes.Repeat([]byte("A"), MaxBody)...), []byte(`"}}}`)...), nil, 413},
		{"an unknown action", body("eraseEverything", map[string]any{}), nil, 422},
		{"another branch", []byte(`{"action":"entriesByFolder","params":{"branch":"gh-pages","folder":"vesti","extension":"md","depth":1}}`), nil, 422},
		{"another site's page", body("deleteFiles", map[string]any{"paths": []string{"vesti/sr/prva.md"}, "options": map[string]any{"commitMessage": "x"}}), map[string]string{"Origin": "http://evil.example"}, 403},
		{"another site's fetch", body("deleteFiles", map[string]any{"paths": []string{"vesti/sr/prva.md"}, "options": map[string]any{"commitMessage": "x"}}), map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"another host name (DNS rebinding)", body("deleteFiles", map[string]any{"paths": []string{"vesti/sr/prva.md"}, "options": map[string]any{"commitMessage": "x"}}), map[string]string{"Host": "evil.example:8081"}, 421},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8081/api/v1", bytes.NewReader(c.body))
			for k, v := range c.headers {
				if k == "Host" {
					req.Host = v
				} else {
					req.Header.Set(k, v)
				}
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != c.want {
				t.Errorf("status %d, want %d: %s", rec.Code, c.want, rec.Body.String())
			}
		})
	}
	if refs(t, dir) != before {
		t.Error("a refused request changed the repository")
	}
	sameSnapshot(t, folder, snapshot(t, dir))

	var media mediaJSON
	code, out := post(t, srv, body("getMediaFile", map[string]any{"path": "static/slike/passwd.png"}), nil)
	json.Unmarshal(out, &media)
	passwd, _ := os.ReadFile("/etc/passwd")
	if data, _ := base64.StdEncoding.DecodeString(media.Content); code == 200 && bytes.Equal(data, passwd) {
		t.Error("the link was followed out of the site")
	}
}

// The media library loads images by address, from main, and nothing else.
func TestMediaAreServedByAddressFromTheSiteOnly(t *testing.T) {
	dir := newSite(t)
	srv := (&Server{API: newAPI(dir), Port: 8081, Config: func() ([]byte, error) { return nil, nil }}).Handler()
	for path, served := range map[string]bool{
		MediaPrefix + "static/slike/logo.png":        true,
		MediaPrefix + "content/sr/vesti/prva.md":     true,
		MediaPrefix + "static/slike/../../hugo.toml": false,
		MediaPrefix + ".git/config":                  false,
		MediaPrefix + "hugo.toml":                    false,
	} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8081"+path, nil))
		if (rec.Code == 200) != served {
			t.Errorf("GET %s: %d %q", path, rec.Code, rec.Body.String())
		}
	}
}

// A town, a tag or an organisation an editor types that the site does not
// have yet gets its key and its place with the entry: "Ниш" and "Niš" are
// one town, nis, with its page; a new organisation joins the list. A name
// the site has already is its key.
func TestNewTermsGetTheirKeyAndPlace(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	entry := newsEntry("обука-у-нишу", "Обука у Нишу", "Training in Niš")
	files := entry["dataFiles"].([]map[string]any)
	header := "date: 2026-11-20\ngradovi:\n  - Ниш\noznake:\n  - obuka\n  - Обука за тимове\norganizacija: Удружење Колектив\n"
	files[0]["raw"] = "---\ntitle: Обука у Нишу\n" + header + "---\nТекст.\n"
	files[1]["raw"] = "---\ntitle: Training in Niš\n" + header + "---\nText.\n"
	must(t, h, "persistEntry", entry)
	branch := "cms/vesti/обука-у-нишу"
	for rel, want := range map[string]string{
		"content/sr/gradovi/nis/_index.md":            "---\ntitle: Ниш\n---\n",
		"content/sr/oznake/obuka-za-timove/_index.md": "---\ntitle: Обука за тимове\n---\n",
		"data/organizacije.yaml":                      siteFiles["data/organizacije.yaml"] + "- id: udruzenje-kolektiv\n  name: Удружење Колектив\n",
		"content/sr/vesti/obuka-u-nisu.md":            "gradovi:\n  - nis\noznake:\n  - obuka\n  - obuka-za-timove\norganizacija: udruzenje-kolektiv\n",
		"content/en/news/obuka-u-nisu.md":             "gradovi:\n  - nis\n",
	} {
		got, ok := testsite.File(t, dir, branch, rel)
		if !ok || !strings.Contains(got, want) {
			t.Errorf("%s on the draft is %q, want it to hold %q", rel, got, want)
		}
	}

	// Decap sees the entry's own files only: what is written beside it is not
	// taken for its text or its media.
	var listed struct{ Diffs []diffJSON }
	json.Unmarshal(must(t, h, "unpublishedEntry", map[string]any{"collection": "vesti", "slug": "обука-у-нишу"}), &listed)
	var paths []string
	for _, d := range listed.Diffs {
		paths = append(paths, d.Path)
	}
	if want := "vesti/en/обука-у-нишу.md vesti/sr/обука-у-нишу.md"; strings.Join(paths, " ") != want { // the image its text no longer shows is not written
		t.Errorf("the entry lists %v, want %s", paths, want)
	}

	// Saved again with the key the form now holds, the draft keeps its
	// town's page as it was typed.
	files[0]["raw"] = strings.Replace(files[0]["raw"].(string), "  - Ниш\n", "  - nis\n", 1)
	must(t, h, "persistEntry", entry)
	if town, _ := testsite.File(t, dir, branch, "content/sr/gradovi/nis/_index.md"); town != "---\ntitle: Ниш\n---\n" {
		t.Errorf("saved again, the new town's page is %q", town)
	}

	// Typed again in Latin, the same town is the same key, with no second page.
	again := newsEntry("друга-обука", "Друга обука", "Second training")
	files = again["dataFiles"].([]map[string]any)
	files[0]["raw"] = "---\ntitle: Друга обука\ndate: 2026-11-21\ngradovi:\n  - Niš\norganizacija: ASTRA\n---\nТекст.\n"
	files[1]["raw"] = "---\ntitle: Second training\ndate: 2026-11-21\n---\nText.\n"
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "обука-у-нишу"})
	must(t, h, "persistEntry", again)
	got, _ := testsite.File(t, dir, "cms/vesti/друга-обука", "content/sr/vesti/druga-obuka.md")
	if !strings.Contains(got, "gradovi:\n  - nis\norganizacija: astra\n") {
		t.Errorf("the second entry holds %q", got)
	}
}

// The lists offer what a draft added beside its entry, named as typed, in
// Cyrillic.
func TestChoicesOfferWhatADraftAdded(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	entry := newsEntry("обука-у-нишу", "Обука у Нишу", "Training in Niš")
	files := entry["dataFiles"].([]map[string]any)
	files[0]["raw"] = "---\ntitle: Обука у Нишу\ndate: 2026-11-20\ngradovi:\n  - Niš\n---\nТекст.\n"
	must(t, h, "persistEntry", entry)
	var lists map[string][]struct{ Label, Value string }
	json.Unmarshal(must(t, h, "centarChoices", map[string]any{"collection": "vesti", "slug": "обука-у-нишу"}), &lists)
	if got := fmt.Sprint(lists["gradovi"]); got != "[{Ниш nis}]" {
		t.Errorf("the towns are %s", got)
	}
	if got := fmt.Sprint(lists["organizacija"]); got != "[{АСТРА astra}]" {
		t.Errorf("the organisations are %s", got)
	}
}

// The admin knows which languages each entry has besides Serbian: the
// published ones and those written in a draft.
func TestLanguagesSayWhichEntriesHaveTranslations(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	serbianOnly := newsEntry("само-српски", "Само српски", "")
	files := serbianOnly["dataFiles"].([]map[string]any)
	files[1]["raw"] = "---\ndate: 2026-11-20\n---\n"
	must(t, h, "persistEntry", serbianOnly)
	must(t, h, "persistEntry", newsEntry("оба-језика", "Оба језика", "Both languages"))
	var langs map[string][]string
	json.Unmarshal(must(t, h, "centarLanguages", nil), &langs)
	for key, want := range map[string]string{"vesti/prva": "[English]", "vesti/само-српски": "[]", "vesti/оба-језика": "[English]"} {
		if got, ok := langs[key]; !ok || fmt.Sprint(got) != want {
			t.Errorf("%s has %v besides Serbian (listed %v), want %v; all: %v", key, got, ok, want, langs)
		}
	}
}

// In Cyrillic the admin keeps paths, addresses and file names as written.
func TestSayKeepsPathsInLatin(t *testing.T) {
	a := &API{Cyrillic: true}
	for in, want := range map[string]string{
		"static/slike/slika-nis-2024.png je prevelika":  "static/slike/slika-nis-2024.png је превелика",
		"![Slika](/slike/slika-nis-2024.png) nema opis": "![Слика](/slike/slika-nis-2024.png) нема опис",
		"veza /nema/ ne vodi nikud":                     "веза /nema/ не води никуд",
	} {
		if got := a.say(in); got != want {
			t.Errorf("say(%q) = %q, want %q", in, got, want)
		}
	}
}

// A language the site declares is a side of every translated form: the
// configuration lists it, its pages are entries, a new entry's side in it
// goes under its own folder, and the admin names it.
func TestALanguageOfTheSiteIsASideOfTheForm(t *testing.T) {
	files := testsite.Files(`
-- hugo.toml --
defaultContentLanguage = "sr-cyrl"
[languages.sr-cyrl]
  label = "Ћирилица"
  weight = 1
  contentDir = "generated/content/sr-cyrl"
[languages.sr-latn]
  label = "Latinica"
  weight = 2
  contentDir = "generated/content/sr-latn"
[languages.en]
  label = "English"
  weight = 3
  contentDir = "content/en"
[languages.uk]
  label = "Українська"
  weight = 4
  contentDir = "content/uk"
-- content/uk/_index.md --
---
title: Головна
translationKey: home
---
-- content/uk/news/_index.md --
---
title: Новини
translationKey: news
---
-- content/uk/news/first.md --
---
title: Перша новина
date: 2024-05-31
translationKey: news-first
---
Перший текст.
`)
	for name, data := range siteFiles {
		if _, ok := files[name]; !ok && name != "hugo.toml" {
			files[name] = data
		}
	}
	dir := testsite.Repo(t, files)
	h := newAPI(dir)
	m, err := content.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Config(dir, m, "json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cfg), `"locales": ["sr", "en", "uk"]`) {
		t.Errorf("the configuration's locales: %s", cfg)
	}
	var entries []entryJSON
	json.Unmarshal(must(t, h, "entriesByFolder", map[string]any{"folder": "vesti", "extension": "md", "depth": 2}), &entries)
	var paths []string
	for _, e := range entries {
		paths = append(paths, e.File.Path)
	}
	if got := strings.Join(paths, " "); got != "vesti/en/prva.md vesti/sr/prva.md vesti/uk/prva.md" {
		t.Errorf("news entries: %s", got)
	}
	entry := newsEntry("три-језика", "Три језика", "Three languages")
	sides := entry["dataFiles"].([]map[string]any)
	entry["dataFiles"] = append(sides, map[string]any{"slug": "три-језика", "path": "vesti/uk/три-језика.md", "raw": "---\ntitle: Три мови\ndate: 2026-11-20\ndraft: false\n---\nТекст.\n"})
	must(t, h, "persistEntry", entry)
	var langs map[string][]string
	json.Unmarshal(must(t, h, "centarLanguages", nil), &langs)
	if got := fmt.Sprint(langs["vesti/три-језика"]); got != "[English Українська]" {
		t.Errorf("the new entry's languages: %s; all %v", got, langs)
	}
	var draft struct {
		Diffs []struct{ Path string } `json:"diffs"`
	}
	json.Unmarshal(must(t, h, "unpublishedEntry", map[string]any{"collection": "vesti", "slug": "три-језика"}), &draft)
	var written []string
	for _, d := range draft.Diffs {
		written = append(written, d.Path)
	}
	if got := strings.Join(written, " "); !strings.Contains(got, "vesti/uk/три-језика.md") {
		t.Errorf("the draft's files: %s", got)
	}
}
