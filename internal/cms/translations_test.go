package cms

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"centar/internal/content"
	"centar/internal/testsite"
)

const (
	firstSr = "---\ntitle: Прва вест\ndate: 2024-05-31\ntranslationKey: news-first\n---\nПрви текст.\n"
	firstEn = "---\ntitle: First news\ndate: 2024-05-31\ntranslationKey: news-first\n---\nFirst text.\n"
)

// translatedSite is the site with its first news item's translation
// recording the Serbian text it translates.
func translatedSite(t *testing.T) string {
	t.Helper()
	fp, err := content.Fingerprint([]byte(firstSr))
	if err != nil {
		t.Fatal(err)
	}
	en, err := content.Stamp([]byte(firstEn), fp)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for p, text := range siteFiles {
		files[p] = text
	}
	files["content/sr/vesti/prva.md"], files["content/en/news/first.md"] = firstSr, string(en)
	return testsite.Repo(t, files)
}

// editFirst is the first news item as Decap saves it, its Serbian text and
// its translation's as given.
func editFirst(sr, en string) map[string]any {
	return map[string]any{
		"dataFiles": []map[string]any{
			{"slug": "prva", "path": "vesti/sr/prva.md", "raw": sr},
			{"slug": "prva", "path": "vesti/en/prva.md", "raw": en},
		},
		"options": map[string]any{"collectionName": "vesti", "commitMessage": "Измена (vesti): „prva”", "useWorkflow": true, "status": "draft"},
	}
}

// outdatedEntries is what the admin learns of the entries' translations.
func outdatedEntries(t *testing.T, h *API) string {
	t.Helper()
	var got map[string][]outdatedJSON
	if err := json.Unmarshal(must(t, h, "centarTranslations", nil), &got); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprint(got)
}

// The admin learns which entries have a translation whose Serbian page
// changed since: in a draft, then published; the translation saved again
// in the CMS is current.
func TestTheAdminLearnsWhichTranslationsAreOutdated(t *testing.T) {
	h := newAPI(translatedSite(t))
	if got := outdatedEntries(t, h); got != "map[]" {
		t.Errorf("with every translation current: %s", got)
	}
	changed := strings.Replace(firstSr, "Први текст.", "Први текст, допуњен.", 1)
	must(t, h, "persistEntry", editFirst(changed, firstEn))
	if got := outdatedEntries(t, h); got != "map[vesti/prva:[{en English}]]" {
		t.Errorf("a draft of the Serbian text alone: %s", got)
	}
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "prva"})
	if got := outdatedEntries(t, h); got != "map[vesti/prva:[{en English}]]" {
		t.Errorf("published: %s", got)
	}
	must(t, h, "persistEntry", editFirst(changed, strings.Replace(firstEn, "First text.", "First text, completed.", 1)))
	if got := outdatedEntries(t, h); got != "map[]" {
		t.Errorf("the translation saved again in a draft: %s", got)
	}
}

// A news item's new date, which Decap writes into every language's file,
// does not bring the translation up to date: only a change of its own text,
// or the editor's word, does.
func TestANewDateLeavesTheTranslationOutdated(t *testing.T) {
	dir := translatedSite(t)
	h := newAPI(dir)
	was, _ := mainFile(t, dir, "content/en/news/first.md")
	redated := func(page string) string { return strings.Replace(page, "date: 2024-05-31", "date: 2024-06-07", 1) }
	changed := redated(strings.Replace(firstSr, "Први текст.", "Први текст, допуњен.", 1))
	must(t, h, "persistEntry", editFirst(changed, redated(was)))
	if got := outdatedEntries(t, h); got != "map[vesti/prva:[{en English}]]" {
		t.Errorf("a draft of the Serbian text and both dates: %s", got)
	}
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "prva"})
	if got := outdatedEntries(t, h); got != "map[vesti/prva:[{en English}]]" {
		t.Errorf("published: %s", got)
	}
	if en, _ := mainFile(t, dir, "content/en/news/first.md"); en != redated(was) {
		t.Errorf("the translation published:\n%s\nwant it as the editor left it:\n%s", en, redated(was))
	}
}

// "The translation still holds" records, in the entry's draft, the Serbian
// page the translation now translates, and changes nothing else of it;
// published, the entry is no longer marked.
func TestStillHoldsRecordsTheTranslationInADraft(t *testing.T) {
	dir := translatedSite(t)
	h := newAPI(dir)
	changed := strings.Replace(firstSr, "Први текст.", "Први, исти текст.", 1)
	must(t, h, "persistEntry", editFirst(changed, firstEn))
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "prva"})
	was, _ := mainFile(t, dir, "content/en/news/first.md")

	must(t, h, "centarTranslationCurrent", map[string]any{"collection": "vesti", "slug": "prva"})
	if got := outdatedEntries(t, h); got != "map[]" {
		t.Errorf("marked as holding: %s", got)
	}
	draft, ok := testsite.File(t, dir, "cms/vesti/prva", "content/en/news/first.md")
	fp, _ := content.Fingerprint([]byte(changed))
	if want, _ := content.Stamp([]byte(was), fp); !ok || draft != string(want) {
		t.Errorf("the draft's translation:\n%s\nwant\n%s", draft, want)
	}
	var entry struct{ Status string }
	json.Unmarshal(must(t, h, "unpublishedEntry", map[string]any{"collection": "vesti", "slug": "prva"}), &entry)
	if entry.Status != "draft" {
		t.Errorf("the draft's status is %q", entry.Status)
	}
	must(t, h, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "prva"})
	if got := outdatedEntries(t, h); got != "map[]" {
		t.Errorf("published: %s", got)
	}
}
