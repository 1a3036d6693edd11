package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/cms"
	"centar/internal/msg"
	"centar/internal/testsite"
)

// The web CMS's publication, killed (SIGKILL, as a power cut) before each
// step that changes the disk, from centar cms's start to the answer; then
// centar cms starts again, as the editor would start it. Whatever the
// step, afterwards the colleague's change and the editor's are both on the
// server, or the editor's is still a draft that then publishes; the
// editor's unsaved file is untouched; the folder holds what main holds; git
// fsck finds every repository whole.

const (
	helpPage  = "---\ntitle: Помоћ\ntranslationKey: help\n---\nПрви пасус о помоћи.\n\nДруги пасус о помоћи.\n\nТрећи пасус о помоћи.\n"
	borisHelp = "---\ntitle: Помоћ\ntranslationKey: help\n---\nБорисов први пасус о помоћи.\n\nДруги пасус о помоћи.\n\nТрећи пасус о помоћи.\n"
	bothHelp  = "---\ntitle: Помоћ\ntranslationKey: help\n---\nБорисов први пасус о помоћи.\n\nДруги пасус о помоћи.\n\nАнин трећи пасус о помоћи.\n"
	anaDruga  = "---\ntitle: Друга вест\ndate: 2024-06-01\n---\nАна ово пише и још није сачувала.\n"
)

// decapFor links the Decap CMS npm ci installed into a site's folder, as
// centar cms wants it; a test without it fails in CI and skips elsewhere.
func decapFor(t *testing.T, dir string) {
	t.Helper()
	nm, _ := filepath.Abs(filepath.Join("..", "..", "node_modules"))
	if _, err := os.Stat(filepath.Join(nm, "decap-cms", "dist", "decap-cms.js")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("Decap CMS is not installed (npm ci at the repository root); CI must install it")
		}
		t.Skip("SKIPPED LOUDLY: Decap CMS is not installed (npm ci at the repository root); this test did not run")
	}
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil && !os.IsExist(err) {
		t.Fatal(err)
	}
}

// cmsProcess is centar cms running in a process of its own.
type cmsProcess struct {
	cmd    *exec.Cmd
	base   string
	stderr *bytes.Buffer
	done   chan error
}

// startCMSProcess starts centar cms on dir, with extra environment.
func startCMSProcess(t *testing.T, dir string, env ...string) *cmsProcess {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	self, _ := os.Executable()
	p := &cmsProcess{base: fmt.Sprintf("http://127.0.0.1:%d", port), stderr: &bytes.Buffer{}, done: make(chan error, 1)}
	p.cmd = exec.Command(self, "cms", "--port", fmt.Sprint(port), "--source", dir)
	p.cmd.Env = append([]string{"CENTAR_TEST_AS_CLI=1", "LANG=en_US.UTF-8", "HOME=" + homeDir(t), "PATH=" + os.Getenv("PATH")}, env...)
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(p.stop)
	return p
}

// ready waits until the process answers, or ends: it reports which.
func (p *cmsProcess) ready(t *testing.T) bool {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		select {
		case err := <-p.done:
			p.done <- err
			return false
		default:
		}
		if resp, err := http.Get(p.base + "/admin/"); err == nil {
			resp.Body.Close()
			return true
		}
	}
	t.Fatalf("centar cms did not start:\n%s", p.stderr)
	return false
}

// killed waits for the process to end and reports whether SIGKILL ended it.
func (p *cmsProcess) killed(t *testing.T) bool {
	t.Helper()
	select {
	case err := <-p.done:
		p.done <- err
		ee, ok := err.(*exec.ExitError)
		if !ok {
			return false
		}
		ws, ok := ee.Sys().(syscall.WaitStatus)
		return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
	case <-time.After(30 * time.Second):
		t.Fatal("centar cms went on past its kill point")
		return false
	}
}

func (p *cmsProcess) stop() {
	if p.cmd.ProcessState == nil {
		p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			p.cmd.Process.Kill()
		}
	}
}

// action sends one of Decap's actions; the error is a broken connection.
func (p *cmsProcess) action(action string, params map[string]any) (int, string, error) {
	if params == nil {
		params = map[string]any{}
	}
	params["branch"] = "main"
	body, _ := json.Marshal(map[string]any{"action": action, "params": params})
	resp, err := http.Post(p.base+"/api/v1", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	out.ReadFrom(resp.Body)
	return resp.StatusCode, out.String(), nil
}

// cmsScene: the server with Boris's publication of the help page's first
// paragraph, and Ana's folder from before it, with a draft of the help
// page's third paragraph and a page she is writing and has not saved.
func cmsScene(t *testing.T) *scene {
	t.Helper()
	root := t.TempDir()
	files := maps.Clone(workflowSite)
	files["content/sr/pomoc/_index.md"] = helpPage
	files[".gitignore"] += "/node_modules\n"
	_, seed := testsite.Server(t, files)
	if err := os.CopyFS(filepath.Join(root, "scene", "sajt.git"), os.DirFS(seed)); err != nil {
		t.Fatal(err)
	}
	s := &scene{srv: newGitServer(t, root), root: root}
	url := s.srv.URL + "/scene/sajt.git"
	ana := newEditor(t, "Ana", url)
	api := &cms.API{Root: ana.dir, P: msg.Printer(msg.English), Getenv: func(string) string { return "" }}
	body, _ := json.Marshal(map[string]any{"action": "persistEntry", "params": map[string]any{
		"branch":    "main",
		"dataFiles": []map[string]any{{"slug": "pomoc", "path": "stranice/sr/pomoc.md", "raw": strings.Replace(helpPage, "Трећи", "Анин трећи", 1)}},
		"options":   map[string]any{"collectionName": "stranice", "commitMessage": "Измена помоћи", "useWorkflow": true, "status": "pending_publish"},
	}})
	rec := httptest.NewRecorder()
	api.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "http://127.0.0.1:8081/api/v1", bytes.NewReader(body)))
	if rec.Code != http.StatusOK {
		t.Fatalf("Ana's draft: %d %s", rec.Code, rec.Body)
	}
	b := newEditor(t, "Boris", url)
	b.write(t, "content/sr/pomoc/_index.md", borisHelp)
	b.mustRun(t, "publish", "-m", "Борис мења први пасус помоћи")
	ana.write(t, "content/sr/vesti/druga.md", anaDruga)
	s.ana = ana.dir
	return s
}

func TestCMSPublishSurvivesAKillAtEveryStep(t *testing.T) {
	needTool(t, "git", "git")
	s := cmsScene(t)
	publish := map[string]any{"collection": "stranice", "slug": "pomoc"}

	// The steps of a whole run: start, publish, answer.
	dry, _ := s.copy(t, "dry")
	decapFor(t, dry)
	log := filepath.Join(t.TempDir(), "points")
	p := startCMSProcess(t, dry, "CENTAR_CRASH_LOG="+log)
	if !p.ready(t) {
		t.Fatalf("centar cms ended:\n%s", p.stderr)
	}
	if code, out, err := p.action("publishUnpublishedEntry", publish); code != http.StatusOK || err != nil {
		t.Fatalf("publishing: %d %s %v\n%s", code, out, err, p.stderr)
	}
	p.stop()
	data, _ := os.ReadFile(log)
	points := strings.Split(strings.TrimSpace(string(data)), "\n")

	eachKillPoint(t, "the CMS's publish", dry, points, func(t *testing.T, i int, point string) {
		dir, bare := s.copy(t, fmt.Sprint(i+1))
		decapFor(t, dir)
		p := startCMSProcess(t, dir, fmt.Sprintf("CENTAR_CRASH_AT=%d", i+1))
		if p.ready(t) {
			p.action("publishUnpublishedEntry", publish)
		}
		if !p.killed(t) {
			t.Fatalf("not killed at step %d: the steps differ from the first run's\n%s", i+1, p.stderr)
		}

		again := startCMSProcess(t, dir)
		if !again.ready(t) {
			t.Fatalf("centar cms does not start again after a kill at %q:\n%s", point, again.stderr)
		}
		code, out, err := again.action("unpublishedEntries", nil)
		if err != nil || code != http.StatusOK {
			t.Fatalf("listing drafts: %d %s %v", code, out, err)
		}
		if strings.Contains(out, "stranice/pomoc") {
			if code, out, err := again.action("publishUnpublishedEntry", publish); code != http.StatusOK || err != nil {
				t.Fatalf("the draft left by a kill at %q does not publish: %d %s %v\n%s", point, code, out, err, again.stderr)
			}
		}
		again.stop()

		testsite.BranchHas(t, bare, map[string]string{"content/sr/pomoc/_index.md": bothHelp})
		testsite.Has(t, dir, map[string]string{"content/sr/vesti/druga.md": anaDruga, "content/sr/pomoc/_index.md": bothHelp})
		folderIsMain(t, dir, "content/sr/vesti/druga.md")
		gitFsck(t, dir)
		gitFsck(t, bare)
	})
}

// folderIsMain fails unless every file main has is in the folder as main
// has it, but for those the editor is writing.
func folderIsMain(t *testing.T, dir string, writing ...string) {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := r.Reference(mainBranch, true)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := r.CommitObject(ref.Hash())
	tree, _ := c.Tree()
	tree.Files().ForEach(func(f *object.File) error {
		if strings.Contains(strings.Join(writing, "\n"), f.Name) {
			return nil
		}
		want, _ := f.Contents()
		got, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil && !errors.Is(err, fs.ErrNotExist) || string(got) != want {
			t.Errorf("%s in the folder is not main's version", f.Name)
		}
		return nil
	})
}
