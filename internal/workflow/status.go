package workflow

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"centar/internal/content"
	"centar/internal/durable"
)

// A PageChange is a content file that differs from the published site, named
// by its title when it is a page.
type PageChange struct {
	Path  string
	Title string // "" for a file that is not a page
	Kind  ChangeKind
	Saved bool // committed, waiting to be published
	// Review is the review branch this change waits on, exactly as sent.
	Review string
}

// Report is what changed since the last publish.
type Report struct {
	Changes     []PageChange
	Drafts      []PageChange // pages marked draft: true, which the site leaves out
	PublishedAt time.Time    // zero when nothing was ever published
	// Reviews are the pending reviews; a change that is exactly what one
	// holds names it in its Review field.
	Reviews []Review
}

// Status compares the content as it is now — saved or not — with the last
// published state known here (origin/main as of the last sync or publish).
func (r *Repo) Status() (*Report, error) {
	rep := &Report{}
	before := map[string]entry{}
	pub, err := r.commitAt(published)
	if err != nil {
		return nil, err
	}
	if pub != nil {
		rep.PublishedAt = pub.Committer.When
		if before, err = flatten(pub); err != nil {
			return nil, err
		}
	}
	saved := map[string]entry{}
	if head, err := r.head(); err != nil {
		return nil, err
	} else if head != nil {
		if saved, err = flatten(head); err != nil {
			return nil, err
		}
	}
	now := make(map[string]entry, len(saved))
	for p, e := range saved {
		now[p] = e
	}
	unsaved, err := r.Unsaved()
	if err != nil {
		return nil, err
	}
	if rep.Reviews, err = r.pendingReviews(); err != nil {
		return nil, err
	}
	_, waiting, err := r.withoutReviewed(unsaved, rep.Reviews)
	if err != nil {
		return nil, err
	}
	underReview := map[string]string{}
	for _, w := range waiting {
		underReview[w.Path] = w.Branch
	}
	for _, c := range unsaved {
		if c.Kind == Deleted {
			delete(now, c.Path)
			continue
		}
		data, err := os.ReadFile(r.abs(c.Path))
		if err != nil {
			return nil, err
		}
		now[c.Path] = entry{hash: plumbing.ComputeHash(plumbing.BlobObject, data)}
	}
	// Every file in now is on disk as it is in now; a deleted one only in git.
	onDiskNow := func(p string) []byte {
		data, _ := os.ReadFile(r.abs(p))
		return data
	}
	inGit := func(e entry) []byte {
		blob, err := r.Git.BlobObject(e.hash)
		if err != nil {
			return nil
		}
		rd, err := blob.Reader()
		if err != nil {
			return nil
		}
		defer rd.Close()
		data, _ := io.ReadAll(rd)
		return data
	}
	for p, e := range now {
		if !IsContent(p) {
			continue
		}
		old, existed := before[p]
		var kind ChangeKind
		switch {
		case !existed:
			kind = Added
		case old.hash != e.hash:
			kind = Modified
		default:
			if strings.HasSuffix(p, ".md") && strings.HasPrefix(p, "content/") {
				if m := readMeta(onDiskNow(p)); m.Draft {
					rep.Drafts = append(rep.Drafts, PageChange{Path: p, Title: m.Title})
				}
			}
			continue
		}
		pc := PageChange{Path: p, Kind: kind, Saved: saved[p].hash == e.hash, Review: underReview[p]}
		if strings.HasSuffix(p, ".md") {
			m := readMeta(onDiskNow(p))
			pc.Title = m.Title
			if m.Draft {
				rep.Drafts = append(rep.Drafts, PageChange{Path: p, Title: m.Title})
			}
		}
		rep.Changes = append(rep.Changes, pc)
	}
	for p, e := range before {
		if _, ok := now[p]; ok || !IsContent(p) {
			continue
		}
		pc := PageChange{Path: p, Kind: Deleted, Review: underReview[p]}
		_, inHead := saved[p]
		pc.Saved = !inHead
		if strings.HasSuffix(p, ".md") {
			pc.Title = readMeta(inGit(e)).Title
		}
		rep.Changes = append(rep.Changes, pc)
	}
	sort.Slice(rep.Changes, func(i, j int) bool { return rep.Changes[i].Path < rep.Changes[j].Path })
	sort.Slice(rep.Drafts, func(i, j int) bool { return rep.Drafts[i].Path < rep.Drafts[j].Path })
	return rep, nil
}

type meta struct {
	Title string
	Draft bool
}

// readMeta reads a page's title and draft mark; a page whose header cannot be
// read has neither (the check reports why).
func readMeta(src []byte) meta {
	var m meta
	if h, err := content.ParseHeader(src); err == nil {
		h.Value("title", &m.Title)
		h.Value("draft", &m.Draft)
	}
	return m
}

// Title returns the title of the page at rel as it is on disk, or "".
func (r *Repo) Title(rel string) string {
	data, err := os.ReadFile(r.abs(rel))
	if err != nil {
		return ""
	}
	return readMeta(data).Title
}

// KeptCopies lists the copies of an editor's versions that Sync kept beside
// files after a conflict and that are still there, waiting to be merged.
func (r *Repo) KeptCopies() ([]string, error) {
	var out []string
	for _, dir := range ContentDirs {
		err := filepath.WalkDir(r.abs(dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if !d.IsDir() && isCopy(p) {
				rel, _ := filepath.Rel(r.Root, p)
				out = append(out, filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(out)
	return out, nil
}

// ErrNotACopy means a path names no copy KeptCopies lists.
var ErrNotACopy = errors.New("not a kept copy of an editor's version")

// ReadCopy reads a copy KeptCopies lists.
func (r *Repo) ReadCopy(rel string) ([]byte, error) {
	if err := r.isKeptCopy(rel); err != nil {
		return nil, err
	}
	return os.ReadFile(r.abs(rel))
}

// RemoveCopy deletes a copy KeptCopies lists, once the editor has taken
// what they need from it.
func (r *Repo) RemoveCopy(rel string) error {
	if err := r.isKeptCopy(rel); err != nil {
		return err
	}
	return durable.Remove(r.abs(rel))
}

func (r *Repo) isKeptCopy(rel string) error {
	if !isCopy(rel) || !IsContent(rel) || rel != filepath.ToSlash(filepath.Clean(rel)) || strings.Contains(rel, "..") {
		return fmt.Errorf("%s: %w", rel, ErrNotACopy)
	}
	return nil
}
