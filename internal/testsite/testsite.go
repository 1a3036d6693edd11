// Package testsite makes what the tests work on: a site's files in a git
// repository on main, a server's bare repository behind git's own
// http-backend, editors' clones of it. Only tests import it.
//
// It imports none of the project's packages.
package testsite

import (
	"io"
	"net"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/rogpeppe/go-internal/txtar"
)

// Main is the published branch.
var Main = plumbing.NewBranchReferenceName("main")

// Small is a small site that passes the production check.
var Small = Files(`
-- hugo.toml --
title = "t"
-- .gitignore --
/public/
/generated/
*.moja-verzija
-- data/organizacije.yaml --
- id: astra
  name: ASTRA
-- data/dokumenti.yaml --
- id: opsti-akti
  name: Општи акти
-- data/hotlines.yaml --
- id: centar
  name: Центар
  number: "+381113000000"
  source: "https://example.org/kontakt"
  verified: "2026-01-15"
-- content/sr/_index.md --
---
title: Почетна
translationKey: home
---
Добро дошли.
-- content/en/_index.md --
---
title: Home
translationKey: home
---
Welcome.
-- content/sr/vesti/_index.md --
---
title: Вести
---
-- content/sr/vesti/prva.md --
---
title: Прва вест
date: 2024-05-31
---
Први текст.
-- content/sr/vesti/druga.md --
---
title: Друга вест
date: 2024-06-01
---
Други текст.
-- content/sr/oznake/obuka/_index.md --
---
title: Обука
---
`)

// Files reads a site written as a txtar archive, as Hugo's own tests
// write theirs: each file's path on a line "-- path --", its text below.
// Text before the first file is a comment.
func Files(archive string) map[string]string {
	return files(txtar.Parse([]byte(archive)))
}

// FilesFrom reads a site from a txtar file (a test's testdata/*.txtar),
// for texts that hold a backquote, which Go's raw strings cannot. A test's
// fixture that cannot be read is a mistake in the test: it panics.
func FilesFrom(name string) map[string]string {
	a, err := txtar.ParseFile(name)
	if err != nil {
		panic(err)
	}
	return files(a)
}

func files(a *txtar.Archive) map[string]string {
	files := map[string]string{}
	for _, f := range a.Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// Write writes files (path → content) under dir.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Repo makes a repository of files on main, committed as "Seed", with Ana
// as the editor who works in it.
func Repo(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	Write(t, dir, files)
	Init(t, dir)
	return dir
}

// Init makes the folder dir, holding a site's files, a repository on main
// with all of them committed as "Seed", and Ana the editor who works in it.
func Init(t testing.TB, dir string) {
	t.Helper()
	r, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: Main}})
	if err != nil {
		t.Fatal(err)
	}
	SetEditor(t, dir, "Ana")
	wt, _ := r.Worktree()
	if err := wt.AddGlob("."); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Seed", Email: "seed@example.org", When: time.Now()}
	if _, err := wt.Commit("Seed", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
}

// SetEditor names who works in the repository at dir.
func SetEditor(t testing.TB, dir, name string) {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := r.Config()
	cfg.User.Name, cfg.User.Email = name, strings.ToLower(name)+"@example.org"
	if err := r.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
}

// Server makes the server's bare repository, root/centar/sajt.git, holding
// files on main, which it lets pushes over HTTP change; root is a folder of
// the test's.
func Server(t testing.TB, files map[string]string) (root, bare string) {
	t.Helper()
	return ServerOf(t, Repo(t, files))
}

// ServerOf makes the server's bare repository, as Server does, holding main
// of the repository at seed with its history.
func ServerOf(t testing.TB, seed string) (root, bare string) {
	t.Helper()
	root = t.TempDir()
	bare = filepath.Join(root, "centar", "sajt.git")
	r, err := git.PlainInitWithOptions(bare, &git.PlainInitOptions{Bare: true, InitOptions: git.InitOptions{DefaultBranch: Main}})
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := r.Config()
	cfg.Raw.Section("http").SetOption("receivepack", "true")
	if err := r.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	s, err := git.PlainOpen(seed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateRemote(&config.RemoteConfig{Name: "server", URLs: []string{bare}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Push(&git.PushOptions{RemoteName: "server", RefSpecs: []config.RefSpec{"refs/heads/main:refs/heads/main"}}); err != nil {
		t.Fatal(err)
	}
	return root, bare
}

// Clone clones url into a folder of the test's, for an editor called name.
func Clone(t testing.TB, url, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if _, err := git.PlainClone(dir, false, &git.CloneOptions{URL: url}); err != nil {
		t.Fatalf("cloning %s: %v", url, err)
	}
	SetEditor(t, dir, name)
	return dir
}

// SetOrigin points the repository at dir to another server.
func SetOrigin(t testing.TB, dir, url string) {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := r.Config()
	cfg.Remotes["origin"].URLs = []string{url}
	if err := r.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
}

// File reads a file of a branch of the repository at dir; ok is false when
// the branch does not have it.
func File(t testing.TB, dir, branch, rel string) (string, bool) {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := r.Reference(plumbing.NewBranchReferenceName(branch), true)
	if err != nil {
		return "", false
	}
	c, err := r.CommitObject(ref.Hash())
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.File(rel)
	if err != nil {
		return "", false
	}
	s, err := f.Contents()
	if err != nil {
		t.Fatal(err)
	}
	return s, true
}

// Has fails unless the folder dir holds each file as want says ("": the
// file is not there).
func Has(t testing.TB, dir string, want map[string]string) {
	t.Helper()
	for rel, body := range want {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		switch {
		case body == "" && err == nil:
			t.Errorf("%s is still in %s", rel, dir)
		case body != "" && string(data) != body:
			t.Errorf("%s in %s is %q, want %q", rel, dir, data, body)
		}
	}
}

// BranchHas fails unless main of the repository at dir (a server's bare
// one, say) holds each file as want says ("": the file is not there).
func BranchHas(t testing.TB, dir string, want map[string]string) {
	t.Helper()
	for rel, body := range want {
		got, ok := File(t, dir, "main", rel)
		switch {
		case body == "" && ok:
			t.Errorf("%s is on main of %s", rel, dir)
		case body != "" && got != body:
			t.Errorf("%s on main of %s is %q, want %q", rel, dir, got, body)
		}
	}
}

// Publish commits files (path → content) straight onto main of the server
// at bare, as a pull request merged on the server would.
func Publish(t testing.TB, bare string, files map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "merge")
	r, err := git.PlainClone(dir, false, &git.CloneOptions{URL: bare})
	if err != nil {
		t.Fatal(err)
	}
	Write(t, dir, files)
	wt, _ := r.Worktree()
	for rel := range files {
		if _, err := wt.Add(rel); err != nil {
			t.Fatal(err)
		}
	}
	sig := &object.Signature{Name: "Merge", Email: "merge@example.org", When: time.Now()}
	if _, err := wt.Commit("Merged", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	if err := r.Push(&git.PushOptions{}); err != nil {
		t.Fatal(err)
	}
}

// Rewind moves main of the server at bare back to its parent, as an
// administrator does with reset --hard and push -f to take a published
// page down.
func Rewind(t testing.TB, bare string) {
	t.Helper()
	r, err := git.PlainOpen(bare)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := r.Reference(Main, true)
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.CommitObject(ref.Hash())
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Storer.SetReference(plumbing.NewHashReference(Main, c.ParentHashes[0])); err != nil {
		t.Fatal(err)
	}
}

// Verify reads every object reachable from main of the repository at dir,
// which fails on a damaged or half-written repository.
func Verify(t testing.TB, dir string) {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := r.Reference(Main, true)
	if err != nil {
		t.Fatal(err)
	}
	log, err := r.Log(&git.LogOptions{From: ref.Hash()})
	if err != nil {
		t.Fatal(err)
	}
	err = log.ForEach(func(c *object.Commit) error {
		files, err := c.Files()
		if err != nil {
			return err
		}
		return files.ForEach(func(f *object.File) error {
			_, err := f.Contents()
			return err
		})
	})
	if err != nil {
		t.Fatalf("%s is damaged: %v", dir, err)
	}
}

// NeedTool finds a program a test needs, or fails (in CI, where it must be
// installed) or skips loudly (elsewhere) when it is not installed.
func NeedTool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (Debian package %s) is not installed; CI must install it", name, pkg)
	}
	t.Skipf("SKIPPED LOUDLY: %s (Debian package %s) is not installed; this test did not run", name, pkg)
	return ""
}

// GitServer serves the repositories under a folder over smart HTTP with
// git's own http-backend. It can die in the middle of the next push, or run
// BeforePush first.
type GitServer struct {
	*httptest.Server
	DieOnPush  atomic.Bool
	BeforePush atomic.Pointer[func()]
}

// NewGitServer serves the repositories under root.
func NewGitServer(t testing.TB, root string) *GitServer {
	t.Helper()
	backend := "/usr/lib/git-core/git-http-backend"
	if _, err := os.Stat(backend); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("git-http-backend (Debian package git) is not installed; CI must install it")
		}
		t.Skip("SKIPPED LOUDLY: git-http-backend (Debian package git) is not installed; the HTTP workflow tests need it")
	}
	s := &GitServer{}
	h := &cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1"}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		push := r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/git-receive-pack")
		if f := s.BeforePush.Load(); f != nil && push && s.BeforePush.CompareAndSwap(f, nil) {
			(*f)()
		}
		if push && s.DieOnPush.CompareAndSwap(true, false) {
			// Take part of the pack, then drop the connection as a dying
			// server would.
			io.CopyN(io.Discard, r.Body, 64)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.(*net.TCPConn).SetLinger(0)
				conn.Close()
			}
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}
