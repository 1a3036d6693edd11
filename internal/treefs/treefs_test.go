package treefs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/spf13/afero"
)

var sources = map[string][]byte{
	"hugo.toml":                []byte("title = 'Центар'\n"),
	"content/_index.md":        []byte("---\ntitle: Почетна\n---\n"),
	"content/vesti/prva.md":    []byte("Прва вест.\n"),
	"content/vesti/druga.md":   []byte("Друга вест.\n"),
	"content/vesti/deep/a.md":  nil,
	"content/pomoc/_index.md":  []byte("Помоћ.\n"),
	"data/hotline/numbers.txt": []byte("0800\n"),
}

// over is the tree of sources over a temporary folder on the disk, with
// old files left on the disk inside the tree's folder and beside it.
func over(t *testing.T) (*FS, string) {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "gen")
	for name, data := range map[string]string{
		"gen/content/stale.md": "left by an earlier run",
		"gen/hugo.toml":        "old",
		"beside.txt":           "on the disk",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tree, err := Over(afero.NewOsFs(), dir, Map(sources))
	if err != nil {
		t.Fatal(err)
	}
	return tree, root
}

// The tree passes the standard library's checks of a file system: every
// file reads, seeks and stats as listed, every folder lists what it holds.
func TestTreeIsAFileSystem(t *testing.T) {
	tree, root := over(t)
	var names []string
	for name := range sources {
		names = append(names, name)
	}
	if err := fstest.TestFS(afero.NewIOFS(afero.NewBasePathFs(tree, filepath.Join(root, "gen"))), names...); err != nil {
		t.Fatal(err)
	}
}

func TestTreeHidesTheDiskWithinItsFolderOnly(t *testing.T) {
	tree, root := over(t)
	gen := filepath.Join(root, "gen")

	got, err := afero.ReadFile(tree, filepath.Join(gen, "hugo.toml"))
	if err != nil || string(got) != string(sources["hugo.toml"]) {
		t.Errorf("hugo.toml in the tree reads %q, %v; want the tree's, not the disk's", got, err)
	}
	if _, err := tree.Stat(filepath.Join(gen, "content", "stale.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file on the disk in the tree's folder shows: %v", err)
	}
	listing, err := afero.ReadDir(tree, filepath.Join(gen, "content"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, fi := range listing {
		listed = append(listed, fi.Name())
	}
	if want := "_index.md pomoc vesti"; strings.Join(listed, " ") != want {
		t.Errorf("content lists %q, want %q", listed, want)
	}
	if got, err := afero.ReadFile(tree, filepath.Join(root, "beside.txt")); err != nil || string(got) != "on the disk" {
		t.Errorf("a file beside the tree reads %q, %v; want the disk's", got, err)
	}
	if fi, err := tree.Stat(filepath.Join(gen, "content", "vesti", "deep", "a.md")); err != nil || fi.Size() != 0 || fi.IsDir() {
		t.Errorf("an empty file is %v, %v", fi, err)
	}
}

func TestTreeRefusesChangesAndTheDiskTakesThem(t *testing.T) {
	tree, root := over(t)
	gen := filepath.Join(root, "gen")
	page := filepath.Join(gen, "content", "_index.md")
	changes := map[string]func() error{
		"create":      func() error { _, err := tree.Create(filepath.Join(gen, "new.md")); return err },
		"open to add": func() error { _, err := tree.OpenFile(page, os.O_WRONLY|os.O_APPEND, 0); return err },
		"mkdir":       func() error { return tree.Mkdir(filepath.Join(gen, "new"), 0o755) },
		"mkdir all":   func() error { return tree.MkdirAll(filepath.Join(gen, "new", "deeper"), 0o755) },
		"remove":      func() error { return tree.Remove(page) },
		"remove all":  func() error { return tree.RemoveAll(gen) },
		"rename out":  func() error { return tree.Rename(page, filepath.Join(root, "out.md")) },
		"rename in":   func() error { return tree.Rename(filepath.Join(root, "beside.txt"), page) },
		"chmod":       func() error { return tree.Chmod(page, 0o600) },
		"write":       func() error { f, _ := tree.Open(page); _, err := f.Write([]byte("x")); return err },
	}
	for name, change := range changes {
		if err := change(); !errors.Is(err, syscall.EROFS) {
			t.Errorf("%s in the tree: %v, want a read-only file system's error", name, err)
		}
	}
	if err := tree.MkdirAll(filepath.Join(gen, "content", "vesti"), 0o755); err != nil {
		t.Errorf("making a folder the tree has: %v", err)
	}
	if got, err := afero.ReadFile(tree, page); err != nil || string(got) != string(sources["content/_index.md"]) {
		t.Errorf("after the refusals the page reads %q, %v", got, err)
	}

	out := filepath.Join(root, "public", "index.html")
	if err := tree.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := afero.WriteFile(tree, out, []byte("<p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(out); err != nil || string(got) != "<p>" {
		t.Errorf("a file written beside the tree is on the disk as %q, %v", got, err)
	}
}

func TestFolderListsInParts(t *testing.T) {
	tree, root := over(t)
	f, err := tree.Open(filepath.Join(root, "gen", "content", "vesti"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		part, err := f.Readdirnames(2)
		if err == io.EOF {
			break
		}
		if err != nil || len(part) == 0 || len(part) > 2 {
			t.Fatalf("a part of the listing: %q, %v", part, err)
		}
		got = append(got, part...)
	}
	if want := "deep druga.md prva.md"; strings.Join(got, " ") != want {
		t.Errorf("listed %q in parts, want %q", got, want)
	}
	if rest, err := f.Readdir(0); err != nil || len(rest) != 0 {
		t.Errorf("after the end, the rest is %v, %v", rest, err)
	}
	if _, err := f.Read(make([]byte, 1)); !errors.Is(err, syscall.EISDIR) {
		t.Errorf("reading a folder: %v", err)
	}
}

func TestListingsAreTheCallersToChange(t *testing.T) {
	tree, root := over(t)
	content := filepath.Join(root, "gen", "content")
	first, err := afero.ReadDir(tree, content)
	if err != nil {
		t.Fatal(err)
	}
	first[0] = first[len(first)-1]
	again, err := afero.ReadDir(tree, content)
	if err != nil {
		t.Fatal(err)
	}
	if again[0].Name() != "_index.md" {
		t.Errorf("a caller's change to a listing shows in the next: %s first", again[0].Name())
	}
}

func TestBadPathsAreRefused(t *testing.T) {
	for _, files := range []map[string][]byte{
		{"../escape.md": nil},
		{"/abs.md": nil},
		{"content//double.md": nil},
		{".": nil},
		{"content/a": nil, "content/a/b.md": nil},
	} {
		if _, err := Over(afero.NewMemMapFs(), "/site/gen", Map(files)); err == nil {
			t.Errorf("a tree of %q was made", files)
		}
	}
}

func TestAPathGivenTwiceIsRefused(t *testing.T) {
	src := &making{paths: []string{"content/a.md", "content/a.md"}}
	if _, err := Over(afero.NewMemMapFs(), "/site/gen", src); err == nil || !strings.Contains(err.Error(), "content/a.md") {
		t.Errorf("a tree with a path given twice: %v", err)
	}
}

// making is a source whose files are listed at once and made later: each
// file's contents wait until it is released, or fail with its error.
type making struct {
	paths    []string
	released chan struct{}
	data     map[string][]byte
	failed   map[string]error
}

func (m *making) Paths() []string { return m.paths }

func (m *making) Contents(rel string) ([]byte, error) {
	<-m.released
	return m.data[rel], m.failed[rel]
}

// A tree lists its files before their contents are made; reading or sizing
// a file waits for them, and a file that cannot be made says so when
// opened, naming it.
func TestFilesAreListedBeforeTheyAreMade(t *testing.T) {
	broken := errors.New("its source has a problem")
	src := &making{
		paths:    []string{"content/a.md", "content/b.md"},
		released: make(chan struct{}),
		data:     map[string][]byte{"content/a.md": []byte("made")},
		failed:   map[string]error{"content/b.md": broken},
	}
	tree, err := Over(afero.NewMemMapFs(), "/site/gen", src)
	if err != nil {
		t.Fatal(err)
	}
	listed, err := afero.ReadDir(tree, "/site/gen/content")
	if err != nil || len(listed) != 2 || listed[0].Name() != "a.md" {
		t.Fatalf("listed before the files were made: %v, %v", listed, err)
	}
	read := make(chan string)
	go func() {
		b, err := afero.ReadFile(tree, "/site/gen/content/a.md")
		if err != nil {
			read <- err.Error()
		}
		read <- string(b)
	}()
	select {
	case got := <-read:
		t.Fatalf("read %q before it was made", got)
	case <-time.After(20 * time.Millisecond):
	}
	close(src.released)
	if got := <-read; got != "made" {
		t.Errorf("read %q once made", got)
	}
	if size := listed[0].Size(); size != 4 {
		t.Errorf("the listing sizes a.md at %d once made, want 4", size)
	}
	_, err = tree.Open("/site/gen/content/b.md")
	if !errors.Is(err, broken) || !strings.Contains(err.Error(), "/site/gen/content/b.md") {
		t.Errorf("opening a file that could not be made: %v", err)
	}
}
