package workflow

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/check"
)

// NotRegularError means a change is not a plain file — a symbolic link, say,
// whose text would never reach the site.
type NotRegularError struct{ Path string }

func (e *NotRegularError) Error() string { return e.Path + " is not a regular file" }

// Save commits the given changes, and only those, on the current branch,
// with the editor's name: whatever else git has staged stays staged and
// unsaved. The index takes the new versions before the branch moves, so a
// crash in between leaves them staged, still listed as unsaved, and the next
// save commits them.
func (r *Repo) Save(changes []Change, message string) (plumbing.Hash, error) {
	branch, head, err := r.onBranch("")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	sig, err := r.Identity()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	files, err := flatten(head)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	idx, err := r.Git.Storer.Index()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	entries := map[string]*index.Entry{}
	for _, e := range idx.Entries {
		entries[e.Name] = e
	}
	for _, c := range changes {
		e, err := r.stage(c.Path)
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("saving %s: %w", c.Path, err)
		}
		if e == nil {
			delete(files, c.Path)
			delete(entries, c.Path)
			continue
		}
		files[c.Path] = entry{e.Hash, e.Mode}
		entries[c.Path] = e
	}
	tree, err := writeTree(r.Git.Storer, files)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	idx.Entries = idx.Entries[:0]
	for _, e := range entries {
		idx.Entries = append(idx.Entries, e)
	}
	sort.Slice(idx.Entries, func(i, j int) bool { return idx.Entries[i].Name < idx.Entries[j].Name })
	if err := r.Git.Storer.SetIndex(idx); err != nil {
		return plumbing.ZeroHash, err
	}
	if head != nil && tree == head.TreeHash {
		return plumbing.ZeroHash, nil
	}
	commit := &object.Commit{Author: sig, Committer: sig, Message: message, TreeHash: tree}
	if head != nil {
		commit.ParentHashes = []plumbing.Hash{head.Hash}
	}
	h, err := storeCommit(r.Git.Storer, commit)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := r.setRef(branch, h); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("saving: %w", err)
	}
	return h, nil
}

// stage stores the file at rel as a blob and returns its index entry, or
// nil when the file is gone.
func (r *Repo) stage(rel string) (*index.Entry, error) {
	p := r.abs(rel)
	info, err := os.Lstat(p)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &NotRegularError{rel}
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	h, err := storeBlob(r.Git.Storer, data)
	if err != nil {
		return nil, err
	}
	mode := filemode.Regular
	if info.Mode()&0o111 != 0 {
		mode = filemode.Executable
	}
	e := &index.Entry{Name: rel, Hash: h, Mode: mode, ModifiedAt: info.ModTime(), Size: uint32(info.Size())}
	fillSystemInfo(e, info)
	return e, nil
}

// blobBytes is a blob's content.
func (r *Repo) blobBytes(h plumbing.Hash) ([]byte, error) {
	b, err := r.Git.BlobObject(h)
	if err != nil {
		return nil, err
	}
	rd, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	return io.ReadAll(rd)
}

// SaveOptions say what to save and how to check it.
type SaveOptions struct {
	// Message describes the change; "" asks Describe.
	Message  string
	Describe func(changes []Change) string
	Check    check.Options
}

// SaveResult is what SaveAll found and did.
type SaveResult struct {
	Findings []check.Finding
	Changes  []Change
	Commit   plumbing.Hash // zero when there was nothing to save
	Waiting  []WaitingForReview
}

// SaveAll checks the unsaved content changes and, when the check finds no
// error in them, commits them. Files waiting for review, as they were sent,
// stay out; a file changed again since it was sent stops it.
func (r *Repo) SaveAll(o SaveOptions) (*SaveResult, error) {
	res := &SaveResult{}
	unsaved, waiting, reviews, err := r.editorsChanges()
	if err != nil {
		return res, err
	}
	res.Waiting = waiting
	if err := changedUnderReview(unsaved, reviews); err != nil {
		return res, err
	}
	res.Changes = unsaved
	if len(unsaved) == 0 {
		return res, nil
	}
	cleared, err := r.clearVerificationsInFolder(unsaved, o.Check.P)
	if err != nil {
		return res, err
	}
	res.Findings = cleared
	if err := r.stampTranslationsInFolder(unsaved); err != nil {
		return res, err
	}
	var paths []string
	for _, c := range unsaved {
		if c.Kind != Deleted {
			paths = append(paths, c.Path)
		}
	}
	if len(paths) > 0 {
		found, err := check.Site(r.Root, paths, o.Check)
		if err != nil {
			return res, err
		}
		res.Findings = append(res.Findings, found...)
		cerr := &CheckError{}
		for _, f := range res.Findings {
			if f.Severity == check.Error {
				cerr.Errors++
			}
		}
		if cerr.Errors > 0 {
			return res, cerr
		}
	}
	message := o.Message
	if strings.TrimSpace(message) == "" && o.Describe != nil {
		message = o.Describe(unsaved)
	}
	res.Commit, err = r.Save(unsaved, message)
	return res, err
}
