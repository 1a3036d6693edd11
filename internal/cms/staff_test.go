package cms

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/pquerna/otp/totp"

	"centar/internal/msg"
	"centar/internal/staff"
	"centar/internal/testsite"
)

// centreServer is centar cms as the Centre's server, on Ana's clone of the
// office's repository, with its accounts.
type centreServer struct {
	*office
	srv      *Server
	handler  http.Handler
	accounts *staff.Accounts
	log      bytes.Buffer
}

func newCentreServer(t *testing.T) *centreServer {
	t.Helper()
	c := &centreServer{office: newOffice(t)}
	var err error
	if c.accounts, err = staff.OpenAccounts(filepath.Join(t.TempDir(), "users.json")); err != nil {
		t.Fatal(err)
	}
	c.api.Log = &c.log
	gate := &staff.Gate{Accounts: c.accounts, Sessions: &staff.Sessions{}, Limiter: &staff.Limiter{}, P: msg.Printer(msg.English), Log: &c.log}
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "the site's preview") })
	c.srv = &Server{API: c.api, Decap: fstest.MapFS{"decap-cms.js": {Data: []byte("decap")}}, Config: func() ([]byte, error) { return []byte("{}"), nil }, Site: site, Gate: gate}
	c.handler = c.srv.Handler()
	return c
}

// person is a signed-in member of staff: the session's cookies and token.
type person struct {
	c       *centreServer
	cookies []*http.Cookie
	csrf    string
}

// signIn makes an account, follows its link and signs in, as the person
// would in the browser, with the codes of their app.
func (c *centreServer) signIn(t *testing.T, email, name string, publisher bool) *person {
	t.Helper()
	token, err := c.accounts.Add(email, name, publisher)
	if err != nil {
		t.Fatal(err)
	}
	acc, _, _ := c.accounts.Lookup(email)
	key, _ := staff.AppKey(acc.TOTP)
	code, _ := totp.GenerateCode(key.Secret(), time.Now())
	p := &person{c: c}
	res := p.send("POST", staff.LinkPrefix+token, url.Values{"password": {"лозинка за тест 1"}, "again": {"лозинка за тест 1"}, "code": {code}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("enrolling %s: %d", email, res.StatusCode)
	}
	for _, ck := range res.Cookies() {
		if ck.Name == "centar_csrf" {
			p.csrf = ck.Value
		}
	}
	p.cookies = res.Cookies()
	return p
}

func (p *person) send(method, target string, form url.Values, body []byte) *http.Response {
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, "http://cms.example.org"+target, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, "http://cms.example.org"+target, bytes.NewReader(body))
	}
	for _, ck := range p.cookies {
		r.AddCookie(ck)
	}
	if p.csrf != "" {
		r.Header.Set(staff.CSRFHeader, p.csrf)
	}
	rec := httptest.NewRecorder()
	p.c.handler.ServeHTTP(rec, r)
	return rec.Result()
}

// act sends one of Decap's actions, as the admin does.
func (p *person) act(t *testing.T, action string, params map[string]any) (int, string) {
	t.Helper()
	params["branch"] = "main"
	body, _ := json.Marshal(map[string]any{"action": action, "params": params})
	res := p.send("POST", "/api/v1", nil, body)
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(out)
}

// Every route of the server, listed from its own table, refuses a request
// without a session: the API with 401, a page by sending it to the
// sign-in. A route added later is in the table, so it is asked too.
func TestEveryRouteNeedsASession(t *testing.T) {
	c := newCentreServer(t)
	routes := c.srv.Routes()
	if len(routes) < 6 {
		t.Fatalf("the server lists %d routes", len(routes))
	}
	stranger := &person{c: c}
	for _, r := range routes {
		for _, method := range []string{"GET", "POST"} {
			target := r.Pattern + "x"
			if r.Pattern == "/api/v1" || r.Pattern == "/admin/config.json" {
				target = r.Pattern
			}
			res := stranger.send(method, target, nil, []byte(`{"action":"entriesByFolder","params":{"branch":"main"}}`))
			body, _ := io.ReadAll(res.Body)
			switch {
			case r.API && res.StatusCode != http.StatusUnauthorized:
				t.Errorf("%s %s: %d, want 401", method, target, res.StatusCode)
			case !r.API && (res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), staff.SignInPath)):
				t.Errorf("%s %s: %d %s, want a redirect to the sign-in", method, target, res.StatusCode, res.Header.Get("Location"))
			case strings.Contains(string(body), "the site's preview") || strings.Contains(string(body), "decap"):
				t.Errorf("%s %s answered with what is behind the gate", method, target)
			}
		}
	}
	// Without a gate, the same table is one person's editor: every route
	// answers only at 127.0.0.1, never to a name another site chose.
	local := &Server{API: c.api, Decap: c.srv.Decap, Config: c.srv.Config, Site: c.srv.Site, Port: 8081}
	h := local.Handler()
	for _, r := range local.Routes() {
		req := httptest.NewRequest("GET", "http://rebound.example.org"+r.Pattern, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusMisdirectedRequest {
			t.Errorf("the local editor's %s at another name: %d", r.Pattern, rec.Code)
		}
	}

	// And the same routes open to a signed-in editor.
	ana := c.signIn(t, "ana@example.org", "Ана Петровић", false)
	if res := ana.send("GET", "/", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("the site's preview for Ana: %d", res.StatusCode)
	}
	if code, out := ana.act(t, "entriesByFolder", map[string]any{"folder": "content/sr/vesti", "extension": "md", "depth": 2}); code != http.StatusOK {
		t.Errorf("the API for Ana: %d %s", code, out)
	}
}

// A state-changing request without the session's token, or from another
// site, changes nothing.
func TestAForgedRequestChangesNothing(t *testing.T) {
	c := newCentreServer(t)
	ana := c.signIn(t, "ana@example.org", "Ана Петровић", false)
	before := refs(t, c.ana)
	body, _ := json.Marshal(map[string]any{"action": "persistEntry", "params": helpEdit("Први пасус", "Подметнут пасус")})
	for name, forge := range map[string]func(*http.Request){
		"no token":      func(r *http.Request) { r.Header.Del(staff.CSRFHeader) },
		"another site":  func(r *http.Request) { r.Header.Set("Origin", "https://evil.example") },
		"a cross-site":  func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") },
		"another token": func(r *http.Request) { r.Header.Set(staff.CSRFHeader, strings.Repeat("0", 64)) },
	} {
		r := httptest.NewRequest("POST", "http://cms.example.org/api/v1", bytes.NewReader(body))
		for _, ck := range ana.cookies {
			r.AddCookie(ck)
		}
		r.Header.Set(staff.CSRFHeader, ana.csrf)
		forge(r)
		rec := httptest.NewRecorder()
		c.handler.ServeHTTP(rec, r)
		if rec.Code != http.StatusForbidden {
			t.Errorf("%s: %d", name, rec.Code)
		}
	}
	if after := refs(t, c.ana); after != before {
		t.Errorf("a forged request changed the repository:\n%s\n%s", before, after)
	}
}

// Two editors save at the same moment; each draft is committed as its
// writer. An editor cannot publish; a publisher can, and the publication
// names both.
func TestEachCommitIsItsWritersAndOnlyPublishersPublish(t *testing.T) {
	c := newCentreServer(t)
	ana := c.signIn(t, "ana@example.org", "Ана Петровић", false)
	boris := c.signIn(t, "boris@example.org", "Борис Јовић", false)
	vesna := c.signIn(t, "vesna@example.org", "Весна Илић", true)

	var wg sync.WaitGroup
	for _, w := range []struct {
		p    *person
		slug string
	}{{ana, "anina-vest"}, {boris, "borisova-vest"}} {
		wg.Go(func() {
			entry := newsEntry(w.slug, "Наслов "+w.slug, "Title "+w.slug)
			if code, out := w.p.act(t, "persistEntry", entry); code != http.StatusOK {
				t.Errorf("%s: %d %s", w.slug, code, out)
			}
		})
	}
	wg.Wait()
	repo, err := git.PlainOpen(c.ana)
	if err != nil {
		t.Fatal(err)
	}
	for slug, want := range map[string]string{"anina-vest": "Ана Петровић <ana@example.org>", "borisova-vest": "Борис Јовић <boris@example.org>"} {
		ref, err := repo.Reference(plumbing.NewBranchReferenceName("cms/vesti/"+slug), true)
		if err != nil {
			t.Fatalf("the draft %s: %v", slug, err)
		}
		commit, _ := repo.CommitObject(ref.Hash())
		if got := commit.Author.Name + " <" + commit.Author.Email + ">"; got != want {
			t.Errorf("the draft %s is committed as %s, want %s", slug, got, want)
		}
	}

	publish := map[string]any{"collection": "vesti", "slug": "anina-vest"}
	if code, out := ana.act(t, "publishUnpublishedEntry", publish); code != http.StatusForbidden || !strings.Contains(out, "only a publisher") {
		t.Errorf("an editor publishing: %d %s", code, out)
	}
	if code, _ := ana.act(t, "deleteFile", map[string]any{"path": "static/slike/logo.png"}); code != http.StatusForbidden {
		t.Errorf("an editor deleting a published file: %d", code)
	}
	if code, out := ana.act(t, "updateUnpublishedEntryStatus", map[string]any{"collection": "vesti", "slug": "anina-vest", "newStatus": "pending_publish"}); code != http.StatusOK {
		t.Errorf("an editor marking the draft ready: %d %s", code, out)
	}
	if code, out := vesna.act(t, "publishUnpublishedEntry", publish); code != http.StatusOK {
		t.Fatalf("a publisher publishing: %d %s", code, out)
	}
	bare, err := git.PlainOpen(c.bare)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := bare.Reference(plumbing.NewBranchReferenceName("main"), true)
	commit, _ := bare.CommitObject(head.Hash())
	if commit.Author.Email != "ana@example.org" || commit.Committer.Email != "vesna@example.org" || !strings.HasSuffix(strings.TrimSpace(commit.Message), "Published-by: Весна Илић <vesna@example.org>") {
		t.Errorf("the publication: author %s, committer %s, message %q", commit.Author.Email, commit.Committer.Email, commit.Message)
	}
	log := c.log.String()
	if !strings.Contains(log, " publish vesna@example.org publishUnpublishedEntry vesti/anina-vest\n") || strings.Contains(log, "Наслов") {
		t.Errorf("the log:\n%s", log)
	}
}

// The Centre's repository is public: drafts and their notes stay on the
// CMS server, through a publish and a restart.
func TestDraftsNeverReachTheServersRepository(t *testing.T) {
	c := newCentreServer(t)
	vesna := c.signIn(t, "vesna@example.org", "Весна Илић", true)
	for _, slug := range []string{"tajna-vest", "javna-vest"} {
		if code, out := vesna.act(t, "persistEntry", newsEntry(slug, "Наслов "+slug, "Title "+slug)); code != http.StatusOK {
			t.Fatalf("%s: %d %s", slug, code, out)
		}
	}
	if code, out := vesna.act(t, "addNote", map[string]any{"collection": "vesti", "slug": "tajna-vest", "note": map[string]any{"content": "Проверити име пре објаве"}}); code != http.StatusOK {
		t.Errorf("a note: %d %s", code, out)
	}
	if code, out := vesna.act(t, "publishUnpublishedEntry", map[string]any{"collection": "vesti", "slug": "javna-vest"}); code != http.StatusOK {
		t.Fatalf("publishing: %d %s", code, out)
	}
	// A restart sends what waits, as centar cms does when it starts.
	if err := newAPI(c.ana).SendWaiting(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := serverHas(t, c.bare, "content/sr/vesti/javna-vest.md"); got == "" {
		t.Error("the published entry is not on the server")
	}
	bare, _ := git.PlainOpen(c.bare)
	iter, _ := bare.References()
	iter.ForEach(func(r *plumbing.Reference) error {
		if name := r.Name().String(); name != "refs/heads/main" && name != "HEAD" {
			t.Errorf("the server's repository has %s", name)
		}
		return nil
	})
	if draft, _ := testsite.File(t, c.ana, "cms/vesti/tajna-vest", "content/sr/vesti/tajna-vest.md"); draft == "" {
		t.Error("the draft is gone from the CMS server")
	}
}

// A file an editor uploads with a draft is served as a file, never as a
// page of the CMS's origin: a page there could act as whoever opens it.
func TestADraftsFileIsNeverAPageOfTheCMS(t *testing.T) {
	c := newCentreServer(t)
	ana := c.signIn(t, "ana@example.org", "Ана Петровић", false)
	entry := newsEntry("zamka", "Замка", "Trap")
	files := entry["dataFiles"].([]map[string]any)
	files[0]["raw"] = strings.Replace(files[0]["raw"].(string), "/slike/IMG_1234.JPG", "/slike/zamka.zzz", 1)
	entry["assets"] = []map[string]any{
		{"path": "static/slike/zamka.zzz", "content": base64.StdEncoding.EncodeToString([]byte("<!doctype html><script>alert(1)</script>")), "encoding": "base64"},
	}
	if code, out := ana.act(t, "persistEntry", entry); code != http.StatusOK {
		t.Fatalf("saving: %d %s", code, out)
	}
	res := ana.send("GET", "/slike/zamka.zzz", nil, nil)
	body, _ := io.ReadAll(res.Body)
	if !strings.Contains(string(body), "<script>") {
		t.Fatalf("the draft's file is not served: %d %s", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/octet-stream" || res.Header.Get("Content-Disposition") != "attachment" ||
		!strings.Contains(res.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("the draft's file is served as %q, %q, CSP %q", ct, res.Header.Get("Content-Disposition"), res.Header.Get("Content-Security-Policy"))
	}
}
