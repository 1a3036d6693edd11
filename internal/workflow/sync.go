package workflow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// SyncResult says what Sync did.
type SyncResult int

const (
	UpToDate    SyncResult = iota // nothing new on either side
	Ahead                         // only local commits: nothing to take
	FastForward                   // only the server's commits: taken
	Replayed                      // both: local commits re-applied on the server's
)

// Outcome is what Sync did.
type Outcome struct {
	Result SyncResult
	// Kept is set with take-theirs: the editor's versions kept aside.
	Kept *ConflictError
	// Removed lists what the server no longer has, when it was rewritten
	// and Sync took it as it is now.
	Removed []RemovedCommit
	// ReviewsDone names the reviews whose pages the site now has.
	ReviewsDone []string
}

// SyncOptions say how to meet what the server has.
type SyncOptions struct {
	// TakeTheirs: for files changed on both sides, the published version
	// wins; the editor's stays kept aside.
	TakeTheirs bool
	// AcceptRemoval takes a server whose history was rewritten — published
	// commits removed, as to take down a victim's name — as it is now.
	// Without it Sync stops with a RewrittenError and changes nothing.
	AcceptRemoval bool
}

// ConflictError means a file was changed both here and on the server. Nothing
// was changed but the editor's versions kept aside: on Branch, and for each
// file as a copy beside it.
type ConflictError struct {
	Conflicts []Conflict
	Branch    string
}

// Conflict is one file changed on both sides.
type Conflict struct {
	Path string
	// Copy is where the editor's version is kept, "" where the editor
	// deleted the file.
	Copy string
	// RenamedTo is set when the editor renamed the file meanwhile.
	RenamedTo string
}

func (e *ConflictError) Error() string {
	var files []string
	for _, c := range e.Conflicts {
		files = append(files, c.Path)
	}
	return fmt.Sprintf("changed here and on the server: %s (kept on %s)", strings.Join(files, ", "), e.Branch)
}

// RewrittenError means the server no longer has commits this folder saw
// published there: someone removed them with a force-push.
type RewrittenError struct{ Removed []RemovedCommit }

func (e *RewrittenError) Error() string {
	return fmt.Sprintf("the server's history was rewritten: %d published commits are gone", len(e.Removed))
}

// RemovedCommit is a published commit the server no longer has.
type RemovedCommit struct {
	Hash    string
	Message string // its first line
	Author  string
	When    time.Time
	Files   []string
}

// CopySuffix ends the name of the copy of an editor's version of a file in
// conflict; .gitignore and the site's build skip such files.
const CopySuffix = ".moja-verzija"

// isCopy reports whether a path is such a copy.
func isCopy(p string) bool { return strings.HasSuffix(p, CopySuffix) }

// OriginalOf names the file a copy was kept beside: x.md for x.md.moja-verzija
// and for x.md.2.moja-verzija.
func OriginalOf(copy string) string {
	name := strings.TrimSuffix(copy, CopySuffix)
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if _, err := strconv.Atoi(name[i+1:]); err == nil {
			return name[:i]
		}
	}
	return name
}

// Timeout bounds every exchange with the server; CENTAR_GIT_TIMEOUT (a Go
// duration such as 30s or 5m) changes it.
const Timeout = 2 * time.Minute

func (r *Repo) networkContext(ctx context.Context) (context.Context, context.CancelFunc) {
	d := Timeout
	if v := r.Getenv("CENTAR_GIT_TIMEOUT"); v != "" {
		if parsed, err := time.ParseDuration(v); err == nil && parsed > 0 {
			d = parsed
		}
	}
	return context.WithTimeout(ctx, d)
}

// fetch brings the server's published branch into fetchedRef and returns
// its commit, or nil when nothing is published yet.
func (r *Repo) fetch(ctx context.Context) (*object.Commit, error) {
	return r.fetchInto(ctx, "origin", Branch, fetchedRef)
}

// fetchInto brings branch of remote into the ref into and returns its
// commit, or nil when the server has no such branch.
func (r *Repo) fetchInto(ctx context.Context, remote, branch string, into plumbing.ReferenceName) (*object.Commit, error) {
	url, err := r.RemoteURL(remote)
	if err != nil {
		return nil, err
	}
	auth, err := Auth(url, r.Getenv)
	if err != nil {
		return nil, err
	}
	nctx, cancel := r.networkContext(ctx)
	defer cancel()
	var said bytes.Buffer
	err = r.Git.FetchContext(nctx, &git.FetchOptions{
		RemoteName: remote,
		RefSpecs:   []config.RefSpec{config.RefSpec("+refs/heads/" + branch + ":" + into.String())},
		Auth:       auth,
		Progress:   &said,
	})
	var noRef git.NoMatchingRefSpecError
	switch {
	case errors.As(err, &noRef):
		return nil, nil
	case err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate):
		return nil, remoteError(ctx, nctx, url, err, said.String())
	}
	return r.commitAt(into)
}

// lastSeen is what this folder last saw of the server's branch.
func (r *Repo) lastSeen() (*object.Commit, error) {
	if c, err := r.commitAt(seenRef); c != nil || err != nil {
		return c, err
	}
	return r.commitAt(published)
}

// markSeen records c as the server's branch now.
func (r *Repo) markSeen(c *object.Commit) error {
	if err := r.setRef(published, c.Hash); err != nil {
		return err
	}
	return r.setRef(seenRef, c.Hash)
}

// Sync fetches and brings the local branch up to date with the published
// one, leaving unsaved changes where they are. Local commits are re-applied on top of the server's; when a file
// changed on both sides Sync stops with a ConflictError — unless TakeTheirs,
// when the published version of such files wins and the editor's stays kept
// aside as in a conflict. A server that lost commits this folder saw stops
// it with a RewrittenError, unless AcceptRemoval.
func (r *Repo) Sync(ctx context.Context, opts SyncOptions) (Outcome, error) {
	none := Outcome{Result: UpToDate}
	branch, local, err := r.onBranch(Branch)
	if err != nil {
		return none, err
	}
	// Unsaved changes may stay: the move refuses to touch a file that
	// holds anything but the versions it knows.
	waiting, err := r.waitingFiles()
	if err != nil {
		return none, err
	}
	remote, err := r.fetch(ctx)
	if err != nil || remote == nil {
		return none, err
	}
	if err := ctx.Err(); err != nil {
		return none, err
	}
	if local == nil {
		if err := r.moveBranch(move{Branch: branch, To: remote.Hash.String(), Files: true, Kept: waiting}); err != nil {
			return none, err
		}
		return Outcome{Result: FastForward}, r.markSeen(remote)
	}
	seen, err := r.lastSeen()
	if err != nil {
		return none, err
	}
	p, err := makePlan(local, remote, seen)
	if err != nil {
		return none, err
	}
	out := Outcome{}
	if p.rewritten {
		if out.Removed, err = r.describeRemoved(p.removed); err != nil {
			return none, err
		}
		if !opts.AcceptRemoval {
			return none, &RewrittenError{out.Removed}
		}
	}
	var target *object.Commit
	switch {
	case local.Hash == remote.Hash:
		out.Result = UpToDate
	case len(p.mine) == 0:
		out.Result, target = FastForward, remote
	case !p.rewritten && p.base.Hash == remote.Hash:
		out.Result = Ahead
	default:
		cs, merged, err := r.meet(p.base, local, remote)
		if err != nil {
			return none, err
		}
		skip := map[string]bool{}
		var renamed []conflict
		if len(cs) > 0 {
			if out.Kept, err = r.keepAside(local, cs); err != nil {
				return none, err
			}
			if !opts.TakeTheirs {
				return none, out.Kept
			}
			for _, c := range cs {
				skip[c.Path] = true
				if c.RenamedTo != "" {
					renamed = append(renamed, c)
				}
			}
		}
		if target, err = r.rebuild(p, skip, merged, renamed); err != nil {
			return none, err
		}
		out.Result = Replayed
	}
	if target != nil {
		// The editor's own commits are re-made on top of the server's: the
		// old ones stay on a kept ref. (Without commits of their own there
		// is nothing to keep, and what the server removed stays removed.)
		if len(p.mine) > 0 {
			if _, err := r.keep("sync", local); err != nil {
				return none, err
			}
		}
		if err := r.moveBranch(move{Branch: branch, From: local.Hash.String(), To: target.Hash.String(), Files: true, Kept: waiting}); err != nil {
			return none, err
		}
	}
	if err := r.markSeen(remote); err != nil {
		return none, err
	}
	out.ReviewsDone, err = r.forgetFinishedReviews(remote)
	return out, err
}

// describeRemoved says what each removed commit was.
func (r *Repo) describeRemoved(cs []*object.Commit) ([]RemovedCommit, error) {
	var out []RemovedCommit
	for _, c := range cs {
		var parent *object.Commit
		if c.NumParents() > 0 {
			var err error
			if parent, err = c.Parent(0); err != nil {
				return nil, err
			}
		}
		files, err := changedFiles(parent, c)
		if err != nil {
			return nil, err
		}
		rc := RemovedCommit{Hash: c.Hash.String(), Message: firstLine(c.Message), Author: c.Author.Name, When: c.Author.When}
		for p := range files {
			rc.Files = append(rc.Files, p)
		}
		sort.Strings(rc.Files)
		out = append(out, rc)
	}
	return out, nil
}

// keepAside puts the editor's commits on a branch sukob/<date> and writes
// the editor's version of each conflicting file beside it, in a copy of its
// own: an earlier conflict's copy is never overwritten.
func (r *Repo) keepAside(local *object.Commit, cs []conflict) (*ConflictError, error) {
	branch, err := r.freeBranchName("sukob/"+r.Now().Format("2006-01-02"), local.Hash)
	if err != nil {
		return nil, err
	}
	if err := r.setRef(plumbing.NewBranchReferenceName(branch), local.Hash); err != nil {
		return nil, err
	}
	tree, err := local.Tree()
	if err != nil {
		return nil, err
	}
	cerr := &ConflictError{Branch: branch}
	for _, c := range cs {
		mine := c.Path
		if c.RenamedTo != "" {
			mine = c.RenamedTo
		}
		kept := Conflict{Path: c.Path, RenamedTo: c.RenamedTo}
		f, err := tree.File(mine)
		if errors.Is(err, object.ErrFileNotFound) {
			cerr.Conflicts = append(cerr.Conflicts, kept)
			continue
		}
		if err != nil {
			return nil, err
		}
		content, err := f.Contents()
		if err != nil {
			return nil, err
		}
		if kept.Copy, err = r.writeCopy(mine, []byte(content)); err != nil {
			return nil, err
		}
		cerr.Conflicts = append(cerr.Conflicts, kept)
	}
	return cerr, nil
}

// writeCopy writes the editor's version of rel beside it, as rel.moja-verzija,
// or rel.2.moja-verzija and on when that name holds another version.
func (r *Repo) writeCopy(rel string, data []byte) (string, error) {
	for i := 1; ; i++ {
		name := rel + CopySuffix
		if i > 1 {
			name = rel + "." + strconv.Itoa(i) + CopySuffix
		}
		old, err := os.ReadFile(r.abs(name))
		if err == nil && !bytes.Equal(old, data) {
			continue
		}
		if err == nil {
			return name, nil // the same version is kept there already
		}
		if !os.IsNotExist(err) {
			return "", err
		}
		return name, r.files.WriteFile(r.abs(name), data, 0o644)
	}
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

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
