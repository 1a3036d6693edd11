package workflow

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/content"
	"centar/internal/merge"
)

// A translation records which version of its Serbian page it translates
// (content.TranslatesField). Whatever saves a translation — save and
// publish from the folder, a CMS draft, a CMS publication without a draft —
// records the Serbian page as it is in what is saved with it: whoever saves
// a change of a translation's own text has brought it up to date. A save
// that rewrote only its header does not: the CMS writes a news item's new
// date into every language's file, and the translation stays as outdated
// as it was. It is done before the check, as the help lines' dates are
// cleared.

// stampTranslationsInFolder records, in each translation among the unsaved
// changes, the fingerprint of its Serbian page as the folder holds it.
func (r *Repo) stampTranslationsInFolder(unsaved []Change) error {
	var paths []string
	for _, c := range unsaved {
		if c.Kind != Deleted {
			paths = append(paths, c.Path)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	head, err := r.head()
	if err != nil {
		return err
	}
	stamped, err := r.stamps(head, os.DirFS(r.Root), paths, nil)
	if err != nil {
		return err
	}
	return r.writeInFolder(stamped)
}

// writeInFolder writes files (site-relative path → text) into the folder,
// each keeping its mode.
func (r *Repo) writeInFolder(files map[string][]byte) error {
	for rel, data := range files {
		info, err := os.Stat(r.abs(rel))
		if err != nil {
			return err
		}
		if err := r.files.WriteFile(r.abs(rel), data, info.Mode().Perm()); err != nil {
			return fmt.Errorf("writing %s: %w", rel, err)
		}
	}
	return nil
}

// stampTranslations records, in each translation among paths whose own
// text is not as the commit was has it, and in each of holds, the
// fingerprint of its Serbian page as files holds it.
func (r *Repo) stampTranslations(was *object.Commit, files map[string]entry, paths, holds []string) error {
	stamped, err := r.stamps(was, newCommitFS(r, files), paths, holds)
	if err != nil {
		return err
	}
	for rel, data := range stamped {
		e := files[rel]
		if e.hash, err = storeBlob(r.Git.Storer, data); err != nil {
			return err
		}
		files[rel] = e
	}
	return nil
}

// stamps returns the text of each translation among paths whose own text
// (what a fingerprint is made of) is not as the commit was has it, and of
// each of holds, recording its Serbian page as site has it; a translation
// recording it already is left out. was nil has nothing: every
// translation among paths is new.
func (r *Repo) stamps(was *object.Commit, site fs.FS, paths, holds []string) (map[string][]byte, error) {
	m, err := content.Load(site)
	if err != nil {
		return nil, err
	}
	stamped, err := m.Stamped(site, slices.Concat(paths, holds))
	if err != nil || was == nil || len(stamped) == 0 {
		return stamped, err
	}
	before, err := r.TreeFS(was)
	if err != nil {
		return nil, err
	}
	for rel := range stamped {
		if !slices.Contains(holds, rel) && sameText(before, site, rel) {
			delete(stamped, rel)
		}
	}
	return stamped, nil
}

// sameText tells whether the file rel reads the same to readers in both
// trees; a file one of them lacks, or that cannot be read, does not.
func sameText(a, b fs.FS, rel string) bool {
	textA, errA := fs.ReadFile(a, rel)
	textB, errB := fs.ReadFile(b, rel)
	if errA != nil || errB != nil {
		return false
	}
	fpA, errA := content.Fingerprint(textA)
	fpB, errB := content.Fingerprint(textB)
	return errA == nil && errB == nil && fpA == fpB
}

// written lists the paths writes write, not delete.
func written(writes []FileWrite) []string {
	var out []string
	for _, w := range writes {
		if !w.Delete {
			out = append(out, w.Path)
		}
	}
	return out
}

// NotTranslationError means a path names no translation of a Serbian page.
type NotTranslationError struct{ Path string }

func (e *NotTranslationError) Error() string {
	return e.Path + " is not a translation of a Serbian page"
}

// MarkCurrent records in the translations at paths (site-relative) that
// they translate their Serbian pages as the folder holds them now: the
// editor's word that a change of the Serbian text needs none of the
// translation. It changes nothing else; saving sends the mark. It returns
// the paths it changed: a translation current already is left as it is.
func (r *Repo) MarkCurrent(paths []string) ([]string, error) {
	site := os.DirFS(r.Root)
	m, err := content.Load(site)
	if err != nil {
		return nil, err
	}
	list, err := m.Translations(site)
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, t := range list {
		known[t.Path] = t.Path != ""
	}
	for _, p := range paths {
		if !known[p] {
			return nil, &NotTranslationError{p}
		}
	}
	stamped, err := m.Stamped(site, paths)
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, p := range paths {
		if _, ok := stamped[p]; ok {
			changed = append(changed, p)
		}
	}
	return changed, r.writeInFolder(stamped)
}

// TreeFS is the files of the commit c as a file system, read from the
// repository as they are opened.
func (r *Repo) TreeFS(c *object.Commit) (fs.FS, error) {
	files, err := flatten(c)
	if err != nil {
		return nil, err
	}
	return newCommitFS(r, files), nil
}

// A SourceChange is how a Serbian page changed since the version its
// translation translates.
type SourceChange struct {
	// Known: the history holds that version. Without it, nothing else
	// is said.
	Known bool
	// Unsaved: the change is in the folder and not saved yet. Otherwise
	// the change began with the save Commit, made When, described by
	// Subject.
	Unsaved bool
	Commit  plumbing.Hash
	When    time.Time
	Subject string
	// Diff is what changed for readers: the lines of the reader text
	// (content.ReaderText) removed and added since that version, blank
	// lines left out.
	Diff []merge.LineChange
}

// SourceChange finds, on the current branch, the newest version of the
// translation's Serbian page that has the fingerprint it records, and the
// save that changed it next.
func (r *Repo) SourceChange(t content.Translation) (SourceChange, error) {
	head, err := r.head()
	if err != nil || head == nil || t.Recorded == "" {
		return SourceChange{}, err
	}
	now, err := os.ReadFile(r.abs(t.Source))
	if err != nil {
		return SourceChange{}, err
	}
	// Walk back along the branch's first parents, to each earlier version.
	c := head
	blob, err := r.blobAt(c, t.Source)
	if err != nil || blob.IsZero() {
		return SourceChange{}, err
	}
	var since *object.Commit // the save that made the version after blob's
	for {
		old, err := r.blobBytes(blob)
		if err != nil {
			return SourceChange{}, err
		}
		if fp, err := content.Fingerprint(old); err == nil && fp == t.Recorded {
			out := SourceChange{Known: true, Unsaved: since == nil, Diff: readerDiff(old, now)}
			if since != nil {
				out.Commit, out.When = since.Hash, since.Author.When
				out.Subject, _, _ = strings.Cut(strings.TrimSpace(since.Message), "\n")
			}
			return out, nil
		}
		// The next older version: the parents' until the file changes.
		for {
			if c.NumParents() == 0 {
				return SourceChange{}, nil
			}
			parent, err := c.Parent(0)
			if err != nil {
				return SourceChange{}, err
			}
			was, err := r.blobAt(parent, t.Source)
			if err != nil || was.IsZero() {
				return SourceChange{}, err // the page began here
			}
			changed := was != blob
			if changed {
				since = c
			}
			c, blob = parent, was
			if changed {
				break
			}
		}
	}
}

// blobAt is the blob of the file rel in c, zero when c has none.
func (r *Repo) blobAt(c *object.Commit, rel string) (plumbing.Hash, error) {
	tree, err := c.Tree()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	e, err := tree.FindEntry(rel)
	if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) || (err == nil && e.Mode == filemode.Dir) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return e.Hash, nil
}

// readerDiff is what changed for readers between two versions of a page:
// the lines of their reader texts, compared with white space folded, blank
// lines left out.
func readerDiff(old, now []byte) []merge.LineChange {
	was, err1 := content.ReaderText(old)
	is, err2 := content.ReaderText(now)
	if err1 != nil || err2 != nil {
		return nil
	}
	folded := func(line []byte) string { return strings.Join(strings.Fields(string(line)), " ") }
	var out []merge.LineChange
	for _, c := range merge.Changes([]byte(was), []byte(is), folded) {
		if strings.TrimSpace(c.Line) != "" {
			out = append(out, c)
		}
	}
	return out
}
