package staff

import (
	"bytes"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"centar/internal/msg"
)

// door is a gate before a page and an API that say who came in.
type door struct {
	c       *clock
	gate    *Gate
	handler http.Handler
	log     bytes.Buffer
	reached int
}

func newDoor(t *testing.T) *door {
	t.Helper()
	d := &door{c: newClock()}
	d.gate = &Gate{Accounts: accountsAt(t, d.c), Sessions: &Sessions{Now: d.c.now}, Limiter: &Limiter{Now: d.c.now}, P: msg.Printer(msg.English), Log: &d.log}
	mux := http.NewServeMux()
	inside := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.reached++
		p, _ := PersonOf(r.Context())
		io.WriteString(w, "inside: "+p.Email)
	})
	mux.Handle("/admin/", d.gate.Guard(inside, false))
	mux.Handle("/api/v1", d.gate.Guard(inside, true))
	for pattern, h := range d.gate.Pages() {
		mux.Handle(pattern, h)
	}
	d.handler = mux
	return d
}

// a browser's visit: its cookies, kept between requests.
type visit struct {
	d       *door
	cookies map[string]*http.Cookie
	addr    string
	tls     bool
}

func (d *door) visit() *visit {
	return &visit{d: d, cookies: map[string]*http.Cookie{}, addr: "192.0.2.10:5000"}
}

func (v *visit) do(method, target string, form url.Values, header map[string]string) *http.Response {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, "http://cms.example.org"+target, body)
	r.RemoteAddr = v.addr
	if v.tls {
		r.TLS = &tls.ConnectionState{}
	}
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, val := range header {
		r.Header.Set(k, val)
	}
	for _, c := range v.cookies {
		r.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	v.d.handler.ServeHTTP(rec, r)
	res := rec.Result()
	for _, c := range res.Cookies() {
		if c.MaxAge < 0 {
			delete(v.cookies, c.Name)
		} else {
			v.cookies[c.Name] = c
		}
	}
	return res
}

func bodyOf(res *http.Response) string {
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// signIn signs in with password and code, and returns the last answer.
func (v *visit) signIn(email, password, code string) *http.Response {
	if res := v.do("POST", SignInPath, url.Values{"email": {email}, "password": {password}}, nil); res.StatusCode != http.StatusOK {
		return res
	}
	return v.do("POST", SignInPath, url.Values{"code": {code}, "dalje": {"/admin/"}}, nil)
}

func (d *door) code(t *testing.T, email string) string {
	d.c.pass(30 * time.Second) // each sign-in a code of its own
	return codeOf(t, d.gate.Accounts, email, d.c.now())
}

func TestTheGateLetsInOnlyTheSignedIn(t *testing.T) {
	d := newDoor(t)
	enrolled(t, d.gate.Accounts, d.c, "ana@example.org", false)
	v := d.visit()
	if res := v.do("GET", "/admin/", nil, nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/prijava?dalje=%2Fadmin%2F" {
		t.Errorf("the admin without a session: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if res := v.do("POST", "/api/v1", nil, nil); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the API without a session: %d", res.StatusCode)
	}
	res := v.signIn("ana@example.org", password, d.code(t, "ana@example.org"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/" {
		t.Fatalf("signing in: %d %s %s", res.StatusCode, res.Header.Get("Location"), bodyOf(res))
	}
	if got := bodyOf(v.do("GET", "/admin/", nil, nil)); got != "inside: ana@example.org" {
		t.Errorf("the admin after signing in: %q", got)
	}
	if !strings.Contains(d.log.String(), "sign-in ana@example.org") {
		t.Errorf("the log: %q", d.log.String())
	}

	// Changes need the session's token, and the server's own origin.
	csrf := v.cookies[csrfCookie].Value
	reached := d.reached
	for _, h := range []map[string]string{nil, {CSRFHeader: "x" + csrf}, {CSRFHeader: csrf, "Origin": "https://evil.example"}, {CSRFHeader: csrf, "Sec-Fetch-Site": "cross-site"},
		{CSRFHeader: csrf, "Sec-Fetch-Site": "same-site"}, {CSRFHeader: csrf, "Origin": "null"}, {CSRFHeader: csrf, "Origin": "https://cms.example.org"}} {
		if res := v.do("POST", "/api/v1", nil, h); res.StatusCode != http.StatusForbidden {
			t.Errorf("a change with %v: %d", h, res.StatusCode)
		}
	}
	if d.reached != reached {
		t.Error("a refused change reached the API")
	}
	for _, h := range []map[string]string{{CSRFHeader: csrf, "Origin": "http://cms.example.org"}, {CSRFHeader: csrf, "Origin": "null", "Sec-Fetch-Site": "same-origin"}} {
		if res := v.do("POST", "/api/v1", nil, h); res.StatusCode != http.StatusOK {
			t.Errorf("a change with the token and %v: %d", h, res.StatusCode)
		}
	}

	// Signing out ends the session on the server: its cookie, kept by a
	// thief, opens nothing.
	stolen := *v.cookies[sessionCookie]
	if res := v.do("POST", SignOutPath, nil, map[string]string{CSRFHeader: csrf}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("signing out: %d", res.StatusCode)
	}
	v.cookies[sessionCookie] = &stolen
	if res := v.do("POST", "/api/v1", nil, map[string]string{CSRFHeader: csrf}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("the session after signing out: %d", res.StatusCode)
	}
	if !strings.Contains(d.log.String(), "sign-out ana@example.org") {
		t.Errorf("the log: %q", d.log.String())
	}
	if strings.Contains(d.log.String(), password) || strings.Count(d.log.String(), "\n") != 2 {
		t.Errorf("the log says more than a line a sign-in and a sign-out:\n%s", d.log.String())
	}
}

// Wrong password, unknown account, wrong code: one answer, which tells an
// attacker nothing.
func TestEveryFailedSignInSaysTheSame(t *testing.T) {
	d := newDoor(t)
	enrolled(t, d.gate.Accounts, d.c, "ana@example.org", false)
	answer := func(res *http.Response) string { return strconv.Itoa(res.StatusCode) + " " + bodyOf(res) }
	wrongPassword := answer(d.visit().signIn("ana@example.org", "not the password", "123456"))
	unknown := answer(d.visit().signIn("nobody@example.org", password, "123456"))
	v := d.visit()
	v.do("POST", SignInPath, url.Values{"email": {"ana@example.org"}, "password": {password}}, nil)
	wrongCode := answer(v.do("POST", SignInPath, url.Values{"code": {"000000"}}, nil))
	if !strings.HasPrefix(wrongPassword, "401 ") || !strings.Contains(wrongPassword, "the address, the password or the code is not right") {
		t.Fatalf("a wrong password: %s", wrongPassword)
	}
	if unknown != wrongPassword || wrongCode != wrongPassword {
		t.Errorf("the answers differ:\nwrong password: %s\nunknown account: %s\nwrong code: %s", wrongPassword, unknown, wrongCode)
	}

	// A link expired and a link never made answer the same.
	token, _ := d.gate.Accounts.Add("boris@example.org", "Борис", false)
	d.c.pass(LinkLife)
	expired := answer(d.visit().do("GET", LinkPrefix+token, nil, nil))
	never := answer(d.visit().do("GET", LinkPrefix+randomToken(), nil, nil))
	if !strings.HasPrefix(expired, "404 ") || expired != never {
		t.Errorf("an expired link: %s\na link never made: %s", expired, never)
	}
}

func TestFailedSignInsAreLimitedByAccountAndAddress(t *testing.T) {
	d := newDoor(t)
	enrolled(t, d.gate.Accounts, d.c, "ana@example.org", false)
	enrolled(t, d.gate.Accounts, d.c, "boris@example.org", false)
	attacker := d.visit()
	for range MaxFails {
		attacker.do("POST", SignInPath, url.Values{"email": {"ana@example.org"}, "password": {"guess"}}, nil)
	}
	res := attacker.signIn("ana@example.org", password, d.code(t, "ana@example.org"))
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Fatalf("after %d failures the right password gives %d, Retry-After %q", MaxFails, res.StatusCode, res.Header.Get("Retry-After"))
	}
	if wait, _ := strconv.Atoi(res.Header.Get("Retry-After")); wait <= 0 || wait > int(FailWindow.Seconds()) {
		t.Errorf("Retry-After %d s", wait)
	}
	// The account is held from another address too; another account, from
	// another address, is not.
	other := d.visit()
	other.addr = "198.51.100.7:4000"
	if res := other.signIn("ana@example.org", password, d.code(t, "ana@example.org")); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the held account from another address: %d", res.StatusCode)
	}
	// A colleague behind the same address signs in: an address is held
	// only after more failures, from whoever they come.
	if res := attacker.signIn("boris@example.org", password, d.code(t, "boris@example.org")); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a colleague from the same address: %d", res.StatusCode)
	}
	for i := range MaxAddressFails - MaxFails {
		attacker.do("POST", SignInPath, url.Values{"email": {strconv.Itoa(i) + "@example.org"}, "password": {"guess"}}, nil)
	}
	if res := attacker.signIn("boris@example.org", password, d.code(t, "boris@example.org")); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after %d failures from one address, a sign-in from it: %d", MaxAddressFails, res.StatusCode)
	}
	d.c.pass(FailWindow)
	if res := attacker.signIn("ana@example.org", password, d.code(t, "ana@example.org")); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: %d", res.StatusCode)
	}
}

func TestTheSessionsCookiesAndLifetimes(t *testing.T) {
	d := newDoor(t)
	enrolled(t, d.gate.Accounts, d.c, "ana@example.org", false)
	for _, overTLS := range []bool{false, true} {
		v := d.visit()
		v.tls = overTLS
		res := v.signIn("ana@example.org", password, d.code(t, "ana@example.org"))
		byName := map[string]*http.Cookie{}
		for _, c := range res.Cookies() {
			byName[c.Name] = c
		}
		s, c := byName[sessionCookie], byName[csrfCookie]
		if s == nil || c == nil {
			t.Fatalf("cookies: %v", res.Cookies())
		}
		if !s.HttpOnly || s.SameSite != http.SameSiteStrictMode || s.Path != "/" || s.Secure != overTLS || len(s.Value) != 64 {
			t.Errorf("TLS %v: the session's cookie %+v", overTLS, s)
		}
		if c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Secure != overTLS {
			t.Errorf("TLS %v: the token's cookie %+v (the admin's script reads it)", overTLS, c)
		}
		if hsts := res.Header.Get("Strict-Transport-Security"); (hsts != "") != overTLS {
			t.Errorf("TLS %v: HSTS %q", overTLS, hsts)
		}
	}

	v := d.visit()
	v.signIn("ana@example.org", password, d.code(t, "ana@example.org"))
	d.c.pass(IdleLife - time.Minute)
	if res := v.do("GET", "/admin/", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("29 minutes idle: %d", res.StatusCode)
	}
	for range 12 * 2 {
		d.c.pass(IdleLife - time.Minute)
		v.do("GET", "/admin/", nil, nil)
	}
	if res := v.do("GET", "/admin/", nil, nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after 12 hours in use: %d", res.StatusCode)
	}
	v = d.visit()
	v.signIn("ana@example.org", password, d.code(t, "ana@example.org"))
	d.c.pass(IdleLife)
	if res := v.do("GET", "/admin/", nil, nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("30 minutes idle: %d", res.StatusCode)
	}

	// A removed account's session ends with it.
	v = d.visit()
	v.signIn("ana@example.org", password, d.code(t, "ana@example.org"))
	d.gate.Accounts.Remove("ana@example.org")
	if res := v.do("GET", "/admin/", nil, nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("a removed account: %d", res.StatusCode)
	}
}

// Behind a proxy on this machine, its word on the client's address and on
// TLS is taken from loopback only.
func TestTheProxysHeadersAreBelievedFromLoopbackOnly(t *testing.T) {
	g := &Gate{BehindProxy: true}
	r := httptest.NewRequest("GET", "http://cms.example.org/", nil)
	r.Header.Set("X-Forwarded-For", "203.0.113.5, 198.51.100.9")
	r.Header.Set("X-Forwarded-Proto", "https")
	r.RemoteAddr = "127.0.0.1:50000"
	if got := g.client(r); got != "198.51.100.9" || !g.secure(r) {
		t.Errorf("from the proxy: %s, TLS %v", got, g.secure(r))
	}
	r.RemoteAddr = "192.0.2.1:50000"
	if got := g.client(r); got != "192.0.2.1" || g.secure(r) {
		t.Errorf("from elsewhere: %s, TLS %v", got, g.secure(r))
	}
	g.BehindProxy = false
	r.RemoteAddr = "127.0.0.1:50000"
	if got := g.client(r); got != "127.0.0.1" || g.secure(r) {
		t.Errorf("with no proxy: %s, TLS %v", got, g.secure(r))
	}
}

// The sign-in page's style is the one its policy allows, and it has no
// script.
func TestTheSignInPageKeepsToItsPolicy(t *testing.T) {
	d := newDoor(t)
	res := d.visit().do("GET", SignInPath, nil, nil)
	page := bodyOf(res)
	if !strings.Contains(page, "<style>"+pageStyle+"</style>") || !strings.Contains(res.Header.Get("Content-Security-Policy"), styleHash) {
		t.Errorf("the style is not the hashed one:\n%s", page)
	}
	if strings.Contains(page, "<script") || strings.Contains(res.Header.Get("Content-Security-Policy"), "script-src") {
		t.Error("the sign-in page runs a script")
	}
}

// Failures from many addresses are forgotten once their window passes: the
// limiter does not grow with every address that ever failed.
func TestTheLimiterForgetsOldFailures(t *testing.T) {
	c := newClock()
	l := &Limiter{Now: c.now}
	for i := range 3 * sweepAt {
		l.Take("address:" + strconv.Itoa(i))
		if i%sweepAt == 0 {
			c.pass(FailWindow)
		}
	}
	if n := len(l.fails); n > 2*sweepAt {
		t.Errorf("the limiter holds %d keys", n)
	}
}

// Tries sent at once are counted as they start: no more than MaxFails of
// them are tried before the rest are refused.
func TestTriesAtOnceAreCountedBeforeTheyAreMade(t *testing.T) {
	d := newDoor(t)
	enrolled(t, d.gate.Accounts, d.c, "ana@example.org", false)
	codes := make(chan int, 20)
	var wg sync.WaitGroup
	for range cap(codes) {
		wg.Go(func() {
			res := d.visit().do("POST", SignInPath, url.Values{"email": {"ana@example.org"}, "password": {"guess"}}, nil)
			codes <- res.StatusCode
		})
	}
	wg.Wait()
	close(codes)
	tried := 0
	for c := range codes {
		if c == http.StatusUnauthorized {
			tried++
		} else if c != http.StatusTooManyRequests {
			t.Errorf("a try answered %d", c)
		}
	}
	if tried != MaxFails {
		t.Errorf("%d of %d tries at once were tried, want %d", tried, cap(codes), MaxFails)
	}
}

// A sign-in leads only to an address on this server.
func TestASignInLeadsOnlyToThisServer(t *testing.T) {
	g := &Gate{}
	for next, want := range map[string]string{
		"/admin/#/collections/vesti": "/admin/#/collections/vesti",
		"/vesti/?strana=2":           "/vesti/?strana=2",
		"/":                          "/",
		"//evil.example":             "/admin/",
		"/\t/evil.example":           "/admin/",
		"/%09/evil.example":          "/%09/evil.example", // a path segment, as written
		"/\\evil.example":            "/admin/",
		"https://evil.example/":      "/admin/",
		"/ /evil.example":            "/admin/",
		"":                           "/admin/",
	} {
		r := httptest.NewRequest("GET", "http://cms.example.org/prijava?"+url.Values{"dalje": {next}}.Encode(), nil)
		if got := g.next(r); got != want {
			t.Errorf("dalje=%q leads to %q, want %q", next, got, want)
		}
	}
}

// An accounts file the server cannot read lets no one in, and says so in
// the log rather than as a wrong password.
func TestAnUnreadableAccountsFileIsLogged(t *testing.T) {
	d := newDoor(t)
	enrolled(t, d.gate.Accounts, d.c, "ana@example.org", false)
	v := d.visit()
	v.signIn("ana@example.org", password, d.code(t, "ana@example.org"))
	next := d.code(t, "ana@example.org")
	os.Chmod(d.gate.Accounts.Path, 0o644)
	if res := v.do("GET", "/admin/", nil, nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("with the file unreadable, the session gives %d", res.StatusCode)
	}
	if res := d.visit().signIn("ana@example.org", password, next); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("with the file unreadable, signing in gives %d", res.StatusCode)
	}
	if n := strings.Count(d.log.String(), "the accounts file cannot be read"); n != 2 {
		t.Errorf("the log says it %d times:\n%s", n, d.log.String())
	}
}
