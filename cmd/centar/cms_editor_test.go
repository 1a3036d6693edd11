package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"centar/internal/testsite"
)

// What a communications editor meets in an ordinary day in the admin, in
// Chromium with the real Decap CMS: a Serbian-only news item with a town
// the site does not have yet, the check's findings at their fields, the
// page as readers will see it, a phone, and the interface in Serbian.

// editorTab is a browser tab for the admin that answers its questions yes
// (publish now? restore the unsaved copy?), as an editor in a hurry does.
func editorTab(t *testing.T) context.Context {
	t.Helper()
	ctx := newTab(t)
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
		}
	})
	return ctx
}

// signIn opens the admin at width×height and signs in.
func signIn(t *testing.T, ctx context.Context, base string, width, height int64, mobile bool) {
	t.Helper()
	viewport := chromedp.EmulateViewport(width, height)
	if mobile {
		viewport = chromedp.EmulateViewport(width, height, chromedp.EmulateMobile)
	}
	run(t, ctx, viewport, chromedp.Navigate(base+"/admin/"),
		chromedp.Click(`//button[contains(., "Пријава")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch))
}

// atNewsForm starts centar cms on a copy of the real site, with the site's
// preview behind it when withPreview, signs in at a computer's width and
// opens the form of a new news item.
func atNewsForm(t *testing.T, withPreview bool) (dir, base string, ctx context.Context) {
	t.Helper()
	dir = siteRepo(t, decapInstalled(t))
	if withPreview {
		base = startCMSWithPreview(t, dir)
	} else {
		base = startCMS(t, dir)
	}
	ctx = editorTab(t)
	signIn(t, ctx, base, 1400, 1000, false)
	newsForm(t, ctx, base)
	return dir, base, ctx
}

// newsForm opens the form of a new news item.
func newsForm(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(base+"/admin/#/collections/vesti/new"), chromedp.WaitVisible("#title-field-1", chromedp.ByID))
}

// typeInText types into the Serbian side's text.
func typeInText(text string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.Click(`(//*[@contenteditable="true"])[1]`, chromedp.BySearch),
		chromedp.SendKeys(`(//*[@contenteditable="true"])[1]`, text, chromedp.BySearch),
	}
}

var save = chromedp.Click(`//button[contains(., "Сачувај")]`, chromedp.BySearch)

// A Serbian-only news item is saved with no English file. Its date is
// typed digit by digit, the year too, and a town the site does not have yet
// is typed in Cyrillic: the draft holds it under the site's key, with its
// page, and the form names it in Cyrillic when the entry is opened again.
func TestCMSSavesASerbianOnlyDraftWithANewTown(t *testing.T) {
	dir, base, ctx := atNewsForm(t, false)
	var typed string
	run(t, ctx,
		chromedp.SendKeys("#title-field-1", "Обука у Нишу", chromedp.ByID),
		// Chromium's date field, in its en-US order: month, day, year.
		chromedp.Focus("#date-field-3", chromedp.ByID),
		chromedp.KeyEvent("12072026"),
		chromedp.Value("#date-field-3", &typed, chromedp.ByID),
		chromedp.SendKeys("#gradovi-field-4", "Ниш\r", chromedp.ByID),
		typeInText("Чланови локалних тимова похађали су обуку."),
		save)
	if typed != "2026-12-07" {
		t.Errorf("the date field holds %q after typing 12 07 2026", typed)
	}
	branch := "cms/vesti/обука-у-нишу"
	waitFor(t, "the draft", func() bool { return branchExists(t, dir, branch) })
	page, _ := testsite.File(t, dir, branch, "content/sr/vesti/obuka-u-nisu.md")
	for _, want := range []string{"date: 2026-12-07\n", "gradovi:\n  - nis\n"} {
		if !strings.Contains(page, want) {
			t.Errorf("the draft's page does not hold %q:\n%s", want, page)
		}
	}
	if town, _ := testsite.File(t, dir, branch, "content/sr/gradovi/nis/_index.md"); town != "---\ntitle: Ниш\n---\n" {
		t.Errorf("the new town's page is %q", town)
	}
	if english, ok := testsite.File(t, dir, branch, "content/en/news/obuka-u-nisu.md"); ok {
		t.Errorf("a Serbian-only draft wrote an English page:\n%s", english)
	}
	// Opened again, the draft names its new town as typed.
	run(t, ctx, chromedp.Navigate(base+"/admin/#/collections/vesti/entries/обука-у-нишу"),
		chromedp.WaitVisible(`//li[@class="c-choice"][contains(., "Ниш")]`, chromedp.BySearch))
	// The board and the list say which entries are in Serbian only.
	run(t, ctx, chromedp.Navigate(base+"/admin/#/workflow"),
		chromedp.WaitVisible(`a[href*="обука-у-нишу"][data-c-lang="само српски"]`, chromedp.ByQuery),
		chromedp.Navigate(base+"/admin/#/collections/vesti"),
		chromedp.WaitVisible(`a[data-c-lang="српски · English"]`, chromedp.ByQuery))
}

// What the check finds in a save is said at the field and the line of the
// text it is about, in Cyrillic, with no file path, no API_ERROR and no
// header jargon, and it stays until the editor closes it.
func TestCMSShowsTheChecksFindingsAtTheirFields(t *testing.T) {
	_, _, ctx := atNewsForm(t, false)
	run(t, ctx,
		chromedp.SendKeys("#title-field-1", "Вест са скриптом", chromedp.ByID),
		chromedp.Click(`[data-testid="now-button"]`, chromedp.ByQuery),
		// Raw text: typed as it is, not escaped by the rich-text editor.
		chromedp.Click(`(//span[text()="Изворни текст"]/preceding-sibling::button[@role="switch"])[1]`, chromedp.BySearch),
		typeInText("Први ред.\n\n<script>alert(1)</script>\n"),
		save,
		chromedp.WaitVisible(`.c-problems [data-centar="finding"]`, chromedp.ByQuery))
	time.Sleep(15 * time.Second)
	var panel, mark string
	run(t, ctx,
		chromedp.Text(".c-problems", &panel, chromedp.ByQuery),
		chromedp.AttributeValue(`label[for^="body-field-"]`, "data-c-message", &mark, nil, chromedp.ByQuery))
	cyrillic := regexp.MustCompile(`\p{Cyrillic}`)
	for _, said := range []string{panel, mark} {
		if !strings.Contains(said, "<script>") || !cyrillic.MatchString(said) {
			t.Errorf("15 s after the save, the finding is not said in Cyrillic: %q", said)
		}
		for _, never := range []string{"API_ERROR", "content/", ".md", "error:"} {
			if strings.Contains(said, never) {
				t.Errorf("the finding says %q: %q", never, said)
			}
		}
	}
	if !strings.Contains(panel, "Текст, ред 3") || !strings.HasPrefix(mark, "ред 3: ") {
		t.Errorf("the finding is not at the text's line 3: panel %q, field %q", panel, mark)
	}
	var body string
	run(t, ctx, chromedp.Text("body", &body, chromedp.ByQuery))
	if strings.Contains(body, "API_ERROR") {
		t.Error("the admin says API_ERROR")
	}
	run(t, ctx, chromedp.Click(`//aside[contains(@class, "c-problems")]//button[contains(., "Затвори")]`, chromedp.BySearch),
		chromedp.WaitNotPresent(`label[data-c-message]`, chromedp.ByQuery))
}

// The help lines' form refuses a number written with letters, saying how
// to write one, and a number the Serbian numbering plan does not have, at
// its field, in Cyrillic.
func TestCMSRefusesAnUndialableNumber(t *testing.T) {
	dir := siteRepo(t, decapInstalled(t))
	base := startCMS(t, dir)
	ctx := editorTab(t)
	signIn(t, ctx, base, 1400, 1000, false)
	number := `input[id^="number-field-"]`
	// The police's record, folded under its name, is opened; its number is
	// written with the 0 that never follows +381.
	run(t, ctx, chromedp.Navigate(base+"/admin/#/collections/podaci/entries/telefoni"),
		chromedp.WaitVisible(`//*[contains(text(), "Полиција")]`, chromedp.BySearch),
		chromedp.Click(`(//*[contains(text(), "Полиција")]/ancestor::*[.//button][1]//button)[1]`, chromedp.BySearch),
		chromedp.WaitVisible(number, chromedp.ByQuery),
		// Letters: Decap refuses them itself, saying how to write a number.
		chromedp.Focus(number, chromedp.ByQuery),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent("011 12ab"),
		save,
		chromedp.WaitVisible(`//li[starts-with(., "Само цифре, без размака и црта")]`, chromedp.BySearch))
	var said string
	run(t, ctx, chromedp.Text(`//li[starts-with(., "Само цифре, без размака и црта")]`, &said, chromedp.BySearch))
	if strings.Contains(said, "узорком") || strings.Contains(said, "Број за позив") {
		t.Errorf("the number's field says %q: the hint is the whole message", said)
	}
	run(t, ctx,
		chromedp.Focus(number, chromedp.ByQuery),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(input.ModifierCtrl)),
		chromedp.KeyEvent("+381011300000"),
		save,
		chromedp.WaitVisible(`label[for^="number-field-"][data-c-message]`, chromedp.ByQuery))
	var mark string
	run(t, ctx, chromedp.AttributeValue(`label[for^="number-field-"]`, "data-c-message", &mark, nil, chromedp.ByQuery))
	if !regexp.MustCompile(`\p{Cyrillic}`).MatchString(mark) || !strings.Contains(mark, "+381011300000") {
		t.Errorf("the number's field says %q", mark)
	}
	if got, _ := testsite.File(t, dir, "main", "data/hotlines.yaml"); !strings.Contains(got, `number: "192"`) {
		t.Errorf("the help lines changed:\n%s", got)
	}
}

// The preview pane shows the entry as readers will see it, before it is
// saved: the site's own page, with its header and help line, in each
// script, and at a phone's width.
func TestCMSPreviewIsTheSitesPage(t *testing.T) {
	dir, _, ctx := atNewsForm(t, true)
	frame := `iframe.c-page__frame`
	run(t, ctx,
		chromedp.SendKeys("#title-field-1", "Обука у Нишу", chromedp.ByID),
		chromedp.Focus("#date-field-3", chromedp.ByID),
		chromedp.KeyEvent("05312024"),
		typeInText("Чланови локалних тимова похађали су обуку."),
		chromedp.Click(`button[title^="Прикажи или сакриј страницу"]`, chromedp.ByQuery))
	srcdoc := func() string {
		var doc string
		err := chromedp.Run(ctx, chromedp.Evaluate(`(function () {
			const pane = document.querySelector('iframe[class*="PreviewPane"], #preview-pane') || Array.from(document.querySelectorAll('iframe')).find(f => f.contentDocument && f.contentDocument.querySelector('`+frame+`'));
			const page = pane && pane.contentDocument.querySelector('`+frame+`');
			return page ? page.srcdoc : '';
		})()`, &doc))
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	waitFor(t, "the page in the preview", func() bool { return strings.Contains(srcdoc(), "Чланови локалних тимова") })
	doc := srcdoc()
	for _, want := range []string{"Обука у Нишу", `href="tel:192"`, "Полиција", `class="c-crumbs"`, "31. мај 2024."} {
		if !strings.Contains(doc, want) {
			t.Errorf("the preview's page has no %q", want)
		}
	}
	inPane := func(action string) chromedp.Action {
		return chromedp.Evaluate(`(function () {
			const pane = Array.from(document.querySelectorAll('iframe')).find(f => f.contentDocument && f.contentDocument.querySelector('`+frame+`'));
			`+action+`
		})()`, nil)
	}
	run(t, ctx, inPane(`Array.from(pane.contentDocument.querySelectorAll('.c-page__bar button')).find(b => b.textContent === 'Latinica').click();`))
	waitFor(t, "the Latin page", func() bool { return strings.Contains(srcdoc(), "Članovi lokalnih timova") })
	var width float64
	run(t, ctx, inPane(`Array.from(pane.contentDocument.querySelectorAll('.c-page__bar button')).find(b => b.textContent === 'Ширина телефона').click();`))
	waitFor(t, "the phone's width", func() bool {
		chromedp.Run(ctx, chromedp.Evaluate(`(function () {
			const pane = Array.from(document.querySelectorAll('iframe')).find(f => f.contentDocument && f.contentDocument.querySelector('`+frame+`'));
			return pane.contentDocument.querySelector('`+frame+`').getBoundingClientRect().width;
		})()`, &width))
		return width == 390
	})
	if _, err := os.Stat(filepath.Join(dir, "content/sr/vesti/obuka-u-nisu.md")); err == nil {
		t.Error("the preview wrote the page into the folder")
	}
}

// On a phone (390×844) the editor writes, saves and publishes without
// scrolling sideways: the form, the status menu and the publish button are
// within the screen.
func TestCMSOnAPhonePublishes(t *testing.T) {
	dir := siteRepo(t, decapInstalled(t))
	base := startCMS(t, dir)
	ctx := editorTab(t)
	signIn(t, ctx, base, 390, 844, true)
	newsForm(t, ctx, base)
	within := func(what, selector string) {
		t.Helper()
		var box struct{ Left, Right, Width float64 }
		run(t, ctx, chromedp.Evaluate(`(function () {
			const e = document.evaluate(`+jsString(selector)+`, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
			const r = e.getBoundingClientRect();
			return { left: r.left, right: r.right, width: document.documentElement.scrollWidth };
		})()`, &box))
		if box.Left < 0 || box.Right > 390 || box.Width > 390 {
			t.Errorf("%s is not within the phone's screen: %+v", what, box)
		}
	}
	run(t, ctx,
		chromedp.SendKeys("#title-field-1", "Обука на телефону", chromedp.ByID),
		chromedp.Click(`[data-testid="now-button"]`, chromedp.ByQuery),
		typeInText("Текст написан на телефону."),
		save,
		chromedp.WaitVisible(`//*[contains(text(), "Статус:")]`, chromedp.BySearch))
	within("the status menu", `//*[contains(text(), "Статус:")]`)
	within("the publish button", `//*[@role="button"][contains(., "Објави")]`)
	run(t, ctx,
		chromedp.Click(`//*[contains(text(), "Статус:")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="menuitem"][contains(., "Спремно")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Статус: Спремно")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="button"][contains(., "Објави")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="menuitem"][contains(., "Објави одмах")]`, chromedp.BySearch))
	waitFor(t, "the item on the site", func() bool {
		_, err := os.Stat(filepath.Join(dir, "content/sr/vesti/obuka-na-telefonu.md"))
		return err == nil
	})
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// decapEnglish is what Decap says in English where no locale reaches: its
// own components and messages, and what a missing value would show.
var decapEnglish = []string{
	"No options", "Code Block", "Image", "Alt Text", "API_ERROR", "Rich Text", "Markdown", "Failed to", "null",
	"undefined", "Loading", "Select...", "Writing in", "Toggle", "Quick add", "Workflow", "Collections", "Media",
	"Published", "Unpublished", "Save", "Delete", "Status", "Draft", "In review", "Ready",
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
}

// Every screen of an editor's day speaks Serbian: the text the admin shows
// holds none of Decap's English. The sweep's count is the figure of what
// is left.
func TestCMSSpeaksSerbianOnEveryScreen(t *testing.T) {
	_, base, ctx := atNewsForm(t, false)
	run(t, ctx,
		chromedp.SendKeys("#title-field-1", "Вест без датума", chromedp.ByID),
		chromedp.SendKeys("#gradovi-field-4", "Непознато", chromedp.ByID),
		save, // refused by Decap: no date
		chromedp.Click(`[data-testid="now-button"]`, chromedp.ByQuery),
		save,
		chromedp.WaitVisible(`//*[contains(text(), "Статус:")]`, chromedp.BySearch))
	// In the order an editor may go by address: the help page, then the
	// help lines, crashed the admin once.
	screens := []string{"#/collections/vesti", "#/collections/stranice", "#/collections/stranice/entries/pomoc",
		"#/collections/podaci/entries/telefoni", "#/collections/vesti/entries/вест-без-датума", "#/workflow", "#/media"}
	left := 0
	for _, screen := range screens {
		var text string
		run(t, ctx, chromedp.Navigate(base+"/admin/"+screen), chromedp.Sleep(1500*time.Millisecond),
			chromedp.Evaluate(`document.body.innerText + ' ' + Array.from(document.querySelectorAll('[placeholder],[title],[aria-label]')).map(e => [e.getAttribute('placeholder'), e.getAttribute('title'), e.getAttribute('aria-label')].join(' ')).join(' ')`, &text))
		if !regexp.MustCompile(`\p{Cyrillic}`).MatchString(text) {
			t.Errorf("%s shows nothing in Cyrillic: is it there? %q", screen, text)
		}
		if strings.Contains(text, "Дошло је до грешке") {
			t.Errorf("the admin crashed at %s: %q", screen, text)
		}
		if strings.ContainsRune(text, '＋') {
			t.Errorf("%s shows a full-width ＋, an empty box in common fonts", screen)
		}
		for _, english := range decapEnglish {
			if regexp.MustCompile(`\b` + regexp.QuoteMeta(english) + `\b`).MatchString(text) {
				left++
				t.Errorf("%s says %q", screen, english)
			}
		}
	}
	t.Logf("English strings left on %d screens: %d", len(screens), left)
}

// An entry opened from another by its address, or by the browser's Back,
// shows its own fields: Decap keeps its editor from one entry to the next,
// and showed the last entry's text under the new one's name, or failed
// with its own error page.
func TestCMSOpensAnEntryByItsAddressFromAnother(t *testing.T) {
	dir := siteRepo(t, decapInstalled(t))
	base := startCMS(t, dir)
	ctx := editorTab(t)
	signIn(t, ctx, base, 1280, 800, false)
	title := func(want string) chromedp.Action {
		return chromedp.Poll(`(document.querySelector("#title-field-1") || {}).value === `+strconv.Quote(want), nil, chromedp.WithPollingTimeout(20*time.Second))
	}
	const (
		news = "Sastanak regionalne radne grupe BAN 3 projekta: ZAGOVARANJE USPELO – SRBIJA DOBIJA NACIONALNOG IZVESTIOCA"
		page = "Делатност Центра за заштиту жртава трговине људима"
	)
	run(t, ctx, chromedp.Navigate(base+"/admin/#/collections/vesti/entries/ban-iii-nacionalni-izvestilac"), title(news))
	run(t, ctx, chromedp.Evaluate(`location.hash = "#/collections/stranice/entries/o-centru.delatnost"`, nil))
	runWhileReloading(t, ctx, title(page))
	run(t, ctx, chromedp.Evaluate(`history.back()`, nil))
	runWhileReloading(t, ctx, title(news))
	run(t, ctx, chromedp.Evaluate(`location.hash = "#/collections/podaci/entries/telefoni"`, nil))
	runWhileReloading(t, ctx, chromedp.WaitVisible(`//*[contains(text(), "Полиција")]`, chromedp.BySearch))
	var body string
	run(t, ctx, chromedp.Text("body", &body, chromedp.ByQuery))
	if strings.Contains(body, "Грешка") || strings.Contains(body, "TypeError") {
		t.Errorf("the help lines opened from a page show Decap's error:\n%s", body)
	}
}
