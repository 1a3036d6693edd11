package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"centar/internal/testsite"
)

// These tests watch centar's system calls with strace: the crash tests kill
// it at the steps it names; these make sure no other write goes around them.

// openForWriting matches an openat that can change a file, with its path.
var openForWriting = regexp.MustCompile(`openat\(AT_FDCWD, "([^"]+)", ([A-Z_|]+)`)

// Every file centar changes in the editor's folder or in .git is written
// whole to a temporary file and renamed into place: no file is ever opened
// for writing where it is, so none can be left half-written.
func TestNoFileIsChangedInPlace(t *testing.T) {
	strace := needTool(t, "strace", "strace")
	s := newScene(t, func(a *editor) {
		a.write(t, "content/sr/vesti/prva.md", editedA)
		a.write(t, "content/sr/vesti/treca.md", anaTreca)
	})
	for _, args := range [][]string{{"publish", "-m", "Ана"}, {"save", "-m", "Ана"}, {"sync"}} {
		dir, _ := s.copy(t, args[0])
		if args[0] == "sync" {
			if r := process(t, dir, nil, nil, "save"); r.code != 0 {
				t.Fatal(r.stderr)
			}
		}
		log := filepath.Join(t.TempDir(), "strace")
		r := process(t, dir, nil, []string{strace, "-f", "-qq", "-o", log, "-e", "trace=openat,truncate,ftruncate"}, args...)
		if r.code != 0 {
			t.Fatalf("centar %s under strace: exit %d\n%s", args[0], r.code, r.stderr)
		}
		data, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		allowed := []string{filepath.Join(dir, ".git", "centar", "tmp") + "/", filepath.Join(dir, ".git", "centar", "lock")}
		writes := 0
		for _, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "truncate(") && strings.Contains(line, dir) {
				t.Errorf("centar %s truncates a file in place: %s", args[0], line)
			}
			m := openForWriting.FindStringSubmatch(line)
			if m == nil || !strings.HasPrefix(m[1], dir+"/") || !regexp.MustCompile(`O_WRONLY|O_RDWR|O_CREAT|O_TRUNC`).MatchString(m[2]) {
				continue
			}
			writes++
			ok := false
			for _, a := range allowed {
				ok = ok || strings.HasPrefix(m[1], a) || m[1] == a
			}
			if !ok {
				t.Errorf("centar %s opens %s for writing in place (%s)", args[0], strings.TrimPrefix(m[1], dir+"/"), m[2])
			}
		}
		if writes < 5 {
			t.Errorf("centar %s: only %d files opened for writing; is strace watching?", args[0], writes)
		}
	}
}

// The first way the workflow lost work: killed while sync brings a
// colleague's new page into the folder, centar used to leave the branch
// moved and the page missing, so the next publish pushed its deletion. Here
// strace kills publish at the first rename or open of that page's path.
func TestKilledWhileTakingAColleaguesPageThePageSurvives(t *testing.T) {
	strace := needTool(t, "strace", "strace")
	s := newScene(t, func(a *editor) { a.write(t, "content/sr/vesti/prva.md", editedA) })
	dir, bare := s.copy(t, "kill")
	page := filepath.Join(dir, "content/sr/vesti/borisova.md")
	r := process(t, dir, nil, []string{strace, "-f", "-qq", "-P", page, "-e", "trace=openat,rename,renameat,renameat2,unlink,unlinkat",
		"-e", "inject=openat,rename,renameat,renameat2,unlink,unlinkat:signal=KILL:when=1"}, "publish", "-m", "Ана")
	if !r.killed {
		t.Fatalf("strace did not kill publish (exit %d):\n%s", r.code, r.stderr)
	}
	st := process(t, dir, nil, nil, "status")
	if strings.Contains(st.stdout, "deleted") {
		t.Errorf("after the kill, status calls the colleague's page deleted:\n%s", st.stdout)
	}
	if again := process(t, dir, nil, nil, "publish", "-m", "Ана"); again.code != 0 {
		t.Fatalf("publish after the kill:\n%s", again.stderr)
	}
	testsite.BranchHas(t, bare, map[string]string{"content/sr/vesti/borisova.md": borisNew, "content/sr/vesti/prva.md": editedA})
	testsite.Has(t, dir, map[string]string{"content/sr/vesti/borisova.md": borisNew})
	gitFsck(t, dir)
}
