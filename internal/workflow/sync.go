package workflow

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// SyncResult says what Sync did.
type SyncResult int

// Outcome is what Sync did, and with take-theirs which of the editor's
// versions it kept aside.
type Outcome struct {
	Result SyncResult
	Kept   *ConflictError
}

const (
	UpToDate    SyncResult = iota // nothing new on either side
	Ahead                         // only local commits: nothing to take
	FastForward                   // only remote commits: taken
	Replayed                      // both: local commits re-applied on the remote's
)

// ConflictError means a file was changed both here and on the remote. Nothing
// was changed but the editor's versions kept aside: on Branch, and for each
// file as a copy next to it (Copies, "" where the editor deleted the file).
type ConflictError struct {
	Files  []string
	Copies []string
	Branch string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("changed here and on the remote: %s (kept on %s)", strings.Join(e.Files, ", "), e.Branch)
}

// CopySuffix ends the name of the copy of an editor's version of a file in
// conflict; .gitignore and the site's build skip such files.
const CopySuffix = ".moja-verzija"

// SafetyRef keeps the editor's last commit before Sync rewrote the branch.
const SafetyRef = plumbing.ReferenceName("refs/centar/pre-sync")

// Fetch brings the remote's published branch into origin/main.
func (r *Repo) Fetch(ctx context.Context) error {
	url, err := r.RemoteURL("origin")
	if err != nil {
		return err
	}
	auth, err := Auth(url, r.Getenv)
	if err != nil {
		return err
	}
	err = r.Git.FetchContext(ctx, &git.FetchOptions{
		RemoteName: "origin",
		RefSpecs:   []config.RefSpec{config.RefSpec("+refs/heads/" + Branch + ":" + published.String())},
		Auth:       auth,
	})
	if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
		return nil
	}
	return fmt.Errorf("fetching from %s: %w", url, err)
}

// Sync fetches and brings the local branch up to date with the published
// one. Local commits that touch other files than the remote's are re-applied
// on top of them; when a file changed on both sides Sync stops with a
// ConflictError — unless takeTheirs, when the published version of such files
// wins and the editor's stays kept aside as in a conflict.
func (r *Repo) Sync(ctx context.Context, takeTheirs bool) (Outcome, error) {
	if err := r.requireSaved(); err != nil {
		return Outcome{Result: UpToDate}, err
	}
	if err := r.Fetch(ctx); err != nil {
		return Outcome{Result: UpToDate}, err
	}
	local, err := r.head()
	if err != nil {
		return Outcome{Result: UpToDate}, err
	}
	remote, err := r.commitAt(published)
	if err != nil || remote == nil {
		return Outcome{Result: UpToDate}, err // nothing published yet
	}
	if local == nil {
		return Outcome{Result: FastForward}, r.moveTo(nil, remote)
	}
	if local.Hash == remote.Hash {
		return Outcome{Result: UpToDate}, nil
	}
	if ok, err := remote.IsAncestor(local); err != nil || ok {
		return Outcome{Result: Ahead}, err
	}
	if ok, err := local.IsAncestor(remote); err != nil || ok {
		if err != nil {
			return Outcome{Result: UpToDate}, err
		}
		return Outcome{Result: FastForward}, r.moveTo(local, remote)
	}
	bases, err := local.MergeBase(remote)
	if err != nil {
		return Outcome{Result: UpToDate}, err
	}
	if len(bases) == 0 {
		return Outcome{Result: UpToDate}, errors.New("the local and published histories have nothing in common")
	}
	base := bases[0]
	conflicts, err := r.conflicts(base, local, remote)
	if err != nil {
		return Outcome{Result: UpToDate}, err
	}
	var kept *ConflictError
	if len(conflicts) > 0 {
		if kept, err = r.keepAside(local, conflicts); err != nil {
			return Outcome{Result: UpToDate}, err
		}
		if !takeTheirs {
			return Outcome{Result: UpToDate}, kept
		}
	}
	skip := map[string]bool{}
	for _, c := range conflicts {
		skip[c] = true
	}
	newHead, err := r.replay(base, local, remote, skip)
	if err != nil {
		return Outcome{Result: UpToDate}, err
	}
	if err := r.Git.Storer.SetReference(plumbing.NewHashReference(SafetyRef, local.Hash)); err != nil {
		return Outcome{Result: UpToDate}, err
	}
	return Outcome{Result: Replayed, Kept: kept}, r.moveTo(local, newHead)
}

// conflicts lists the files both sides changed since base, to different ends.
func (r *Repo) conflicts(base, local, remote *object.Commit) ([]string, error) {
	ours, err := changedFiles(base, local)
	if err != nil {
		return nil, err
	}
	theirs, err := changedFiles(base, remote)
	if err != nil {
		return nil, err
	}
	var out []string
	for p, h := range ours {
		if th, ok := theirs[p]; ok && th != h {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// changedFiles maps each file that differs between two commits to its blob in
// the second (the zero hash for a deleted file).
func changedFiles(from, to *object.Commit) (map[string]plumbing.Hash, error) {
	a, err := from.Tree()
	if err != nil {
		return nil, err
	}
	b, err := to.Tree()
	if err != nil {
		return nil, err
	}
	changes, err := object.DiffTree(a, b)
	if err != nil {
		return nil, err
	}
	out := map[string]plumbing.Hash{}
	for _, c := range changes {
		name := c.To.Name
		if name == "" {
			name = c.From.Name
			out[name] = plumbing.ZeroHash
			continue
		}
		out[name] = c.To.TreeEntry.Hash
		if c.From.Name != "" && c.From.Name != name {
			out[c.From.Name] = plumbing.ZeroHash
		}
	}
	return out, nil
}

// keepAside puts the editor's commits on a branch sukob/<date> and writes
// the editor's version of each conflicting file next to it.
func (r *Repo) keepAside(local *object.Commit, files []string) (*ConflictError, error) {
	branch, err := r.freeBranchName("sukob/"+r.Now().Format("2006-01-02"), local.Hash)
	if err != nil {
		return nil, err
	}
	if err := r.Git.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(branch), local.Hash)); err != nil {
		return nil, err
	}
	tree, err := local.Tree()
	if err != nil {
		return nil, err
	}
	cerr := &ConflictError{Files: files, Branch: branch}
	for _, p := range files {
		f, err := tree.File(p)
		if errors.Is(err, object.ErrFileNotFound) {
			cerr.Copies = append(cerr.Copies, "")
			continue
		}
		if err != nil {
			return nil, err
		}
		content, err := f.Contents()
		if err != nil {
			return nil, err
		}
		copyPath := p + CopySuffix
		if err := writeFileAtomic(r.abs(copyPath), []byte(content)); err != nil {
			return nil, err
		}
		cerr.Copies = append(cerr.Copies, copyPath)
	}
	return cerr, nil
}

// freeBranchName returns name, or name-2, name-3… if taken by another
// commit than at.
func (r *Repo) freeBranchName(name string, at plumbing.Hash) (string, error) {
	candidate := name
	for i := 2; ; i++ {
		ref, err := r.Git.Reference(plumbing.NewBranchReferenceName(candidate), false)
		if errors.Is(err, plumbing.ErrReferenceNotFound) || (err == nil && ref.Hash() == at) {
			return candidate, nil
		}
		if err != nil {
			return "", err
		}
		candidate = fmt.Sprintf("%s-%d", name, i)
	}
}

// replay re-creates the local commits since base, oldest first, on top of
// onto, leaving out changes to the paths in skip. Authors and messages are
// kept; nothing touches the working tree.
func (r *Repo) replay(base, local, onto *object.Commit, skip map[string]bool) (*object.Commit, error) {
	var chain []*object.Commit
	for c := local; c.Hash != base.Hash; {
		chain = append(chain, c)
		if c.NumParents() == 0 {
			break
		}
		p, err := c.Parent(0)
		if err != nil {
			return nil, err
		}
		c = p
	}
	files, err := flatten(onto)
	if err != nil {
		return nil, err
	}
	parent := onto
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		from := base
		if c.NumParents() > 0 {
			if from, err = c.Parent(0); err != nil {
				return nil, err
			}
		}
		changes, err := changedFiles(from, c)
		if err != nil {
			return nil, err
		}
		cTree, err := c.Tree()
		if err != nil {
			return nil, err
		}
		applied := 0
		for p, h := range changes {
			if skip[p] {
				continue
			}
			applied++
			if h.IsZero() {
				delete(files, p)
				continue
			}
			e, err := cTree.FindEntry(p)
			if err != nil {
				return nil, err
			}
			files[p] = entry{h, e.Mode}
		}
		if applied == 0 {
			continue // everything this commit did was left out
		}
		treeHash, err := writeTree(r.Git.Storer, files)
		if err != nil {
			return nil, err
		}
		if treeHash == parent.TreeHash {
			continue // the remote already has this commit's changes
		}
		sig := c.Author
		committer := object.Signature{Name: c.Committer.Name, Email: c.Committer.Email, When: r.Now()}
		nc := &object.Commit{Author: sig, Committer: committer, Message: c.Message, TreeHash: treeHash, ParentHashes: []plumbing.Hash{parent.Hash}}
		obj := r.Git.Storer.NewEncodedObject()
		if err := nc.Encode(obj); err != nil {
			return nil, err
		}
		h, err := r.Git.Storer.SetEncodedObject(obj)
		if err != nil {
			return nil, err
		}
		if parent, err = r.Git.CommitObject(h); err != nil {
			return nil, err
		}
	}
	return parent, nil
}

type entry struct {
	hash plumbing.Hash
	mode filemode.FileMode
}

// flatten maps every file of a commit's tree to its blob and mode.
func flatten(c *object.Commit) (map[string]entry, error) {
	t, err := c.Tree()
	if err != nil {
		return nil, err
	}
	out := map[string]entry{}
	err = t.Files().ForEach(func(f *object.File) error {
		out[f.Name] = entry{f.Hash, f.Mode}
		return nil
	})
	return out, err
}

// writeTree stores the tree objects for a flat list of files and returns the
// root tree's hash.
func writeTree(s interface {
	NewEncodedObject() plumbing.EncodedObject
	SetEncodedObject(plumbing.EncodedObject) (plumbing.Hash, error)
}, files map[string]entry) (plumbing.Hash, error) {
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
		return s.SetEncodedObject(obj)
	}
	return write(root)
}

// moveTo points the current branch at target and updates the working tree's
// files that differ, as "git reset --merge" does. The working tree holds no
// unsaved content (Sync checked), and a file the move would create must not
// already exist unsaved: then nothing is moved.
func (r *Repo) moveTo(from, target *object.Commit) error {
	if from != nil {
		changes, err := changedFiles(from, target)
		if err != nil {
			return err
		}
		old, err := from.Tree()
		if err != nil {
			return err
		}
		for p := range changes {
			if _, err := old.FindEntry(p); err == nil {
				continue
			}
			if _, err := os.Stat(r.abs(p)); err == nil {
				return &UnsavedError{[]Change{{p, Added}}}
			}
		}
	}
	return r.wt.Reset(&git.ResetOptions{Commit: target.Hash, Mode: git.MergeReset})
}

// writeFileAtomic writes data to a temporary file beside name and renames it
// into place, so a crash leaves either the old file or the new one.
func writeFileAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".centar-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
