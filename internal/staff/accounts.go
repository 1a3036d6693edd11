// Package staff is who may use the CMS server and who is signed in to it:
// the accounts file (a password hashed with argon2id and an authenticator
// app's secret for each person), the sessions of those signed in, the limit
// on failed sign-ins, and the sign-in pages and the gate before every other
// route.
//
// The accounts file is JSON, kept outside the repository with mode 0600 and
// replaced atomically at every change. It is read again whenever it changes
// on disk, so an account added or removed from the command line counts at
// once on a running server.
//
// Of the project's packages it may import only durable.
package staff

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"centar/internal/durable"
)

// An Account is one person who may sign in.
type Account struct {
	Email string `json:"email"`
	Name  string `json:"name"`
	// Publisher: also publishes drafts and deletes published entries; an
	// editor writes drafts and marks them ready.
	Publisher bool `json:"publisher,omitempty"`
	// Password is the argon2id hash of the password, "" until the person
	// has followed their link.
	Password string `json:"password,omitempty"`
	// TOTP is the authenticator app's key, as the otpauth:// address its
	// picture carries (the secret with the app's settings).
	TOTP string `json:"totp,omitempty"`
	// LastStep is the time step of the last code used: a code is good once.
	LastStep int64 `json:"last_step,omitempty"`
	// Link is the SHA-256 of the one-time link's token, hex, "" when there
	// is none; LinkExpires is when it stops working.
	Link        string    `json:"link,omitempty"`
	LinkExpires time.Time `json:"link_expires,omitzero"`
}

// Enrolled reports whether the account has a password and an app.
func (a Account) Enrolled() bool { return a.Password != "" && a.TOTP != "" }

// Role is the account's role, as the CMS names it.
func (a Account) Role() string {
	if a.Publisher {
		return "publisher"
	}
	return "editor"
}

// LinkLife is how long a one-time link works.
const LinkLife = 24 * time.Hour

// Errors of the accounts.
var (
	// ErrSignIn is every failed sign-in, whatever failed: the answer does
	// not say whether the account exists.
	ErrSignIn = errors.New("the address, the password or the code is not right")
	// ErrLink is an unknown, used or expired one-time link.
	ErrLink = errors.New("this link does not work: it was used, or it expired, or it was never made")
	// The command line's errors: an address with no account, or with one
	// already; an address that is not an e-mail address; no name.
	ErrNoAccount     = errors.New("there is no account with this address")
	ErrAccountExists = errors.New("there is an account with this address already")
	ErrNotEmail      = errors.New("not an e-mail address")
	ErrNoName        = errors.New("the account needs the person's name")
)

// Accounts is the accounts file.
type Accounts struct {
	Path string
	// Now is the clock, time.Now when nil.
	Now func() time.Time

	mu   sync.Mutex
	list []Account
	seen fileStamp // of the file the list was read from
}

type fileStamp struct {
	mod  time.Time
	size int64
}

// OpenAccounts reads the accounts file at path; a file that does not exist
// yet is no accounts. A file others can read is refused: it holds the
// secrets of the staff's authenticator apps.
func OpenAccounts(path string) (*Accounts, error) {
	a := &Accounts{Path: path}
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.load(); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *Accounts) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// load reads the file again when it changed since it was last read.
func (a *Accounts) load() error {
	info, err := os.Stat(a.Path)
	if errors.Is(err, fs.ErrNotExist) {
		a.list, a.seen = nil, fileStamp{}
		return nil
	}
	if err != nil {
		return err
	}
	if info.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%s can be read by others (mode %04o): it holds sign-in secrets; run chmod 600 %s", a.Path, info.Mode().Perm(), a.Path)
	}
	stamp := fileStamp{info.ModTime(), info.Size()}
	if stamp == a.seen && a.list != nil {
		return nil
	}
	data, err := os.ReadFile(a.Path)
	if err != nil {
		return err
	}
	var list []Account
	if err := json.Unmarshal(data, &list); err != nil {
		return fmt.Errorf("%s:%d: %w; the file is written by centar cms users: restore it from a backup", a.Path, lineOf(data, err), err)
	}
	a.list, a.seen = list, stamp
	return nil
}

// lineOf is the line of data a JSON error is at, 1 when it has no offset.
func lineOf(data []byte, err error) int {
	var off int64
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		off = syntax.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	}
	return 1 + strings.Count(string(data[:min(int(off), len(data))]), "\n")
}

// save writes the list atomically, readable by its owner only.
func (a *Accounts) save() error {
	data, err := json.MarshalIndent(a.list, "", "  ")
	if err != nil {
		return err
	}
	dir := durable.Dir{Tmp: filepath.Dir(a.Path)}
	if err := dir.WriteFile(a.Path, append(data, '\n'), 0o600); err != nil {
		return err
	}
	if info, err := os.Stat(a.Path); err == nil {
		a.seen = fileStamp{info.ModTime(), info.Size()}
	}
	return nil
}

// change runs f on the list as the file has it now, then saves it. The
// command line and the server both change the file: a lock beside it lets
// one at a time read, change and write it.
func (a *Accounts) change(f func() error) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	lock, err := durable.Acquire(ctx, a.Path+".lock")
	if err != nil {
		return fmt.Errorf("%s.lock: %w", a.Path, err)
	}
	defer lock.Release()
	if err := a.load(); err != nil {
		return err
	}
	if err := f(); err != nil {
		return err
	}
	return a.save()
}

func (a *Accounts) find(email string) int {
	key := AddressKey(email)
	return slices.IndexFunc(a.list, func(x Account) bool { return AddressKey(x.Email) == key })
}

// AddressKey is an e-mail address as accounts are told apart: its ASCII
// letters in lower case and nothing else folded, so that no other spelling
// (a long ſ for s, a Kelvin sign for k) reaches the same account.
func AddressKey(email string) string {
	b := []byte(strings.TrimSpace(email))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// List is the accounts, as the file has them now.
func (a *Accounts) List() ([]Account, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.load(); err != nil {
		return nil, err
	}
	return slices.Clone(a.list), nil
}

// Lookup is the account of email, if there is one; an error says the file
// cannot be read (a wrong owner, a broken file), which signs no one in.
func (a *Accounts) Lookup(email string) (Account, bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.load(); err != nil {
		return Account{}, false, err
	}
	if i := a.find(email); i >= 0 {
		return a.list[i], true, nil
	}
	return Account{}, false, nil
}

// Add makes an account that has no password yet, and returns the token of
// its one-time link, at which the person sets the password and enrols an
// authenticator app.
func (a *Accounts) Add(email, name string, publisher bool) (token string, err error) {
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email {
		return "", fmt.Errorf("%w: %q", ErrNotEmail, email)
	}
	if strings.TrimSpace(name) == "" {
		return "", ErrNoName
	}
	err = a.change(func() error {
		if a.find(email) >= 0 {
			return fmt.Errorf("%w: %s", ErrAccountExists, email)
		}
		acc := Account{Email: email, Name: name, Publisher: publisher}
		if token, err = a.newLink(&acc); err != nil {
			return err
		}
		a.list = append(a.list, acc)
		return nil
	})
	return token, err
}

// Reset takes away an account's password and app and returns the token of
// a new one-time link.
func (a *Accounts) Reset(email string) (token string, err error) {
	err = a.change(func() error {
		i := a.find(email)
		if i < 0 {
			return ErrNoAccount
		}
		acc := &a.list[i]
		acc.Password, acc.LastStep = "", 0
		token, err = a.newLink(acc)
		return err
	})
	return token, err
}

// Remove deletes an account.
func (a *Accounts) Remove(email string) error {
	return a.change(func() error {
		i := a.find(email)
		if i < 0 {
			return ErrNoAccount
		}
		a.list = slices.Delete(a.list, i, i+1)
		return nil
	})
}

// newLink gives acc a new one-time link and a new app secret, which the
// link's page shows, and returns the link's token.
func (a *Accounts) newLink(acc *Account) (string, error) {
	token := randomToken()
	secret, err := newSecret(acc.Email)
	if err != nil {
		return "", err
	}
	acc.Link, acc.LinkExpires, acc.TOTP = tokenHash(token), a.now().Add(LinkLife), secret
	return token, nil
}

// ByLink is the account whose one-time link has token, while it works.
func (a *Accounts) ByLink(token string) (Account, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.load(); err != nil {
		return Account{}, err
	}
	i := a.byLink(token)
	if i < 0 {
		return Account{}, ErrLink
	}
	return a.list[i], nil
}

// byLink is the index of the account whose link has token and works, -1
// for none. Every account's hash is compared, in constant time.
func (a *Accounts) byLink(token string) int {
	found := -1
	h := tokenHash(token)
	for i, acc := range a.list {
		if acc.Link != "" && subtle.ConstantTimeCompare([]byte(acc.Link), []byte(h)) == 1 && a.now().Before(acc.LinkExpires) {
			found = i
		}
	}
	return found
}

// MinPassword is the shortest password taken, in characters.
const MinPassword = 12

// ErrShortPassword is a password shorter than MinPassword.
var ErrShortPassword = fmt.Errorf("the password needs at least %d characters", MinPassword)

// Enrol sets the password of the account whose one-time link has token,
// once code shows that the authenticator app holds its secret, and ends the
// link.
func (a *Accounts) Enrol(token, password, code string) (Account, error) {
	if len([]rune(password)) < MinPassword {
		return Account{}, ErrShortPassword
	}
	// Hashed before the file is locked: the hash takes a tenth of a
	// second, which the command line should not wait for.
	hash, err := hashPassword(password)
	if err != nil {
		return Account{}, err
	}
	var acc Account
	err = a.change(func() error {
		i := a.byLink(token)
		if i < 0 {
			return ErrLink
		}
		step, ok := codeStep(a.list[i].TOTP, code, a.now())
		if !ok {
			return ErrSignIn
		}
		a.list[i].Password, a.list[i].LastStep, a.list[i].Link, a.list[i].LinkExpires = hash, step, "", time.Time{}
		acc = a.list[i]
		return nil
	})
	return acc, err
}

// CheckPassword is the account of email when password is its password.
// An unknown address costs the same time as a wrong password.
func (a *Accounts) CheckPassword(email, password string) (Account, error) {
	acc, ok, err := a.Lookup(email)
	if err != nil {
		return Account{}, err
	}
	if !ok || !acc.Enrolled() {
		passwordMatches(decoyHash(), password)
		return Account{}, ErrSignIn
	}
	if !passwordMatches(acc.Password, password) {
		return Account{}, ErrSignIn
	}
	return acc, nil
}

// CheckCode is the account of email when code is its app's code now and
// was not used before; the code is then used.
func (a *Accounts) CheckCode(email, code string) (Account, error) {
	var acc Account
	err := a.change(func() error {
		i := a.find(email)
		if i < 0 || !a.list[i].Enrolled() {
			return ErrSignIn
		}
		step, ok := codeStep(a.list[i].TOTP, code, a.now())
		if !ok || step <= a.list[i].LastStep {
			return ErrSignIn
		}
		a.list[i].LastStep = step
		acc = a.list[i]
		return nil
	})
	return acc, err
}

// randomToken is 256 random bits, in hex.
func randomToken() string {
	b := make([]byte, 32)
	rand.Read(b) // never fails: crypto/rand panics rather than return an error
	return hex.EncodeToString(b)
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
