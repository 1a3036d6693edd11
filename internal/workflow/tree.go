package workflow

import (
	"io"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// entry is a file in a tree: its blob and mode.
type entry struct {
	hash plumbing.Hash
	mode filemode.FileMode
}

// flatten maps every file of a commit's tree to its blob and mode; a nil
// commit has none.
func flatten(c *object.Commit) (map[string]entry, error) {
	out := map[string]entry{}
	if c == nil {
		return out, nil
	}
	t, err := c.Tree()
	if err != nil {
		return nil, err
	}
	// A tree walk reads trees only; Files() would read every blob too.
	w := object.NewTreeWalker(t, true, nil)
	defer w.Close()
	for {
		name, e, err := w.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if e.Mode != filemode.Dir {
			out[name] = entry{e.Hash, e.Mode}
		}
	}
}

// commitChanges lists the files that differ between two commits; a nil
// from has none.
func commitChanges(from, to *object.Commit) ([]fileChange, error) {
	var a *object.Tree = &object.Tree{}
	if from != nil {
		var err error
		if a, err = from.Tree(); err != nil {
			return nil, err
		}
	}
	b, err := to.Tree()
	if err != nil {
		return nil, err
	}
	return diffTrees(a, b)
}

// changedFiles maps each file that differs between two commits to its blob in
// the second (the zero hash for a deleted file).
func changedFiles(from, to *object.Commit) (map[string]plumbing.Hash, error) {
	changes, err := commitChanges(from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string]plumbing.Hash, len(changes))
	for _, c := range changes {
		if c.to == nil {
			out[c.path] = plumbing.ZeroHash
		} else {
			out[c.path] = c.to.hash
		}
	}
	return out, nil
}

// objectStore is where new objects go: the repository's storage.
type objectStore interface {
	NewEncodedObject() plumbing.EncodedObject
	SetEncodedObject(plumbing.EncodedObject) (plumbing.Hash, error)
	HasEncodedObject(plumbing.Hash) error
}

// store writes obj unless the repository has it already: most trees of a
// new commit are the old commit's, and writing each again costs a synced
// file.
func store(s objectStore, obj plumbing.EncodedObject) (plumbing.Hash, error) {
	if s.HasEncodedObject(obj.Hash()) == nil {
		return obj.Hash(), nil
	}
	return s.SetEncodedObject(obj)
}

// storeBlob stores data as a blob.
func storeBlob(s objectStore, data []byte) (plumbing.Hash, error) {
	obj := s.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return store(s, obj)
}

// storeCommit stores a commit object.
func storeCommit(s objectStore, c *object.Commit) (plumbing.Hash, error) {
	obj := s.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return store(s, obj)
}

// writeTree stores the tree objects for a flat list of files and returns the
// root tree's hash.
func writeTree(s objectStore, files map[string]entry) (plumbing.Hash, error) {
	type dir struct {
		entries map[string]object.TreeEntry
		subdirs map[string]*dir
	}
	newDir := func() *dir { return &dir{entries: map[string]object.TreeEntry{}, subdirs: map[string]*dir{}} }
	root := newDir()
	for p, e := range files {
		d := root
		parts := strings.Split(p, "/")
		for _, part := range parts[:len(parts)-1] {
			if d.subdirs[part] == nil {
				d.subdirs[part] = newDir()
			}
			d = d.subdirs[part]
		}
		name := parts[len(parts)-1]
		d.entries[name] = object.TreeEntry{Name: name, Mode: e.mode, Hash: e.hash}
	}
	var write func(d *dir) (plumbing.Hash, error)
	write = func(d *dir) (plumbing.Hash, error) {
		t := &object.Tree{}
		for name, sub := range d.subdirs {
			h, err := write(sub)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			t.Entries = append(t.Entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
		}
		for _, e := range d.entries {
			t.Entries = append(t.Entries, e)
		}
		// Git orders entries by name, a folder's name as if it ended in "/".
		key := func(e object.TreeEntry) string {
			if e.Mode == filemode.Dir {
				return e.Name + "/"
			}
			return e.Name
		}
		sort.Slice(t.Entries, func(i, j int) bool { return key(t.Entries[i]) < key(t.Entries[j]) })
		obj := s.NewEncodedObject()
		if err := t.Encode(obj); err != nil {
			return plumbing.ZeroHash, err
		}
		return store(s, obj)
	}
	return write(root)
}
