package workflow

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"syscall"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/durable"
)

// moveBranch records m and carries it out. With Files it first makes sure
// that every file the move changes holds one of the two versions it knows;
// a file with anything else — work the editor has not saved — stops it
// before anything is changed.
func (r *Repo) moveBranch(m move) error {
	if m.Files {
		changes, err := r.moveChanges(m)
		if err != nil {
			return err
		}
		var unknown []Change
		for _, c := range changes {
			disk, err := r.onDisk(c.path)
			if err != nil {
				return err
			}
			if !disk.is(c.from) && !disk.is(c.to) && !m.keeps(c.path, disk) {
				unknown = append(unknown, Change{c.path, Modified})
			}
		}
		if len(unknown) > 0 {
			return &UnsavedError{unknown}
		}
	}
	if err := r.record(m); err != nil {
		return err
	}
	_, err := r.apply(m)
	return err
}

// keeps reports whether what the disk holds at path is kept elsewhere.
func (m move) keeps(path string, disk diskFile) bool {
	h, ok := m.Kept[path]
	return ok && disk.exists && disk.hash.String() == h
}

// fileChange is one path that differs between two commits; from or to is
// nil where the path does not exist.
type fileChange struct {
	path     string
	from, to *entry
}

func (r *Repo) moveChanges(m move) ([]fileChange, error) {
	from, err := r.treeOf(m.From)
	if err != nil {
		return nil, err
	}
	to, err := r.treeOf(m.To)
	if err != nil {
		return nil, err
	}
	return diffTrees(from, to)
}

// treeOf returns the tree of the commit with the given hash, empty for "".
func (r *Repo) treeOf(hash string) (*object.Tree, error) {
	if hash == "" {
		return &object.Tree{}, nil
	}
	c, err := r.Git.CommitObject(plumbing.NewHash(hash))
	if err != nil {
		return nil, err
	}
	return c.Tree()
}

// diffTrees lists the files that differ between two trees, deletions first
// (so a folder can give way to a file), then by path.
func diffTrees(a, b *object.Tree) ([]fileChange, error) {
	changes, err := object.DiffTree(a, b)
	if err != nil {
		return nil, err
	}
	var out []fileChange
	for _, c := range changes {
		if c.From.Name != "" && c.To.Name != c.From.Name {
			out = append(out, fileChange{path: c.From.Name, from: &entry{c.From.TreeEntry.Hash, c.From.TreeEntry.Mode}})
		}
		if c.To.Name != "" {
			fc := fileChange{path: c.To.Name, to: &entry{c.To.TreeEntry.Hash, c.To.TreeEntry.Mode}}
			if c.From.Name == c.To.Name {
				fc.from = &entry{c.From.TreeEntry.Hash, c.From.TreeEntry.Mode}
			}
			out = append(out, fc)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if (out[i].to == nil) != (out[j].to == nil) {
			return out[i].to == nil
		}
		return out[i].path < out[j].path
	})
	return out, nil
}

// diskFile is what a path holds on disk, as git would store it.
type diskFile struct {
	exists bool
	hash   plumbing.Hash
	info   os.FileInfo
}

// is reports whether the disk holds exactly e (nothing, for nil).
func (d diskFile) is(e *entry) bool {
	if e == nil {
		return !d.exists
	}
	return d.exists && d.hash == e.hash
}

func (r *Repo) onDisk(rel string) (diskFile, error) {
	p := r.abs(rel)
	info, err := os.Lstat(p)
	// A file where a folder should be (ENOTDIR) means nothing is here.
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return diskFile{}, nil
	}
	if err != nil {
		return diskFile{}, err
	}
	var data []byte
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := os.Readlink(p)
		if err != nil {
			return diskFile{}, err
		}
		data = []byte(filepath.ToSlash(target))
	case info.Mode().IsRegular():
		if data, err = os.ReadFile(p); err != nil {
			return diskFile{}, err
		}
	default:
		// A folder where a file should be: something the editor made.
		return diskFile{exists: true, info: info}, nil
	}
	return diskFile{exists: true, hash: plumbing.ComputeHash(plumbing.BlobObject, data), info: info}, nil
}

// apply carries out a recorded move and removes the record; it can be run
// again after a crash at any point. A file that holds neither version is the
// editor's own work: it is left alone and returned. The index follows the
// new commit either way, so such a file shows as the editor's change.
func (r *Repo) apply(m move) ([]string, error) {
	changes, err := r.moveChanges(m)
	if err != nil {
		return nil, err
	}
	idx, err := r.Git.Storer.Index()
	if err != nil {
		return nil, err
	}
	entries := map[string]*index.Entry{}
	for _, e := range idx.Entries {
		entries[e.Name] = e
	}
	var kept []string
	for _, c := range changes {
		disk, err := r.onDisk(c.path)
		if err != nil {
			return nil, err
		}
		switch {
		case disk.is(c.to):
		case m.Files && (disk.is(c.from) || m.keeps(c.path, disk)):
			if disk, err = r.writeVersion(c.path, c.to); err != nil {
				return nil, err
			}
		case m.Files:
			kept = append(kept, c.path)
		}
		if c.to == nil {
			delete(entries, c.path)
			continue
		}
		e := &index.Entry{Name: c.path, Hash: c.to.hash, Mode: c.to.mode}
		if disk.is(c.to) && disk.info != nil {
			e.ModifiedAt, e.Size = disk.info.ModTime(), uint32(disk.info.Size())
			fillSystemInfo(e, disk.info)
		}
		entries[c.path] = e
	}
	idx.Entries = idx.Entries[:0]
	for _, e := range entries {
		idx.Entries = append(idx.Entries, e)
	}
	sort.Slice(idx.Entries, func(i, j int) bool { return idx.Entries[i].Name < idx.Entries[j].Name })
	if err := r.Git.Storer.SetIndex(idx); err != nil {
		return nil, err
	}
	if err := r.setRef(m.Branch, plumbing.NewHash(m.To)); err != nil {
		return nil, err
	}
	if m.Checkout {
		if err := r.Git.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, m.Branch)); err != nil {
			return nil, err
		}
	}
	return kept, durable.Remove(r.journalPath())
}

// writeVersion puts e's content at rel (or removes rel, for nil) and returns
// what the disk then holds.
func (r *Repo) writeVersion(rel string, e *entry) (diskFile, error) {
	p := r.abs(rel)
	if e == nil {
		if err := durable.Remove(p); err != nil {
			return diskFile{}, err
		}
		r.pruneEmptyDirs(filepath.Dir(p))
		return diskFile{}, nil
	}
	if e.mode == filemode.Submodule {
		return r.onDisk(rel)
	}
	// A folder the old version had may stand where the file goes.
	if info, err := os.Lstat(p); err == nil && info.IsDir() {
		if err := os.Remove(p); err != nil {
			return diskFile{}, err
		}
	}
	data, err := r.blobBytes(e.hash)
	if err != nil {
		return diskFile{}, err
	}
	switch e.mode {
	case filemode.Symlink:
		err = r.files.Symlink(string(data), p)
	case filemode.Executable:
		err = r.files.WriteFile(p, data, 0o755)
	default:
		err = r.files.WriteFile(p, data, 0o644)
	}
	if err != nil {
		return diskFile{}, err
	}
	return r.onDisk(rel)
}

// pruneEmptyDirs removes dir and its parents while they are empty, as git
// does when the last file of a folder goes.
func (r *Repo) pruneEmptyDirs(dir string) {
	for dir != r.Root && len(dir) > len(r.Root) {
		if os.Remove(dir) != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}
