package durable

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
)

// FS is a folder on disk as a billy.Filesystem — what go-git keeps a
// repository and its working tree in — whose files are replaced atomically.
// A file opened for writing is written to a temporary file, which Close syncs
// and renames over the real one; a file opened to be changed in place (git
// does so with refs) is copied first and replaced the same way. Reads go to
// the disk as they are.
type FS struct {
	billy.Filesystem
	root string
	dir  Dir
}

// NewFS returns the folder root, keeping temporary files in dir.Tmp, which
// must be on the same file system. Both must be absolute paths.
func NewFS(root string, dir Dir) *FS {
	if !filepath.IsAbs(root) || !filepath.IsAbs(dir.Tmp) {
		panic("durable.NewFS needs absolute paths, not " + root + " and " + dir.Tmp)
	}
	return &FS{Filesystem: osfs.New(root), root: root, dir: dir}
}

// abs turns a name go-git gives into a path on disk. Temporary files are
// named by their full path, for they may lie outside root.
func (f *FS) abs(name string) string {
	if filepath.IsAbs(name) && strings.HasPrefix(name, f.dir.Tmp+string(filepath.Separator)) {
		return name
	}
	return filepath.Join(f.root, filepath.FromSlash(name))
}

func (f *FS) Create(name string) (billy.File, error) {
	return f.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

func (f *FS) Open(name string) (billy.File, error) {
	return f.OpenFile(name, os.O_RDONLY, 0)
}

func (f *FS) OpenFile(name string, flag int, perm os.FileMode) (billy.File, error) {
	path := f.abs(name)
	if flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		return openOS(name, path, flag, perm)
	}
	info, err := os.Stat(path)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case exists && flag&os.O_CREATE != 0 && flag&os.O_EXCL != 0:
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrExist}
	case !exists && flag&os.O_CREATE == 0:
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	mode := perm.Perm() &^ 0o022
	if exists {
		mode = info.Mode().Perm()
	}
	w := &file{name: name, path: path, mode: mode, dir: f.dir, appending: flag&os.O_APPEND != 0}
	if exists && flag&os.O_TRUNC == 0 {
		// Changed in place: read the old content until the first change.
		if w.orig, err = os.Open(path); err != nil {
			return nil, err
		}
		return w, nil
	}
	if err := w.startTemp(nil); err != nil {
		return nil, err
	}
	return w, nil
}

// TempFile creates a temporary file in the temporary folder, whatever dir is
// asked for: go-git renames it into place when it is complete.
func (f *FS) TempFile(_, prefix string) (billy.File, error) {
	point("create", filepath.Join(f.dir.Tmp, prefix))
	if err := os.MkdirAll(f.dir.Tmp, 0o755); err != nil {
		return nil, err
	}
	t, err := os.CreateTemp(f.dir.Tmp, prefix)
	if err != nil {
		return nil, err
	}
	return &tempFile{osFile{t, t.Name()}}, nil
}

func (f *FS) Rename(from, to string) error {
	to = f.abs(to)
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return Rename(f.abs(from), to)
}

func (f *FS) Remove(name string) error {
	path := f.abs(name)
	point("remove", path)
	return os.Remove(path)
}

func (f *FS) Stat(name string) (os.FileInfo, error)  { return os.Stat(f.abs(name)) }
func (f *FS) Lstat(name string) (os.FileInfo, error) { return os.Lstat(f.abs(name)) }

func (f *FS) Chroot(path string) (billy.Filesystem, error) {
	return NewFS(f.abs(path), f.dir), nil
}

func (f *FS) Root() string { return f.root }

// openOS opens a file for reading.
func openOS(name, path string, flag int, perm os.FileMode) (billy.File, error) {
	o, err := os.OpenFile(path, flag, perm)
	if err != nil {
		return nil, err
	}
	return &osFile{o, name}, nil
}

// osFile is an os.File as a billy.File, named as go-git named it.
type osFile struct {
	*os.File
	name string
}

func (o *osFile) Name() string { return o.name }
func (o *osFile) Lock() error  { return lock(o.File) }
func (o *osFile) Unlock() error {
	return unlock(o.File)
}

// tempFile is synced when closed, for go-git renames it into place next.
type tempFile struct{ osFile }

func (t *tempFile) Close() error {
	point("sync", t.File.Name())
	err := t.File.Sync()
	if cerr := t.File.Close(); err == nil {
		err = cerr
	}
	return err
}

// file is a file being replaced: orig is the old content, read until the
// first change; tmp the new one, renamed over path by Close.
type file struct {
	name, path string
	mode       os.FileMode
	dir        Dir
	appending  bool // opened with O_APPEND: every write goes at the end

	mu   sync.Mutex
	orig *os.File
	tmp  *os.File
}

// startTemp creates the temporary file, with the old content when there is
// one, at the same offset.
func (w *file) startTemp(orig *os.File) error {
	point("create", w.path)
	if err := os.MkdirAll(w.dir.Tmp, 0o755); err != nil {
		return err
	}
	t, err := os.CreateTemp(w.dir.Tmp, filepath.Base(w.path)+".*")
	if err != nil {
		return err
	}
	if orig != nil {
		off, err := orig.Seek(0, io.SeekCurrent)
		if err == nil {
			_, err = orig.Seek(0, io.SeekStart)
		}
		if err == nil {
			_, err = io.Copy(t, orig)
		}
		if err == nil {
			_, err = t.Seek(off, io.SeekStart)
		}
		if err != nil {
			t.Close()
			os.Remove(t.Name())
			return err
		}
	}
	w.tmp = t
	return nil
}

// current is the file reads and seeks go to.
func (w *file) current() *os.File {
	if w.tmp != nil {
		return w.tmp
	}
	return w.orig
}

// changing returns the temporary file, starting it at the first change.
func (w *file) changing() (*os.File, error) {
	if w.tmp == nil {
		if err := w.startTemp(w.orig); err != nil {
			return nil, err
		}
	}
	return w.tmp, nil
}

func (w *file) Name() string { return w.name }

func (w *file) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	t, err := w.changing()
	if err != nil {
		return 0, err
	}
	if w.appending {
		if _, err := t.Seek(0, io.SeekEnd); err != nil {
			return 0, err
		}
	}
	return t.Write(p)
}

func (w *file) Truncate(size int64) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	t, err := w.changing()
	if err != nil {
		return err
	}
	return t.Truncate(size)
}

func (w *file) Read(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.current().Read(p)
}

func (w *file) ReadAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.current().ReadAt(p, off)
}

func (w *file) Seek(off int64, whence int) (int64, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.current().Seek(off, whence)
}

// Lock locks the old file, as git's readers expect; the new one appears
// only by the rename.
func (w *file) Lock() error {
	if w.orig == nil {
		return nil
	}
	return lock(w.orig)
}

func (w *file) Unlock() error {
	if w.orig == nil {
		return nil
	}
	return unlock(w.orig)
}

// Close puts the new content in place: sync, close the old file (which
// releases its lock; Windows cannot rename over an open file), rename over
// it, sync the folder.
func (w *file) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	var err error
	if w.orig != nil {
		err = w.orig.Close()
	}
	t := w.tmp
	if t == nil {
		return err
	}
	point("sync", t.Name())
	if serr := t.Sync(); err == nil {
		err = serr
	}
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(t.Name(), w.mode)
	}
	if err == nil {
		err = os.MkdirAll(filepath.Dir(w.path), 0o755)
	}
	if err == nil {
		err = Rename(t.Name(), w.path)
	}
	if err != nil {
		os.Remove(t.Name())
	}
	return err
}
