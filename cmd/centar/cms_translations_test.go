package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"centar/internal/content"
	"centar/internal/testsite"
)

// After a change of a news item's Serbian text, the admin's list marks the
// entry's translation as outdated, and the entry, opened, says so and takes
// the editor's word that the translation holds: its draft records the
// Serbian text the translation now translates, and the mark goes. The note
// folds to its title.
func TestCMSMarksAnOutdatedTranslationAndTakesTheEditorsWord(t *testing.T) {
	dir := siteRepo(t, decapInstalled(t))
	const (
		sr    = "content/sr/vesti/ban-iii-nacionalni-izvestilac.md"
		en    = "content/en/news/ban-iii-national-rapporteur.md"
		entry = "ban-iii-nacionalni-izvestilac"
	)
	text, err := os.ReadFile(filepath.Join(dir, sr))
	if err != nil {
		t.Fatal(err)
	}
	text = append(text, "\nНови пасус о састанку.\n"...)
	if err := os.WriteFile(filepath.Join(dir, sr), text, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCentar(t, "save", "-s", dir, "-m", "Нови пасус"); code != 0 {
		t.Fatalf("saving the Serbian change: exit %d\n%s", code, stderr)
	}
	base := startCMS(t, dir)
	ctx := editorTab(t)
	signIn(t, ctx, base, 1400, 1000, false)
	run(t, ctx, chromedp.Navigate(base+"/admin/#/collections/vesti"),
		chromedp.WaitVisible(`a[href*="`+entry+`"][data-c-lang="превод застарео"]`, chromedp.ByQuery),
		chromedp.Navigate(base+"/admin/#/collections/vesti/entries/"+entry),
		chromedp.WaitVisible(`//*[@data-centar="translation"][contains(., "Превод застарео (English)")]`, chromedp.BySearch),
		// Folded, the note keeps its title and leaves the form; it opens
		// again as it was.
		chromedp.Click(`//aside[@aria-label="Превод"]/button[.="Сакриј"]`, chromedp.BySearch),
		chromedp.WaitNotVisible(`//button[contains(., "Превод је и даље тачан")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[@data-centar="translation"]/p[contains(., "Превод застарео (English)")]`, chromedp.BySearch),
		chromedp.Click(`//aside[@aria-label="Превод"]/button[.="Прикажи"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//button[contains(., "Превод је и даље тачан")]`, chromedp.BySearch),
		// The admin loads anew once the draft is saved: the mark goes with
		// the old document.
		chromedp.Evaluate(`window.beforeTheWord = true`, nil),
		chromedp.Click(`//button[contains(., "Превод је и даље тачан")]`, chromedp.BySearch))
	runWhileReloading(t, ctx, chromedp.Poll(`!window.beforeTheWord && document.readyState === "complete"`, nil))
	branch := "cms/vesti/" + entry
	waitFor(t, "the draft", func() bool { return branchExists(t, dir, branch) })
	fp, err := content.Fingerprint(text)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := testsite.File(t, dir, branch, en); !strings.Contains(got, "\ntranslates: "+fp+"\n") {
		t.Errorf("the draft's translation does not record the Serbian text as it is (%s):\n%s", fp, got)
	}
	// The admin loaded anew (an open entry's editor holds the address):
	// the list marks the entry by its draft, whose translation is current,
	// with its languages.
	run(t, ctx, chromedp.Navigate(base+"/admin/"),
		chromedp.Navigate(base+"/admin/#/collections/vesti"),
		chromedp.WaitVisible(`a[href*="`+entry+`"][data-c-lang]:not([data-c-lang="превод застарео"])`, chromedp.ByQuery))
}
