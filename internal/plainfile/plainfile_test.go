package plainfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Read gives what os.ReadFile gives, whatever the file's size against the
// first read's: empty, smaller, exactly as large, larger.
func TestReadAsOSReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4095, 4096, 4097, 1 << 20} {
		name := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("ж"), n)[:n]
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Read(name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: Read = %d bytes, %v; want them all", n, len(got), err)
		}
	}
}

// A file that says it is empty until read (as Linux's /proc files do) is
// read whole: the buffer grows past the first read's.
func TestReadGrowsPastTheSizeGiven(t *testing.T) {
	const name = "/proc/self/maps"
	want, err := os.ReadFile(name)
	if err != nil {
		t.Skipf("no %s here: %v", name, err)
	}
	got, err := Read(name)
	if err != nil {
		t.Fatal(err)
	}
	// The maps of the process change as it reads them; their first line does not.
	first := func(b []byte) string { line, _, _ := strings.Cut(string(b), "\n"); return line }
	if len(got) <= 512 || first(got) != first(want) {
		t.Errorf("Read(%s) = %d bytes starting %q; want more than 512, starting %q", name, len(got), first(got), first(want))
	}
}

func TestReadMissing(t *testing.T) {
	name := filepath.Join(t.TempDir(), "missing")
	_, err := Read(name)
	var perr *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &perr) || perr.Path != name {
		t.Errorf("Read(missing) = %v; want a PathError naming %s that is ErrNotExist", err, name)
	}
}

// Write makes a file, and empties one that holds more before writing.
func TestWrite(t *testing.T) {
	name := filepath.Join(t.TempDir(), "f.json")
	if err := Write(name, []byte("a longer first version"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(name, []byte("short"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(name)
	if err != nil || string(got) != "short" {
		t.Errorf("after two writes the file holds %q, %v; want %q", got, err, "short")
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the file's mode is %v, %v; want the first write's 0600 kept, as os.WriteFile keeps it", fi.Mode(), err)
	}
}

func TestWriteIntoMissingFolder(t *testing.T) {
	name := filepath.Join(t.TempDir(), "no", "f")
	err := Write(name, []byte("x"), 0o644)
	var perr *fs.PathError
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &perr) || perr.Path != name {
		t.Errorf("Write into a missing folder = %v; want a PathError naming %s that is ErrNotExist", err, name)
	}
}

// BenchmarkWriteRead writes and reads back small files, as a build writes
// pages and the search index, beside os.WriteFile and os.ReadFile doing
// the same in the same run. TMPDIR=/dev/shm leaves the disk out.
func BenchmarkWriteRead(b *testing.B) {
	data := bytes.Repeat([]byte("страница "), 300)
	dir := b.TempDir()
	for _, way := range []struct {
		name  string
		write func(string, []byte, os.FileMode) error
		read  func(string) ([]byte, error)
	}{{"plainfile", Write, Read}, {"os-baseline", os.WriteFile, os.ReadFile}} {
		b.Run(way.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				name := filepath.Join(dir, way.name+"-"+string(rune('a'+i%26)))
				i++
				if err := way.write(name, data, 0o644); err != nil {
					b.Fatal(err)
				}
				if _, err := way.read(name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
