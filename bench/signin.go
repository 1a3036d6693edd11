package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
)

// signinBench times the way into the admin on the Centre's CMS server
// (centar cms --users): from opening /prijava, through the password and
// the code, to the admin's collections; and, as its baseline in the same
// run, the way into centar cms on one's own computer, where there is no
// sign-in: from opening /admin/ to the same collections. Each is a second
// visit of a fresh browser profile (the first, not timed, is the one-time
// link on the server, and the first opening of the admin on one's own
// computer); each run has a new account, so that each sign-in has a code
// of its own.
func signinBench(root string, runs int) error {
	tools, err := buildTools(root, false)
	if err != nil {
		return err
	}
	defer os.RemoveAll(tools.dir)
	dir, err := os.MkdirTemp("", "centar-bench-signin-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var bases [2]string
	for i, users := range []string{"", filepath.Join(dir, "accounts", "users.json")} {
		site := filepath.Join(dir, "site"+strconv.Itoa(i))
		if err := cmsSite(root, site, 0, 0); err != nil {
			return err
		}
		if err := os.Symlink(filepath.Join(root, "node_modules"), filepath.Join(site, "node_modules")); err != nil {
			return err
		}
		port, err := freePort()
		if err != nil {
			return err
		}
		args := []string{"cms", "--source", site, "--port", strconv.Itoa(port)}
		if users != "" {
			args = append(args, "--users", users)
		}
		var logs bytes.Buffer
		cms := exec.Command(tools.centar, args...)
		cms.Stdout, cms.Stderr = &logs, &logs
		if err := cms.Start(); err != nil {
			return err
		}
		defer func() { cms.Process.Kill(); cms.Wait() }()
		bases[i] = fmt.Sprintf("http://127.0.0.1:%d", port)
		ready := "/admin/"
		if users != "" {
			ready = "/prijava"
		}
		if err := waitFor(bases[i]+ready, "", 5*time.Minute); err != nil {
			return fmt.Errorf("%w\n%s", err, tail(logs.String()))
		}
		if err := waitFor(bases[i]+"/", "", 5*time.Minute); err != nil && users == "" {
			return fmt.Errorf("%w\n%s", err, tail(logs.String()))
		}
	}
	local, server := bases[0], bases[1]
	users := filepath.Join(dir, "accounts", "users.json")

	var own, page, signIn, whole []float64
	for i := range runs {
		email := fmt.Sprintf("urednik%d@example.org", i)
		out, err := exec.Command(tools.centar, "cms", "users", "add", email, "--name", "Уредник", "--users", users, "--url", server).Output()
		if err != nil {
			return fmt.Errorf("users add: %w", err)
		}
		link := strings.TrimSpace(string(out))
		ctx, done, err := browser()
		if err != nil {
			return err
		}
		var t signinTimes
		var key string
		err = chromedp.Run(ctx, enrol(link, &key))
		if err == nil {
			err = chromedp.Run(ctx, timeSignIn(server, email, key, &t))
		}
		done()
		if err != nil {
			return err
		}
		// The baseline: one's own editor, in a fresh profile too.
		ctx, done, err = browser()
		if err != nil {
			return err
		}
		var mine float64
		err = chromedp.Run(ctx, timeOwnAdmin(local, &mine))
		done()
		if err != nil {
			return err
		}
		own, page, signIn, whole = append(own, mine), append(page, t.page), append(signIn, t.signIn), append(whole, t.whole)
	}
	med := func(v []float64) float64 { slices.Sort(v); return v[len(v)/2] }
	fmt.Printf("(m) into the admin, median of %d, a fresh browser profile each:\n", runs)
	fmt.Printf("    centar cms on this computer: /admin/ to the collections            %6.0f ms\n", med(own))
	fmt.Printf("    the CMS server: /prijava shown                                     %6.0f ms\n", med(page))
	fmt.Printf("    the CMS server: password and code sent, the admin's collections    %6.0f ms\n", med(signIn))
	fmt.Printf("    the CMS server: /prijava to the collections                        %6.0f ms   ratio %.2f\n", med(whole), med(whole)/med(own))
	return nil
}

// signinTimes are one sign-in's figures, in ms.
type signinTimes struct{ page, signIn, whole float64 }

// enrol follows a one-time link: a password, and the app's code now; key
// is the app's key it showed. Then it signs out.
func enrol(link string, key *string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := chromedp.Run(ctx, chromedp.Navigate(link), chromedp.Text(`[data-key]`, key, chromedp.ByQuery)); err != nil {
			return err
		}
		*key = strings.ReplaceAll(*key, " ", "")
		code, err := totp.GenerateCode(*key, time.Now())
		if err != nil {
			return err
		}
		return chromedp.Run(ctx, chromedp.SendKeys(`#password`, "лозинка за мерење", chromedp.ByQuery),
			chromedp.SendKeys(`#again`, "лозинка за мерење", chromedp.ByQuery),
			chromedp.SendKeys(`#code`, code, chromedp.ByQuery), chromedp.Submit(`#code`, chromedp.ByQuery),
			chromedp.Click(`[aria-label="Опције налога"]`, chromedp.ByQuery),
			chromedp.Click(`//*[@role="menuitem"][normalize-space(.)="Одјава"]`, chromedp.BySearch),
			chromedp.WaitVisible(`#password`, chromedp.ByQuery))
	})
}

// timeSignIn signs email in, in a new tab, with the app's next code.
func timeSignIn(server, email, key string, t *signinTimes) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		code, err := totp.GenerateCode(key, time.Now().Add(30*time.Second))
		if err != nil {
			return err
		}
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		start := time.Now()
		if err := chromedp.Run(tab, chromedp.Navigate(server+"/prijava"), chromedp.WaitVisible(`#password`, chromedp.ByQuery)); err != nil {
			return err
		}
		t.page = ms(time.Since(start))
		if err := chromedp.Run(tab, chromedp.SendKeys(`#email`, email, chromedp.ByQuery),
			chromedp.SendKeys(`#password`, "лозинка за мерење", chromedp.ByQuery), chromedp.Submit(`#password`, chromedp.ByQuery),
			chromedp.WaitVisible(`#code`, chromedp.ByQuery), chromedp.SendKeys(`#code`, code, chromedp.ByQuery)); err != nil {
			return err
		}
		sent := time.Now()
		err = chromedp.Run(tab, chromedp.Submit(`#code`, chromedp.ByQuery), chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch))
		t.signIn, t.whole = ms(time.Since(sent)), ms(time.Since(start))
		return err
	})
}

// timeOwnAdmin opens centar cms's admin on one's own computer a first time
// (not timed), passing Decap's sign-in button, as the server's admin was
// opened at the link; then times a second visit in a new tab, to the
// collections.
func timeOwnAdmin(base string, out *float64) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"/admin/"),
			chromedp.Click(`//button[contains(., "Пријава")]`, chromedp.BySearch),
			chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch)); err != nil {
			return err
		}
		tab, cancel := chromedp.NewContext(ctx)
		defer cancel()
		start := time.Now()
		err := chromedp.Run(tab, chromedp.Navigate(base+"/admin/"),
			chromedp.WaitVisible(`//*[contains(text(), "Збирке")]`, chromedp.BySearch))
		*out = ms(time.Since(start))
		return err
	})
}
