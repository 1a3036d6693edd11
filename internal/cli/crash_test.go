package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"

	"centar/internal/testsite"
)

// Crash tests: a real centar process, on real repositories behind git's own
// http-backend, is killed with SIGKILL just before each step that changes
// the disk, in turn; then the editor runs the same command again. Whatever
// the step, the second run must succeed, and afterwards nothing anyone
// published or typed is lost, nothing is reverted, and git fsck finds the
// repositories whole.

const (
	borisNew   = "---\ntitle: Вест уредника Б\ndate: 2024-06-02\n---\nБорисова нова вест.\n"
	borisDruga = "---\ntitle: Друга вест\ndate: 2024-06-01\n---\nБорис је изменио другу вест.\n"
	anaTreca   = "---\ntitle: Трећа вест\ndate: 2024-06-03\n---\nАнина нова вест.\n"
)

// scene is the state every run of a crash test starts from: the server's
// repository (under the git server's root, as scene/sajt.git) and Ana's
// folder, cloned from it before Boris published.
type scene struct {
	srv        *gitServer
	root, ana  string
	prepareAna func(a *editor)
}

func newScene(t *testing.T, prepareAna func(a *editor)) *scene {
	t.Helper()
	needTool(t, "git", "git")
	root := t.TempDir()
	seed := newRemote(t)
	if err := os.CopyFS(filepath.Join(root, "scene", "sajt.git"), os.DirFS(seed)); err != nil {
		t.Fatal(err)
	}
	s := &scene{srv: newGitServer(t, root), root: root}
	url := s.srv.URL + "/scene/sajt.git"
	a := newEditor(t, "Ana", url)
	b := newEditor(t, "Boris", url)
	b.write(t, "content/sr/vesti/borisova.md", borisNew)
	b.write(t, "content/sr/vesti/druga.md", borisDruga)
	b.mustRun(t, "publish", "-m", "Борис објављује")
	prepareAna(a)
	s.ana = a.dir
	return s
}

// copy makes run i's own server repository and folder from the scene.
func (s *scene) copy(t *testing.T, i string) (dir, bare string) {
	t.Helper()
	bare = filepath.Join(s.root, i, "sajt.git")
	if err := os.CopyFS(bare, os.DirFS(filepath.Join(s.root, "scene", "sajt.git"))); err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "ana")
	if err := os.CopyFS(dir, os.DirFS(s.ana)); err != nil {
		t.Fatal(err)
	}
	r, err := git.PlainOpen(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg, _ := r.Config()
	cfg.Remotes["origin"].URLs = []string{s.srv.URL + "/" + i + "/sajt.git"}
	if err := r.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	return dir, bare
}

// crashEveryStep kills args at each of its steps in a copy of the scene,
// runs args again, and calls verify; it reports the steps tried.
func crashEveryStep(t *testing.T, s *scene, args []string, verify func(t *testing.T, dir, bare string)) {
	dry, _ := s.copy(t, "dry")
	points := crashPoints(t, dry, args...)
	eachKillPoint(t, "centar "+strings.Join(args, " "), dry, points, func(t *testing.T, i int, point string) {
		dir, bare := s.copy(t, fmt.Sprint(i+1))
		r := process(t, dir, []string{fmt.Sprintf("CENTAR_CRASH_AT=%d", i+1)}, nil, args...)
		if !r.killed {
			t.Fatalf("not killed at step %d (exit %d): the steps differ from the first run's\n%s", i+1, r.code, r.stderr)
		}
		again := process(t, dir, nil, nil, args...)
		if again.code != 0 {
			t.Fatalf("after a kill at %q, centar %s failed:\n%s", point, strings.Join(args, " "), again.stderr)
		}
		verify(t, dir, bare)
	})
}

// eachKillPoint runs test as a subtest at each of points, the steps a dry
// run in dry listed, and logs how many of each kind were safe.
func eachKillPoint(t *testing.T, what, dry string, points []string, test func(t *testing.T, i int, point string)) {
	kinds := map[string]int{}
	for i, point := range points {
		point = strings.ReplaceAll(point, dry+"/", "")
		ok := t.Run(fmt.Sprintf("%03d %s", i+1, point), func(t *testing.T) { test(t, i, point) })
		step, _, _ := strings.Cut(point, " ")
		if ok {
			kinds[step]++
		}
	}
	var steps []string
	for k, n := range kinds {
		steps = append(steps, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(steps)
	t.Logf("%s: %d kill points tried; safe by step: %s", what, len(points), strings.Join(steps, ", "))
}

// nothingPending fails unless centar status, in its own process, has nothing
// to save or publish.
func nothingPending(t *testing.T, dir string) {
	t.Helper()
	st := process(t, dir, nil, nil, "status")
	if st.code != 0 || !strings.Contains(st.stdout, "no changes") {
		t.Errorf("status after recovery (exit %d):\n%s%s", st.code, st.stdout, st.stderr)
	}
}

func TestPublishSurvivesAKillAtEveryStep(t *testing.T) {
	s := newScene(t, func(a *editor) {
		a.write(t, "content/sr/vesti/prva.md", editedA)
		a.write(t, "content/sr/vesti/treca.md", anaTreca)
	})
	crashEveryStep(t, s, []string{"publish", "-m", "Ана објављује"}, func(t *testing.T, dir, bare string) {
		all := map[string]string{
			"content/sr/vesti/prva.md":     editedA,
			"content/sr/vesti/treca.md":    anaTreca,
			"content/sr/vesti/borisova.md": borisNew,
			"content/sr/vesti/druga.md":    borisDruga,
		}
		testsite.BranchHas(t, bare, all)
		testsite.Has(t, dir, all)
		nothingPending(t, dir)
		gitFsck(t, dir)
		gitFsck(t, bare)
	})
}

func TestSaveSurvivesAKillAtEveryStep(t *testing.T) {
	s := newScene(t, func(a *editor) {
		a.write(t, "content/sr/vesti/prva.md", editedA)
		a.write(t, "content/sr/vesti/treca.md", anaTreca)
		if err := os.Remove(filepath.Join(a.dir, "content/sr/vesti/druga.md")); err != nil {
			t.Fatal(err)
		}
	})
	crashEveryStep(t, s, []string{"save", "-m", "Ана чува"}, func(t *testing.T, dir, bare string) {
		want := map[string]string{
			"content/sr/vesti/prva.md":  editedA,
			"content/sr/vesti/treca.md": anaTreca,
			"content/sr/vesti/druga.md": "",
		}
		testsite.Has(t, dir, want)
		for rel, body := range want {
			if body == "" {
				if branchHas(t, dir, "main", rel) {
					t.Errorf("the deletion of %s was not saved", rel)
				}
			} else if got := branchFile(t, dir, "main", rel); got != body {
				t.Errorf("saved %s is %q", rel, got)
			}
		}
		st := process(t, dir, nil, nil, "status")
		if strings.Contains(st.stdout, "not saved") || !strings.Contains(st.stdout, "saved") {
			t.Errorf("status after recovery:\n%s%s", st.stdout, st.stderr)
		}
		gitFsck(t, dir)
	})
}

func TestSyncSurvivesAKillAtEveryStep(t *testing.T) {
	s := newScene(t, func(a *editor) {
		a.write(t, "content/sr/vesti/prva.md", editedA)
		a.mustRun(t, "save", "-m", "Ана чува")
	})
	crashEveryStep(t, s, []string{"sync"}, func(t *testing.T, dir, bare string) {
		testsite.Has(t, dir, map[string]string{
			"content/sr/vesti/prva.md":     editedA,
			"content/sr/vesti/borisova.md": borisNew,
			"content/sr/vesti/druga.md":    borisDruga,
		})
		st := process(t, dir, nil, nil, "status")
		if strings.Contains(st.stdout, "deleted") || strings.Contains(st.stdout, "not saved") {
			t.Errorf("status after recovery calls the colleague's work the editor's:\n%s", st.stdout)
		}
		gitFsck(t, dir)
		// And publishing from there sends Ana's change, taking nothing back.
		if r := process(t, dir, nil, nil, "publish"); r.code != 0 {
			t.Fatalf("publish after recovery:\n%s", r.stderr)
		}
		testsite.BranchHas(t, bare, map[string]string{
			"content/sr/vesti/prva.md":     editedA,
			"content/sr/vesti/borisova.md": borisNew,
			"content/sr/vesti/druga.md":    borisDruga,
		})
	})
}
