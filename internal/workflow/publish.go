package workflow

import (
	"context"
	"errors"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/check"
	"centar/internal/content"
)

// Step is a stage of Publish, announced as it begins.
type Step int

const (
	Checking Step = iota
	Saving
	Fetching // taking what others published
	Sending
)

// PublishOptions say what to publish and how to speak.
type PublishOptions struct {
	// Message describes the change; "" asks Describe.
	Message  string
	Describe func(changes []Change) string
	// Review sends the work for review instead of to the site.
	Review bool
	// Check is how to check the site; Production is set for a publish.
	Check check.Options
	// Progress, if set, hears each step as it begins.
	Progress func(Step)
	// OnlySaved sends what is saved and leaves unsaved changes alone: the
	// CMS publishes so, beside an editor who may be writing in the folder.
	OnlySaved bool
	// Publisher names who published, in the commit's Published-by
	// trailer; "" adds none.
	Publisher string

	// author is who wrote what is published, when another publishes it.
	author *object.Signature
}

// withTrailer is message with the Published-by trailer of o, if any.
func (o PublishOptions) withTrailer(message string) string {
	if o.Publisher == "" {
		return message
	}
	return strings.TrimRight(message, "\n") + "\n\nPublished-by: " + o.Publisher
}

// PublishResult is what Publish did and found.
type PublishResult struct {
	// Findings of the whole site's check; Elsewhere counts the errors in
	// files this publish does not change, which do not stop it.
	Findings  []check.Finding
	Elsewhere int
	// Saved is the commit of the unsaved changes, zero when there were none.
	Saved plumbing.Hash
	Sync  Outcome
	// Sent: the server has the work now. Not set when there was nothing
	// to send.
	Sent bool
	// Review is where the work went for review.
	Review *ReviewResult
	// Waiting lists files left out because they wait for review.
	Waiting []WaitingForReview
	// Drafts are pages of this publish still marked draft: true, which the
	// site leaves out.
	Drafts []PageChange
	// Folder is what kept the editor's folder from following a publication
	// the server took: unsaved work in its way, say.
	Folder error
}

// CheckError means the check found errors in what this publish would send;
// nothing was saved or sent.
type CheckError struct {
	Errors int
	// LinksToRemoved are the findings, in other files, of links to pages
	// this publish deletes or renames.
	LinksToRemoved []check.Finding
}

func (e *CheckError) Error() string { return "the check found errors in the changes" }

// judge sorts a publication's check: an error in a file it changes (mine),
// or in a link to a page it removes, stops it; the errors elsewhere, which
// are others' to mend, are counted and let through.
func judge(findings []check.Finding, mine func(path string) bool, removed map[string]bool) (stop *CheckError, elsewhere int) {
	cerr := &CheckError{}
	for _, f := range findings {
		switch {
		case f.Severity != check.Error:
		case mine(f.Path):
			cerr.Errors++
		case removed[normalURL(f.Target)]:
			cerr.Errors++
			cerr.LinksToRemoved = append(cerr.LinksToRemoved, f)
		default:
			elsewhere++
		}
	}
	if cerr.Errors > 0 {
		return cerr, elsewhere
	}
	return nil, elsewhere
}

// retries is how often publish takes what others published meanwhile and
// tries to send again.
const retries = 3

// Publish is the whole of publishing: check the site as production will,
// save the editor's changes, take what others published, send — and, when
// someone published in between, take and send again. With Review the work
// goes to a review branch instead. The command line and the CMS both call
// it. It stops at a safe point when ctx is cancelled.
func (r *Repo) Publish(ctx context.Context, o PublishOptions) (*PublishResult, error) {
	res := &PublishResult{}
	step := func(s Step) {
		if o.Progress != nil {
			o.Progress(s)
		}
	}
	if _, _, err := r.onBranch(Branch); err != nil {
		return res, err
	}
	unsaved, waiting, reviews, err := r.editorsChanges()
	if err != nil {
		return res, err
	}
	res.Waiting = waiting
	if o.OnlySaved {
		unsaved, res.Waiting = nil, nil
	}
	if !o.Review && !o.OnlySaved {
		if err := changedUnderReview(unsaved, reviews); err != nil {
			return res, err
		}
	}
	saved, err := r.savedChanges()
	if err != nil {
		return res, err
	}
	mine := map[string]bool{}
	for _, c := range append(append([]Change{}, unsaved...), saved...) {
		mine[c.Path] = true
	}

	cleared, err := r.clearVerificationsInFolder(unsaved, o.Check.P)
	if err != nil {
		return res, err
	}
	if err := r.stampTranslationsInFolder(unsaved); err != nil {
		return res, err
	}

	step(Checking)
	opts := o.Check
	opts.Production = !o.Review
	if res.Findings, err = check.Site(r.Root, nil, opts); err != nil {
		return res, err
	}
	res.Findings = append(cleared, res.Findings...)
	removed, err := r.removedPages(unsaved, saved)
	if err != nil {
		return res, err
	}
	var cerr *CheckError
	if cerr, res.Elsewhere = judge(res.Findings, func(p string) bool { return mine[p] }, removed); cerr != nil {
		return res, cerr
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	message := o.Message
	if strings.TrimSpace(message) == "" && o.Describe != nil {
		message = o.Describe(append(append([]Change{}, unsaved...), saved...))
	}
	if o.Review {
		step(Sending)
		res.Review, err = r.sendForReview(ctx, unsaved, message)
		res.Sent = res.Review != nil
		return res, err
	}
	if len(unsaved) > 0 {
		step(Saving)
		if res.Saved, err = r.Save(unsaved, message); err != nil {
			return res, err
		}
	}
	for attempt := 1; ; attempt++ {
		step(Fetching)
		if res.Sync, err = r.Sync(ctx, SyncOptions{}); err != nil {
			return res, err
		}
		head, err := r.head()
		if err != nil {
			return res, err
		}
		pub, err := r.commitAt(published)
		if err != nil {
			return res, err
		}
		if head == nil || (pub != nil && pub.Hash == head.Hash) {
			break // the server has it all
		}
		step(Sending)
		err = r.push(ctx, "origin", mainBranch, Branch)
		if errors.Is(err, ErrRemoteMoved) && attempt < retries {
			continue // someone published in between: take it, send again
		}
		if err != nil {
			return res, err
		}
		res.Sent = true
		if err := r.markSeen(head); err != nil {
			return res, err
		}
		break
	}
	res.Drafts = r.drafts(mine)
	return res, nil
}

// savedChanges lists the files saved since the last publish: with the
// unsaved changes, what publishing now sends.
func (r *Repo) savedChanges() ([]Change, error) {
	head, err := r.head()
	if err != nil || head == nil {
		return nil, err
	}
	pub, err := r.commitAt(published)
	if err != nil {
		return nil, err
	}
	files, err := changedFiles(pub, head)
	if err != nil {
		return nil, err
	}
	out := make([]Change, 0, len(files))
	for p, h := range files {
		kind := Modified
		if h.IsZero() {
			kind = Deleted
		}
		out = append(out, Change{p, kind})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// removedPages returns the addresses of the published pages these changes
// delete (or rename).
func (r *Repo) removedPages(changes ...[]Change) (map[string]bool, error) {
	pub, err := r.commitAt(published)
	if err != nil || pub == nil {
		return nil, err
	}
	tree, err := pub.Tree()
	if err != nil {
		return nil, err
	}
	model, err := content.Load(os.DirFS(r.Root))
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, list := range changes {
		for _, c := range list {
			if !strings.HasPrefix(c.Path, "content/") || !strings.HasSuffix(c.Path, ".md") {
				continue
			}
			if _, err := os.Stat(r.abs(c.Path)); err == nil {
				continue
			}
			f, err := tree.File(c.Path)
			if err != nil {
				continue // never published
			}
			src, err := f.Contents()
			if err != nil {
				return nil, err
			}
			out[check.PageURL(model, c.Path, []byte(src))] = true
		}
	}
	return out, nil
}

// normalURL writes a page address as pages are registered: with a final
// slash unless it names a file.
func normalURL(u string) string {
	if u == "" || strings.HasSuffix(u, "/") || path.Ext(u) != "" {
		return u
	}
	return u + "/"
}

// drafts lists the pages among paths marked draft: true.
func (r *Repo) drafts(paths map[string]bool) []PageChange {
	var out []PageChange
	for p := range paths {
		if !strings.HasPrefix(p, "content/") || !strings.HasSuffix(p, ".md") {
			continue
		}
		data, err := os.ReadFile(r.abs(p))
		if err != nil {
			continue
		}
		if m := readMeta(data); m.Draft {
			out = append(out, PageChange{Path: p, Title: m.Title})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
