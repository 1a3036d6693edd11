package cli

import (
	"context"
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
	"github.com/go-git/go-git/v5/plumbing"

	"centar/internal/durable"

	"centar/internal/testsite"
)

// Each test here is a way an editor lost work, or undid someone else's,
// before the workflow was made safe; each must now end with nothing lost.

func TestReviewedWorkReachesTheSiteOnlyThroughItsReview(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	prva := workflowSite["content/sr/vesti/prva.md"]

	a.write(t, "content/sr/vesti/prva.md", editedA)
	a.mustRun(t, "publish", "--review", "-m", "Исправка прве вести")
	if got := branchFile(t, bare, "sadrzaj/ispravka-prve-vesti", "content/sr/vesti/prva.md"); got != editedA {
		t.Errorf("the review branch holds %q", got)
	}
	a.mustRun(t, "status")
	if !strings.Contains(a.out.String(), "waiting for review on the branch sadrzaj/ispravka-prve-vesti") || strings.Contains(a.out.String(), "Everything is saved") {
		t.Errorf("status does not say the page waits for review:\n%s", a.out.String())
	}

	// Publishing another page leaves the reviewed one out.
	druga := "---\ntitle: Друга вест\ndate: 2024-06-01\n---\nАна мења другу.\n"
	a.write(t, "content/sr/vesti/druga.md", druga)
	a.mustRun(t, "publish", "-m", "Друга вест")
	if got := remoteFile(t, bare, "content/sr/vesti/druga.md"); got != druga {
		t.Errorf("the other page did not go out: %q", got)
	}
	if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got != prva {
		t.Errorf("the page under review went live: %q", got)
	}
	if !strings.Contains(a.err.String(), "Left out, waiting for review on the branch sadrzaj/ispravka-prve-vesti: content/sr/vesti/prva.md") {
		t.Errorf("publish does not say what it left out:\n%s", a.err.String())
	}

	// The same message again names a review of its own.
	a.write(t, "content/sr/vesti/treca.md", anaTreca)
	a.mustRun(t, "publish", "--review", "-m", "Исправка прве вести")
	if got := branchFile(t, bare, "sadrzaj/ispravka-prve-vesti-2", "content/sr/vesti/treca.md"); got != anaTreca {
		t.Errorf("the second review holds %q", got)
	}
	if branchHas(t, bare, "sadrzaj/ispravka-prve-vesti", "content/sr/vesti/treca.md") {
		t.Error("the second review went onto the first one's branch")
	}

	// A page changed again while under review cannot go live by itself…
	a.write(t, "content/sr/vesti/prva.md", editedB)
	if code := a.run(t, "publish"); code != 1 || !strings.Contains(a.err.String(), "was sent for review on the branch sadrzaj/ispravka-prve-vesti and has changed since") {
		t.Errorf("publishing a page changed under review: exit %d\n%s", code, a.err.String())
	}
	// …its new version goes to the same review.
	a.mustRun(t, "publish", "--review")
	if !strings.Contains(a.err.String(), "The review on the branch sadrzaj/ispravka-prve-vesti now has your new versions") {
		t.Errorf("the review was not updated:\n%s", a.err.String())
	}
	if got := branchFile(t, bare, "sadrzaj/ispravka-prve-vesti", "content/sr/vesti/prva.md"); got != editedB {
		t.Errorf("the review holds %q", got)
	}
	if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got != prva {
		t.Errorf("the page under review went live: %q", got)
	}

	// The reviewer merges it (squashed): after a sync the review is done.
	testsite.Publish(t, bare, map[string]string{"content/sr/vesti/prva.md": editedB})
	a.mustRun(t, "sync")
	a.mustRun(t, "status")
	if strings.Contains(a.out.String(), "sadrzaj/ispravka-prve-vesti ") || strings.Contains(a.out.String(), "prva.md") {
		t.Errorf("the published review is still listed:\n%s", a.out.String())
	}
	r, _ := git.PlainOpen(a.dir)
	if _, err := r.Reference(plumbing.NewBranchReferenceName("sadrzaj/ispravka-prve-vesti"), false); err == nil {
		t.Error("the finished review's branch is still here")
	}
}

// Work already saved and then sent for review leaves the published branch.
func TestSavedWorkSentForReviewLeavesTheBranch(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	a.write(t, "content/sr/vesti/prva.md", editedA)
	a.mustRun(t, "save", "-m", "Сачувано")
	a.mustRun(t, "publish", "--review", "-m", "На преглед")
	a.mustRun(t, "publish")
	if !strings.Contains(a.err.String(), "Nothing new to send") {
		t.Errorf("a plain publish after the review:\n%s", a.err.String())
	}
	if got := remoteFile(t, bare, "content/sr/vesti/prva.md"); got == editedA {
		t.Error("the saved work sent for review went live")
	}
	if got := readFile(t, filepath.Join(a.dir, "content/sr/vesti/prva.md")); got != editedA {
		t.Errorf("the editor's file changed: %q", got)
	}
}

// sync says what a removal on the server took away, and publish refuses
// to bring it back until then: the guarantee itself is the workflow's
// (TestARemovalOnTheServerIsNotUndone there).
func TestARemovalOnTheServerIsSaid(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	b := newEditor(t, "Boris", bare)
	named := "---\ntitle: Вест са именом\ndate: 2024-06-05\n---\nИме које не сме бити објављено.\n"
	b.write(t, "content/sr/vesti/ime.md", named)
	b.mustRun(t, "publish", "-m", "Вест са именом")
	a.mustRun(t, "sync")
	testsite.Rewind(t, bare)

	a.write(t, "content/sr/vesti/druga.md", "---\ntitle: Друга вест\ndate: 2024-06-01\n---\nАна мења другу.\n")
	if code := a.run(t, "publish", "-m", "Друга"); code != 1 {
		t.Fatalf("publish over a removal: exit %d\n%s", code, a.err.String())
	}
	for _, want := range []string{"earlier publications were removed", "„Вест са именом” (Boris", "content/sr/vesti/ime.md", "Run centar sync"} {
		if !strings.Contains(a.err.String(), want) {
			t.Errorf("the refusal does not say %q:\n%s", want, a.err.String())
		}
	}
	a.mustRun(t, "sync")
	for _, want := range []string{"Earlier publications were removed from the site", "„Вест са именом” (Boris"} {
		if !strings.Contains(a.err.String(), want) {
			t.Errorf("sync does not say %q:\n%s", want, a.err.String())
		}
	}
	testsite.Has(t, a.dir, map[string]string{"content/sr/vesti/ime.md": ""})
}

func TestAHungServerTimesOut(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	}))
	defer hung.Close()
	setOrigin(t, a.dir, hung.URL+"/centar/sajt.git")
	a.env = map[string]string{"CENTAR_GIT_TIMEOUT": "1s"}
	a.write(t, "content/sr/vesti/prva.md", editedA)
	start := time.Now()
	if code := a.run(t, "publish"); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("publish waited %s", took)
	}
	if !strings.Contains(a.err.String(), "did not answer in time. Nothing was lost") {
		t.Errorf("the message:\n%s", a.err.String())
	}
	if got := readFile(t, filepath.Join(a.dir, "content/sr/vesti/prva.md")); got != editedA {
		t.Errorf("the editor's text changed: %q", got)
	}
}

func setOrigin(t *testing.T, dir, url string) { testsite.SetOrigin(t, dir, url) }

// A server hook that refuses the push is quoted, in the editor's language.
func TestARefusalOnTheServerIsQuoted(t *testing.T) {
	bare := newRemote(t)
	srv := newGitServer(t, filepath.Dir(filepath.Dir(bare)))
	hook := filepath.Join(bare, "hooks", "pre-receive")
	os.MkdirAll(filepath.Dir(hook), 0o755)
	if err := os.WriteFile(hook, []byte("#!/bin/sh\necho 'Објављивање је затворено до понедељка.' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	a := newEditor(t, "Ana", srv.URL+"/centar/sajt.git")
	a.write(t, "content/sr/vesti/prva.md", editedA)
	if code := a.run(t, "publish"); code != 1 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"the server refused the change (pre-receive hook declined)", "Објављивање је затворено до понедељка.", "nothing was lost"} {
		if !strings.Contains(a.err.String(), want) {
			t.Errorf("the message does not say %q:\n%s", want, a.err.String())
		}
	}
	// In Serbian, by default.
	var out, errb strings.Builder
	Main(&Factory{Out: &out, Err: &errb}, []string{"publish", "-s", a.dir})
	if !strings.Contains(errb.String(), "server je odbio izmenu") || !strings.Contains(errb.String(), "Објављивање је затворено") {
		t.Errorf("in Serbian:\n%s", errb.String())
	}
}

func TestAMissingRepositoryIsNamed(t *testing.T) {
	bare := newRemote(t)
	srv := newGitServer(t, filepath.Dir(filepath.Dir(bare)))
	a := newEditor(t, "Ana", bare)
	setOrigin(t, a.dir, srv.URL+"/centar/nema.git")
	if code := a.run(t, "sync"); code != 1 || !strings.Contains(a.err.String(), "the server has no repository at that address") {
		t.Errorf("exit %d:\n%s", code, a.err.String())
	}
}

// Ctrl-C stops a command at a safe point with a plain message.
func TestInterruptStopsAtASafePoint(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer hung.Close()
	setOrigin(t, a.dir, hung.URL+"/centar/sajt.git")
	a.write(t, "content/sr/vesti/prva.md", editedA)
	self, _ := os.Executable()
	cmd := exec.Command(self, "publish", "--source", a.dir)
	cmd.Env = []string{"CENTAR_TEST_AS_CLI=1", "LANG=en_US.UTF-8", "HOME=" + homeDir(t)}
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
		t.Fatalf("after Ctrl-C: %v\n%s", err, errb.String())
	}
	if !strings.Contains(errb.String(), "stopped. Nothing is half done") {
		t.Errorf("the message:\n%s", errb.String())
	}
	// The change was saved before the network step and stays saved.
	if got := branchFile(t, a.dir, "main", "content/sr/vesti/prva.md"); got != editedA {
		t.Errorf("saved %q", got)
	}
}

func TestASecondConflictKeepsTheFirstCopy(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	b := newEditor(t, "Boris", bare)
	b.write(t, "content/sr/vesti/prva.md", editedB)
	b.mustRun(t, "publish")
	a.write(t, "content/sr/vesti/prva.md", editedA)
	if a.run(t, "publish") == 0 {
		t.Fatal("no conflict")
	}
	a.mustRun(t, "sync", "--take-theirs")
	second := "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nАнина друга верзија.\n"
	a.write(t, "content/sr/vesti/prva.md", second)
	b.write(t, "content/sr/vesti/prva.md", "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nБорисова друга верзија.\n")
	b.mustRun(t, "publish")
	if a.run(t, "publish") == 0 {
		t.Fatal("no second conflict")
	}
	if !strings.Contains(a.err.String(), "prva.md.2.moja-verzija") || !strings.Contains(a.err.String(), "on the branch sukob/") {
		t.Errorf("the message does not name the new copy and the branch:\n%s", a.err.String())
	}
	testsite.Has(t, a.dir, map[string]string{
		"content/sr/vesti/prva.md.moja-verzija":   editedA,
		"content/sr/vesti/prva.md.2.moja-verzija": second,
	})
	a.mustRun(t, "status")
	if !strings.Contains(a.out.String(), "content/sr/vesti/prva.md.2.moja-verzija → content/sr/vesti/prva.md") {
		t.Errorf("status:\n%s", a.out.String())
	}
}

func TestADetachedHeadIsRefusedBeforeAnythingIsSaved(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	r, _ := git.PlainOpen(a.dir)
	head := headOf(t, a.dir)
	if err := r.Storer.SetReference(plumbing.NewHashReference(plumbing.HEAD, head)); err != nil {
		t.Fatal(err)
	}
	a.write(t, "content/sr/vesti/prva.md", editedA)
	for _, cmd := range []string{"save", "publish"} {
		if code := a.run(t, cmd); code != 1 || !strings.Contains(a.err.String(), "this folder is on no branch (git calls it a detached HEAD)") {
			t.Errorf("%s on a detached HEAD: exit %d\n%s", cmd, code, a.err.String())
		}
	}
	if headOf(t, a.dir) != head {
		t.Error("a commit was made")
	}
}

func TestPublishingADraftSaysItStaysHidden(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	a.write(t, "content/sr/vesti/nacrt.md", "---\ntitle: Нацрт\ndate: 2024-06-07\ndraft: true\n---\nЈош није готово.\n")
	a.mustRun(t, "publish")
	if !strings.Contains(a.err.String(), "„Нацрт” (content/sr/vesti/nacrt.md) is still a draft") {
		t.Errorf("no draft note:\n%s", a.err.String())
	}
}

// What must not reach the site is refused at save, with the file named, and
// nothing is committed or changed.
func TestBadFilesAreRefusedWithNothingWritten(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  string
	}{
		{"a symbolic link", func(t *testing.T, dir string) {
			if err := os.Symlink("prva.md", filepath.Join(dir, "content/sr/vesti/veza.md")); err != nil {
				t.Fatal(err)
			}
		}, "content/sr/vesti/veza.md:1:1: error: this is a link to another file"},
		{"a name with a space", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"content/sr/vesti/nova vest.md": "---\ntitle: Нова\ndate: 2024-06-07\n---\n"})
		}, "content/sr/vesti/nova vest.md:1:1: error: the name \"nova vest.md\""},
		{"a Cyrillic name", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"content/sr/vesti/вест.md": "---\ntitle: Нова\ndate: 2024-06-07\n---\n"})
		}, "rename it to \"vest.md\""},
		{"text that is not UTF-8", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"content/sr/vesti/prva.md": "---\ntitle: Prva\ndate: 2024-05-31\n---\nNi\x9a\n"})
		}, "content/sr/vesti/prva.md:5:3: error: the text here is not UTF-8"},
		{"a byte-order mark", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"content/sr/vesti/prva.md": "\uFEFF" + editedA})
		}, "content/sr/vesti/prva.md:1:1: error: the file starts with an invisible mark (a UTF-8 BOM)"},
		{"a 30 MB video", func(t *testing.T, dir string) {
			writeFiles(t, dir, map[string]string{"static/video/obuka.mp4": strings.Repeat("v", 30<<20)})
		}, "static/video/obuka.mp4:1:1: error: the file is 30.0 MB, more than the 10 MB allowed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bare := newRemote(t)
			a := newEditor(t, "Ana", bare)
			head := headOf(t, a.dir)
			c.setup(t, a.dir)
			for _, cmd := range []string{"save", "publish"} {
				if code := a.run(t, cmd); code != 1 || !strings.Contains(a.err.String(), c.want) {
					t.Errorf("centar %s: exit %d\n%s\nwant %q", cmd, code, a.err.String(), c.want)
				}
			}
			if headOf(t, a.dir) != head || headOf(t, bare) != head {
				t.Error("something was committed or sent")
			}
		})
	}
}

func TestRemovingALinkedPageIsRefused(t *testing.T) {
	bare := newRemote(t)
	testsite.Publish(t, bare, map[string]string{"content/sr/vesti/druga.md": "---\ntitle: Друга вест\ndate: 2024-06-01\n---\nВидети [прву вест](/vesti/prva/).\n"})
	a := newEditor(t, "Ana", bare)
	if err := os.Rename(filepath.Join(a.dir, "content/sr/vesti/prva.md"), filepath.Join(a.dir, "content/sr/vesti/prva-vest.md")); err != nil {
		t.Fatal(err)
	}
	before := headOf(t, bare)
	if code := a.run(t, "publish", "-m", "Преименовање"); code != 1 {
		t.Fatalf("exit %d\n%s", code, a.err.String())
	}
	for _, want := range []string{"content/sr/vesti/druga.md:5:8: error: the link /vesti/prva/ leads nowhere", "You deleted or renamed a page that other pages still link to"} {
		if !strings.Contains(a.err.String(), want) {
			t.Errorf("the refusal does not say %q:\n%s", want, a.err.String())
		}
	}
	if headOf(t, bare) != before {
		t.Error("the rename went out")
	}
}

// A review overtaken on the site — its page published anew by someone else,
// or its pull request merged with edits — is over: the editor takes the
// published page and may edit it again; the review's own version is kept.
func TestAnOvertakenReviewIsOver(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	b := newEditor(t, "Boris", bare)
	a.write(t, "content/sr/vesti/prva.md", editedA)
	a.mustRun(t, "publish", "--review", "-m", "Прва на преглед")
	b.write(t, "content/sr/vesti/prva.md", editedB)
	b.mustRun(t, "publish")
	a.mustRun(t, "sync")
	if !strings.Contains(a.err.String(), "The review on the branch sadrzaj/prva-na-pregled is over") {
		t.Errorf("sync does not say the review is over:\n%s", a.err.String())
	}
	testsite.Has(t, a.dir, map[string]string{"content/sr/vesti/prva.md": editedB})
	if got := keptFile(t, a.dir, "review", "content/sr/vesti/prva.md"); got != editedA {
		t.Errorf("the review's version is not kept: %q", got)
	}
	again := "---\ntitle: Прва вест\ndate: 2024-05-31\n---\nАна поново.\n"
	a.write(t, "content/sr/vesti/prva.md", again)
	a.mustRun(t, "publish")
	testsite.BranchHas(t, bare, map[string]string{"content/sr/vesti/prva.md": again})
}

// keptFile reads a file from the newest ref centar kept for why
// (refs/centar/kept/<time>-<why>-<commit>).
func keptFile(t *testing.T, dir, why, rel string) string {
	t.Helper()
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	refs, _ := r.References()
	var found *plumbing.Reference
	refs.ForEach(func(ref *plumbing.Reference) error {
		if name := ref.Name().String(); strings.HasPrefix(name, "refs/centar/kept/") && strings.Contains(name, "-"+why+"-") && (found == nil || name > found.Name().String()) {
			found = ref
		}
		return nil
	})
	if found == nil {
		t.Fatalf("%s keeps nothing for %s", dir, why)
	}
	return fileAt(t, r, found, rel)
}

// A second centar in the same folder waits for the first to finish.
func TestASecondCentarWaitsForTheFirst(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	held, err := durable.Acquire(context.Background(), filepath.Join(a.dir, ".git", "centar", "lock"))
	if err != nil {
		t.Fatal(err)
	}
	a.write(t, "content/sr/vesti/prva.md", editedA)
	done := make(chan ran, 1)
	go func() { done <- process(t, a.dir, nil, nil, "save", "-m", "Чека") }()
	select {
	case r := <-done:
		t.Fatalf("save ran while another held the folder (exit %d):\n%s", r.code, r.stderr)
	case <-time.After(700 * time.Millisecond):
	}
	held.Release()
	if r := <-done; r.code != 0 {
		t.Fatalf("save after the other finished: exit %d\n%s", r.code, r.stderr)
	}
	if got := branchFile(t, a.dir, "main", "content/sr/vesti/prva.md"); got != editedA {
		t.Errorf("saved %q", got)
	}
}

// Editors run centar inside the site's folder, without --source.
func TestCommandsWorkFromInsideTheFolder(t *testing.T) {
	bare := newRemote(t)
	a := newEditor(t, "Ana", bare)
	a.write(t, "content/sr/vesti/prva.md", editedA)
	self, _ := os.Executable()
	for _, args := range [][]string{{"save", "-m", "Изнутра"}, {"publish"}} {
		cmd := exec.Command(self, args...)
		cmd.Dir = a.dir
		cmd.Env = []string{"CENTAR_TEST_AS_CLI=1", "LANG=en_US.UTF-8", "HOME=" + homeDir(t), "PATH=" + os.Getenv("PATH")}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("centar %s in the folder: %v\n%s", args[0], err, out)
		}
	}
	testsite.BranchHas(t, bare, map[string]string{"content/sr/vesti/prva.md": editedA})
}
