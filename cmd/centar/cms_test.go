package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"centar/internal/cli"
	"centar/internal/hugo"
	"centar/internal/render"
	"centar/internal/testsite"
)

// idleRenderer has no live preview behind centar cms: the test edits
// through the admin and builds the site afterwards with the real renderer.
type idleRenderer struct{ hugo.Renderer }

func (idleRenderer) Preview(render.PreviewOptions) (render.Preview, error) {
	return nil, errors.New("no preview in this test")
}

// decapInstalled finds Decap CMS as npm ci installs it, or skips loudly
// (fails in CI).
func decapInstalled(t *testing.T) string {
	t.Helper()
	nm, _ := filepath.Abs(filepath.Join("..", "..", "node_modules"))
	if _, err := os.Stat(filepath.Join(nm, "decap-cms", "dist", "decap-cms.js")); err != nil {
		notInstalled(t, "Decap CMS (npm ci at the repository root)")
	}
	return nm
}

// siteRepo makes a git repository of the real site, on main, with an
// editor's name and the npm packages beside it.
func siteRepo(t *testing.T, nodeModules string) string {
	t.Helper()
	dir := t.TempDir()
	if err := copySiteTo(dir); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ".gitignore"), []byte("/public/\n/generated/\n/node_modules\n"), 0o644)
	testsite.Init(t, dir)
	if err := os.Symlink(nodeModules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startCMS runs centar cms on a free port, without the site's preview,
// and returns its address.
func startCMS(t *testing.T, dir string) string {
	t.Helper()
	return startCMSWith(t, dir, idleRenderer{})
}

// startCMSWithPreview runs centar cms with the site's live preview behind
// it, rendered by Hugo, and returns its address.
func startCMSWithPreview(t *testing.T, dir string) string {
	t.Helper()
	return startCMSWith(t, dir, hugo.Renderer{})
}

func startCMSWith(t *testing.T, dir string, renderer render.Renderer) string {
	t.Helper()
	base, _ := startCMSLogged(t, dir, renderer)
	return base
}

// startCMSLogged runs centar cms on dir with more arguments, and returns
// its address, once its admin answers, and what it says.
func startCMSLogged(t *testing.T, dir string, renderer render.Renderer, args ...string) (string, *lockedBuffer) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	log := &lockedBuffer{}
	f := &cli.Factory{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: log, Renderer: renderer, Version: "test"}
	go cli.Main(f, append([]string{"cms", "--port", fmt.Sprint(port), "--source", dir}, args...))
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		// On the server, the admin sends to the sign-in page, which answers.
		if resp, err := http.Get(base + "/admin/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base, log
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("centar cms did not start:\n%s", log.String())
		}
	}
}

// contentFiles hashes the folder's content, data and static files: what the
// CMS must not touch until it publishes.
func contentFiles(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	for _, sub := range []string{"content", "data", "static"} {
		filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				data, _ := os.ReadFile(p)
				out[p] = string(data)
			}
			return err
		})
	}
	return out
}

func branchExists(t *testing.T, dir, branch string) bool {
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Reference(plumbing.NewBranchReferenceName(branch), false)
	return err == nil
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !ok(); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 30 s for %s", what)
		}
	}
}

// An editor opens the web CMS, writes a news item in Serbian with its English
// translation, saves it as a draft, publishes it; the built site shows it in
// both scripts and in English.
func TestCMSWritesAndPublishesANewsItem(t *testing.T) {
	nm := decapInstalled(t)
	chromium(t)
	dir := siteRepo(t, nm)
	base := startCMS(t, dir)
	ctx := newTab(t)
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true)) // "publish this entry?"
		}
	})
	start := time.Now()
	run(t, ctx, chromedp.EmulateViewport(1400, 1000), chromedp.Navigate(base+"/admin/"),
		chromedp.Click(`//button[contains(., "Пријава")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch),
		chromedp.Navigate(base+"/admin/#/collections/vesti/new"),
		chromedp.WaitVisible("#title-field-1", chromedp.ByID))
	before := contentFiles(t, dir)

	// Serbian on the left, English on the right.
	run(t, ctx,
		chromedp.SendKeys("#title-field-1", "Обука у Нишу", chromedp.ByID),
		chromedp.Click(`[data-testid="now-button"]`, chromedp.ByQuery),
		chromedp.Click(`(//*[@contenteditable="true"])[1]`, chromedp.BySearch),
		chromedp.SendKeys(`(//*[@contenteditable="true"])[1]`, "Чланови локалних тимова похађали су обуку у Нишу.", chromedp.BySearch),
		chromedp.SendKeys("#title-field-9", "Training in Niš", chromedp.ByID),
		chromedp.Click(`(//*[@contenteditable="true"])[2]`, chromedp.BySearch),
		chromedp.SendKeys(`(//*[@contenteditable="true"])[2]`, "Members of the local teams attended a training in Niš.", chromedp.BySearch),
		chromedp.Click(`//button[contains(., "Сачувај")]`, chromedp.BySearch))
	waitFor(t, "the draft branch", func() bool { return branchExists(t, dir, "cms/vesti/обука-у-нишу") })
	if after := contentFiles(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Error("saving a draft changed the editor's folder")
	}
	if _, err := os.Stat(filepath.Join(dir, "content/sr/vesti/obuka-u-nisu.md")); err == nil {
		t.Error("the draft is in the folder before it is published")
	}

	// Ready, then publish now.
	run(t, ctx,
		chromedp.WaitVisible(`//*[contains(text(), "Статус:")]`, chromedp.BySearch),
		chromedp.Click(`//*[contains(text(), "Статус:")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="menuitem"][contains(., "Спремно")]`, chromedp.BySearch))
	run(t, ctx, chromedp.WaitVisible(`//*[contains(text(), "Статус: Спремно")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="button"][contains(., "Објави")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="menuitem"][contains(., "Објави одмах")]`, chromedp.BySearch))
	waitFor(t, "the draft to be published", func() bool { return !branchExists(t, dir, "cms/vesti/обука-у-нишу") })
	t.Logf("the CMS from the admin to a published item: %.1f s", time.Since(start).Seconds())
	for rel, want := range map[string]string{
		"content/sr/vesti/obuka-u-nisu.md": "Обука у Нишу",
		"content/en/news/obuka-u-nisu.md":  "Training in Niš",
	} {
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil || !strings.Contains(string(data), want) || !strings.Contains(string(data), "translationKey: vesti-obuka-u-nisu\n") {
			t.Errorf("%s after publishing: %q %v", rel, data, err)
		}
	}

	// The built site has it in Cyrillic, Latin and English.
	if code, _, stderr := runCentar(t, "build", "-s", dir); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	for rel, want := range map[string]string{
		"public/vesti/obuka-u-nisu/index.html":     "Чланови локалних тимова похађали су обуку у Нишу.",
		"public/lat/vesti/obuka-u-nisu/index.html": "Članovi lokalnih timova pohađali su obuku u Nišu.",
		"public/en/news/obuka-u-nisu/index.html":   "Members of the local teams attended a training in Niš.",
	} {
		data, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s does not say %q (%v)", rel, want, err)
		}
	}
}

// The published site has no admin: the Centre's staff edit on its own CMS
// server, where drafts stay private, and organisations send pull requests.
// A build writes nothing at /admin/, and every page keeps the site's own
// policy.
func TestThePublishedSiteHasNoAdmin(t *testing.T) {
	dir := siteRepo(t, decapInstalled(t))
	if code, _, stderr := runCentar(t, "build", "-s", dir); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public/admin")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the built site has an admin: %v", err)
	}
	if code, _, stderr := runCentar(t, "build", "-s", dir, "--cms-repo", "https://github.com/centar-org/sajt.git"); code != 2 || !strings.Contains(stderr, "ne postoji opcija --cms-repo") {
		t.Errorf("build --cms-repo: %d %s", code, stderr)
	}
	netlifyFile, _ := os.ReadFile("../../netlify.toml")
	if strings.Contains(string(netlifyFile), "/admin/") || strings.Contains(string(netlifyFile), "cms-repo") {
		t.Error("netlify.toml still builds or serves an admin")
	}
}

// officeOfTheRealSite is the Centre's server holding the real site behind
// git's own http-backend, with Ana's clone running centar cms and Boris's
// clone for the command line.
func officeOfTheRealSite(t *testing.T) (base, ana, boris, bare string) {
	t.Helper()
	nm := decapInstalled(t)
	root, bare := testsite.ServerOf(t, siteRepo(t, nm))
	srv := testsite.NewGitServer(t, root)
	url := srv.URL + "/centar/sajt.git"
	ana = testsite.Clone(t, url, "Ana")
	if err := os.Symlink(nm, filepath.Join(ana, "node_modules")); err != nil {
		t.Fatal(err)
	}
	boris = testsite.Clone(t, url, "Boris")
	return startCMS(t, ana), ana, boris, bare
}

// borisPublishes changes the help page in Boris's folder, from what the
// server has now, and publishes it with the command line.
func borisPublishes(t *testing.T, boris, old, new string) {
	t.Helper()
	if code, _, stderr := runCentar(t, "sync", "--source", boris); code != 0 {
		t.Fatalf("Boris's sync: %s", stderr)
	}
	p := filepath.Join(boris, "content/sr/pomoc/_index.md")
	data, _ := os.ReadFile(p)
	if !strings.Contains(string(data), old) {
		t.Fatalf("the help page has no %q:\n%s", old, data)
	}
	os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644)
	if code, _, stderr := runCentar(t, "publish", "-m", "Борис мења помоћ", "--source", boris); code != 0 {
		t.Fatalf("Boris's publish: %s", stderr)
	}
}

// editHelp opens the help page in the admin, adds words to the end of its
// last paragraph, which says sentence, saves it as a draft, marks it ready
// and publishes it.
func editHelp(t *testing.T, ctx context.Context, base, sentence, words string) {
	t.Helper()
	paragraph := `//*[@contenteditable="true"]//*[contains(text(), "` + sentence + `")]`
	run(t, ctx, chromedp.Navigate(base+"/admin/#/collections/stranice/entries/pomoc"),
		chromedp.WaitVisible(paragraph, chromedp.BySearch),
		chromedp.Click(paragraph, chromedp.BySearch))
	caretAtEnd(t, ctx)
	run(t, ctx, chromedp.KeyEvent(words),
		chromedp.Click(`//button[contains(., "Сачувај")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Статус:")]`, chromedp.BySearch),
		chromedp.Click(`//*[contains(text(), "Статус:")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="menuitem"][contains(., "Спремно")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Статус: Спремно")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="button"][contains(., "Објави")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="menuitem"][contains(., "Објави одмах")]`, chromedp.BySearch))
}

// caretAtEnd moves the caret to the end of the focused editor's text, the
// way an editor does, with Ctrl+End, until the browser's selection is
// there. The editor takes a moment to settle after a click: a key pressed
// at once can be undone when it puts back the caret of the click.
func caretAtEnd(t *testing.T, ctx context.Context) {
	t.Helper()
	const atEnd = `(() => {
		const ed = document.activeElement, sel = getSelection();
		if (!ed || !ed.isContentEditable || !sel.isCollapsed || !sel.focusNode) return false;
		const rest = document.createRange();
		rest.setStart(sel.focusNode, sel.focusOffset);
		rest.setEnd(ed, ed.childNodes.length);
		return rest.toString().trim() === "";
	})()`
	waitFor(t, "the caret at the end of the text", func() bool {
		var ok bool
		run(t, ctx, chromedp.KeyEvent(kb.End, chromedp.KeyModifiers(input.ModifierCtrl)),
			chromedp.Sleep(200*time.Millisecond), chromedp.Evaluate(atEnd, &ok))
		return ok
	})
}

// An editor in the web CMS and a colleague at the command line change the
// help page at the same time: different paragraphs go through together;
// the same paragraph is the editor's to choose, in the browser.
func TestCMSMergesAColleaguesParagraphAndLetsTheEditorChoose(t *testing.T) {
	chromium(t)
	base, ana, boris, bare := officeOfTheRealSite(t)
	ctx := newTab(t)
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
		}
	})
	run(t, ctx, chromedp.EmulateViewport(1400, 1000), chromedp.Navigate(base+"/admin/"),
		chromedp.Click(`//button[contains(., "Пријава")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch))
	server := func() string { s, _ := testsite.File(t, bare, "main", "content/sr/pomoc/_index.md"); return s }

	// Different paragraphs: both reach the server.
	borisPublishes(t, boris, "Ако сте у опасности", "Ако сте ви или неко близак у опасности")
	editHelp(t, ctx, base, "Број који није проверен", " Ана додаје реченицу.")
	waitFor(t, "the draft to be published", func() bool { return !branchExists(t, ana, "cms/stranice/pomoc") })
	if got := server(); !strings.Contains(got, "Ако сте ви или неко близак у опасности") || !strings.Contains(got, "означен је као непроверен. Ана додаје реченицу.") {
		t.Fatalf("the server has both paragraphs? %q", got)
	}

	// The same paragraph: the publish is refused in Serbian, the draft stays.
	borisPublishes(t, boris, "Ана додаје реченицу.", "Борис мења исту реченицу.")
	editHelp(t, ctx, base, "Ана додаје реченицу", " И још једну.")
	run(t, ctx, chromedp.WaitVisible(`[data-centar="conflict"]`, chromedp.ByQuery))
	var panel string
	run(t, ctx, chromedp.Text(`.c-conflict`, &panel, chromedp.ByQuery))
	for _, want := range []string{"Колега је у међувремену објавио", "Ана додаје реченицу. И још једну.", "Борис мења исту реченицу."} {
		if !strings.Contains(panel, want) {
			t.Errorf("the conflict panel does not say %q:\n%s", want, panel)
		}
	}
	if !branchExists(t, ana, "cms/stranice/pomoc") {
		t.Fatal("the refused draft is gone")
	}
	if got := server(); strings.Contains(got, "И још једну") {
		t.Fatalf("the refused draft reached the server: %q", got)
	}
	var shot []byte
	run(t, ctx, chromedp.FullScreenshot(&shot, 100))
	os.MkdirAll("../../screenshots", 0o755)
	os.WriteFile("../../screenshots/cms-conflict.png", shot, 0o644)

	// Ana keeps hers and publishes again.
	run(t, ctx, chromedp.Click(`//button[contains(., "Задржи моју")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Статус:")]`, chromedp.BySearch),
		chromedp.WaitNotPresent(`[data-centar="conflict"]`, chromedp.ByQuery),
		chromedp.Click(`//*[@role="button"][contains(., "Објави")]`, chromedp.BySearch),
		chromedp.Click(`//*[@role="menuitem"][contains(., "Објави одмах")]`, chromedp.BySearch))
	waitFor(t, "the resolved draft to be published", func() bool { return !branchExists(t, ana, "cms/stranice/pomoc") })
	if got := server(); !strings.Contains(got, "Ана додаје реченицу. И још једну.") || strings.Contains(got, "Борис мења исту") || !strings.Contains(got, "Ако сте ви или неко близак") {
		t.Errorf("after resolving, the server has %q", got)
	}

	// Once more, and this time Ana opens the refused entry from the board
	// and takes the published version: her draft ends, the entry is the
	// published page.
	borisPublishes(t, boris, "И још једну.", "Борис поново.")
	editHelp(t, ctx, base, "Ана додаје реченицу", " Ана поново.")
	run(t, ctx, chromedp.WaitVisible(`[data-centar="conflict"]`, chromedp.ByQuery),
		chromedp.Navigate(base+"/admin/#/workflow"),
		chromedp.WaitVisible(`a[href*="entries/pomoc?ref=workflow"]`, chromedp.ByQuery),
		// The card is a link the board also drags: clicked as a link.
		chromedp.Evaluate(`document.querySelector('a[href*="entries/pomoc?ref=workflow"]').click()`, nil),
		chromedp.WaitVisible(`[data-centar="conflict"]`, chromedp.ByQuery),
		chromedp.Click(`//button[contains(., "Узми објављену")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//*[contains(text(), "Остала је објављена верзија")]`, chromedp.BySearch))
	if branchExists(t, ana, "cms/stranice/pomoc") {
		t.Error("taking the published version left the draft")
	}
	var editor string
	run(t, ctx, chromedp.WaitVisible(`//*[@contenteditable="true"]//*[contains(text(), "Борис поново.")]`, chromedp.BySearch),
		chromedp.Text(`//*[@contenteditable="true"]`, &editor, chromedp.BySearch))
	if strings.Contains(editor, "Ана поново") {
		t.Errorf("the editor still shows the dropped draft: %q", editor)
	}
	if got := server(); !strings.Contains(got, "Борис поново.") {
		t.Errorf("the server has %q", got)
	}
}
