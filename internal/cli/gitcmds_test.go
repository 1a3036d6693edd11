package cli

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewWritesAPageFromTheArchetype(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	archetypes, _ := filepath.Abs("../../archetypes")
	if err := os.CopyFS(filepath.Join(a.dir, "archetypes"), os.DirFS(archetypes)); err != nil {
		t.Fatal(err)
	}
	a.mustRun(t, "new", "news", "Обука у Нишу: „Стандардне процедуре”", "--org", "astra")
	lines := strings.Split(strings.TrimSpace(a.out.String()), "\n")
	rel := lines[len(lines)-1]
	if rel != "content/sr/vesti/obuka-u-nisu-standardne-procedure.md" {
		t.Fatalf("last line is %q", rel)
	}
	got := readFile(t, filepath.Join(a.dir, rel))
	for _, want := range []string{"title: \"Обука у Нишу: „Стандардне процедуре”\"\n", "date: " + time.Now().Format("2006-01-02") + "\n", "draft: true\n", "organizacija: astra\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("the new page lacks %q:\n%s", want, got)
		}
	}
	// The new page passes the check as it is, so it can be saved at once.
	a.mustRun(t, "check", rel)

	a.mustRun(t, "new", "document", "Годишњи извештај 2025", "--category", "opsti-akti")
	if rel := strings.TrimSpace(a.out.String()); rel != "content/sr/dokumenti/godisnji-izvestaj-2025/index.md" {
		t.Errorf("document at %q", rel)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"new", "news", "Обука у Нишу: Стандардне процедуре"}, "content/sr/vesti/obuka-u-nisu-standardne-procedure.md already exists"},
		{[]string{"new", "poster", "Нешто"}, "there is no kind \"poster\""},
		{[]string{"new", "news"}, "say what to make and its title, in quotes"},
		{[]string{"new", "news", "Вест", "--organizacija", "astra"}, "unknown flag: --organizacija; centar new --help shows"},
		{[]string{"new", "news", "!!!"}, "has no letters or digits"},
		{[]string{"new", "news", "Вест", "--org", "nepoznata"}, "--org \"nepoznata\" is not in data/organizacije.yaml: use one of astra"},
		{[]string{"new", "document", "Статут"}, "--category \"\" is not in data/dokumenti.yaml"},
		{[]string{"new", "page", "Контакт", "--section", "nema"}, "there is no section \"nema\""},
	} {
		if code := a.run(t, c.args...); code != 1 || !strings.Contains(a.err.String(), c.want) {
			t.Errorf("centar %s: exit %d, stderr:\n%s\nwant it to say %q", strings.Join(c.args, " "), code, a.err.String(), c.want)
		}
	}
	if got := readFile(t, filepath.Join(a.dir, rel)); !strings.Contains(got, "organizacija: astra") {
		t.Error("refusing an existing slug changed the existing page")
	}
}

func TestStatusNamesPagesByTitle(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	a.write(t, "content/sr/vesti/prva.md", editedA)
	a.write(t, "content/sr/vesti/treca.md", "---\ntitle: Трећа вест\ndate: 2024-06-02\ndraft: true\n---\nНацрт.\n")
	if err := os.Remove(filepath.Join(a.dir, "content/sr/vesti/druga.md")); err != nil {
		t.Fatal(err)
	}
	a.mustRun(t, "save", "-m", "Прва и трећа")
	a.write(t, "content/sr/vesti/prva.md", editedB)
	a.mustRun(t, "status")
	out := a.out.String()
	for _, want := range []string{
		"changed:  „Прва вест” (content/sr/vesti/prva.md), not saved",
		"new:      „Трећа вест” (content/sr/vesti/treca.md), saved",
		"deleted:  „Друга вест” (content/sr/vesti/druga.md), saved",
		"Drafts, not shown on the site",
		"  „Трећа вест” (content/sr/vesti/treca.md)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}

func TestSyncRefusesUnsavedWork(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	b := newEditor(t, "Boris", bare)
	b.write(t, "content/sr/vesti/prva.md", editedB)
	b.mustRun(t, "publish")
	a.write(t, "content/sr/vesti/prva.md", editedA)
	if code := a.run(t, "sync"); code != 1 || !strings.Contains(a.err.String(), "not saved: content/sr/vesti/prva.md") {
		t.Errorf("sync over unsaved work: exit %d\n%s", code, a.err.String())
	}
	if got := readFile(t, filepath.Join(a.dir, "content/sr/vesti/prva.md")); got != editedA {
		t.Errorf("sync touched unsaved work: %q", got)
	}
}

func TestSaveSpeaksSerbianByDefault(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	a.write(t, "content/sr/vesti/prva.md", editedA)
	f := &Factory{Out: &a.out, Err: &a.err}
	if code := Main(f, []string{"save", "-s", a.dir}); code != 0 {
		t.Fatal(a.err.String())
	}
	if want := "Sačuvano (1 datoteka): Izmene: Прва вест"; !strings.Contains(a.err.String(), want) {
		t.Errorf("got %q, want %q", a.err.String(), want)
	}
}

func TestPublishForReviewPushesABranch(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	a.write(t, "content/sr/vesti/prva.md", editedA)
	a.mustRun(t, "publish", "--review", "-m", "Исправка прве вести")
	if !strings.Contains(a.err.String(), "sadrzaj/ispravka-prve-vesti") {
		t.Errorf("no branch named:\n%s", a.err.String())
	}
	if got := branchFile(t, bare, "sadrzaj/ispravka-prve-vesti", "content/sr/vesti/prva.md"); got != editedA {
		t.Errorf("the review branch holds %q", got)
	}
	if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got == editedA {
		t.Error("--review published to main")
	}
}

// fakeGitHub answers POST /repos/{owner}/{repo}/pulls as GitHub's REST API
// does, and records the request.
type fakeGitHub struct {
	*httptest.Server
	path, auth, version string
	body                map[string]any
}

func newFakeGitHub(t *testing.T, status int) *fakeGitHub {
	g := &fakeGitHub{}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.path, g.auth, g.version = r.Method+" "+r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("X-GitHub-Api-Version")
		json.NewDecoder(r.Body).Decode(&g.body)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		if status == http.StatusCreated {
			json.NewEncoder(w).Encode(map[string]any{"number": 42, "html_url": "https://github.com/centar/sajt/pull/42", "state": "open"})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"message": "Validation Failed", "errors": []map[string]any{{"resource": "PullRequest", "code": "custom", "message": "A pull request already exists for astra:prilog/vest."}}})
	}))
	t.Cleanup(g.Close)
	return g
}

func TestSubmitOpensAPullRequestFromAFork(t *testing.T) {
	upstream := newRemote(t) // …/centar/sajt.git
	fork := filepath.Join(t.TempDir(), "astra", "sajt.git")
	if err := os.CopyFS(fork, os.DirFS(upstream)); err != nil {
		t.Fatal(err)
	}
	gh := newFakeGitHub(t, http.StatusCreated)
	o := newEditor(t, "Astra", fork)
	o.write(t, "content/sr/vesti/nova.md", "---\ntitle: Нова вест\ndate: 2026-11-20\norganizacija: astra\n---\nТекст.\n")
	env := func(k string) string {
		return map[string]string{"LANG": "en_US.UTF-8", "GITHUB_TOKEN": "tok123"}[k]
	}
	f := &Factory{Out: &o.out, Err: &o.err, Getenv: env}
	code := Main(f, []string{"submit", "-s", o.dir, "-m", "Вест: обука у Нишу", "--upstream", upstream, "--github-api", gh.URL})
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, o.err.String())
	}
	if got := strings.TrimSpace(o.out.String()); got != "https://github.com/centar/sajt/pull/42" {
		t.Errorf("printed %q", got)
	}
	if gh.path != "POST /repos/centar/sajt/pulls" || gh.auth != "Bearer tok123" || gh.version != "2022-11-28" {
		t.Errorf("request %s auth %q version %q", gh.path, gh.auth, gh.version)
	}
	if gh.body["head"] != "astra:prilog/vest-obuka-u-nisu" || gh.body["base"] != "main" || gh.body["title"] != "Вест: обука у Нишу" {
		t.Errorf("body %v", gh.body)
	}
	if got := branchFile(t, fork, "prilog/vest-obuka-u-nisu", "content/sr/vesti/nova.md"); !strings.Contains(got, "Нова вест") {
		t.Errorf("the fork's branch holds %q", got)
	}

	// GitHub refuses a second one; the message says why and what to do.
	refusing := newFakeGitHub(t, http.StatusUnprocessableEntity)
	o.write(t, "content/sr/vesti/nova.md", "---\ntitle: Нова вест\ndate: 2026-11-20\norganizacija: astra\n---\nИсправљен текст.\n")
	o.out.Reset()
	o.err.Reset()
	code = Main(&Factory{Out: &o.out, Err: &o.err, Getenv: env}, []string{"submit", "-s", o.dir, "-m", "Исправка", "--github-api", refusing.URL})
	if code != 1 || !strings.Contains(o.err.String(), "A pull request already exists") || !strings.Contains(o.err.String(), "astra:prilog/vest-obuka-u-nisu") {
		t.Errorf("exit %d:\n%s", code, o.err.String())
	}
}

func TestSubmitWithoutTokenPrintsTheCompareURL(t *testing.T) {
	upstream := newRemote(t)
	o := newEditor(t, "Atina", upstream)
	o.write(t, "content/sr/vesti/nova.md", "---\ntitle: Нова вест\ndate: 2026-11-20\n---\nТекст.\n")
	// The remotes are local folders here; name GitHub ones as a CSO would.
	o.mustRun(t, "submit", "-m", "Нова вест", "--upstream", "https://github.com/centar/sajt.git")
	want := "https://github.com/centar/sajt/compare/main...centar:prilog/nova-vest?expand=1"
	if got := strings.TrimSpace(o.out.String()); got != want {
		t.Errorf("printed %q, want %q", got, want)
	}
}
