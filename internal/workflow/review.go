package workflow

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/translit"
)

// ReviewPrefix begins the name of every branch sent for review.
const ReviewPrefix = "sadrzaj/"

// A Review is work sent for review on a branch of its own. Its files stay in
// the editor's folder as they were sent, but out of the published branch:
// they reach the site only when the review itself is published (its pull
// request merged).
type Review struct {
	Branch string
	// Files maps each file the review changes to its blob there (the zero
	// hash where it deletes the file); Base, to its blob in the published
	// state the review was made on.
	Files, Base map[string]plumbing.Hash
	tip         *object.Commit
}

// pendingReviews lists the review branches whose work the published branch
// does not have yet.
func (r *Repo) pendingReviews() ([]Review, error) {
	refs, err := r.Git.Branches()
	if err != nil {
		return nil, err
	}
	pub, err := r.commitAt(published)
	if err != nil {
		return nil, err
	}
	var out []Review
	err = refs.ForEach(func(ref *plumbing.Reference) error {
		name := ref.Name().Short()
		if !strings.HasPrefix(name, ReviewPrefix) {
			return nil
		}
		tip, err := r.Git.CommitObject(ref.Hash())
		if err != nil {
			return err
		}
		var base *object.Commit
		if pub != nil {
			bases, err := tip.MergeBase(pub)
			if err != nil {
				return err
			}
			if len(bases) > 0 {
				base = bases[0]
			}
		}
		files, err := changedFiles(base, tip)
		if err != nil {
			return err
		}
		baseFiles, err := flatten(base)
		if err != nil {
			return err
		}
		rv := Review{Branch: name, Files: files, Base: map[string]plumbing.Hash{}, tip: tip}
		for p := range files {
			rv.Base[p] = baseFiles[p].hash
		}
		out = append(out, rv)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Branch < out[j].Branch })
	return out, err
}

// WaitingForReview is an unsaved change that is the version sent for review.
type WaitingForReview struct {
	Change
	Branch string
}

// UnderReviewError means a file sent for review was changed again: the new
// version must go to the review too, not straight to the site.
type UnderReviewError struct {
	Paths  []string
	Branch string
}

func (e *UnderReviewError) Error() string {
	return fmt.Sprintf("%s changed again while under review on %s", strings.Join(e.Paths, ", "), e.Branch)
}

// editorsChanges returns the unsaved content changes that are the editor's
// to save or publish, those that are exactly what a review holds, and the
// pending reviews. A file changed again since it was sent for review is
// among the editor's: the caller decides.
func (r *Repo) editorsChanges() (mine []Change, waiting []WaitingForReview, reviews []Review, err error) {
	unsaved, err := r.Unsaved()
	if err != nil {
		return nil, nil, nil, err
	}
	if reviews, err = r.pendingReviews(); err != nil {
		return nil, nil, nil, err
	}
	mine, waiting, err = r.withoutReviewed(unsaved, reviews)
	return mine, waiting, reviews, err
}

// withoutReviewed splits changes into those that belong to no review and
// those that are exactly what a review holds. A file changed since it was
// sent is returned with the rest: the caller decides.
func (r *Repo) withoutReviewed(changes []Change, reviews []Review) (rest []Change, waiting []WaitingForReview, err error) {
	for _, c := range changes {
		rv, h, ok := reviewOf(reviews, c.Path)
		if ok {
			disk, err := r.onDisk(c.Path)
			if err != nil {
				return nil, nil, err
			}
			if (h.IsZero() && !disk.exists) || (disk.exists && disk.hash == h) {
				waiting = append(waiting, WaitingForReview{c, rv})
				continue
			}
		}
		rest = append(rest, c)
	}
	return rest, waiting, nil
}

func reviewOf(reviews []Review, path string) (string, plumbing.Hash, bool) {
	for _, rv := range reviews {
		if h, ok := rv.Files[path]; ok {
			return rv.Branch, h, true
		}
	}
	return "", plumbing.ZeroHash, false
}

// changedUnderReview fails with an UnderReviewError when a change touches a
// file of a pending review with content other than the review's.
func changedUnderReview(changes []Change, reviews []Review) error {
	for _, rv := range reviews {
		var paths []string
		for _, c := range changes {
			if _, ok := rv.Files[c.Path]; ok {
				paths = append(paths, c.Path)
			}
		}
		if len(paths) > 0 {
			return &UnderReviewError{Paths: paths, Branch: rv.Branch}
		}
	}
	return nil
}

// forgetFinishedReviews lets go of each review the published branch has
// dealt with: every one of its files is, on the site, either as the review
// has it (it was published) or changed since the review was made (published
// with edits, or overtaken). Its local branch goes; a review whose own
// version did not go out stays on a kept ref. It returns their names.
func (r *Repo) forgetFinishedReviews(pub *object.Commit) ([]string, error) {
	reviews, err := r.pendingReviews()
	if err != nil || len(reviews) == 0 {
		return nil, err
	}
	files, err := flatten(pub)
	if err != nil {
		return nil, err
	}
	var done []string
	for _, rv := range reviews {
		published, dealtWith := true, true
		for p, h := range rv.Files {
			now := files[p].hash
			published = published && now == h
			dealtWith = dealtWith && (now == h || now != rv.Base[p])
		}
		if !dealtWith {
			continue
		}
		if !published {
			if _, err := r.keep("review", rv.tip); err != nil {
				return nil, err
			}
		}
		if err := r.Git.Storer.RemoveReference(plumbing.NewBranchReferenceName(rv.Branch)); err != nil {
			return nil, err
		}
		done = append(done, rv.Branch)
	}
	return done, nil
}

// ReviewResult says where the work went.
type ReviewResult struct {
	Branch  string
	Updated bool // an existing review got the new versions
}

// ErrSeveralReviews means the changes touch files of more than one pending
// review: centar does not guess which to update.
type ErrSeveralReviews struct{ Branches []string }

func (e *ErrSeveralReviews) Error() string {
	return "the changes belong to several reviews: " + strings.Join(e.Branches, ", ")
}

// sendForReview commits the unsaved changes and what was saved but not
// published on a review branch — a new one named after the message, or the
// pending review whose files they change — and sends it to the server. The
// published branch does not get them: saved commits leave it (they stay on
// the review branch and on a kept ref), and every file stays in the folder
// as it is.
func (r *Repo) sendForReview(ctx context.Context, unsaved []Change, message string) (*ReviewResult, error) {
	branch, local, err := r.onBranch(Branch)
	if err != nil {
		return nil, err
	}
	remote, err := r.fetch(ctx)
	if err != nil {
		return nil, err
	}
	sig, err := r.Identity()
	if err != nil {
		return nil, err
	}
	// What goes to review: the saved commits the server does not have…
	work := map[string]*entry{}
	var base *object.Commit
	if local != nil && remote != nil {
		seen, err := r.lastSeen()
		if err != nil {
			return nil, err
		}
		p, err := makePlan(local, remote, seen)
		if err != nil {
			return nil, err
		}
		if len(p.mine) > 0 {
			base = p.base
			saved, err := commitChanges(base, local)
			if err != nil {
				return nil, err
			}
			for _, c := range saved {
				work[c.path] = c.to
			}
		}
	}
	// …and what is unsaved.
	for _, c := range unsaved {
		e, err := r.stage(c.Path)
		if err != nil {
			return nil, fmt.Errorf("sending %s: %w", c.Path, err)
		}
		if e == nil {
			work[c.Path] = nil
		} else {
			work[c.Path] = &entry{e.Hash, e.Mode}
		}
	}
	if len(work) == 0 {
		return nil, nil
	}
	reviews, err := r.pendingReviews()
	if err != nil {
		return nil, err
	}
	res := &ReviewResult{}
	parent := remote
	var touched []string
	for _, rv := range reviews {
		for p := range work {
			if _, ok := rv.Files[p]; ok {
				touched = append(touched, rv.Branch)
				break
			}
		}
	}
	switch len(touched) {
	case 0:
	case 1:
		res.Branch, res.Updated = touched[0], true
		if parent, err = r.commitAt(plumbing.NewBranchReferenceName(res.Branch)); err != nil {
			return nil, err
		}
	default:
		return nil, &ErrSeveralReviews{touched}
	}
	files, err := flatten(parent)
	if err != nil {
		return nil, err
	}
	for p, e := range work {
		if e == nil {
			delete(files, p)
		} else {
			files[p] = *e
		}
	}
	tree, err := writeTree(r.Git.Storer, files)
	if err != nil {
		return nil, err
	}
	commit := &object.Commit{Author: sig, Committer: sig, Message: message, TreeHash: tree}
	if parent != nil {
		commit.ParentHashes = []plumbing.Hash{parent.Hash}
	}
	h, err := storeCommit(r.Git.Storer, commit)
	if err != nil {
		return nil, err
	}
	if res.Updated {
		ref := plumbing.NewBranchReferenceName(res.Branch)
		if err := r.setRef(ref, h); err != nil {
			return nil, err
		}
		if err := r.push(ctx, "origin", ref, res.Branch); err != nil {
			return nil, err
		}
	} else if res.Branch, err = r.pushNewReview(ctx, message, h); err != nil {
		return nil, err
	}
	if base != nil {
		// The saved commits leave the published branch; the files stay.
		if _, err := r.keep("review", local); err != nil {
			return nil, err
		}
		if err := r.moveBranch(move{Branch: branch, From: local.Hash.String(), To: base.Hash.String()}); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// pushNewReview sends commit h under a review branch named after message,
// unique here and on the server: a name someone else took there gets the
// next number.
func (r *Repo) pushNewReview(ctx context.Context, message string, h plumbing.Hash) (string, error) {
	slug := translit.Slug(firstLine(message))
	if len(slug) > 50 {
		slug = strings.TrimRight(slug[:50], "-")
	}
	if slug == "" {
		slug = "izmene"
	}
	for i := 1; i <= 20; i++ {
		name := ReviewPrefix + slug
		if i > 1 {
			name = fmt.Sprintf("%s-%d", name, i)
		}
		ref := plumbing.NewBranchReferenceName(name)
		if _, err := r.Git.Reference(ref, false); err == nil {
			continue // a review of this folder has it
		}
		if err := r.setRef(ref, h); err != nil {
			return "", err
		}
		err := r.push(ctx, "origin", ref, name)
		if errors.Is(err, ErrRemoteMoved) {
			if err := r.Git.Storer.RemoveReference(ref); err != nil {
				return "", err
			}
			continue // the server has a branch of that name from someone else
		}
		return name, err
	}
	return "", errors.New("no free name for the review branch")
}
