package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"centar/internal/testsite"
)

// workflowSite is a small site that passes the production check.
var workflowSite = testsite.Small

func writeFiles(t testing.TB, dir string, files map[string]string) { testsite.Write(t, dir, files) }

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var mainBranch = plumbing.NewBranchReferenceName("main")

// newRemote makes a bare repository holding the site, as the Centre's
// server would.
func newRemote(t testing.TB) string {
	t.Helper()
	_, bare := testsite.Server(t, workflowSite)
	return bare
}

// An editor is a clone of the site with a name, who runs centar in it.
type editor struct {
	name, dir string
	out, err  bytes.Buffer
	env       map[string]string // besides LANG=en_US.UTF-8
}

func newEditor(t testing.TB, name, url string) *editor {
	t.Helper()
	return &editor{name: name, dir: testsite.Clone(t, url, name)}
}

// run runs centar in the editor's folder with English messages.
func (e *editor) run(t testing.TB, args ...string) int {
	t.Helper()
	e.out.Reset()
	e.err.Reset()
	f := &Factory{In: strings.NewReader(""), Out: &e.out, Err: &e.err, Getenv: func(k string) string {
		if k == "LANG" {
			return "en_US.UTF-8"
		}
		return e.env[k]
	}}
	return Main(f, append(args, "--source", e.dir))
}

func (e *editor) write(t testing.TB, rel, body string) {
	t.Helper()
	writeFiles(t, e.dir, map[string]string{rel: body})
}

func (e *editor) mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code := e.run(t, args...); code != 0 {
		t.Fatalf("%s: centar %s: exit %d\n%s%s", e.name, strings.Join(args, " "), code, e.out.String(), e.err.String())
	}
}

// remoteFile reads a file from the remote's main branch.
func remoteFile(t *testing.T, bare, rel string) string {
	t.Helper()
	return branchFile(t, bare, "main", rel)
}

const (
	editedA = "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nТекст уредника А.\n"
	editedB = "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nТекст уредника Б.\n"
)

// transports runs a test over a file remote and over HTTP through git's own
// http-backend.
func transports(t *testing.T, test func(t *testing.T, url, bare string, srv *gitServer)) {
	t.Run("file", func(t *testing.T) {
		bare := newRemote(t)
		test(t, bare, bare, nil)
	})
	t.Run("http", func(t *testing.T) {
		bare := newRemote(t)
		srv := newGitServer(t, filepath.Dir(filepath.Dir(bare)))
		test(t, srv.URL+"/centar/sajt.git", bare, srv)
	})
}

type gitServer = testsite.GitServer

func newGitServer(t *testing.T, root string) *gitServer { return testsite.NewGitServer(t, root) }

func TestPublishSendsTheEditorsChange(t *testing.T) {
	transports(t, func(t *testing.T, url, bare string, _ *gitServer) {
		a := newEditor(t, "Ana", url)
		a.write(t, "content/sr/vesti/prva.md", editedA)
		a.mustRun(t, "publish", "-m", "Исправка прве вести")
		if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got != editedA {
			t.Errorf("the remote has %q", got)
		}
		a.mustRun(t, "status")
		if !strings.Contains(a.out.String(), "no changes") {
			t.Errorf("after publishing, status says:\n%s", a.out.String())
		}
	})
}

func TestSamePageEditedTwiceLosesNothing(t *testing.T) {
	transports(t, func(t *testing.T, url, bare string, _ *gitServer) {
		a := newEditor(t, "Ana", url)
		b := newEditor(t, "Boris", url)
		b.write(t, "content/sr/vesti/prva.md", editedB)
		b.mustRun(t, "publish", "-m", "Б мења прву")

		a.write(t, "content/sr/vesti/prva.md", editedA)
		if code := a.run(t, "publish", "-m", "А мења прву"); code == 0 {
			t.Fatalf("publish went through a conflict:\n%s", a.err.String())
		}
		msg := a.err.String()
		for _, want := range []string{"content/sr/vesti/prva.md", "prva.md.moja-verzija", "sukob/", "centar sync --take-theirs"} {
			if !strings.Contains(msg, want) {
				t.Errorf("the conflict message does not say %q:\n%s", want, msg)
			}
		}
		if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got != editedB {
			t.Errorf("Boris's published version changed: %q", got)
		}
		prva := filepath.Join(a.dir, "content/sr/vesti/prva.md")
		if got := readFile(t, prva); got != editedA {
			t.Errorf("Ana's file changed: %q", got)
		}
		if got := readFile(t, prva+".moja-verzija"); got != editedA {
			t.Errorf("the copy beside the file is %q", got)
		}
		if got := branchFile(t, a.dir, "sukob/", "content/sr/vesti/prva.md"); got != editedA {
			t.Errorf("the conflict branch holds %q", got)
		}

		a.mustRun(t, "status")
		if !strings.Contains(a.out.String(), "content/sr/vesti/prva.md.moja-verzija → content/sr/vesti/prva.md") {
			t.Errorf("status does not point at the kept copy:\n%s", a.out.String())
		}

		// Ana takes the published version, merges by hand and publishes.
		a.mustRun(t, "sync", "--take-theirs")
		if got := readFile(t, prva); got != editedB {
			t.Errorf("after --take-theirs the file is %q", got)
		}
		merged := "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nТекст уредника Б.\n\nТекст уредника А.\n"
		a.write(t, "content/sr/vesti/prva.md", merged)
		os.Remove(prva + ".moja-verzija")
		a.mustRun(t, "publish", "-m", "Спојене измене")
		if a.mustRun(t, "status"); strings.Contains(a.out.String(), "moja-verzija") {
			t.Errorf("status still lists a deleted copy:\n%s", a.out.String())
		}
		if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got != merged {
			t.Errorf("the merged version did not land: %q", got)
		}
		testsite.Verify(t, bare)
	})
}

// branchHas reports whether a branch of the repository in dir has a file.
func branchHas(t *testing.T, dir, branch, rel string) bool {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := r.Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		t.Fatalf("%s has no branch %s", dir, branch)
	}
	c, err := r.CommitObject(ref.Hash())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.File(rel)
	return err == nil
}

// branchFile reads a file from a repository's branch: the one named, or
// with a name ending in / the first whose name starts with it (sukob/).
func branchFile(t *testing.T, dir, branch, rel string) string {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	refs, _ := r.Branches()
	var found *plumbing.Reference
	refs.ForEach(func(ref *plumbing.Reference) error {
		name := ref.Name().Short()
		if found == nil && (name == branch || strings.HasSuffix(branch, "/") && strings.HasPrefix(name, branch)) {
			found = ref
		}
		return nil
	})
	if found == nil {
		t.Fatalf("%s has no branch %s", dir, branch)
	}
	return fileAt(t, r, found, rel)
}

// fileAt reads a file from the commit a reference points at.
func fileAt(t *testing.T, r *git.Repository, ref *plumbing.Reference, rel string) string {
	t.Helper()
	c, err := r.CommitObject(ref.Hash())
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.File(rel)
	if err != nil {
		t.Fatalf("%s on %s: %v", rel, ref.Name(), err)
	}
	s, err := f.Contents()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCheckErrorBlocksSaveAndPublish(t *testing.T) {
	transports(t, func(t *testing.T, url, bare string, _ *gitServer) {
		a := newEditor(t, "Ana", url)
		bad := "---\ntitle: Прва вест\ndate: 2024-05-31\n---\n<script>alert(1)</script>\n"
		a.write(t, "content/sr/vesti/prva.md", bad)
		head := headOf(t, a.dir)
		for _, cmd := range [][]string{{"save", "-m", "x"}, {"publish", "-m", "x"}} {
			if code := a.run(t, cmd...); code != 1 {
				t.Errorf("centar %s: exit %d, want 1", cmd[0], code)
			}
			if !strings.Contains(a.err.String(), "content/sr/vesti/prva.md:5:1: error: <script> is not allowed") {
				t.Errorf("centar %s does not name the file and line:\n%s", cmd[0], a.err.String())
			}
			if got := headOf(t, a.dir); got != head {
				t.Errorf("centar %s committed despite the error", cmd[0])
			}
		}
		if got := readFile(t, filepath.Join(a.dir, "content/sr/vesti/prva.md")); got != bad {
			t.Errorf("the editor's text changed: %q", got)
		}
		if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got != workflowSite["content/sr/vesti/prva.md"] {
			t.Errorf("the remote changed: %q", got)
		}
	})
}

func headOf(t *testing.T, dir string) plumbing.Hash {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := r.Head()
	if err != nil {
		t.Fatal(err)
	}
	return ref.Hash()
}

// A production error in a file the editor did not touch — a date someone
// else must find — is said but does not stop an unrelated publish.
func TestErrorElsewhereDoesNotBlockAnUnrelatedPublish(t *testing.T) {
	bare := newRemote(t)
	testsite.Publish(t, bare, map[string]string{"content/sr/vesti/druga.md": "---\ntitle: Друга вест\ndate:\n---\nДатум још није познат.\n"})
	b := newEditor(t, "Boris", bare)
	b.write(t, "content/sr/vesti/prva.md", editedB)
	b.mustRun(t, "publish", "-m", "Б мења прву")
	if !strings.Contains(b.err.String(), "content/sr/vesti/druga.md:3:1: error: the news item has no date") || !strings.Contains(b.err.String(), "in files you did not change keep the site from going live") {
		t.Errorf("the error elsewhere was not said:\n%s", b.err.String())
	}
	if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got != editedB {
		t.Errorf("Boris's change did not land: %q", got)
	}
	// The editor who changes the dateless item is stopped.
	b.write(t, "content/sr/vesti/druga.md", "---\ntitle: Друга вест\ndate:\n---\nИзмењен текст, датум и даље непознат.\n")
	if code := b.run(t, "publish", "-m", "Б мења другу"); code != 1 {
		t.Errorf("publishing the dateless item itself: exit %d", code)
	}
}
