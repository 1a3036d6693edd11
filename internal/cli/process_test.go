package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"centar/internal/durable"

	"centar/internal/testsite"
)

// The test binary doubles as centar: run with CENTAR_TEST_AS_CLI=1 it is the
// command line, in a process of its own that a test can kill. Run so, it
// also obeys CENTAR_CRASH_AT=N, killing itself (SIGKILL, as a closed laptop
// or the OOM killer would) just before its Nth step that changes the disk,
// and CENTAR_CRASH_LOG=FILE, where it lists those steps.
func TestMain(m *testing.M) {
	if os.Getenv("CENTAR_TEST_AS_CLI") == "1" {
		crashHook()
		os.Exit(Main(StdFactory(nil, "test"), os.Args[1:]))
	}
	os.Exit(m.Run())
}

func crashHook() {
	at, _ := strconv.Atoi(os.Getenv("CENTAR_CRASH_AT"))
	logPath := os.Getenv("CENTAR_CRASH_LOG")
	if at == 0 && logPath == "" {
		return
	}
	var log *os.File
	if logPath != "" {
		var err error
		if log, err = os.OpenFile(logPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644); err != nil {
			panic(err)
		}
	}
	var n atomic.Int64
	durable.Hook = func(step, name string) {
		i := n.Add(1)
		if log != nil {
			fmt.Fprintf(log, "%s %s\n", step, name)
		}
		if int(i) == at {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
}

func needTool(t testing.TB, name, pkg string) string { return testsite.NeedTool(t, name, pkg) }

// A ran is one centar process and how it ended.
type ran struct {
	code           int
	killed         bool
	stdout, stderr string
}

// process runs centar in its own process in dir, in English, with a home of
// its own and extra environment variables; wrap, if given, is a command
// line (strace …) the process runs under.
func process(t testing.TB, dir string, env []string, wrap []string, args ...string) ran {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	argv := append(append(append([]string{}, wrap...), self), append(args, "--source", dir)...)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append([]string{"CENTAR_TEST_AS_CLI=1", "LANG=en_US.UTF-8", "HOME=" + homeDir(t), "PATH=" + os.Getenv("PATH")}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	r := ran{stdout: out.String(), stderr: errb.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			r.killed = true
		}
		// strace reports the traced process's death by its own exit code.
		if strings.Contains(r.stderr, "+++ killed by SIGKILL +++") {
			r.killed = true
		}
	default:
		t.Fatal(err)
	}
	return r
}

var home string

// homeDir is an empty home for the processes, so the machine's own git
// configuration plays no part.
func homeDir(t testing.TB) string {
	if home == "" {
		var err error
		if home, err = os.MkdirTemp("", "centar-home-"); err != nil {
			t.Fatal(err)
		}
	}
	return home
}

// crashPoints lists the steps that change the disk in a run of args.
func crashPoints(t testing.TB, dir string, args ...string) []string {
	t.Helper()
	log := filepath.Join(t.TempDir(), "points")
	r := process(t, dir, []string{"CENTAR_CRASH_LOG=" + log}, nil, args...)
	if r.code != 0 {
		t.Fatalf("centar %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	data, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

// gitFsck runs git's own consistency check on the repository at dir.
func gitFsck(t testing.TB, dir string) {
	t.Helper()
	cmd := exec.Command(needTool(t, "git", "git"), "-C", dir, "fsck", "--full", "--no-dangling", "--no-progress")
	cmd.Env = append(os.Environ(), "HOME="+homeDir(t))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("git fsck in %s: %v\n%s", dir, err, out)
	}
}
