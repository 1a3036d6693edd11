package main

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A production build reads each Serbian page from disk once: the check and
// the pipeline share the reading. strace watches the real process open its
// files.
func TestProductionBuildReadsEachPageOnce(t *testing.T) {
	strace := needStrace(t)
	dir := copySite(t)
	publishable(t, dir)
	// -ff writes a file per thread: no call is cut in two by another's.
	logs := t.TempDir()
	cmd := exec.Command(strace, "-ff", "-qq", "-e", "trace=openat,open", "-e", "status=successful", "-o", filepath.Join(logs, "trace"),
		os.Args[0], "build", "-s", dir, "--production", "--base-url", "https://primer.example/")
	cmd.Env = append(os.Environ(), "CENTAR_TEST_AS_CLI=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("centar build --production: %v\n%s", err, out)
	}
	opened := map[string]int{}
	openCall := regexp.MustCompile(`^open(?:at)?\([^"]*"([^"]+)"`)
	traces, _ := filepath.Glob(filepath.Join(logs, "trace.*"))
	for _, name := range traces {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if m := openCall.FindStringSubmatch(line); m != nil {
				opened[filepath.Clean(m[1])]++
			}
		}
	}
	pages := 0
	err := filepath.WalkDir(filepath.Join(dir, "content", "sr"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		pages++
		if n := opened[filepath.Clean(p)]; n != 1 {
			t.Errorf("%s was opened %d times", p, n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Fatalf("only %d pages under content/sr", pages)
	}
}

// needStrace fails, or skips loudly outside CI, when strace is not installed.
func needStrace(t *testing.T) string {
	t.Helper()
	strace, err := exec.LookPath("strace")
	if err == nil {
		return strace
	}
	notInstalled(t, "strace (Debian package strace)")
	return ""
}

// publishable fills, in a test copy only, the facts the real data still
// lacks (a hotline's source and date of verification, news dates) with
// stand-ins, so that a production build runs.
func publishable(t *testing.T, dir string) {
	t.Helper()
	replace := func(rel, old, new string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s no longer holds %q: update the test", rel, old)
		}
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(string(b), old, new)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replace("data/hotlines.yaml", "source: \"\"\n  verified: \"\"", "source: \"https://example.org/test-stand-in\"\n  verified: \"2026-01-01\"")
	replace("content/sr/vesti/obuka-lokalnih-timova-kragujevac.md", "\ndate:\n", "\ndate: 2026-01-01\n")
	replace("content/en/news/local-teams-training-kragujevac.md", "\ndate:\n", "\ndate: 2026-01-01\n")
}

// A build reads the generated tree from memory: what an earlier preview left
// in generated/ is neither read nor rewritten. The destination ends up
// holding this build's site alone, at its published addresses, with a
// deploy's checkout (a hidden folder) left in place.
func TestBuildIsMadeFromTheSourcesAlone(t *testing.T) {
	dir := copySite(t)
	write := func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("generated/content/sr-cyrl/vesti/stara.md", "---\ntitle: Стара вест\n---\n\nОбрисана у изворима.\n")
	write("public/vesti/uklonjena/index.html", "<main><h1>Уклоњена</h1></main>")
	write("public/.git/HEAD", "ref: refs/heads/main\n")
	if code, _, stderr := runCentar(t, "build", "-s", dir); code != 0 {
		t.Fatalf("centar build: exit %d\n%s", code, stderr)
	}
	exists := func(rel string) bool {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		return err == nil
	}
	for _, rel := range []string{"public/vesti/stara", "public/vesti/uklonjena", "public/sr-latn", "public/sr-cyrl"} {
		if exists(rel) {
			t.Errorf("%s is published", rel)
		}
	}
	for _, rel := range []string{"public/.git/HEAD", "public/lat/index.html", "public/vesti/index.html", "public/search/sr/meta.json", "public/_headers"} {
		if !exists(rel) {
			t.Errorf("%s is missing", rel)
		}
	}
	var generated []string
	filepath.WalkDir(filepath.Join(dir, "generated"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			generated = append(generated, p)
		}
		return nil
	})
	if len(generated) != 1 {
		t.Errorf("the build wrote into generated/: %q", generated)
	}
}

// A file the disk refuses fails the build, saying why in the editor's
// words, then naming the file and the disk's reason: Hugo does not look at
// what closing a file returns, and the build writes each page when Hugo
// closes it. strace fails the system calls on one file.
func TestBuildFailsWhenAFileCannotBeWritten(t *testing.T) {
	strace := needStrace(t)
	for _, c := range []struct {
		name, file, call, errno, says string
	}{
		{"a page, on a full disk", "o-centru/index.html", "write,pwrite64", "ENOSPC", "disk je pun: sajt nije mogao da se upiše"},
		{"a page, without permission", "o-centru/index.html", "openat", "EACCES", "nema dozvole za upis"},
		{"the search index, on a full disk", "search/sr/meta.json", "write,pwrite64", "ENOSPC", "disk je pun: sajt nije mogao da se upiše"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copySite(t)
			file := filepath.Join(dir, "public", filepath.FromSlash(c.file))
			cmd := exec.Command(strace, "-f", "-qq", "-o", "/dev/null", "-P", file, "-e", "trace="+c.call, "-e", "inject="+c.call+":error="+c.errno,
				os.Args[0], "build", "-s", dir)
			cmd.Env = append(os.Environ(), "CENTAR_TEST_AS_CLI=1")
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("centar build succeeded with %s unwritable:\n%s", c.file, out)
			}
			if !strings.Contains(string(out), c.says) || !strings.Contains(string(out), c.file) || strings.Contains(string(out), "Hugo") {
				t.Errorf("the failure does not say %q and name %s, or blames Hugo:\n%s", c.says, c.file, out)
			}
		})
	}
}

// A destination that is a file is said to be one, and one that cannot be
// made (a file stands where a folder on its way should) is said so, before
// anything is built.
func TestBuildIntoAFileSaysSo(t *testing.T) {
	dir := copySite(t)
	file := filepath.Join(t.TempDir(), "public")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for dest, says := range map[string]string{
		file:                        file + " je datoteka, a ne fascikla",
		filepath.Join(file, "sajt"): "fascikla " + filepath.Join(file, "sajt") + " ne može da se napravi",
	} {
		code, _, stderr := runCentar(t, "build", "-s", dir, "-d", dest)
		if code == 0 || !strings.Contains(stderr, says) || strings.Contains(stderr, "Hugo") {
			t.Errorf("-d %s: exit %d, want a failure saying %q:\n%s", dest, code, says, stderr)
		}
	}
}

// A build that Hugo refuses before writing anything (here, a configuration
// that does not read) leaves no empty folder where the site would be.
func TestBuildRefusedByHugoLeavesNoFolder(t *testing.T) {
	dir := copySite(t)
	config := filepath.Join(dir, "hugo.toml")
	b, err := os.ReadFile(config)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, config, strings.Replace(string(b), "[params]", "[params", 1))
	code, _, stderr := runCentar(t, "build", "-s", dir)
	if code == 0 || !strings.Contains(stderr, "hugo.toml") {
		t.Fatalf("want a failure naming hugo.toml, got %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a build refused before writing left public/ behind: %v", err)
	}
}
