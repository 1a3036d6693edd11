package durable

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// stopAt makes the next step named step panic, as a crash would stop the
// process there, and returns what was stopped.
func stopAt(t *testing.T, step string) {
	t.Helper()
	Hook = func(s, name string) {
		if s == step {
			panic("stopped at " + s + " " + name)
		}
	}
	t.Cleanup(func() { Hook = nil })
}

func crashes(fn func()) (crashed bool) {
	defer func() { crashed = recover() != nil }()
	fn()
	return false
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func setup(t *testing.T) (root string, d Dir) {
	root = t.TempDir()
	d = Dir{Tmp: filepath.Join(root, ".tmp")}
	if err := os.WriteFile(filepath.Join(root, "index"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	return root, d
}

func TestWriteFileLeavesOldOrNewContent(t *testing.T) {
	for _, step := range []string{"write", "sync", "rename"} {
		t.Run(step, func(t *testing.T) {
			root, d := setup(t)
			name := filepath.Join(root, "index")
			stopAt(t, step)
			if !crashes(func() { d.WriteFile(name, []byte("new"), 0o644) }) {
				t.Fatalf("no step %q", step)
			}
			if got := read(t, name); got != "old" {
				t.Errorf("after a crash at %s the file holds %q", step, got)
			}
			Hook = nil
			if err := d.Clean(); err != nil {
				t.Fatal(err)
			}
			if left, _ := os.ReadDir(d.Tmp); len(left) != 0 {
				t.Errorf("Clean left %d temporary files", len(left))
			}
			if err := d.WriteFile(name, []byte("new"), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := read(t, name); got != "new" {
				t.Errorf("the file holds %q", got)
			}
		})
	}
}

func TestFileOpenedForWritingAppearsOnlyWhenClosed(t *testing.T) {
	root, d := setup(t)
	fs := NewFS(root, d)
	f, err := fs.Create("index")
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("half"))
	if got := read(t, filepath.Join(root, "index")); got != "old" {
		t.Errorf("before Close the file holds %q", got)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(root, "index")); got != "half" {
		t.Errorf("after Close the file holds %q", got)
	}

	// A crash before the rename keeps the old file whole.
	f, _ = fs.Create("index")
	f.Write([]byte("lost"))
	stopAt(t, "rename")
	if !crashes(func() { f.Close() }) {
		t.Fatal("Close renamed nothing")
	}
	if got := read(t, filepath.Join(root, "index")); got != "half" {
		t.Errorf("after a crash the file holds %q", got)
	}
}

// git updates a ref by opening it for reading and writing, checking the old
// value, truncating and writing: the old value must stay until Close.
func TestFileChangedInPlaceIsReplacedWhole(t *testing.T) {
	root, d := setup(t)
	fs := NewFS(root, d)
	f, err := fs.OpenFile("index", os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Lock(); err != nil {
		t.Fatal(err)
	}
	old, _ := io.ReadAll(f)
	if string(old) != "old" {
		t.Errorf("read %q", old)
	}
	f.Truncate(0)
	f.Seek(0, io.SeekStart)
	f.Write([]byte("new ref"))
	if got := read(t, filepath.Join(root, "index")); got != "old" {
		t.Errorf("before Close the file holds %q", got)
	}
	f.Close()
	if got := read(t, filepath.Join(root, "index")); got != "new ref" {
		t.Errorf("after Close the file holds %q", got)
	}

	// Opened for writing but not changed: nothing is replaced.
	before, _ := os.Stat(filepath.Join(root, "index"))
	f, _ = fs.OpenFile("index", os.O_RDWR, 0)
	f.Close()
	after, _ := os.Stat(filepath.Join(root, "index"))
	if !os.SameFile(before, after) {
		t.Error("an unchanged file was replaced")
	}

	// Appending keeps the old content.
	f, _ = fs.OpenFile("index", os.O_WRONLY|os.O_APPEND, 0)
	f.Write([]byte("\nmore"))
	f.Close()
	if got := read(t, filepath.Join(root, "index")); got != "new ref\nmore" {
		t.Errorf("after appending the file holds %q", got)
	}
}

func TestTempFilesLiveInTheTemporaryFolder(t *testing.T) {
	root, d := setup(t)
	fs := NewFS(root, d)
	f, err := fs.TempFile("objects/pack", "tmp_pack_")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(f.Name()) != d.Tmp {
		t.Errorf("temporary file at %s", f.Name())
	}
	f.Write([]byte("pack"))
	f.Close()
	r, err := fs.Open(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	if err := fs.Rename(f.Name(), "objects/pack/pack-1.pack"); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(root, "objects/pack/pack-1.pack")); got != "pack" {
		t.Errorf("renamed file holds %q", got)
	}
	if _, err := fs.OpenFile("index", os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666); !errors.Is(err, os.ErrExist) {
		t.Errorf("O_EXCL on an existing file: %v", err)
	}
	if _, err := fs.OpenFile("missing", os.O_RDWR, 0); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("opening a missing file without O_CREATE: %v", err)
	}
}

func TestLockExcludesASecondHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "centar.lock")
	first, err := Acquire(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := Acquire(ctx, path); !errors.Is(err, ErrLocked) {
		t.Fatalf("a second holder got %v", err)
	}
	first.Release()
	second, err := Acquire(context.Background(), path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	second.Release()
}
