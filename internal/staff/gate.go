package staff

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"image/png"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/message"
)

// Gate is the CMS server's door: its own pages (sign-in, sign-out, the
// one-time links) and the check before every other route.
type Gate struct {
	Accounts *Accounts
	Sessions *Sessions
	Limiter  *Limiter
	// P speaks to the staff; Say writes its words in the interface's
	// script.
	P   *message.Printer
	Say func(string) string
	// Log gets one line for each sign-in and sign-out: when, what, who.
	Log io.Writer
	// BehindProxy: a reverse proxy on this machine ends TLS. Its
	// X-Forwarded-Proto and X-Forwarded-For are believed from loopback
	// only.
	BehindProxy bool

	logMu sync.Mutex
}

// Addresses of the gate's pages.
const (
	SignInPath  = "/prijava"
	SignOutPath = "/odjava"
	LinkPrefix  = "/pozivnica/"
)

// Cookies: the session's ID, which scripts cannot read; the CSRF token,
// which the admin's script reads to send it back in CSRFHeader; the ID of a
// sign-in half done.
const (
	sessionCookie = "centar_sesija"
	csrfCookie    = "centar_csrf"
	halfCookie    = "centar_prijava"
	// CSRFHeader carries the session's CSRF token on every request that
	// changes something.
	CSRFHeader = "X-Centar-CSRF"
)

// A Person is who a request comes from.
type Person struct {
	Name, Email string
	Publisher   bool
}

type personKey struct{}

// PersonOf is the signed-in person a request's context carries.
func PersonOf(ctx context.Context) (Person, bool) {
	p, ok := ctx.Value(personKey{}).(Person)
	return p, ok
}

// Pages are the gate's own routes, open to everyone.
func (g *Gate) Pages() map[string]http.Handler {
	return map[string]http.Handler{
		SignInPath:  g.sameSite(http.HandlerFunc(g.signIn)),
		SignOutPath: g.sameSite(http.HandlerFunc(g.signOut)),
		LinkPrefix:  g.sameSite(http.HandlerFunc(g.link)),
	}
}

// Guard lets a request through to next only from a signed-in person, with
// the session's CSRF token when it changes something. Without a session a
// page is sent to the sign-in, and the API (api true) answers 401.
func (g *Gate) Guard(next http.Handler, api bool) http.Handler {
	return g.sameSite(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, acc, ok := g.session(r)
		if !ok {
			if api {
				http.Error(w, g.say(g.P.Sprintf("sign in first")), http.StatusUnauthorized)
				return
			}
			target := SignInPath
			if r.Method == http.MethodGet && r.URL.Path != "/" {
				target += "?" + url.Values{"dalje": {r.URL.RequestURI()}}.Encode()
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		if changes(r) && !sameToken(r.Header.Get(CSRFHeader), sess.CSRF) {
			http.Error(w, g.say(g.P.Sprintf("the request did not come from the admin's page; reload it")), http.StatusForbidden)
			return
		}
		ctx := context.WithValue(r.Context(), personKey{}, Person{Name: acc.Name, Email: acc.Email, Publisher: acc.Publisher})
		next.ServeHTTP(w, r.WithContext(ctx))
	}))
}

// posted answers a GET with page, and any method but GET and POST with
// 405; it reports whether the request is a POST, which the caller answers.
func (g *Gate) posted(w http.ResponseWriter, r *http.Request, page any) bool {
	switch r.Method {
	case http.MethodGet:
		g.render(w, http.StatusOK, page)
		return false
	case http.MethodPost:
		return true
	}
	w.Header().Set("Allow", "GET, POST")
	http.Error(w, g.say(g.P.Sprintf("this page answers only GET and POST")), http.StatusMethodNotAllowed)
	return false
}

// changes reports whether a request's method may change something.
func changes(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

func sameToken(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// session is the request's whole session and its account, which must still
// exist and be enrolled.
func (g *Gate) session(r *http.Request) (Session, Account, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return Session{}, Account{}, false
	}
	sess, ok := g.Sessions.Find(c.Value)
	if !ok || sess.Half {
		return Session{}, Account{}, false
	}
	acc, ok, err := g.Accounts.Lookup(sess.Email)
	if err != nil {
		g.logf("the accounts file cannot be read, so no one is let in: %v", err)
	}
	if !ok || !acc.Enrolled() {
		g.Sessions.End(c.Value)
		return Session{}, Account{}, false
	}
	return sess, acc, true
}

// sameSite refuses a request another site sent (its Origin, or the
// browser's Sec-Fetch-Site, says so), and says what every answer of the
// server says: no sniffing, no referrer, no frames, and HSTS over TLS.
func (g *Gate) sameSite(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g.foreign(r) {
			http.Error(w, g.say(g.P.Sprintf("requests from other sites are refused")), http.StatusForbidden)
			return
		}
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if g.secure(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// foreign reports whether another site sent the request. A page with no
// referrer sends a form with Origin "null": then the browser's
// Sec-Fetch-Site must say it is this site's.
func (g *Gate) foreign(r *http.Request) bool {
	site := r.Header.Get("Sec-Fetch-Site")
	if site == "cross-site" || site == "same-site" {
		return true
	}
	switch origin := r.Header.Get("Origin"); origin {
	case "":
		return false
	case "null":
		return changes(r) && site != "same-origin"
	default:
		return origin != g.origin(r)
	}
}

// origin is the server's own origin, as the request reached it.
func (g *Gate) origin(r *http.Request) string {
	if g.secure(r) {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// secure reports whether the request came over TLS.
func (g *Gate) secure(r *http.Request) bool {
	return r.TLS != nil || g.fromProxy(r) && r.Header.Get("X-Forwarded-Proto") == "https"
}

// fromProxy reports whether the request came through the trusted proxy.
func (g *Gate) fromProxy(r *http.Request) bool {
	if !g.BehindProxy {
		return false
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// client is the address the request came from: the proxy's word for it,
// when it came through the proxy.
func (g *Gate) client(r *http.Request) string {
	if g.fromProxy(r) {
		if fwd := r.Header.Get("X-Forwarded-For"); fwd != "" {
			parts := strings.Split(fwd, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, _ := net.SplitHostPort(r.RemoteAddr)
	return host
}

// say is a message in the interface's script.
func (g *Gate) say(s string) string {
	if g.Say != nil {
		return g.Say(s)
	}
	return s
}

// logf writes one line of the log: the time, then what happened.
func (g *Gate) logf(format string, a ...any) {
	if g.Log == nil {
		return
	}
	g.logMu.Lock()
	defer g.logMu.Unlock()
	fmt.Fprintf(g.Log, "%s %s\n", time.Now().UTC().Format(time.RFC3339), fmt.Sprintf(format, a...))
}

func (g *Gate) setCookie(w http.ResponseWriter, r *http.Request, name, value string, life time.Duration, script bool) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: !script, Secure: g.secure(r), SameSite: http.SameSiteStrictMode}
	if life < 0 {
		c.MaxAge = -1
	} else {
		c.MaxAge = int(life.Seconds())
	}
	http.SetCookie(w, c)
}

// signIn is the sign-in page: the address and the password, then the code.
// Every failure, at either step, says the same and starts again at the
// first.
func (g *Gate) signIn(w http.ResponseWriter, r *http.Request) {
	if _, _, ok := g.session(r); ok && r.Method == http.MethodGet {
		http.Redirect(w, r, g.next(r), http.StatusSeeOther)
		return
	}
	page := signInPage{Next: g.next(r), SignedOut: r.URL.Query().Has("odjavljeni")}
	if !g.posted(w, r, page) {
		return
	}
	email := strings.TrimSpace(r.PostFormValue("email"))
	if half, err := r.Cookie(halfCookie); err == nil {
		if sess, ok := g.Sessions.Find(half.Value); ok && sess.Half && r.PostFormValue("code") != "" {
			g.Sessions.End(half.Value)
			g.setCookie(w, r, halfCookie, "", -1, false)
			g.checkCode(w, r, sess.Email, page)
			return
		}
	}
	keys := []string{"account:" + AddressKey(email), "address:" + g.client(r)}
	if g.limited(w, keys, page) {
		return
	}
	acc, err := g.Accounts.CheckPassword(email, r.PostFormValue("password"))
	if err != nil {
		if !errors.Is(err, ErrSignIn) {
			g.logf("the accounts file cannot be read, so no one is let in: %v", err)
		}
		g.fail(w, page)
		return
	}
	g.Limiter.Forgive(keys...)
	id, _ := g.Sessions.Start(acc.Email, true)
	g.setCookie(w, r, halfCookie, id, HalfLife, false)
	page.Code = true
	g.render(w, http.StatusOK, page)
}

// checkCode is the sign-in's second step, for the account whose password
// was right.
func (g *Gate) checkCode(w http.ResponseWriter, r *http.Request, email string, page signInPage) {
	keys := []string{"account:" + AddressKey(email), "address:" + g.client(r)}
	if g.limited(w, keys, page) {
		return
	}
	acc, err := g.Accounts.CheckCode(email, r.PostFormValue("code"))
	if err != nil {
		g.fail(w, page)
		return
	}
	g.Limiter.Forgive(keys...)
	g.startSession(w, r, acc, page.Next)
}

// startSession signs acc in, ending the browser's earlier session, and
// sends the browser on to next.
func (g *Gate) startSession(w http.ResponseWriter, r *http.Request, acc Account, next string) {
	if old, err := r.Cookie(sessionCookie); err == nil {
		g.Sessions.End(old.Value)
	}
	id, sess := g.Sessions.Start(acc.Email, false)
	g.setCookie(w, r, sessionCookie, id, MaxLife, false)
	g.setCookie(w, r, csrfCookie, sess.CSRF, MaxLife, true)
	g.logf("sign-in %s", acc.Email)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (g *Gate) fail(w http.ResponseWriter, page signInPage) {
	page.Error = g.say(g.P.Sprintf("Signing in failed: the address, the password or the code is not right."))
	g.render(w, http.StatusUnauthorized, page)
}

// limited counts a try of keys, or answers 429 when they have failed too
// often of late.
func (g *Gate) limited(w http.ResponseWriter, keys []string, page signInPage) bool {
	wait := g.Limiter.Take(keys...)
	if wait <= 0 {
		return false
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	page.Error = g.say(g.P.Sprintf("Too many failed sign-ins. Try again in %d minutes.", int(math.Ceil(wait.Minutes()))))
	g.render(w, http.StatusTooManyRequests, page)
	return true
}

// next is where a sign-in leads: the page asked for, on this server, or
// the admin.
func (g *Gate) next(r *http.Request) string {
	if next := r.FormValue("dalje"); localPath.MatchString(next) {
		return next
	}
	return "/admin/"
}

// localPath is an address on this server: a path, with a query and a
// fragment, of the characters an address is written in, and no second
// slash at its start, which a browser reads as another host. A tab, a
// space or a backslash, which browsers drop or turn into a slash, is not
// among them.
var localPath = regexp.MustCompile(`^/(?:[A-Za-z0-9._~%!$&'()*+,;=:@?#-][A-Za-z0-9._~%!$&'()*+,;=:@/?#-]*)?$`)

// signOut ends the session on the server, then in the browser.
func (g *Gate) signOut(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, g.say(g.P.Sprintf("sign out with the button in the admin")), http.StatusMethodNotAllowed)
		return
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		http.Redirect(w, r, SignInPath, http.StatusSeeOther)
		return
	}
	sess, ok := g.Sessions.Find(c.Value)
	token := r.Header.Get(CSRFHeader)
	if token == "" {
		token = r.PostFormValue("csrf")
	}
	if ok && !sameToken(token, sess.CSRF) {
		http.Error(w, g.say(g.P.Sprintf("the request did not come from the admin's page; reload it")), http.StatusForbidden)
		return
	}
	g.Sessions.End(c.Value)
	g.setCookie(w, r, sessionCookie, "", -1, false)
	g.setCookie(w, r, csrfCookie, "", -1, true)
	if ok {
		g.logf("sign-out %s", sess.Email)
	}
	http.Redirect(w, r, SignInPath+"?odjavljeni", http.StatusSeeOther)
}

// link is a one-time link's page: the person sets a password and enrols an
// authenticator app, by its picture or its key typed in, and shows a code
// from it.
func (g *Gate) link(w http.ResponseWriter, r *http.Request) {
	token := strings.TrimPrefix(r.URL.Path, LinkPrefix)
	// Tries at links are counted apart from sign-ins: staff behind one
	// office address are not kept out by someone's mistyped code.
	keys := []string{"link:" + g.client(r)}
	page := linkPage{Token: token}
	if g.limited(w, keys, signInPage{Next: "/admin/"}) {
		return
	}
	acc, err := g.Accounts.ByLink(token)
	if err != nil {
		page.Gone = true
		page.Error = g.say(g.P.Sprintf("This link does not work: it was used, or it expired. Ask the Centre's CMS administrator for a new one."))
		g.render(w, http.StatusNotFound, page)
		return
	}
	key, err := AppKey(acc.TOTP)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	g.Limiter.Forgive(keys...) // a real link; the code is counted below
	page.Name, page.Secret, page.KeyURL = acc.Name, spaced(key.Secret()), template.URL(acc.TOTP)
	if img, err := key.Image(240, 240); err == nil {
		var b bytes.Buffer
		png.Encode(&b, img)
		page.Picture = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b.Bytes()))
	}
	if !g.posted(w, r, page) {
		return
	}
	if g.limited(w, keys, signInPage{Next: "/admin/"}) {
		return
	}
	password := r.PostFormValue("password")
	if password != r.PostFormValue("again") {
		page.Error = g.say(g.P.Sprintf("The two passwords are not the same."))
		g.render(w, http.StatusUnprocessableEntity, page)
		return
	}
	switch _, err := g.Accounts.Enrol(token, password, r.PostFormValue("code")); {
	case errors.Is(err, ErrShortPassword):
		page.Error = g.say(g.P.Sprintf("The password needs at least %d characters.", MinPassword))
		g.render(w, http.StatusUnprocessableEntity, page)
	case errors.Is(err, ErrSignIn):
		page.Error = g.say(g.P.Sprintf("The code is not right. Type the six digits the app shows now; if it keeps failing, check that the phone's clock is right."))
		g.render(w, http.StatusUnprocessableEntity, page)
	case err != nil:
		g.logf("enrolling %s failed: %v", acc.Email, err)
		http.Error(w, g.say(g.P.Sprintf("the account could not be saved; try again, or tell the CMS's administrator")), http.StatusInternalServerError)
	default:
		g.Limiter.Forgive(keys...)
		// The password and a code: the person is signed in, the code
		// they just typed is used, and any session of an earlier
		// password ends.
		g.Sessions.EndAll(acc.Email)
		g.logf("enrolled %s", acc.Email)
		g.startSession(w, r, acc, "/admin/")
	}
}

// spaced is a key in groups of four letters, as it is typed into an app.
func spaced(key string) string {
	var b strings.Builder
	for i, r := range key {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

type signInPage struct {
	Next, Error string
	// Code: the password was right; the code is asked.
	Code bool
	// SignedOut: the person has just signed out.
	SignedOut bool
}

type linkPage struct {
	Token, Name, Secret, Error string
	// Picture is the key as a QR code; KeyURL, the otpauth: address an
	// authenticator app on the same phone opens.
	Picture, KeyURL template.URL
	Gone            bool
}

// pageCSP lets the gate's pages have their own style, the app's picture
// (a data: image) and forms sent to this server; nothing else, no script.
var pageCSP = "default-src 'none'; style-src '" + styleHash + "'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

var styleHash = func() string {
	sum := sha256.Sum256([]byte(pageStyle))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}()

// words are what the pages say, in the interface's language and script.
func (g *Gate) words() words {
	p := g.P
	return words{
		Title: g.say(p.Sprintf("The Centre's site: editing")), SignIn: g.say(p.Sprintf("Sign in")),
		Email: g.say(p.Sprintf("E-mail address")), Password: g.say(p.Sprintf("Password")), Next: g.say(p.Sprintf("Next")),
		Code: g.say(p.Sprintf("The code from the authenticator app")), LinkGone: g.say(p.Sprintf("The link does not work")),
		Account:     g.say(p.Sprintf("Your account")),
		NewPassword: g.say(p.Sprintf("A new password (at least %d characters)", MinPassword)), Again: g.say(p.Sprintf("The password again")),
		AddApp:  g.say(p.Sprintf("Add the CMS to an authenticator app on your phone: scan the picture, or type in the key.")),
		Picture: g.say(p.Sprintf("The key as a QR code")), CodeNow: g.say(p.Sprintf("The code the app shows now")), Save: g.say(p.Sprintf("Save")),
		SignedOut:   g.say(p.Sprintf("You have signed out.")),
		Forgot:      g.say(p.Sprintf("Forgot the password, or lost the phone? The CMS's administrator sends you a new link.")),
		OnThisPhone: g.say(p.Sprintf("On this phone: add the key to the app")),
	}
}

// render writes one of the gate's pages: page is a signInPage or a
// linkPage.
func (g *Gate) render(w http.ResponseWriter, status int, page any) {
	v := view{Words: g.words(), Style: template.CSS(pageStyle)}
	switch p := page.(type) {
	case signInPage:
		v.SignIn = &p
	case linkPage:
		v.Link = &p
	}
	var b bytes.Buffer
	if err := pages.Execute(&b, v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", pageCSP)
	w.WriteHeader(status)
	w.Write(b.Bytes())
}
