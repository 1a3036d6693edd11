// Package treefs is a file system with one folder held in memory, read
// only, over the files of a Source, and every other path on another file
// system (the disk). A build reads its generated sources from it without
// copying them into a file system of their own, and may begin reading
// while they are still being made.
//
// It imports none of the project's packages.
package treefs

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/afero"
)

// Source is what a tree holds: the paths of its files, by slash paths
// within its folder, known at once, and each file's contents, which
// Contents may wait for while they are made. Contents is called from many
// goroutines at once, and its bytes are not changed.
type Source interface {
	Paths() []string
	Contents(rel string) ([]byte, error)
}

// Sizer is a Source that tells a file's size without reading it.
type Sizer interface {
	Size(rel string) (int64, error)
}

// Map is a Source whose files are all at hand.
type Map map[string][]byte

func (m Map) Paths() []string                     { return slices.Collect(maps.Keys(m)) }
func (m Map) Contents(rel string) ([]byte, error) { return m[rel], nil }

// FS is the disk with one folder in memory. Nothing of that folder on the
// disk shows: a tree left there by an earlier run is not mixed in.
type FS struct {
	afero.Fs        // everything outside dir
	dir      string // absolute and clean

	files    map[string]*entry        // by slash path within dir
	folders  map[string][]fs.FileInfo // each folder's listing, sorted by name; "." is dir
	modified time.Time                // of every file and folder in the tree
}

// entry is a file of the tree, whose contents are asked of the source
// when first read or sized.
type entry struct {
	rel  string
	from Source
}

func (e *entry) contents() ([]byte, error) { return e.from.Contents(e.rel) }

func (e *entry) size() int64 {
	if s, ok := e.from.(Sizer); ok {
		n, _ := s.Size(e.rel)
		return n
	}
	data, _ := e.contents()
	return int64(len(data))
}

// Over is disk with dir holding the files of src. The source is read, not
// copied: its paths and contents must not change while the file system is
// in use.
func Over(disk afero.Fs, dir string, src Source) (*FS, error) {
	t := &FS{
		Fs: disk, dir: filepath.Clean(dir), files: map[string]*entry{},
		folders: map[string][]fs.FileInfo{}, modified: time.Now(),
	}
	t.addFolder(".")
	for _, rel := range src.Paths() {
		if rel == "." || !fs.ValidPath(rel) {
			return nil, fmt.Errorf("%q is not a file's path within %s", rel, dir)
		}
		if _, twice := t.files[rel]; twice {
			return nil, fmt.Errorf("%s is given twice in %s", rel, dir)
		}
		e := &entry{rel: rel, from: src}
		t.files[rel] = e
		up := path.Dir(rel)
		t.addFolder(up)
		t.folders[up] = append(t.folders[up], info{name: path.Base(rel), mode: 0o644, modified: t.modified, file: e})
	}
	for rel := range t.files {
		if _, clash := t.folders[rel]; clash {
			return nil, fmt.Errorf("%s in %s is both a file and a folder", rel, dir)
		}
	}
	for _, listing := range t.folders {
		slices.SortFunc(listing, func(a, b fs.FileInfo) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return t, nil
}

// addFolder lists rel, and every folder above it, in the folder above.
func (t *FS) addFolder(rel string) {
	if _, ok := t.folders[rel]; ok {
		return
	}
	t.folders[rel] = nil
	if rel == "." {
		return
	}
	up := path.Dir(rel)
	t.addFolder(up)
	t.folders[up] = append(t.folders[up], t.folderInfo(path.Base(rel)))
}

func (t *FS) folderInfo(name string) info {
	return info{name: name, mode: fs.ModeDir | 0o755, modified: t.modified}
}

// within is name's slash path in the tree, and whether it is in the tree.
func (t *FS) within(name string) (string, bool) {
	name = filepath.Clean(name)
	if name == t.dir {
		return ".", true
	}
	rel, ok := strings.CutPrefix(name, t.dir+string(filepath.Separator))
	return filepath.ToSlash(rel), ok
}

// stat is the details of rel, a slash path in the tree.
func (t *FS) stat(op, name, rel string) (info, error) {
	if e, ok := t.files[rel]; ok {
		return info{name: path.Base(rel), mode: 0o644, modified: t.modified, file: e}, nil
	}
	if _, ok := t.folders[rel]; ok {
		if rel == "." {
			return t.folderInfo(filepath.Base(t.dir)), nil
		}
		return t.folderInfo(path.Base(rel)), nil
	}
	return info{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
}

// readOnly is the error of every change asked of the tree.
func readOnly(op, name string) error {
	return &fs.PathError{Op: op, Path: name, Err: syscall.EROFS}
}

func (t *FS) Name() string { return "treefs" }

func (t *FS) Open(name string) (afero.File, error) { return t.OpenFile(name, os.O_RDONLY, 0) }

func (t *FS) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	rel, in := t.within(name)
	if !in {
		return t.Fs.OpenFile(name, flag, perm)
	}
	if flag&(os.O_WRONLY|os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND) != 0 {
		return nil, readOnly("open", name)
	}
	fi, err := t.stat("open", name, rel)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return &file{name: name, info: fi, listing: t.folders[rel]}, nil
	}
	data, err := fi.file.contents()
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &file{name: name, info: fi, data: bytes.NewReader(data)}, nil
}

func (t *FS) Stat(name string) (os.FileInfo, error) {
	rel, in := t.within(name)
	if !in {
		return t.Fs.Stat(name)
	}
	return t.stat("stat", name, rel)
}

// LstatIfPossible is afero.Lstater's: Hugo reads symbolic links on the
// disk as such. The tree has none.
func (t *FS) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	if _, in := t.within(name); !in {
		if l, ok := t.Fs.(afero.Lstater); ok {
			return l.LstatIfPossible(name)
		}
	}
	fi, err := t.Stat(name)
	return fi, false, err
}

func (t *FS) Create(name string) (afero.File, error) {
	return t.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

func (t *FS) Mkdir(name string, perm os.FileMode) error {
	if _, in := t.within(name); in {
		return readOnly("mkdir", name)
	}
	return t.Fs.Mkdir(name, perm)
}

// MkdirAll asks nothing of the tree when the folder is in it already, as
// os.MkdirAll.
func (t *FS) MkdirAll(name string, perm os.FileMode) error {
	rel, in := t.within(name)
	if !in {
		return t.Fs.MkdirAll(name, perm)
	}
	if _, ok := t.folders[rel]; ok {
		return nil
	}
	return readOnly("mkdir", name)
}

func (t *FS) Remove(name string) error {
	if _, in := t.within(name); in {
		return readOnly("remove", name)
	}
	return t.Fs.Remove(name)
}

func (t *FS) RemoveAll(name string) error {
	if _, in := t.within(name); in {
		return readOnly("removeall", name)
	}
	return t.Fs.RemoveAll(name)
}

func (t *FS) Rename(from, to string) error {
	_, fromIn := t.within(from)
	_, toIn := t.within(to)
	if fromIn || toIn {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: syscall.EROFS}
	}
	return t.Fs.Rename(from, to)
}

func (t *FS) Chmod(name string, mode os.FileMode) error {
	if _, in := t.within(name); in {
		return readOnly("chmod", name)
	}
	return t.Fs.Chmod(name, mode)
}

func (t *FS) Chown(name string, uid, gid int) error {
	if _, in := t.within(name); in {
		return readOnly("chown", name)
	}
	return t.Fs.Chown(name, uid, gid)
}

func (t *FS) Chtimes(name string, atime, mtime time.Time) error {
	if _, in := t.within(name); in {
		return readOnly("chtimes", name)
	}
	return t.Fs.Chtimes(name, atime, mtime)
}

// file is a file or a folder of the tree, open for reading.
type file struct {
	name    string
	info    info
	data    *bytes.Reader // a file's
	listing []fs.FileInfo // a folder's, what is left to read of it
}

func (f *file) Name() string               { return f.name }
func (f *file) Stat() (os.FileInfo, error) { return f.info, nil }
func (f *file) Close() error               { return nil }
func (f *file) Sync() error                { return nil }

func (f *file) fail(op string, err error) error { return &fs.PathError{Op: op, Path: f.name, Err: err} }

func (f *file) Read(b []byte) (int, error) {
	if f.data == nil {
		return 0, f.fail("read", syscall.EISDIR)
	}
	return f.data.Read(b)
}

func (f *file) ReadAt(b []byte, off int64) (int, error) {
	if f.data == nil {
		return 0, f.fail("read", syscall.EISDIR)
	}
	return f.data.ReadAt(b, off)
}

func (f *file) Seek(offset int64, whence int) (int64, error) {
	if f.data == nil {
		return 0, f.fail("seek", syscall.EISDIR)
	}
	return f.data.Seek(offset, whence)
}

// Readdir is os.File's: n > 0 lists at most n entries, and io.EOF when none
// are left; otherwise what is left, all at once. The listing returned is the
// caller's to change.
func (f *file) Readdir(n int) ([]os.FileInfo, error) {
	if f.data != nil {
		return nil, f.fail("readdir", syscall.ENOTDIR)
	}
	if n > 0 && len(f.listing) == 0 {
		return nil, io.EOF
	}
	if n <= 0 || n > len(f.listing) {
		n = len(f.listing)
	}
	got := slices.Clone(f.listing[:n])
	f.listing = f.listing[n:]
	return got, nil
}

// ReadDir is fs.ReadDirFile's, which Hugo reads folders with.
func (f *file) ReadDir(n int) ([]fs.DirEntry, error) {
	infos, err := f.Readdir(n)
	entries := make([]fs.DirEntry, len(infos))
	for i, fi := range infos {
		entries[i] = fs.FileInfoToDirEntry(fi)
	}
	return entries, err
}

func (f *file) Readdirnames(n int) ([]string, error) {
	infos, err := f.Readdir(n)
	names := make([]string, len(infos))
	for i, fi := range infos {
		names[i] = fi.Name()
	}
	return names, err
}

func (f *file) Write([]byte) (int, error)          { return 0, f.fail("write", syscall.EROFS) }
func (f *file) WriteAt([]byte, int64) (int, error) { return 0, f.fail("write", syscall.EROFS) }
func (f *file) WriteString(string) (int, error)    { return 0, f.fail("write", syscall.EROFS) }
func (f *file) Truncate(int64) error               { return f.fail("truncate", syscall.EROFS) }

// FileInfo is the details of a file or a folder held in memory.
func FileInfo(name string, size int64, mode fs.FileMode, modified time.Time) fs.FileInfo {
	return info{name: name, size: size, mode: mode, modified: modified}
}

// info is a file's or a folder's details: plain values, which Hugo, merging
// the listings of the folders its languages share, compares many times.
// A file of the tree is sized when asked, as its contents may still be in
// the making when it is listed.
type info struct {
	name     string
	size     int64
	mode     fs.FileMode
	modified time.Time
	file     *entry // a tree's file, whose size is its contents'
}

func (i info) Name() string { return i.name }

// Size is a tree's file's size once its contents are made; 0 if they
// cannot be, which opening it says.
func (i info) Size() int64 {
	if i.file == nil {
		return i.size
	}
	return i.file.size()
}

func (i info) Mode() fs.FileMode  { return i.mode }
func (i info) ModTime() time.Time { return i.modified }
func (i info) IsDir() bool        { return i.mode.IsDir() }
func (i info) Sys() any           { return nil }

var _ afero.Lstater = (*FS)(nil)
