package workflow

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/check"
	"centar/internal/content"
)

// Drafts are the web CMS's unpublished entries: one branch each,
// cms/<collection>/<slug>, made with plumbing as one commit on top of the
// published commit it was made from (its base). They are never checked out:
// the editor's folder and branch stay as they are until a draft is
// published.

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

// DraftOptions say how to save a draft.
type DraftOptions struct {
	Message string
	// Check is how to check the draft's files.
	Check check.Options
	// Holds are translations the editor says still translate their
	// Serbian pages: recorded as current, though their text is unchanged.
	Holds []string
}

// DraftResult is what SaveDraft did and found.
type DraftResult struct {
	// Commit is the draft, nil when the writes leave it nothing of its
	// own (it is gone).
	Commit *object.Commit
	// Findings of the check in the files the save writes.
	Findings []check.Finding
	// Conflicts are the places where a colleague published a change to the
	// same part of a page meanwhile: the draft stays on the version it was
	// made from until the editor chooses (ResolveDraft).
	Conflicts []FileConflict
}

// SaveDraft writes files into the draft key, creating it on the published
// branch. What the draft changed before stays, unless writes change it.
// When the published branch moved on since the draft was made, the draft
// moves onto it if its files merge with what was published; otherwise it
// stays where it was and the result names the conflicts. Nothing is saved
// when the check finds an error in the files written (a CheckError).
func (r *Repo) SaveDraft(key string, writes []FileWrite, o DraftOptions) (*DraftResult, error) {
	res := &DraftResult{}
	main, err := r.Main()
	if err != nil {
		return res, err
	}
	base, mine := main, map[string]plumbing.Hash{}
	// A help line's number is compared with the version the editor
	// changed: the draft's, when it holds the help lines already.
	var numbersWere *object.Commit
	// A translation is brought up to date by a change of its text from
	// the version the editor had: the draft's, once there is one.
	var textWas *object.Commit
	if tip, changes, err := r.Draft(key); err == nil {
		if base, err = draftBase(tip); err != nil {
			return res, err
		}
		if _, ok := changes[content.HotlinesFile]; ok {
			numbersWere = tip
		}
		textWas = tip
		mine = changes
	} else if !errors.Is(err, ErrNoDraft) {
		return res, err
	}
	for _, w := range writes {
		if w.Delete {
			mine[w.Path] = plumbing.ZeroHash
			continue
		}
		if mine[w.Path], err = storeBlob(r.Git.Storer, w.Data); err != nil {
			return res, err
		}
	}
	onto, changes := base, mine
	if base.Hash != main.Hash {
		moved, conflicts, err := r.rebase(mine, base, main, nil)
		if err != nil {
			return res, err
		}
		if res.Conflicts = conflicts; len(conflicts) == 0 {
			onto, changes = main, moved
		}
	}
	tree, err := r.withChanges(onto, changes)
	if err != nil {
		return res, err
	}
	if numbersWere == nil {
		numbersWere = onto
	}
	if textWas == nil {
		textWas = onto
	}
	cleared, err := r.clearVerifications(numbersWere, tree, o.Check.P)
	if err != nil {
		return res, err
	}
	if err := r.stampTranslations(textWas, tree, written(writes), o.Holds); err != nil {
		return res, err
	}
	if res.Findings, err = r.checkFiles(tree, writes, o.Check); err != nil {
		return res, err
	}
	res.Findings = append(cleared, res.Findings...)
	if n := errorCount(res.Findings); n > 0 {
		return res, &CheckError{Errors: n}
	}
	c, err := r.commitTree(tree, o.Message, onto)
	if err != nil {
		return res, err
	}
	if c.TreeHash == onto.TreeHash {
		// Nothing of its own is left: no draft, or none any more.
		if err := r.DeleteDraft(key); err != nil && !errors.Is(err, ErrNoDraft) {
			return res, err
		}
		return res, nil
	}
	res.Commit = c
	return res, r.setRef(draftRef(key), c.Hash)
}

// draftBase is the published commit a draft was made from (or last moved
// onto): its parent.
func draftBase(tip *object.Commit) (*object.Commit, error) {
	if tip.NumParents() == 0 {
		return nil, fmt.Errorf("the draft %s has no published commit under it", tip.Hash)
	}
	return tip.Parent(0)
}

// withChanges is the files of c with changes made to them: a blob for each
// path, the zero hash for a removal.
func (r *Repo) withChanges(c *object.Commit, changes map[string]plumbing.Hash) (map[string]entry, error) {
	files, err := flatten(c)
	if err != nil {
		return nil, err
	}
	for p, h := range changes {
		if h.IsZero() {
			delete(files, p)
			continue
		}
		mode := files[p].mode
		if mode == 0 {
			mode = filemode.Regular
		}
		files[p] = entry{h, mode}
	}
	return files, nil
}

// checkFiles checks the site as files has it and returns the findings in
// the files writes write.
func (r *Repo) checkFiles(files map[string]entry, writes []FileWrite, o check.Options) ([]check.Finding, error) {
	var paths []string
	for _, w := range writes {
		if !w.Delete {
			paths = append(paths, w.Path)
		}
	}
	if len(paths) == 0 {
		return nil, nil
	}
	return check.Tree(newCommitFS(r, files), paths, o)
}

func errorCount(findings []check.Finding) int {
	n := 0
	for _, f := range findings {
		if f.Severity == check.Error {
			n++
		}
	}
	return n
}

// commitTree stores a commit of files on parent, by the editor.
func (r *Repo) commitTree(files map[string]entry, message string, parent *object.Commit) (*object.Commit, error) {
	return r.commitTreeBy(files, message, parent, nil)
}

// commitTreeBy is commitTree with author as the commit's author, when it is
// not nil: the editor who wrote what another publishes.
func (r *Repo) commitTreeBy(files map[string]entry, message string, parent *object.Commit, author *object.Signature) (*object.Commit, error) {
	sig, err := r.Identity()
	if err != nil {
		return nil, err
	}
	tree, err := writeTree(r.Git.Storer, files)
	if err != nil {
		return nil, err
	}
	c := &object.Commit{Author: sig, Committer: sig, Message: message, TreeHash: tree}
	if author != nil {
		c.Author = *author
		c.Author.When = sig.When
	}
	if parent != nil {
		c.ParentHashes = []plumbing.Hash{parent.Hash}
	}
	h, err := storeCommit(r.Git.Storer, c)
	if err != nil {
		return nil, err
	}
	return r.Git.CommitObject(h)
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
	files := map[string]entry{}
	if err := r.writeFiles(files, []FileWrite{{Path: "notes.json", Data: data}}); err != nil {
		return err
	}
	c, err := r.commitTree(files, "Beleške uz "+key, prev)
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
