package cli

import (
	"encoding/json"
	"fmt"
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

	// A command given wrongly exits with 2; a refusal with 1.
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"new", "news", "Обука у Нишу: Стандардне процедуре"}, 1, "content/sr/vesti/obuka-u-nisu-standardne-procedure.md already exists"},
		{[]string{"new", "poster", "Нешто"}, 2, "there is no kind \"poster\""},
		{[]string{"new", "news"}, 2, "say what to make and its title, in quotes"},
		{[]string{"new", "news", "Вест", "--organizacija", "astra"}, 2, "there is no flag --organizacija\ncentar new --help shows"},
		{[]string{"new", "news", "!!!"}, 1, "has no letters or digits"},
		{[]string{"new", "news", "Вест", "--org", "nepoznata"}, 1, "--org \"nepoznata\" is not in data/organizacije.yaml: use one of astra"},
		{[]string{"new", "document", "Статут"}, 1, "--category \"\" is not in data/dokumenti.yaml"},
		{[]string{"new", "page", "Контакт", "--section", "nema"}, 1, "there is no section \"nema\""},
	} {
		if code := a.run(t, c.args...); code != c.code || !strings.Contains(a.err.String(), c.want) {
			t.Errorf("centar %s: exit %d, stderr:\n%s\nwant exit %d, saying %q", strings.Join(c.args, " "), code, a.err.String(), c.code, c.want)
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

// fakeGitHub answers the pull-request calls of GitHub's REST API as GitHub
// does: POST /repos/{owner}/{repo}/pulls opens one (422 when the branch has
// one open already), GET …/pulls?head= finds it. It records the requests.
type fakeGitHub struct {
	*httptest.Server
	requests []string
	auth     string
	version  string
	body     map[string]any
	open     map[string]int // head → number
}

func newFakeGitHub(t *testing.T) *fakeGitHub {
	g := &fakeGitHub{open: map[string]int{}}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.requests = append(g.requests, r.Method+" "+r.URL.Path)
		g.auth, g.version = r.Header.Get("Authorization"), r.Header.Get("X-GitHub-Api-Version")
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		pr := func(n int) map[string]any {
			return map[string]any{"number": n, "html_url": fmt.Sprintf("https://github.com/centar/sajt/pull/%d", n), "state": "open"}
		}
		if r.Method == http.MethodGet {
			var found []map[string]any
			if n, ok := g.open[r.URL.Query().Get("head")]; ok {
				found = append(found, pr(n))
			}
			json.NewEncoder(w).Encode(found)
			return
		}
		g.body = nil
		json.NewDecoder(r.Body).Decode(&g.body)
		head, _ := g.body["head"].(string)
		if _, ok := g.open[head]; ok {
			w.WriteHeader(http.StatusUnprocessableEntity)
			json.NewEncoder(w).Encode(map[string]any{"message": "Validation Failed", "errors": []map[string]any{{"resource": "PullRequest", "code": "custom", "message": "A pull request already exists for " + head + "."}}})
			return
		}
		g.open[head] = len(g.open) + 1
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(pr(g.open[head]))
	}))
	t.Cleanup(g.Close)
	return g
}

func TestSubmitOpensAndUpdatesAPullRequestFromAFork(t *testing.T) {
	upstream := newRemote(t) // …/centar/sajt.git
	fork := filepath.Join(t.TempDir(), "astra", "sajt.git")
	if err := os.CopyFS(fork, os.DirFS(upstream)); err != nil {
		t.Fatal(err)
	}
	gh := newFakeGitHub(t)
	o := newEditor(t, "Astra", fork)
	env := func(k string) string {
		return map[string]string{"LANG": "en_US.UTF-8", "GITHUB_TOKEN": "tok123"}[k]
	}
	submit := func(args ...string) {
		t.Helper()
		o.out.Reset()
		o.err.Reset()
		if code := Main(&Factory{Out: &o.out, Err: &o.err, Getenv: env}, append([]string{"submit", "-s", o.dir, "--github-api", gh.URL}, args...)); code != 0 {
			t.Fatalf("submit %v: exit %d:\n%s", args, code, o.err.String())
		}
	}
	o.write(t, "content/sr/vesti/nova.md", "---\ntitle: Нова вест\ndate: 2026-11-20\norganizacija: astra\n---\nТекст.\n")
	submit("-m", "Вест: обука у Нишу", "--upstream", upstream)
	if got := strings.TrimSpace(o.out.String()); got != "https://github.com/centar/sajt/pull/1" {
		t.Errorf("printed %q", got)
	}
	if gh.requests[0] != "POST /repos/centar/sajt/pulls" || gh.auth != "Bearer tok123" || gh.version != "2022-11-28" {
		t.Errorf("requests %v auth %q version %q", gh.requests, gh.auth, gh.version)
	}
	if gh.body["head"] != "astra:prilog/vest-obuka-u-nisu" || gh.body["base"] != "main" || gh.body["title"] != "Вест: обука у Нишу" {
		t.Errorf("body %v", gh.body)
	}
	if got := branchFile(t, fork, "prilog/vest-obuka-u-nisu", "content/sr/vesti/nova.md"); !strings.Contains(got, "Текст.") {
		t.Errorf("the fork's branch holds %q", got)
	}

	// After the check's findings the CSO fixes the text and runs the same
	// submit again, as CONTRIBUTING.md says: the same pull request is updated.
	o.write(t, "content/sr/vesti/nova.md", "---\ntitle: Нова вест\ndate: 2026-11-20\norganizacija: astra\n---\nИсправљен текст.\n")
	submit("-m", "Вест: обука у Нишу")
	if !strings.Contains(o.err.String(), "Pull request #1 now has your new version") || strings.TrimSpace(o.out.String()) != "https://github.com/centar/sajt/pull/1" {
		t.Errorf("the update was not said:\n%s%s", o.err.String(), o.out.String())
	}
	if got := branchFile(t, fork, "prilog/vest-obuka-u-nisu", "content/sr/vesti/nova.md"); !strings.Contains(got, "Исправљен текст.") {
		t.Errorf("the fork's branch holds %q", got)
	}
	// Without -m, on the contribution's branch, it is updated too.
	o.write(t, "content/sr/vesti/nova.md", "---\ntitle: Нова вест\ndate: 2026-11-20\norganizacija: astra\n---\nТрећа верзија.\n")
	submit()
	if got := branchFile(t, fork, "prilog/vest-obuka-u-nisu", "content/sr/vesti/nova.md"); !strings.Contains(got, "Трећа верзија.") {
		t.Errorf("the fork's branch holds %q", got)
	}

	// An unrelated contribution gets its own branch, from the Centre's
	// branch, and its own pull request: the first one's file is not in it.
	o.write(t, "content/sr/vesti/druga-vest.md", "---\ntitle: Друга вест\ndate: 2026-11-21\norganizacija: astra\n---\nДруги текст.\n")
	submit("-m", "Друга вест")
	if got := strings.TrimSpace(o.out.String()); got != "https://github.com/centar/sajt/pull/2" {
		t.Errorf("printed %q\n%s", got, o.err.String())
	}
	if got := branchFile(t, fork, "prilog/druga-vest", "content/sr/vesti/druga-vest.md"); !strings.Contains(got, "Други текст.") {
		t.Errorf("the new branch holds %q", got)
	}
	if branchHas(t, fork, "prilog/druga-vest", "content/sr/vesti/nova.md") {
		t.Error("the second contribution carries the first one's file")
	}
}

func TestSubmitWithoutTokenSaysWhereToOpenThePullRequest(t *testing.T) {
	upstream := newRemote(t)
	o := newEditor(t, "Atina", upstream)
	o.write(t, "content/sr/vesti/nova.md", "---\ntitle: Нова вест\ndate: 2026-11-20\n---\nТекст.\n")
	o.mustRun(t, "submit", "-m", "Нова вест", "--upstream", upstream)
	if !strings.Contains(o.err.String(), "Open a pull request for the branch centar:prilog/nova-vest into main") {
		t.Errorf("no instruction:\n%s", o.err.String())
	}
}
