package hugo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"
)

// treeFs is a file system with one folder held in memory and every other
// path on another file system (the disk). Nothing of the folder on the disk
// shows: a tree left there by an earlier run is not mixed in.
type treeFs struct {
	afero.Fs        // everything outside dir
	dir      string // absolute and clean
	tree     afero.Fs
}

// withTree is disk with dir holding files (by slash paths within dir), in
// memory.
func withTree(disk afero.Fs, dir string, files map[string][]byte) (afero.Fs, error) {
	tree := afero.NewMemMapFs()
	if err := tree.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := tree.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := afero.WriteFile(tree, p, data, 0o644); err != nil {
			return nil, err
		}
	}
	return &treeFs{Fs: disk, dir: filepath.Clean(dir), tree: tree}, nil
}

// on is the file system that holds name.
func (t *treeFs) on(name string) afero.Fs {
	name = filepath.Clean(name)
	if name == t.dir || strings.HasPrefix(name, t.dir+string(filepath.Separator)) {
		return t.tree
	}
	return t.Fs
}

func (t *treeFs) Name() string                           { return "treeFs" }
func (t *treeFs) Create(name string) (afero.File, error) { return t.on(name).Create(name) }
func (t *treeFs) Mkdir(name string, perm os.FileMode) error {
	return t.on(name).Mkdir(name, perm)
}
func (t *treeFs) MkdirAll(name string, perm os.FileMode) error {
	return t.on(name).MkdirAll(name, perm)
}
func (t *treeFs) Open(name string) (afero.File, error) {
	return t.OpenFile(name, os.O_RDONLY, 0)
}

func (t *treeFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	on := t.on(name)
	f, err := on.OpenFile(name, flag, perm)
	if err != nil || on != t.tree {
		return f, err
	}
	return treeFile{f}, nil
}
func (t *treeFs) Remove(name string) error              { return t.on(name).Remove(name) }
func (t *treeFs) RemoveAll(name string) error           { return t.on(name).RemoveAll(name) }
func (t *treeFs) Stat(name string) (os.FileInfo, error) { return t.on(name).Stat(name) }
func (t *treeFs) Chmod(name string, mode os.FileMode) error {
	return t.on(name).Chmod(name, mode)
}
func (t *treeFs) Chown(name string, uid, gid int) error { return t.on(name).Chown(name, uid, gid) }
func (t *treeFs) Chtimes(name string, atime, mtime time.Time) error {
	return t.on(name).Chtimes(name, atime, mtime)
}

func (t *treeFs) Rename(from, to string) error {
	if t.on(from) != t.on(to) {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: errors.New("between the memory and the disk")}
	}
	return t.on(from).Rename(from, to)
}

// LstatIfPossible is afero.Lstater's: Hugo reads symbolic links as such.
func (t *treeFs) LstatIfPossible(name string) (os.FileInfo, bool, error) {
	if l, ok := t.on(name).(afero.Lstater); ok {
		return l.LstatIfPossible(name)
	}
	fi, err := t.Stat(name)
	return fi, false, err
}

// treeFile is a file of the tree whose folder listings hold plain values.
// Hugo merges the listings of a folder its languages share name by name
// with every other (hugofs's newUnionFile), and a memory file's details take
// a lock at every look: 1.3 s of a 5,000-item build.
type treeFile struct{ afero.File }

func (f treeFile) Readdir(n int) ([]os.FileInfo, error) {
	infos, err := f.File.Readdir(n)
	for i, fi := range infos {
		infos[i] = plainInfo{name: fi.Name(), size: fi.Size(), mode: fi.Mode(), modified: fi.ModTime()}
	}
	return infos, err
}

// ReadDir is fs.ReadDirFile's, which Hugo reads folders with.
func (f treeFile) ReadDir(n int) ([]fs.DirEntry, error) {
	infos, err := f.Readdir(n)
	entries := make([]fs.DirEntry, len(infos))
	for i, fi := range infos {
		entries[i] = fs.FileInfoToDirEntry(fi)
	}
	return entries, err
}

// plainInfo is a file's details as they were when its folder was read.
type plainInfo struct {
	name     string
	size     int64
	mode     fs.FileMode
	modified time.Time
}

func (i plainInfo) Name() string       { return i.name }
func (i plainInfo) Size() int64        { return i.size }
func (i plainInfo) Mode() fs.FileMode  { return i.mode }
func (i plainInfo) ModTime() time.Time { return i.modified }
func (i plainInfo) IsDir() bool        { return i.mode.IsDir() }
func (i plainInfo) Sys() any           { return nil }

// publishing is a destination whose every file written passes through
// publish on its way, whole: it is held in memory until closed. Reads,
// folders and removals go straight to the destination.
type publishing struct {
	afero.Fs
	publish func(rel string, data []byte) (string, []byte, error)

	mu   sync.Mutex
	errs []error // Hugo does not look at what closing a file returns

	buffers sync.Pool // of *[]byte: a build writes every page, and new buffers for all would be work for the garbage collector while Hugo renders

	folders sync.Map // folders this build has made or found, by name: each page is in a folder of its own
}

func publishedThrough(dest afero.Fs, publish func(string, []byte) (string, []byte, error)) *publishing {
	return &publishing{Fs: dest, publish: publish}
}

func (p *publishing) Create(name string) (afero.File, error) {
	return p.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

func (p *publishing) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		return p.Fs.OpenFile(name, flag, perm)
	}
	buf, _ := p.buffers.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	return &pendingFile{name: name, data: (*buf)[:0], to: p}, nil
}

// write publishes a file written at name (a path from the destination's
// root).
func (p *publishing) write(name string, data []byte) error {
	rel := strings.TrimPrefix(filepath.ToSlash(name), "/")
	to, data, err := p.publish(rel, data)
	if err == nil && to != "" {
		err = p.writeFile(filepath.FromSlash(to), data)
	}
	if err != nil {
		err = fmt.Errorf("publishing %s: %w", rel, err)
		p.mu.Lock()
		p.errs = append(p.errs, err)
		p.mu.Unlock()
	}
	return err
}

// failed is what went wrong publishing files, or nil.
func (p *publishing) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return errors.Join(p.errs...)
}

// writeFile writes a file into its folder, made first if this build has
// not made or found it yet. Most pages are the first in a folder of their
// own: making it at once costs the disk one call, where trying the file,
// failing, and making the folders above it first took four.
func (p *publishing) writeFile(name string, data []byte) error {
	if err := p.folder(filepath.Dir(name)); err != nil {
		return err
	}
	return afero.WriteFile(p.Fs, name, data, 0o644)
}

// folder makes dir, and any folder above it that is missing, once a build.
func (p *publishing) folder(dir string) error {
	if _, made := p.folders.Load(dir); made {
		return nil
	}
	err := p.Fs.Mkdir(dir, 0o755)
	if up := filepath.Dir(dir); errors.Is(err, fs.ErrNotExist) && up != dir {
		if err = p.folder(up); err == nil {
			err = p.Fs.Mkdir(dir, 0o755)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	p.folders.Store(dir, true)
	return nil
}

// pendingFile is a file being written to a publishing destination, held
// in memory until it is closed. Like a file opened only for writing, it
// cannot be read.
type pendingFile struct {
	name   string
	data   []byte
	to     *publishing
	closed bool
}

var errWriteOnly = errors.New("opened for writing only")

func (f *pendingFile) Name() string { return f.name }

func (f *pendingFile) Write(b []byte) (int, error) {
	if f.closed {
		return 0, os.ErrClosed
	}
	f.data = append(f.data, b...)
	return len(b), nil
}

func (f *pendingFile) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

func (f *pendingFile) WriteAt(b []byte, off int64) (int, error) {
	if f.closed {
		return 0, os.ErrClosed
	}
	if end := int(off) + len(b); end > len(f.data) {
		f.data = append(f.data, make([]byte, end-len(f.data))...)
	}
	return copy(f.data[off:], b), nil
}

func (f *pendingFile) Truncate(size int64) error {
	if f.closed {
		return os.ErrClosed
	}
	if int(size) <= len(f.data) {
		f.data = f.data[:size]
		return nil
	}
	_, err := f.WriteAt(nil, size)
	return err
}

func (f *pendingFile) Sync() error { return nil }

func (f *pendingFile) Stat() (os.FileInfo, error) {
	return plainInfo{name: filepath.Base(f.name), size: int64(len(f.data)), mode: 0o644, modified: time.Now()}, nil
}

func (f *pendingFile) Read([]byte) (int, error)           { return 0, f.refuse("read") }
func (f *pendingFile) ReadAt([]byte, int64) (int, error)  { return 0, f.refuse("read") }
func (f *pendingFile) Seek(int64, int) (int64, error)     { return 0, f.refuse("seek") }
func (f *pendingFile) Readdir(int) ([]os.FileInfo, error) { return nil, f.refuse("readdir") }
func (f *pendingFile) Readdirnames(int) ([]string, error) { return nil, f.refuse("readdir") }
func (f *pendingFile) refuse(op string) error {
	return &os.PathError{Op: op, Path: f.name, Err: errWriteOnly}
}

// Close publishes what was written.
func (f *pendingFile) Close() error {
	if f.closed {
		return os.ErrClosed
	}
	f.closed = true
	err := f.to.write(f.name, f.data)
	f.to.buffers.Put(&f.data)
	f.data = nil
	return err
}
