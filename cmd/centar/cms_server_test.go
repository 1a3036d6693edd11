package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/pquerna/otp/totp"

	"centar/internal/testsite"
)

// The Centre's CMS server, in Chromium, as staff meet it: a publisher
// follows her one-time link, sets a password and adds the authenticator
// app, edits and publishes the help page, signs out, and signs in again
// with the password and the next code. Her draft never reaches the public
// repository; her publication names her.
func TestTheCentresCMSServerSignsStaffInAndOut(t *testing.T) {
	chromium(t)
	nm := decapInstalled(t)
	root, bare := testsite.ServerOf(t, siteRepo(t, nm))
	srv := testsite.NewGitServer(t, root)
	clone := testsite.Clone(t, srv.URL+"/centar/sajt.git", "CMS server")
	if err := os.Symlink(nm, filepath.Join(clone, "node_modules")); err != nil {
		t.Fatal(err)
	}
	users := filepath.Join(t.TempDir(), "users.json")
	base, log := startCMSLogged(t, clone, idleRenderer{}, "--users", users)

	code, link, stderr := runCentar(t, "cms", "users", "add", "vesna@example.org", "--name", "Весна Илић", "--publisher", "--users", users, "--url", base)
	if code != 0 {
		t.Fatalf("users add: %s", stderr)
	}
	link = strings.TrimSpace(link)
	ctx := newTab(t)
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true)) // "publish now?"
		}
	})
	shot := func(name string) {
		var b []byte
		run(t, ctx, chromedp.FullScreenshot(&b, 100))
		os.MkdirAll(screenshots, 0o755)
		os.WriteFile(filepath.Join(screenshots, name), b, 0o644)
	}

	// The admin is behind the sign-in.
	var at string
	run(t, ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/admin/"),
		chromedp.WaitVisible(`#password`, chromedp.ByQuery), chromedp.Location(&at))
	if !strings.HasPrefix(at, base+"/prijava") {
		t.Errorf("the admin without a session is at %s", at)
	}

	// The link: a password twice, the app's key, and the code it shows.
	var key string
	started := time.Now()
	run(t, ctx, chromedp.Navigate(link), chromedp.WaitVisible(`[data-key]`, chromedp.ByQuery),
		chromedp.Text(`[data-key]`, &key, chromedp.ByQuery))
	shot("cms-server-link.png")
	run(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(2)))
	shot("cms-server-link-phone.png")
	var overflow bool
	run(t, ctx, chromedp.Evaluate(`document.documentElement.scrollWidth > innerWidth`, &overflow), chromedp.EmulateViewport(1280, 900))
	if overflow {
		t.Error("the link's page is wider than a phone")
	}
	secret := strings.ReplaceAll(key, " ", "")
	now, _ := totp.GenerateCode(secret, time.Now())
	run(t, ctx, chromedp.SendKeys(`#password`, "Центар лозинка 2026", chromedp.ByQuery),
		chromedp.SendKeys(`#again`, "Центар лозинка 2026", chromedp.ByQuery),
		chromedp.SendKeys(`#code`, now, chromedp.ByQuery),
		chromedp.Submit(`#code`, chromedp.ByQuery),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch))
	t.Logf("from the link to the admin: %v", time.Since(started).Round(time.Millisecond))
	shot("cms-server-admin.png")

	// A draft, and its publication.
	editHelp(t, ctx, base, "Број који није проверен", " Весна додаје реченицу.")
	waitFor(t, "the draft to be published", func() bool { return !branchExists(t, clone, "cms/stranice/pomoc") })
	if got, _ := testsite.File(t, bare, "main", "content/sr/pomoc/_index.md"); !strings.Contains(got, "Весна додаје реченицу.") {
		t.Fatalf("the server's help page:\n%s", got)
	}
	r, _ := git.PlainOpen(bare)
	head, _ := r.Reference(plumbing.NewBranchReferenceName("main"), true)
	commit, _ := r.CommitObject(head.Hash())
	if commit.Author.Email != "vesna@example.org" || !strings.Contains(commit.Message, "Published-by: Весна Илић <vesna@example.org>") {
		t.Errorf("the publication is by %s <%s>: %q", commit.Author.Name, commit.Author.Email, commit.Message)
	}
	refs, _ := r.References()
	refs.ForEach(func(ref *plumbing.Reference) error {
		if n := ref.Name().String(); n != "HEAD" && n != "refs/heads/main" {
			t.Errorf("the public repository has %s", n)
		}
		return nil
	})

	// Signing out ends the session: the admin is behind the sign-in again.
	// The account menu's "Одјава", Decap's own, signs out of the server.
	// By keyboard, on the collections: the toasts of the publication sit
	// over the menu's button. Opened, the menu has its item in focus.
	run(t, ctx, chromedp.Evaluate(`location.hash = "#/collections/stranice"`, nil),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch),
		chromedp.Focus(`[aria-label="Опције налога"]`, chromedp.ByQuery), chromedp.KeyEvent(kb.Enter),
		chromedp.Sleep(500*time.Millisecond), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`#password`, chromedp.ByQuery),
		chromedp.Navigate(base+"/admin/"), chromedp.WaitVisible(`#password`, chromedp.ByQuery), chromedp.Location(&at))
	if !strings.HasPrefix(at, base+"/prijava") {
		t.Errorf("after signing out the admin is at %s", at)
	}

	// Signing in again: the password, then the app's next code (the one
	// typed at the link is used).
	next, _ := totp.GenerateCode(secret, time.Now().Add(30*time.Second))
	started = time.Now()
	run(t, ctx, chromedp.SendKeys(`#email`, "vesna@example.org", chromedp.ByQuery),
		chromedp.SendKeys(`#password`, "Центар лозинка 2026", chromedp.ByQuery),
		chromedp.Submit(`#password`, chromedp.ByQuery),
		chromedp.WaitVisible(`#code`, chromedp.ByQuery))
	shot("cms-server-code.png")
	run(t, ctx, chromedp.SendKeys(`#code`, next, chromedp.ByQuery), chromedp.Submit(`#code`, chromedp.ByQuery),
		chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch), chromedp.Location(&at))
	t.Logf("from the code to the admin: %v", time.Since(started).Round(time.Millisecond))
	if !strings.HasPrefix(at, base+"/admin/") {
		t.Errorf("signed in again, the browser is at %s", at)
	}
	for _, want := range []string{"enrolled vesna@example.org", "sign-in vesna@example.org", "publish vesna@example.org publishUnpublishedEntry stranice/pomoc", "sign-out vesna@example.org"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the server's log has no %q:\n%s", want, log.String())
		}
	}
	if strings.Contains(log.String(), "Центар лозинка") {
		t.Error("the log holds the password")
	}
}
