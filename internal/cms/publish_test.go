package cms

import (
	"context"
	"encoding/json"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"

	"centar/internal/check"
	"centar/internal/msg"
	"centar/internal/testsite"
	"centar/internal/workflow"
)

// The help page editors meet on: three paragraphs.
const helpPage = "---\ntitle: Помоћ\ntranslationKey: help\n---\nПрви пасус о помоћи.\n\nДруги пасус о помоћи.\n\nТрећи пасус о помоћи.\n"

// office is the Centre's server, with Ana editing in the web CMS of her
// clone and Boris publishing from his with the command line's workflow.
type office struct {
	srv              *testsite.GitServer
	bare, url        string
	ana, boris       string
	api              *API
	serverRoot       string
	publishedByBoris int
}

func newOffice(t *testing.T) *office {
	t.Helper()
	files := maps.Clone(siteFiles)
	files["content/sr/pomoc/_index.md"] = helpPage
	root, bare := testsite.Server(t, files)
	o := &office{srv: testsite.NewGitServer(t, root), bare: bare, serverRoot: root}
	o.url = o.srv.URL + "/centar/sajt.git"
	o.ana = testsite.Clone(t, o.url, "Ana")
	o.boris = testsite.Clone(t, o.url, "Boris")
	o.api = newAPI(o.ana)
	return o
}

// borisPublishes changes a file in Boris's folder and publishes it, as
// centar publish does.
func (o *office) borisPublishes(t *testing.T, rel, body string) {
	t.Helper()
	testsite.Write(t, o.boris, map[string]string{rel: body})
	r, err := workflow.Open(context.Background(), o.boris)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Publish(context.Background(), workflow.PublishOptions{Message: "Борис мења " + rel, Check: check.Options{P: msg.Printer(msg.English)}}); err != nil {
		t.Fatalf("Boris publishing %s: %v", rel, err)
	}
}

// helpEdit is the help page with old replaced by new, as Decap sends a
// page of the pages collection.
func helpEdit(old, new string) map[string]any {
	return map[string]any{
		"dataFiles": []map[string]any{{"slug": "pomoc", "path": "stranice/sr/pomoc.md", "raw": strings.Replace(helpPage, old, new, 1)}},
		"options":   map[string]any{"collectionName": "stranice", "commitMessage": "Измена (stranice): „pomoc”", "useWorkflow": true, "status": "draft"},
	}
}

func serverHas(t *testing.T, bare, rel string) string {
	t.Helper()
	s, _ := testsite.File(t, bare, "main", rel)
	return s
}

func drafts(t *testing.T, h http.Handler) []string {
	t.Helper()
	var keys []string
	json.Unmarshal(must(t, h, "unpublishedEntries", nil), &keys)
	return keys
}

func TestAColleaguesChangeToAnotherParagraphMerges(t *testing.T) {
	o := newOffice(t)
	must(t, o.api, "persistEntry", helpEdit("Трећи пасус", "Анин трећи пасус"))
	o.borisPublishes(t, "content/sr/pomoc/_index.md", strings.Replace(helpPage, "Први пасус", "Борисов први пасус", 1))
	must(t, o.api, "publishUnpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"})

	want := strings.Replace(strings.Replace(helpPage, "Први пасус", "Борисов први пасус", 1), "Трећи пасус", "Анин трећи пасус", 1)
	if got := serverHas(t, o.bare, "content/sr/pomoc/_index.md"); got != want {
		t.Errorf("the server has\n%q\nwant both paragraphs\n%q", got, want)
	}
	if data, _ := os.ReadFile(filepath.Join(o.ana, "content/sr/pomoc/_index.md")); string(data) != want {
		t.Errorf("Ana's folder has %q", data)
	}
	if keys := drafts(t, o.api); len(keys) != 0 {
		t.Errorf("drafts left after publishing: %v", keys)
	}
}

func TestTheSameParagraphIsTheEditorsToChoose(t *testing.T) {
	o := newOffice(t)
	o.api.P, o.api.Cyrillic = msg.Printer(msg.Serbian), true
	must(t, o.api, "persistEntry", helpEdit("Други пасус", "Анин други пасус"))
	must(t, o.api, "updateUnpublishedEntryStatus", map[string]any{"collection": "stranice", "slug": "pomoc", "newStatus": "pending_publish"})
	must(t, o.api, "persistEntry", newsEntry("трећа", "Трећа вест", "Third"))
	o.borisPublishes(t, "content/sr/pomoc/_index.md", strings.Replace(helpPage, "Други пасус", "Борисов други пасус", 1))
	borisVersion := serverHas(t, o.bare, "content/sr/pomoc/_index.md")

	code, out := call(t, o.api, "publishUnpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"})
	var refusal struct{ Error string }
	json.Unmarshal(out, &refusal)
	if code != http.StatusConflict || !strings.Contains(refusal.Error, "колега") {
		t.Fatalf("publishing over a colleague's change to the same paragraph: %d %s", code, out)
	}
	for _, never := range []string{"content/", ".md", "centar ", "git", "sync"} {
		if strings.Contains(refusal.Error, never) {
			t.Errorf("the refusal says %q: %s", never, refusal.Error)
		}
	}
	if got := serverHas(t, o.bare, "content/sr/pomoc/_index.md"); got != borisVersion {
		t.Errorf("Boris's published version changed: %q", got)
	}
	var entry struct{ Status string }
	json.Unmarshal(must(t, o.api, "unpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"}), &entry)
	if entry.Status != "pending_publish" {
		t.Errorf("the refused draft is now %q, want it still ready in its column", entry.Status)
	}

	// One refused publish blocks nothing else.
	must(t, o.api, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "трећа"})
	if serverHas(t, o.bare, "content/sr/vesti/treca.md") == "" {
		t.Error("an unrelated draft did not publish while another is in conflict")
	}

	// The admin shows both versions side by side.
	var conflicts struct {
		Conflicts []conflictJSON
	}
	json.Unmarshal(must(t, o.api, "centarConflicts", map[string]any{"collection": "stranice", "slug": "pomoc"}), &conflicts)
	if len(conflicts.Conflicts) != 1 {
		t.Fatalf("conflicts: %+v", conflicts)
	}
	c := conflicts.Conflicts[0]
	if c.Locale != "sr" || c.Label != "Текст" || c.Ours != "Анин други пасус о помоћи.\n" || c.Theirs != "Борисов други пасус о помоћи.\n" {
		t.Errorf("the conflict as the admin shows it: %+v", c)
	}

	// Ana keeps both: the draft is hers to join again before it is ready.
	must(t, o.api, "centarResolve", map[string]any{"collection": "stranice", "slug": "pomoc", "choice": "both"})
	json.Unmarshal(must(t, o.api, "unpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"}), &entry)
	if entry.Status != "draft" {
		t.Errorf("with both versions in its text, the draft is %q, want back to draft", entry.Status)
	}
	must(t, o.api, "publishUnpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"})
	got := serverHas(t, o.bare, "content/sr/pomoc/_index.md")
	if !strings.Contains(got, "Анин други пасус о помоћи.\n\nБорисов други пасус") || !strings.Contains(got, "Први пасус") {
		t.Errorf("after resolving with both, the server has %q", got)
	}
	if keys := drafts(t, o.api); len(keys) != 0 {
		t.Errorf("drafts left: %v", keys)
	}
}

// Taking the published version everywhere leaves the draft nothing of its
// own: it goes, and the entry is the published one, which the admin loads.
func TestTakingThePublishedVersionEndsTheDraft(t *testing.T) {
	o := newOffice(t)
	must(t, o.api, "persistEntry", helpEdit("Други пасус", "Анин други пасус"))
	o.borisPublishes(t, "content/sr/pomoc/_index.md", strings.Replace(helpPage, "Други пасус", "Борисов други пасус", 1))
	call(t, o.api, "publishUnpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"})
	var out struct{ Draft bool }
	json.Unmarshal(must(t, o.api, "centarResolve", map[string]any{"collection": "stranice", "slug": "pomoc", "choice": "theirs"}), &out)
	if out.Draft {
		t.Error("the draft stays with nothing of its own")
	}
	if keys := drafts(t, o.api); len(keys) != 0 {
		t.Errorf("drafts left: %v", keys)
	}
	if code, _ := call(t, o.api, "unpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"}); code != http.StatusNotFound {
		t.Errorf("the ended draft answers %d", code)
	}
	// What Decap asks next, for the published entry and a language a
	// draft has no page in, is answered, not refused.
	var entry entryJSON
	json.Unmarshal(must(t, o.api, "getEntry", map[string]any{"path": "stranice/pomoc.md"}), &entry)
	if entry.Data != nil {
		t.Errorf("a path the site has no file at: %+v", entry)
	}
}

// Saving the Serbian page of an entry writes nothing to its English page
// when the editor did not change it, however Decap writes it anew; and the
// Serbian page keeps its order, comments and quotes but for the field the
// editor changed.
func TestSavingOneLanguageLeavesTheOtherAlone(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	sr := "---\n# Прва вест, преведена\ntitle: \"Прва вест\"\ndate: 2024-05-31\ntranslationKey: news-first\n---\nПрви текст.\n"
	en := "---\ntitle: First news\ndate: 2024-05-31\ntranslationKey: news-first\n---\nFirst text.\n"
	testsite.Write(t, dir, map[string]string{"content/sr/vesti/prva.md": sr})
	r, _ := git.PlainOpen(dir)
	wt, _ := r.Worktree()
	wt.Add("content/sr/vesti/prva.md")
	wt.Commit("Коментар у заглављу", &git.CommitOptions{})

	// As Decap writes them: its own order, quotes and empty fields.
	decapSr := "---\ntitle: Прва вест у Нишу\ndate: 2024-05-31\ndraft: false\ntranslationKey: news-first\n---\nПрви текст.\n"
	decapEn := "---\ntitle: 'First news'\ndraft: false\ndate: 2024-05-31\ntranslationKey: news-first\ndescription: ''\n---\nFirst text.\n"
	must(t, h, "persistEntry", map[string]any{
		"dataFiles": []map[string]any{
			{"slug": "prva", "path": "vesti/sr/prva.md", "raw": decapSr},
			{"slug": "prva", "path": "vesti/en/prva.md", "raw": decapEn},
		},
		"options": map[string]any{"collectionName": "vesti", "commitMessage": "Измена", "useWorkflow": true, "status": "draft"},
	})
	var un struct{ Diffs []diffJSON }
	json.Unmarshal(must(t, h, "unpublishedEntry", map[string]any{"collection": "vesti", "slug": "prva"}), &un)
	if len(un.Diffs) != 1 || un.Diffs[0].Path != "vesti/sr/prva.md" {
		t.Fatalf("the draft changes %+v, want the Serbian page only", un.Diffs)
	}
	var df struct{ Data string }
	json.Unmarshal(must(t, h, "unpublishedEntryDataFile", map[string]any{"collection": "vesti", "slug": "prva", "path": "vesti/sr/prva.md"}), &df)
	if want := strings.Replace(sr, "\"Прва вест\"", "\"Прва вест у Нишу\"", 1); df.Data != want {
		t.Errorf("the Serbian page is\n%q\nwant\n%q", df.Data, want)
	}
	if got, _ := mainFile(t, dir, "content/en/news/first.md"); got != en {
		t.Errorf("the English page changed: %q", got)
	}
}

// A publication the server refuses is not a publication: the draft stays,
// in its column, and nothing here moves.
func TestARefusedPushLeavesTheDraft(t *testing.T) {
	o := newOffice(t)
	hook := filepath.Join(o.bare, "hooks", "pre-receive")
	os.MkdirAll(filepath.Dir(hook), 0o755)
	if err := os.WriteFile(hook, []byte("#!/bin/sh\necho 'Објављивање је привремено искључено.'\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	must(t, o.api, "persistEntry", helpEdit("Трећи пасус", "Анин трећи пасус"))
	before := refs(t, o.ana)
	code, out := call(t, o.api, "publishUnpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"})
	if code == http.StatusOK || !strings.Contains(string(out), "Објављивање је привремено искључено.") {
		t.Errorf("a refused push: %d %s", code, out)
	}
	if serverHas(t, o.bare, "content/sr/pomoc/_index.md") != helpPage {
		t.Error("the server changed")
	}
	if keys := drafts(t, o.api); len(keys) != 1 {
		t.Errorf("the draft is gone: %v", keys)
	}
	if mine, _ := mainFile(t, o.ana, "content/sr/pomoc/_index.md"); mine != helpPage {
		t.Errorf("main moved here: %q", mine)
	}
	if after := refs(t, o.ana); strings.Contains(after, "refs/heads/main") && !sameLine(before, after, "refs/heads/main") {
		t.Errorf("main moved:\n%s\n%s", before, after)
	}
	if _, err := os.Stat(filepath.Join(o.ana, ".git", "centar", "publishing")); err == nil {
		t.Error("a refused publication left its record")
	}
}

func sameLine(a, b, prefix string) bool {
	pick := func(s string) string {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, prefix) {
				return l
			}
		}
		return ""
	}
	return pick(a) == pick(b)
}

// With the server out of reach, nothing is published and the admin says how
// much waits; once it is back, what was saved here reaches it.
func TestWhatWaitsIsSentWhenTheServerIsBack(t *testing.T) {
	o := newOffice(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + l.Addr().String() + "/centar/sajt.git"
	l.Close()
	testsite.SetOrigin(t, o.ana, dead)

	must(t, o.api, "persistEntry", helpEdit("Трећи пасус", "Анин трећи пасус"))
	code, out := call(t, o.api, "publishUnpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"})
	if code == http.StatusOK || !strings.Contains(string(out), "cannot be reached") {
		t.Errorf("publishing with the server out of reach: %d %s", code, out)
	}
	if keys := drafts(t, o.api); len(keys) != 1 {
		t.Errorf("the draft is gone: %v", keys)
	}

	// A change saved here by the command line waits for the server.
	testsite.Write(t, o.ana, map[string]string{"content/sr/vesti/prva.md": strings.Replace(siteFiles["content/sr/vesti/prva.md"], "Први текст.", "Сачувано, а не објављено.", 1)})
	r, err := workflow.Open(context.Background(), o.ana)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.SaveAll(workflow.SaveOptions{Message: "Сачувано", Check: check.Options{P: msg.Printer(msg.English)}}); err != nil {
		t.Fatal(err)
	}
	r.Close()
	var state struct {
		Waiting waiting
	}
	json.Unmarshal(must(t, o.api, "centarSend", nil), &state)
	if state.Waiting.Publications != 1 || !strings.Contains(state.Waiting.Reason, "cannot be reached") {
		t.Errorf("with the server away, the admin is told %+v", state.Waiting)
	}

	testsite.SetOrigin(t, o.ana, o.url)
	state.Waiting = waiting{}
	json.Unmarshal(must(t, o.api, "centarSend", nil), &state)
	if state.Waiting.Publications != 0 || state.Waiting.Reason != "" {
		t.Errorf("with the server back: %+v", state.Waiting)
	}
	if got := serverHas(t, o.bare, "content/sr/vesti/prva.md"); !strings.Contains(got, "Сачувано, а не објављено.") {
		t.Errorf("the saved change did not reach the server: %q", got)
	}
	must(t, o.api, "publishUnpublishedEntry", map[string]any{"collection": "stranice", "slug": "pomoc"})
	if !strings.Contains(serverHas(t, o.bare, "content/sr/pomoc/_index.md"), "Анин трећи пасус") {
		t.Error("the draft did not publish once the server was back")
	}
}

// The copies a conflict at the command line left beside pages are listed,
// with their text, and deleted when the editor says so; nothing else can
// be deleted that way.
func TestKeptCopiesAreListedAndDeleted(t *testing.T) {
	dir := newSite(t)
	h := newAPI(dir)
	testsite.Write(t, dir, map[string]string{"content/sr/vesti/prva.md.moja-verzija": "---\ntitle: Прва вест\n---\nМоја верзија.\n"})
	var state struct {
		Copies []copyJSON
	}
	json.Unmarshal(must(t, h, "centarState", nil), &state)
	if len(state.Copies) != 1 || state.Copies[0].Title != "Прва вест" || !strings.Contains(state.Copies[0].Text, "Моја верзија.") {
		t.Fatalf("copies: %+v", state.Copies)
	}
	for _, hostile := range []string{"content/sr/vesti/prva.md", "../x.moja-verzija", "/etc/passwd.moja-verzija", "hugo.toml.moja-verzija", "content/sr/../../x.moja-verzija"} {
		if code, out := call(t, h, "centarDeleteCopy", map[string]any{"path": hostile}); code == http.StatusOK {
			t.Errorf("deleting %q: %d %s", hostile, code, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/sr/vesti/prva.md")); err != nil {
		t.Fatal("a page was deleted")
	}
	state.Copies = nil
	json.Unmarshal(must(t, h, "centarDeleteCopy", map[string]any{"path": "content/sr/vesti/prva.md.moja-verzija"}), &state)
	if len(state.Copies) != 0 {
		t.Errorf("after deleting, copies: %+v", state.Copies)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/sr/vesti/prva.md.moja-verzija")); err == nil {
		t.Error("the copy is still there")
	}
}

// What the real Decap CMS sent when an editor changed one word of a page
// in its rich-text editor (testdata/decap: the page as it was, and as
// Decap wrote it back): its own quotes, folds, list markers and escapes
// everywhere. What is written is the page as it was with that word changed;
// a translation the editor did not touch is not written at all.
func TestDecapsRewritesAreNoChange(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string // the one word the editor changed; "" for none
	}{
		{"delatnost", "прецизно", "тачно"},
		{"bezbedno-pregledanje", "Ако неко прати", "Ако нико прати"},
		{"ban-iii", "Cilj sastanka", "Svrha sastanka"},
		{"ban-iii-en", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old, err := os.ReadFile(filepath.Join("testdata", "decap", tc.name+".md"))
			if err != nil {
				t.Fatal(err)
			}
			sent, err := os.ReadFile(filepath.Join("testdata", "decap", tc.name+".decap.md"))
			if err != nil {
				t.Fatal(err)
			}
			page, changed, err := changedPage(old, sent)
			if err != nil {
				t.Fatal(err)
			}
			if tc.old == "" {
				if changed {
					t.Errorf("an untouched page is written:\n%s", page)
				}
				return
			}
			if !strings.Contains(string(old), tc.old) {
				t.Fatalf("the page has no %q", tc.old)
			}
			if want := strings.Replace(string(old), tc.old, tc.new, 1); string(page) != want || !changed {
				t.Errorf("written:\n%s\nwant the page with one word changed:\n%s", page, want)
			}
		})
	}
}

// The admin shows what colleagues published: asking for its state (every
// half minute) takes their publications into the folder.
func TestTheAdminCatchesUpWithColleagues(t *testing.T) {
	o := newOffice(t)
	borisHelp := strings.Replace(helpPage, "Први пасус", "Борисов први пасус", 1)
	o.borisPublishes(t, "content/sr/pomoc/_index.md", borisHelp)
	must(t, o.api, "centarState", nil)
	var entry entryJSON
	json.Unmarshal(must(t, o.api, "getEntry", map[string]any{"path": "stranice/sr/pomoc.md"}), &entry)
	if entry.Data == nil || *entry.Data != borisHelp {
		t.Errorf("the admin still shows %v", entry.Data)
	}
	if data, _ := os.ReadFile(filepath.Join(o.ana, "content/sr/pomoc/_index.md")); string(data) != borisHelp {
		t.Errorf("Ana's folder has %q", data)
	}
}
