package staff

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"centar/internal/durable"
)

// clock is a test's time, moved by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time       { return c.t }
func (c *clock) pass(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                { return &clock{t: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)} }
func accountsAt(t *testing.T, c *clock) *Accounts {
	t.Helper()
	a, err := OpenAccounts(filepath.Join(t.TempDir(), "users.json"))
	if err != nil {
		t.Fatal(err)
	}
	a.Now = c.now
	return a
}

// codeOf is what the person's app shows at t, for the account's key.
func codeOf(t *testing.T, a *Accounts, email string, at time.Time) string {
	t.Helper()
	acc, ok, _ := a.Lookup(email)
	if !ok {
		t.Fatalf("no account %s", email)
	}
	key, err := AppKey(acc.TOTP)
	if err != nil {
		t.Fatal(err)
	}
	code, err := totp.GenerateCode(key.Secret(), at)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

const password = "дуга лозинка за тест"

// enrolled adds an account and follows its link, as the person would.
func enrolled(t *testing.T, a *Accounts, c *clock, email string, publisher bool) {
	t.Helper()
	token, err := a.Add(email, "Ана Петровић", publisher)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Enrol(token, password, codeOf(t, a, email, c.now())); err != nil {
		t.Fatalf("enrolling %s: %v", email, err)
	}
}

func TestAnAccountIsMadeAtItsLinkAndSignsInWithPasswordAndCode(t *testing.T) {
	c := newClock()
	a := accountsAt(t, c)
	token, err := a.Add("ana@example.org", "Ана Петровић", true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CheckPassword("ana@example.org", password); !errors.Is(err, ErrSignIn) {
		t.Fatalf("before the link is followed, signing in gives %v", err)
	}
	if _, err := a.Enrol(token, "kratka", codeOf(t, a, "ana@example.org", c.now())); !errors.Is(err, ErrShortPassword) {
		t.Errorf("a short password: %v", err)
	}
	if _, err := a.Enrol(token, password, "000000"); !errors.Is(err, ErrSignIn) {
		t.Errorf("a wrong code: %v", err)
	}
	acc, err := a.Enrol(token, password, codeOf(t, a, "ana@example.org", c.now()))
	if err != nil || !acc.Enrolled() || !acc.Publisher {
		t.Fatalf("enrolled: %+v, %v", acc, err)
	}
	if _, err := a.Enrol(token, password, codeOf(t, a, "ana@example.org", c.now())); !errors.Is(err, ErrLink) {
		t.Errorf("the link used twice: %v", err)
	}
	if !strings.HasPrefix(acc.Password, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("the password is kept as %q", acc.Password)
	}

	if _, err := a.CheckPassword("ana@example.org", password+"x"); !errors.Is(err, ErrSignIn) {
		t.Errorf("a wrong password: %v", err)
	}
	if _, err := a.CheckPassword("ANA@example.org", password); err != nil {
		t.Errorf("the address in capitals: %v", err)
	}
	// The code typed at enrolment is used: the next one signs in, once.
	if _, err := a.CheckCode("ana@example.org", codeOf(t, a, "ana@example.org", c.now())); !errors.Is(err, ErrSignIn) {
		t.Errorf("the enrolment's code again: %v", err)
	}
	c.pass(30 * time.Second)
	code := codeOf(t, a, "ana@example.org", c.now())
	if _, err := a.CheckCode("ana@example.org", code); err != nil {
		t.Errorf("the next code: %v", err)
	}
	if _, err := a.CheckCode("ana@example.org", code); !errors.Is(err, ErrSignIn) {
		t.Errorf("the same code twice: %v", err)
	}
	// A phone's clock a step behind is forgiven; two steps are not.
	c.pass(30 * time.Second)
	if _, err := a.CheckCode("ana@example.org", codeOf(t, a, "ana@example.org", c.now().Add(-30*time.Second))); !errors.Is(err, ErrSignIn) {
		t.Errorf("a code of a step already used: %v", err)
	}
	c.pass(30 * time.Second)
	if _, err := a.CheckCode("ana@example.org", codeOf(t, a, "ana@example.org", c.now().Add(-90*time.Second))); !errors.Is(err, ErrSignIn) {
		t.Errorf("a code three steps old: %v", err)
	}
	if _, err := a.CheckCode("ana@example.org", codeOf(t, a, "ana@example.org", c.now().Add(-30*time.Second))); err != nil {
		t.Errorf("a code a step old: %v", err)
	}
}

func TestALinkExpiresAfterADayAndResetTakesThePasswordAway(t *testing.T) {
	c := newClock()
	a := accountsAt(t, c)
	token, _ := a.Add("boris@example.org", "Борис", false)
	c.pass(LinkLife)
	if _, err := a.ByLink(token); !errors.Is(err, ErrLink) {
		t.Errorf("a day-old link: %v", err)
	}
	if _, err := a.ByLink(randomToken()); !errors.Is(err, ErrLink) {
		t.Errorf("an unknown link: %v", err)
	}
	enrolled(t, a, c, "ana@example.org", false)
	token, err := a.Reset("ana@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CheckPassword("ana@example.org", password); !errors.Is(err, ErrSignIn) {
		t.Errorf("after a reset the old password gives %v", err)
	}
	if acc, err := a.ByLink(token); err != nil || acc.Email != "ana@example.org" {
		t.Errorf("the reset's link: %+v, %v", acc, err)
	}
	if err := a.Remove("ana@example.org"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := a.Lookup("ana@example.org"); ok {
		t.Error("a removed account is still there")
	}
	for _, err := range []error{a.Remove("ana@example.org"), func() error { _, err := a.Reset("x@example.org"); return err }()} {
		if !errors.Is(err, ErrNoAccount) {
			t.Errorf("an unknown account: %v", err)
		}
	}
	for _, bad := range [][2]string{{"not an address", "Ана"}, {"Ana <ana@example.org>", "Ана"}, {"c@example.org", " "}} {
		if _, err := a.Add(bad[0], bad[1], false); err == nil {
			t.Errorf("Add(%q, %q) was taken", bad[0], bad[1])
		}
	}
	if _, err := a.Add("boris@example.org", "Борис", false); !errors.Is(err, ErrAccountExists) {
		t.Errorf("an account added twice: %v", err)
	}
}

// The accounts file is its owner's alone, and a change is whole or not at
// all: killed at any step of a write, the file holds the accounts before
// or after it, and nothing else is left readable.
func TestTheAccountsFileIsPrivateAndWrittenWhole(t *testing.T) {
	c := newClock()
	a := accountsAt(t, c)
	enrolled(t, a, c, "ana@example.org", true)
	before, _ := os.ReadFile(a.Path)

	type crash struct{ step string }
	var steps []string
	t.Cleanup(func() { durable.Hook = nil })
	for n := 0; ; n++ {
		seen := 0
		durable.Hook = func(step, name string) {
			if seen == n {
				steps = append(steps, step)
				panic(crash{step})
			}
			seen++
		}
		crashed := func() (crashed bool) {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(crash); !ok {
						panic(r)
					}
					crashed = true
				}
			}()
			if _, err := a.Add("boris@example.org", "Борис", false); err != nil {
				t.Fatal(err)
			}
			return false
		}()
		durable.Hook = nil
		data, err := os.ReadFile(a.Path)
		if err != nil {
			t.Fatal(err)
		}
		var list []Account
		if err := json.Unmarshal(data, &list); err != nil {
			t.Fatalf("killed at %v the file is not whole: %v", steps, err)
		}
		if crashed && string(data) != string(before) && len(list) != 2 {
			t.Errorf("killed at %s, the file is neither before nor after:\n%s", steps[len(steps)-1], data)
		}
		if crashed { // start again from before
			os.WriteFile(a.Path, before, 0o600)
			continue
		}
		if !crashed {
			if len(list) != 2 {
				t.Errorf("the new account is missing: %s", data)
			}
			break
		}
	}
	if len(steps) < 2 {
		t.Fatalf("the write passed %d crash points; the test is not reaching them", len(steps))
	}
	entries, _ := os.ReadDir(filepath.Dir(a.Path))
	for _, e := range entries {
		info, _ := e.Info()
		if strings.HasSuffix(e.Name(), ".lock") && info.Size() == 0 {
			continue // the lock between processes holds nothing
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %04o", e.Name(), info.Mode().Perm())
		}
	}

	os.Chmod(a.Path, 0o644)
	if _, err := OpenAccounts(a.Path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a file others can read is taken: %v", err)
	}
	os.Chmod(a.Path, 0o600)
	os.WriteFile(a.Path, []byte("[\n  {\"email\": \"ana@example.org\",\n  \"name\": \n]\n"), 0o600)
	if _, err := OpenAccounts(a.Path); err == nil || !strings.Contains(err.Error(), a.Path+":4:") {
		t.Errorf("a broken file: %v", err)
	}
}

// An account added on the command line signs in on the running server at
// once: the file is read again when it changes.
func TestAnotherProcessesChangeIsSeen(t *testing.T) {
	c := newClock()
	a := accountsAt(t, c)
	other, err := OpenAccounts(a.Path)
	if err != nil {
		t.Fatal(err)
	}
	other.Now = c.now
	enrolled(t, other, c, "ana@example.org", false)
	if _, err := a.CheckPassword("ana@example.org", password); err != nil {
		t.Errorf("the server does not see the account: %v", err)
	}
	other.Remove("ana@example.org")
	if _, ok, _ := a.Lookup("ana@example.org"); ok {
		t.Error("the server still sees a removed account")
	}
}

// The command line and the server change the file at the same time: each
// change is read, made and written whole, and none is lost.
func TestTwoProcessesChangesAreAllKept(t *testing.T) {
	c := newClock()
	server := accountsAt(t, c)
	cli, err := OpenAccounts(server.Path)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 10 {
		for _, a := range []*Accounts{server, cli} {
			wg.Go(func() {
				email := fmt.Sprintf("%p-%d@example.org", a, i)
				if _, err := a.Add(email, "Особа", false); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	if list, _ := server.List(); len(list) != 20 {
		t.Errorf("%d accounts of 20 are in the file", len(list))
	}
}

// Addresses are told apart by their ASCII letters only: another spelling
// of a letter is another address, never the same account.
func TestAnAddressIsNotFoldedBeyondASCII(t *testing.T) {
	c := newClock()
	a := accountsAt(t, c)
	a.Add("sasa@example.org", "Саша", false)
	if _, ok, _ := a.Lookup("SaSa@Example.org"); !ok {
		t.Error("the address in capitals is not the account")
	}
	for _, other := range []string{"ſasa@example.org", "sasa@example.org\u200b", "ѕаѕа@example.org"} {
		if _, ok, _ := a.Lookup(other); ok {
			t.Errorf("%q is taken for sasa@example.org", other)
		}
		if AddressKey(other) == AddressKey("sasa@example.org") {
			t.Errorf("%q is counted as sasa@example.org", other)
		}
	}
}
