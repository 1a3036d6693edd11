package workflow

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Drafts are the web CMS's unpublished entries: one branch each,
// cms/<collection>/<slug>, made with plumbing as one commit on top of the
// published branch. They are never checked out: the editor's folder and
// branch stay as they are until a draft is published.

// DraftPrefix begins the name of every draft branch.
const DraftPrefix = "cms/"

// A FileWrite is a file to write, or with Delete to remove, in a commit.
type FileWrite struct {
	Path   string
	Data   []byte
	Delete bool
}

// Main returns the published branch's commit in this folder (refs/heads/main),
// whatever branch is checked out.
func (r *Repo) Main() (*object.Commit, error) {
	c, err := r.commitAt(mainBranch)
	if err == nil && c == nil {
		err = errors.New("the branch main has no commits yet")
	}
	return c, err
}

// ReadFile returns a file of a commit, or fs.ErrNotExist.
func (r *Repo) ReadFile(c *object.Commit, rel string) ([]byte, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	e, err := tree.FindEntry(rel)
	if err != nil || e.Mode == filemode.Dir {
		return nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
	}
	return r.blobBytes(e.Hash)
}

// Files lists a commit's files under dir ("" for all), with their blobs.
func (r *Repo) Files(c *object.Commit, dir string) (map[string]plumbing.Hash, error) {
	all, err := flatten(c)
	if err != nil {
		return nil, err
	}
	out := map[string]plumbing.Hash{}
	prefix := strings.TrimSuffix(dir, "/") + "/"
	for p, e := range all {
		if dir == "" || strings.HasPrefix(p, prefix) {
			out[p] = e.hash
		}
	}
	return out, nil
}

// Export writes every file of a commit under dir, as a checkout would.
func (r *Repo) Export(c *object.Commit, dir string) error {
	all, err := flatten(c)
	if err != nil {
		return err
	}
	for p, e := range all {
		if e.mode == filemode.Submodule || e.mode == filemode.Symlink {
			continue
		}
		data, err := r.blobBytes(e.hash)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func draftRef(key string) plumbing.ReferenceName {
	return plumbing.NewBranchReferenceName(DraftPrefix + key)
}

// Drafts lists the keys (collection/slug) of the drafts, sorted.
func (r *Repo) Drafts() ([]string, error) {
	refs, err := r.Git.Branches()
	if err != nil {
		return nil, err
	}
	var out []string
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		if name := ref.Name().Short(); strings.HasPrefix(name, DraftPrefix) {
			out = append(out, strings.TrimPrefix(name, DraftPrefix))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// ErrNoDraft means there is no draft with that key.
var ErrNoDraft = errors.New("no such draft")

// Draft returns a draft's commit and the files it changes against the
// published branch it sits on (the zero hash for a deletion).
func (r *Repo) Draft(key string) (*object.Commit, map[string]plumbing.Hash, error) {
	tip, err := r.commitAt(draftRef(key))
	if err != nil {
		return nil, nil, err
	}
	if tip == nil {
		return nil, nil, ErrNoDraft
	}
	var base *object.Commit
	if tip.NumParents() > 0 {
		if base, err = tip.Parent(0); err != nil {
			return nil, nil, err
		}
	}
	changes, err := changedFiles(base, tip)
	return tip, changes, err
}

// SaveDraft writes files into the draft key, creating it on the published
// branch or moving it onto the branch's newest commit, and returns its
// commit. What the draft changed before stays, unless writes change it.
func (r *Repo) SaveDraft(key string, writes []FileWrite, message string) (*object.Commit, error) {
	main, err := r.Main()
	if err != nil {
		return nil, err
	}
	files, err := flatten(main)
	if err != nil {
		return nil, err
	}
	if tip, changes, err := r.Draft(key); err == nil {
		tree, err := tip.Tree()
		if err != nil {
			return nil, err
		}
		for p, h := range changes {
			if h.IsZero() {
				delete(files, p)
				continue
			}
			e, err := tree.FindEntry(p)
			if err != nil {
				return nil, err
			}
			files[p] = entry{h, e.Mode}
		}
	} else if !errors.Is(err, ErrNoDraft) {
		return nil, err
	}
	c, err := r.commitWrites(files, writes, message, main)
	if err != nil {
		return nil, err
	}
	return c, r.setRef(draftRef(key), c.Hash)
}

// writeFiles stores writes' blobs and puts them in files.
func (r *Repo) writeFiles(files map[string]entry, writes []FileWrite) error {
	for _, w := range writes {
		if w.Delete {
			delete(files, w.Path)
			continue
		}
		h, err := storeBlob(r.Git.Storer, w.Data)
		if err != nil {
			return err
		}
		files[w.Path] = entry{h, filemode.Regular}
	}
	return nil
}

// commitWrites puts writes into files and stores a commit of them on parent
// (none for nil), by the editor.
func (r *Repo) commitWrites(files map[string]entry, writes []FileWrite, message string, parent *object.Commit) (*object.Commit, error) {
	if err := r.writeFiles(files, writes); err != nil {
		return nil, err
	}
	sig, err := r.Identity()
	if err != nil {
		return nil, err
	}
	tree, err := writeTree(r.Git.Storer, files)
	if err != nil {
		return nil, err
	}
	c := &object.Commit{Author: sig, Committer: sig, Message: message, TreeHash: tree}
	if parent != nil {
		c.ParentHashes = []plumbing.Hash{parent.Hash}
	}
	h, err := storeCommit(r.Git.Storer, c)
	if err != nil {
		return nil, err
	}
	return r.Git.CommitObject(h)
}

// DraftStatus is a draft's workflow status (draft, pending_review,
// pending_publish), kept as decap-server keeps it: in the branch's
// description, behind a label prefix.
func (r *Repo) DraftStatus(key string) (string, error) {
	cfg, err := r.Git.Config()
	if err != nil {
		return "", err
	}
	if b, ok := cfg.Branches[DraftPrefix+key]; ok {
		return b.Description, nil
	}
	return "", nil
}

// SetDraftStatus records a draft's status.
func (r *Repo) SetDraftStatus(key, status string) error {
	cfg, err := r.Git.Config()
	if err != nil {
		return err
	}
	name := DraftPrefix + key
	b, ok := cfg.Branches[name]
	if !ok {
		b = &config.Branch{Name: name}
		cfg.Branches[name] = b
	}
	b.Description = status
	return r.Git.SetConfig(cfg)
}

// DeleteDraft removes a draft and its status. Its commit stays on a kept ref.
func (r *Repo) DeleteDraft(key string) error {
	tip, err := r.commitAt(draftRef(key))
	if err != nil {
		return err
	}
	if tip == nil {
		return ErrNoDraft
	}
	if _, err := r.keep("draft", tip); err != nil {
		return err
	}
	if err := r.Git.Storer.RemoveReference(draftRef(key)); err != nil {
		return err
	}
	cfg, err := r.Git.Config()
	if err != nil {
		return err
	}
	if _, ok := cfg.Branches[DraftPrefix+key]; !ok {
		return nil
	}
	delete(cfg.Branches, DraftPrefix+key)
	return r.Git.SetConfig(cfg)
}

// Apply commits writes on the published branch (main) and brings the
// editor's folder along, when main is checked out: a file the editor changed
// and has not saved stops it with an UnsavedError before anything changes.
func (r *Repo) Apply(writes []FileWrite, message string) (*object.Commit, error) {
	main, err := r.Main()
	if err != nil {
		return nil, err
	}
	files, err := flatten(main)
	if err != nil {
		return nil, err
	}
	c, err := r.commitWrites(files, writes, message, main)
	if err != nil {
		return nil, err
	}
	head, err := r.Git.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return nil, err
	}
	checkedOut := head.Type() == plumbing.SymbolicReference && head.Target() == mainBranch
	return c, r.moveBranch(move{Branch: mainBranch, From: main.Hash.String(), To: c.Hash.String(), Files: checkedOut})
}

// PublishDraft puts a draft on the published branch with Apply, deletes the
// draft, and — when the folder has a server — sends main there as Publish
// does, without saving anything else of the editor's.
func (r *Repo) PublishDraft(ctx context.Context, key string, o PublishOptions) (*PublishResult, error) {
	tip, changes, err := r.Draft(key)
	if err != nil {
		return nil, err
	}
	tree, err := tip.Tree()
	if err != nil {
		return nil, err
	}
	var writes []FileWrite
	for p, h := range changes {
		if h.IsZero() {
			writes = append(writes, FileWrite{Path: p, Delete: true})
			continue
		}
		e, err := tree.FindEntry(p)
		if err != nil {
			return nil, err
		}
		data, err := r.blobBytes(e.Hash)
		if err != nil {
			return nil, err
		}
		writes = append(writes, FileWrite{Path: p, Data: data})
	}
	sort.Slice(writes, func(i, j int) bool { return writes[i].Path < writes[j].Path })
	if _, err := r.Apply(writes, strings.TrimSpace(tip.Message)); err != nil {
		return nil, err
	}
	if err := r.DeleteDraft(key); err != nil {
		return nil, err
	}
	if !r.HasRemote("origin") {
		return &PublishResult{}, nil
	}
	o.OnlySaved = true
	return r.Publish(ctx, o)
}

func notesRef(key string) plumbing.ReferenceName {
	return plumbing.ReferenceName("refs/centar/notes/" + key)
}

// DraftNotes returns the editorial notes kept beside a draft (JSON), nil
// when there are none.
func (r *Repo) DraftNotes(key string) ([]byte, error) {
	c, err := r.commitAt(notesRef(key))
	if err != nil || c == nil {
		return nil, err
	}
	return r.ReadFile(c, "notes.json")
}

// SetDraftNotes keeps a draft's notes in a commit of their own, on a ref the
// published branch never sees.
func (r *Repo) SetDraftNotes(key string, data []byte) error {
	prev, err := r.commitAt(notesRef(key))
	if err != nil {
		return err
	}
	c, err := r.commitWrites(map[string]entry{}, []FileWrite{{Path: "notes.json", Data: data}}, "Beleške uz "+key, prev)
	if err != nil {
		return err
	}
	return r.setRef(notesRef(key), c.Hash)
}

// Size is a blob's size, read from its header, not its content.
func (r *Repo) Size(h plumbing.Hash) (int64, error) {
	if s, ok := r.Git.Storer.(interface {
		EncodedObjectSize(plumbing.Hash) (int64, error)
	}); ok {
		return s.EncodedObjectSize(h)
	}
	b, err := r.Git.BlobObject(h)
	if err != nil {
		return 0, err
	}
	return b.Size, nil
}
