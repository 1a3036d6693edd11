package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"centar/internal/check"
	"centar/internal/content"
	"centar/internal/durable"
)

// The web CMS publishes a draft, or a file, straight onto what the server
// has: the change is merged with whatever colleagues published since it was
// made, checked, and sent as a new commit on the server's branch. Only when
// the server has taken it does this folder's branch move to it and the
// draft go. So a publication is on the site or it is not: never published
// here and lost on the way. Between sending and the server's answer a
// record is kept; a process killed there leaves it, and the next one asks
// the server whether the commit arrived.

// A FileConflict is a file that a colleague changed, published, in the same
// places as the draft: the draft cannot be published until the editor
// chooses (ResolveDraft).
type FileConflict struct {
	Path  string
	Parts []ConflictPart
}

// DraftConflictError means a draft's changes meet a colleague's published
// changes in the same places; nothing was published.
type DraftConflictError struct{ Files []FileConflict }

func (e *DraftConflictError) Error() string {
	var paths []string
	for _, f := range e.Files {
		paths = append(paths, f.Path)
	}
	return "changed by a colleague in the same places: " + strings.Join(paths, ", ")
}

// rebase puts changes (a blob for each path, the zero hash for a removal),
// made on base, onto another published commit: a path that commit left as
// base had it takes the change; one both changed is merged, or — when the
// changes meet — a conflict, unless choice says how to resolve it. It
// returns the changes as they are onto it.
func (r *Repo) rebase(changes map[string]plumbing.Hash, base, onto *object.Commit, choice *Choice) (map[string]plumbing.Hash, []FileConflict, error) {
	baseFiles, err := flatten(base)
	if err != nil {
		return nil, nil, err
	}
	ontoFiles, err := flatten(onto)
	if err != nil {
		return nil, nil, err
	}
	out := map[string]plumbing.Hash{}
	var conflicts []FileConflict
	for p, mine := range changes {
		was, now := baseFiles[p].hash, ontoFiles[p].hash
		switch {
		case now == was, now == mine:
			out[p] = mine
			continue
		case mine.IsZero() || now.IsZero():
			// Removed on one side, changed on the other: the whole file
			// is the choice.
			if choice != nil {
				out[p] = mine
				if *choice == TakeTheirs {
					out[p] = now
				}
				continue
			}
			ours, theirs, err := r.texts(mine, now)
			if err != nil {
				return nil, nil, err
			}
			conflicts = append(conflicts, FileConflict{Path: p, Parts: []ConflictPart{{Ours: ours, Theirs: theirs, Line: 1}}})
			continue
		}
		m, err := r.mergeBlobs(p, base, mine, now)
		if err != nil {
			return nil, nil, err
		}
		if !m.clean() && choice == nil {
			conflicts = append(conflicts, FileConflict{Path: p, Parts: m.parts})
			continue
		}
		c := KeepOurs
		if choice != nil {
			c = *choice
		}
		if out[p], err = storeBlob(r.Git.Storer, m.result(c)); err != nil {
			return nil, nil, err
		}
	}
	sort.Slice(conflicts, func(i, j int) bool { return conflicts[i].Path < conflicts[j].Path })
	return out, conflicts, nil
}

// texts reads two blobs as text; the zero hash reads as "".
func (r *Repo) texts(a, b plumbing.Hash) (string, string, error) {
	var out [2]string
	for i, h := range []plumbing.Hash{a, b} {
		if h.IsZero() {
			continue
		}
		data, err := r.blobBytes(h)
		if err != nil {
			return "", "", err
		}
		out[i] = string(data)
	}
	return out[0], out[1], nil
}

// serverMain is what the draft publishes onto: the server's branch, as the
// last exchange with it found, newer than this folder's when colleagues
// published since; this folder's branch when there is no server.
func (r *Repo) serverMain() (*object.Commit, error) {
	main, err := r.Main()
	if err != nil || !r.HasRemote("origin") {
		return main, err
	}
	newest := main
	for _, ref := range []plumbing.ReferenceName{published, fetchedRef} {
		c, err := r.commitAt(ref)
		if err != nil {
			return nil, err
		}
		if c == nil || c.Hash == newest.Hash {
			continue
		}
		if ok, err := isAncestor(newest, c); err != nil {
			return nil, err
		} else if ok {
			newest = c
		}
	}
	return newest, nil
}

// onServer is a draft as it stands against what the server last had: its
// changes, the commit they were made on, and the server's.
func (r *Repo) onServer(key string) (changes map[string]plumbing.Hash, base, onto *object.Commit, err error) {
	tip, changes, err := r.Draft(key)
	if err != nil {
		return nil, nil, nil, err
	}
	if base, err = draftBase(tip); err != nil {
		return nil, nil, nil, err
	}
	onto, err = r.serverMain()
	return changes, base, onto, err
}

// DraftConflicts lists where a draft meets what colleagues published since
// it was made, as last seen from the server: none when it merges.
func (r *Repo) DraftConflicts(key string) ([]FileConflict, error) {
	changes, base, onto, err := r.onServer(key)
	if err != nil || onto.Hash == base.Hash {
		return nil, err
	}
	_, conflicts, err := r.rebase(changes, base, onto, nil)
	return conflicts, err
}

// ResolveDraft moves a draft onto what colleagues published, each place
// both changed resolved as choice says; the draft can then be published.
// A draft left with nothing of its own (the published version taken
// everywhere) is deleted: kept reports whether it stays.
func (r *Repo) ResolveDraft(key string, choice Choice, message string) (kept bool, err error) {
	changes, base, onto, err := r.onServer(key)
	if err != nil {
		return false, err
	}
	moved, _, err := r.rebase(changes, base, onto, &choice)
	if err != nil {
		return false, err
	}
	files, err := r.withChanges(onto, moved)
	if err != nil {
		return false, err
	}
	if _, err := r.clearVerifications(onto, files, nil); err != nil {
		return false, err
	}
	c, err := r.commitTree(files, message, onto)
	if err != nil {
		return false, err
	}
	if c.TreeHash == onto.TreeHash {
		return false, r.DeleteDraft(key)
	}
	return true, r.setRef(draftRef(key), c.Hash)
}

// PublishDraft publishes a draft: merged onto the server's branch, checked
// as production checks it, and sent. The draft goes when the server has
// it; a refusal (a conflict, the check, the server) leaves it as it was.
func (r *Repo) PublishDraft(ctx context.Context, key string, o PublishOptions) (*PublishResult, error) {
	tip, changes, err := r.Draft(key)
	if err != nil {
		return &PublishResult{}, err
	}
	base, err := draftBase(tip)
	if err != nil {
		return &PublishResult{}, err
	}
	if o.Message == "" {
		o.Message = strings.TrimSpace(tip.Message)
	}
	o.author = &tip.Author
	return r.publish(ctx, publication{Draft: key, DraftTip: tip.Hash.String()}, func(onto *object.Commit) (map[string]plumbing.Hash, []FileConflict, error) {
		return r.rebase(changes, base, onto, nil)
	}, o)
}

// PublishFiles publishes writes made on this folder's published branch
// (an uploaded image, a removal) as PublishDraft publishes a draft.
func (r *Repo) PublishFiles(ctx context.Context, writes []FileWrite, o PublishOptions) (*PublishResult, error) {
	main, err := r.Main()
	if err != nil {
		return &PublishResult{}, err
	}
	changes := map[string]plumbing.Hash{}
	for _, w := range writes {
		if w.Delete {
			changes[w.Path] = plumbing.ZeroHash
			continue
		}
		if changes[w.Path], err = storeBlob(r.Git.Storer, w.Data); err != nil {
			return &PublishResult{}, err
		}
	}
	// A translation records its Serbian page as the editor saw it: the
	// published branch here, with what is written.
	files, err := r.withChanges(main, changes)
	if err != nil {
		return &PublishResult{}, err
	}
	if err := r.stampTranslations(main, files, written(writes), nil); err != nil {
		return &PublishResult{}, err
	}
	for _, p := range written(writes) {
		changes[p] = files[p].hash
	}
	return r.publish(ctx, publication{}, func(onto *object.Commit) (map[string]plumbing.Hash, []FileConflict, error) {
		return r.rebase(changes, main, onto, nil)
	}, o)
}

// publication is a commit on its way to the server, recorded before it is
// sent.
type publication struct {
	Commit string `json:"commit"` // the server's branch with the change
	Onto   string `json:"onto"`   // the server's branch it was made on
	// Draft is the draft it publishes, at DraftTip: a draft saved again
	// since is newer work, and stays.
	Draft    string `json:"draft,omitempty"`
	DraftTip string `json:"draftTip,omitempty"`
}

func (r *Repo) publicationPath() string { return filepath.Join(r.gitDir, "centar", "publishing") }

// pendingPublication reads the record of a publication whose arrival is not
// known, nil when there is none.
func (r *Repo) pendingPublication() (*publication, error) {
	var p publication
	if found, err := readRecord(r.publicationPath(), &p); err != nil || !found {
		return nil, err
	}
	return &p, nil
}

// sending is the ref a publication is sent from.
var sending = plumbing.ReferenceName("refs/centar/sending")

// publish makes the change onto the server's branch, checks and sends it,
// taking what others publish meanwhile and trying again.
func (r *Repo) publish(ctx context.Context, pub publication, change func(onto *object.Commit) (map[string]plumbing.Hash, []FileConflict, error), o PublishOptions) (*PublishResult, error) {
	res := &PublishResult{}
	step := func(s Step) {
		if o.Progress != nil {
			o.Progress(s)
		}
	}
	if err := r.FinishPublishing(ctx); err != nil {
		return res, err
	}
	remote := r.HasRemote("origin")
	for attempt := 1; ; attempt++ {
		onto, err := r.Main()
		if err != nil {
			return res, err
		}
		if remote {
			step(Fetching)
			s, err := r.fetch(ctx)
			if err != nil {
				return res, err
			}
			if s != nil {
				onto = s
			}
		}
		changes, conflicts, err := change(onto)
		if err != nil {
			return res, err
		}
		if len(conflicts) > 0 {
			return res, &DraftConflictError{conflicts}
		}
		step(Checking)
		files, err := r.withChanges(onto, changes)
		if err != nil {
			return res, err
		}
		cleared, err := r.clearVerifications(onto, files, o.Check.P)
		if err != nil {
			return res, err
		}
		err = r.checkPublication(res, onto, files, changes, o)
		res.Findings = append(cleared, res.Findings...)
		if err != nil {
			return res, err
		}
		c, err := r.commitTreeBy(files, o.withTrailer(o.Message), onto, o.author)
		if err != nil {
			return res, err
		}
		if c.TreeHash == onto.TreeHash {
			// The server has it all already.
			return res, r.forgetDraft(pub)
		}
		pub.Commit, pub.Onto = c.Hash.String(), onto.Hash.String()
		if !remote {
			if err := r.moveBranch(move{Branch: mainBranch, From: onto.Hash.String(), To: c.Hash.String(), Files: r.mainCheckedOut()}); err != nil {
				return res, err
			}
			return res, r.forgetDraft(pub)
		}
		step(Sending)
		data, err := json.Marshal(pub)
		if err != nil {
			return res, err
		}
		if err := r.files.WriteFile(r.publicationPath(), data, 0o644); err != nil {
			return res, err
		}
		if err := r.setRef(sending, c.Hash); err != nil {
			return res, err
		}
		err = r.push(ctx, "origin", sending, Branch)
		if err != nil {
			if rerr := durable.Remove(r.publicationPath()); rerr != nil {
				return res, rerr
			}
			if errors.Is(err, ErrRemoteMoved) && attempt < retries {
				continue // someone published in between: merge with it, send again
			}
			return res, err
		}
		res.Sent = true
		res.Folder = r.finishPublication(ctx, &pub, c)
		return res, nil
	}
}

// checkPublication checks the site as files has it, as production will:
// errors in the files changes change, or links to pages they remove, stop
// the publication (a CheckError); errors elsewhere are counted.
func (r *Repo) checkPublication(res *PublishResult, onto *object.Commit, files map[string]entry, changes map[string]plumbing.Hash, o PublishOptions) error {
	tree := newCommitFS(r, files)
	model, err := content.Load(tree)
	if err != nil {
		return err
	}
	opts := o.Check
	opts.Production, opts.Model = true, model
	if res.Findings, err = check.Tree(tree, nil, opts); err != nil {
		return err
	}
	removed := map[string]bool{}
	for p, h := range changes {
		if !h.IsZero() || !strings.HasPrefix(p, "content/") || !strings.HasSuffix(p, ".md") {
			continue
		}
		if src, err := r.ReadFile(onto, p); err == nil {
			removed[check.PageURL(model, p, src)] = true
		}
	}
	var cerr *CheckError
	cerr, res.Elsewhere = judge(res.Findings, func(p string) bool { _, ok := changes[p]; return ok }, removed)
	if cerr != nil {
		return cerr
	}
	return nil
}

func (r *Repo) mainCheckedOut() bool {
	head, err := r.Git.Storer.Reference(plumbing.HEAD)
	return err == nil && head.Type() == plumbing.SymbolicReference && head.Target() == mainBranch
}

// finishPublication brings this folder along once the server has the
// publication c: the branch moves to it (the files too, when it is checked
// out), the published draft goes, and the record with it. The
// publication is done whatever happens to the folder: what kept the
// folder behind is returned, and is no failure of the publication's.
func (r *Repo) finishPublication(ctx context.Context, pub *publication, c *object.Commit) error {
	var folder error
	if err := r.markSeen(c); err != nil {
		folder = err
	}
	main, err := r.Main()
	switch {
	case err != nil:
		folder = err
	case main.Hash == c.Hash:
	default:
		behind, err := isAncestor(main, c)
		switch {
		case err != nil:
			folder = err
		case behind:
			folder = r.moveBranch(move{Branch: mainBranch, From: main.Hash.String(), To: c.Hash.String(), Files: r.mainCheckedOut()})
		case r.mainCheckedOut():
			// Commits saved here and not yet sent go on top of it.
			_, folder = r.Sync(ctx, SyncOptions{})
		}
	}
	if err := r.forgetDraft(*pub); err != nil {
		return err
	}
	if err := durable.Remove(r.publicationPath()); err != nil {
		return err
	}
	return folder
}

// forgetDraft deletes the draft a publication published, unless it was
// saved again since.
func (r *Repo) forgetDraft(pub publication) error {
	if pub.Draft == "" {
		return nil
	}
	tip, err := r.commitAt(draftRef(pub.Draft))
	if err != nil || tip == nil || tip.Hash.String() != pub.DraftTip {
		return err
	}
	return r.DeleteDraft(pub.Draft)
}

// FinishPublishing learns from the server whether a publication whose
// answer never came (the process was killed while sending it) arrived,
// and finishes it: the folder follows it and its draft goes. One that did
// not arrive is forgotten, its draft as it was. Without an answer from the
// server the record stays, and so does the error.
func (r *Repo) FinishPublishing(ctx context.Context) error {
	pub, err := r.pendingPublication()
	if err != nil || pub == nil {
		return err
	}
	s, err := r.fetch(ctx)
	if err != nil {
		return err
	}
	c, err := r.Git.CommitObject(plumbing.NewHash(pub.Commit))
	arrived := false
	if err == nil && s != nil {
		if arrived, err = isAncestor(c, s); err != nil {
			return err
		}
	}
	if !arrived {
		return durable.Remove(r.publicationPath())
	}
	// A folder left behind (unsaved work in the way, commits of its own
	// that do not merge) shows in its status; the publication is done.
	_ = r.finishPublication(ctx, pub, c)
	return nil
}

// Unsent counts the commits of this folder's branch the server does not
// have, as last seen: saved and not yet published.
func (r *Repo) Unsent() (int, error) {
	main, err := r.Main()
	if err != nil {
		return 0, err
	}
	pub, err := r.commitAt(published)
	if err != nil || pub == nil || !r.HasRemote("origin") {
		return 0, err
	}
	mine, err := unpublished(main, pub)
	return len(mine), err
}

// Pending reports whether a publication waits for the server's answer.
func (r *Repo) Pending() (bool, error) {
	p, err := r.pendingPublication()
	return p != nil, err
}
