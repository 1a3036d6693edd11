// Package testsite makes what the tests work on: a site's files in a git
// repository on main, a server's bare repository behind git's own
// http-backend, editors' clones of it. Only tests import it.
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
)

// Main is the published branch.
var Main = plumbing.NewBranchReferenceName("main")

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
	return dir
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
	seed := Repo(t, files)
	s, _ := git.PlainOpen(seed)
	if _, err := s.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{bare}}); err != nil {
		t.Fatal(err)
	}
	if err := s.Push(&git.PushOptions{RefSpecs: []config.RefSpec{"refs/heads/main:refs/heads/main"}}); err != nil {
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
