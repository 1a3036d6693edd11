package workflow

import (
	"bytes"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// commitFS is the files of a commit (or of one being made) as an fs.FS, read
// from the repository as they are opened: the check reads a draft or a
// publication from it as it reads a folder, with no copy on the disk.
type commitFS struct {
	r       *Repo
	files   map[string]entry
	folders map[string][]fs.DirEntry // each folder's entries, sorted; "." is the root
}

func newCommitFS(r *Repo, files map[string]entry) *commitFS {
	c := &commitFS{r: r, files: files, folders: map[string][]fs.DirEntry{".": nil}}
	seen := map[string]bool{}
	for p, e := range files {
		c.add(p, dirEntry{name: path.Base(p), mode: e.mode, at: p, fs: c}, seen)
	}
	for _, list := range c.folders {
		slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return c
}

// add puts the entry of p into its folder's list, and the folders above it
// into theirs.
func (c *commitFS) add(p string, e dirEntry, seen map[string]bool) {
	dir := path.Dir(p)
	c.folders[dir] = append(c.folders[dir], e)
	if dir == "." || seen[dir] {
		return
	}
	seen[dir] = true
	c.add(dir, dirEntry{name: path.Base(dir), mode: filemode.Dir}, seen)
}

func (c *commitFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if list, ok := c.folders[name]; ok {
		return &commitDir{info: dirEntry{name: path.Base(name), mode: filemode.Dir}, entries: list}, nil
	}
	e, ok := c.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	data, err := c.r.blobBytes(e.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &commitFile{info: dirEntry{name: path.Base(name), mode: e.mode, size: int64(len(data))}, Reader: bytes.NewReader(data)}, nil
}

func (c *commitFS) ReadDir(name string) ([]fs.DirEntry, error) {
	list, ok := c.folders[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return list, nil
}

// Stat says what is at name; a file's size is read from its blob's header.
func (c *commitFS) Stat(name string) (fs.FileInfo, error) {
	if _, ok := c.folders[name]; ok {
		return dirEntry{name: path.Base(name), mode: filemode.Dir}, nil
	}
	e, ok := c.files[name]
	if !ok || !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	size, err := c.r.Size(e.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return dirEntry{name: path.Base(name), mode: e.mode, size: size}, nil
}

// Lstat is Stat: a commit's symbolic link is a file of its own, as git
// keeps it, and its mode says so.
func (c *commitFS) Lstat(name string) (fs.FileInfo, error) { return c.Stat(name) }

func (c *commitFS) ReadLink(name string) (string, error) {
	e, ok := c.files[name]
	if !ok || e.mode != filemode.Symlink {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	data, err := c.r.blobBytes(e.hash)
	return string(data), err
}

// dirEntry describes a file or folder of a commit, as both fs.DirEntry
// and fs.FileInfo. A folder's listing leaves its files' sizes out: Info
// reads one's from its blob when asked (at and fs say where).
type dirEntry struct {
	name string
	mode filemode.FileMode
	size int64
	at   string
	fs   *commitFS
}

func (d dirEntry) Name() string { return d.name }
func (d dirEntry) IsDir() bool  { return d.mode == filemode.Dir }
func (d dirEntry) Type() fs.FileMode {
	return d.Mode().Type()
}
func (d dirEntry) Info() (fs.FileInfo, error) {
	if d.fs != nil && !d.IsDir() {
		return d.fs.Stat(d.at)
	}
	return d, nil
}
func (d dirEntry) Size() int64        { return d.size }
func (d dirEntry) ModTime() time.Time { return time.Time{} }
func (d dirEntry) Sys() any           { return nil }
func (d dirEntry) Mode() fs.FileMode {
	switch d.mode {
	case filemode.Dir:
		return fs.ModeDir | 0o755
	case filemode.Symlink:
		return fs.ModeSymlink | 0o777
	case filemode.Executable:
		return 0o755
	}
	return 0o644
}

type commitFile struct {
	info dirEntry
	*bytes.Reader
}

func (f *commitFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *commitFile) Close() error               { return nil }

type commitDir struct {
	info    dirEntry
	entries []fs.DirEntry
	read    int
}

func (d *commitDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *commitDir) Close() error               { return nil }
func (d *commitDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fs.ErrInvalid}
}

func (d *commitDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n <= 0 {
		d.read = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	rest = rest[:min(n, len(rest))]
	d.read += len(rest)
	return rest, nil
}
