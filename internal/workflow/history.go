package workflow

import (
	"container/heap"
	"context"
	"errors"
	"io/fs"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// unpublished returns the commits reachable from tip and from none of
// others, parents before children. It walks newest first from all of them at
// once and stops when every commit left to look at is reachable from others,
// as git's own merge-base walk does.
func unpublished(tip *object.Commit, others ...*object.Commit) ([]*object.Commit, error) {
	const (
		mine   = 1
		theirs = 2
	)
	flags := map[plumbing.Hash]uint8{}
	commits := map[plumbing.Hash]*object.Commit{}
	q := &byDate{}
	push := func(c *object.Commit, f uint8) {
		if flags[c.Hash]|f == flags[c.Hash] {
			return
		}
		flags[c.Hash] |= f
		commits[c.Hash] = c
		heap.Push(q, c)
	}
	push(tip, mine)
	for _, o := range others {
		if o != nil {
			push(o, theirs)
		}
	}
	onlyTheirs := func() bool {
		for _, c := range *q {
			if flags[c.Hash]&theirs == 0 {
				return false
			}
		}
		return true
	}
	for q.Len() > 0 && !onlyTheirs() {
		c := heap.Pop(q).(*object.Commit)
		f := flags[c.Hash]
		err := c.Parents().ForEach(func(p *object.Commit) error {
			push(p, f)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// Parents before children: a depth-first walk from tip.
	var out []*object.Commit
	done := map[plumbing.Hash]bool{}
	var visit func(c *object.Commit) error
	visit = func(c *object.Commit) error {
		if done[c.Hash] || flags[c.Hash] != mine {
			return nil
		}
		done[c.Hash] = true
		for _, h := range c.ParentHashes {
			if p, ok := commits[h]; ok {
				if err := visit(p); err != nil {
					return err
				}
			}
		}
		out = append(out, c)
		return nil
	}
	return out, visit(tip)
}

// byDate is a heap of commits, newest first.
type byDate []*object.Commit

func (h byDate) Len() int           { return len(h) }
func (h byDate) Less(i, j int) bool { return h[i].Committer.When.After(h[j].Committer.When) }
func (h byDate) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *byDate) Push(x any)        { *h = append(*h, x.(*object.Commit)) }
func (h *byDate) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// isAncestor reports whether a is b or one of its ancestors.
func isAncestor(a, b *object.Commit) (bool, error) {
	if a.Hash == b.Hash {
		return true, nil
	}
	return a.IsAncestor(b)
}

// A plan is how the editor's branch meets what the server has now.
type plan struct {
	local, remote *object.Commit
	// rewritten: the server no longer has what this folder last saw of
	// it (a force-push); removed lists what it took away.
	rewritten bool
	removed   []*object.Commit
	// mine are the editor's commits the server does not have, parents
	// first; base is the published state they were made on.
	mine []*object.Commit
	base *object.Commit
	// linear: mine is a chain on base, replayed commit by commit.
	// Otherwise (a merge someone made by hand) the editor's net change
	// from base is applied as one commit.
	linear bool
}

// ErrTangled means the history has more than one common ancestor with the
// server, or was rewritten in a way the editor's branch does not follow:
// centar does not guess, and changes nothing.
var ErrTangled = errors.New("the local history is tangled with the server's")

// ErrUnrelated means the folder's history and the server's share nothing.
var ErrUnrelated = errors.New("the local and published histories have nothing in common")

// makePlan compares the editor's branch (local) with the server's (remote),
// given what this folder last saw of the server (seen, nil when never).
func makePlan(local, remote, seen *object.Commit) (*plan, error) {
	p := &plan{local: local, remote: remote}
	if seen != nil {
		ok, err := isAncestor(seen, remote)
		if err != nil {
			return nil, err
		}
		if !ok {
			p.rewritten = true
			if p.removed, err = unpublished(seen, remote); err != nil {
				return nil, err
			}
		}
	}
	var err error
	if p.mine, err = unpublished(local, remote, seen); err != nil {
		return nil, err
	}
	if len(p.mine) == 0 {
		return p, nil
	}
	if p.rewritten {
		// The editor's commits sit on what the server had before: that
		// is their base, so nothing the server removed comes back.
		ok, err := isAncestor(seen, local)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, ErrTangled
		}
		p.base = seen
	} else {
		bases, err := local.MergeBase(remote)
		if err != nil {
			return nil, err
		}
		switch len(bases) {
		case 0:
			return nil, ErrUnrelated
		case 1:
			p.base = bases[0]
		default:
			return nil, ErrTangled
		}
	}
	p.linear = true
	prev := p.base.Hash
	for _, c := range p.mine {
		if len(c.ParentHashes) != 1 || c.ParentHashes[0] != prev {
			p.linear = false
			break
		}
		prev = c.Hash
	}
	return p, nil
}

// A conflict is a file both sides changed since base, to different ends,
// whose changes do not merge.
type conflict struct {
	Path string
	// RenamedTo is set when the editor renamed Path while the other side
	// changed it: the page lives on under the new name.
	RenamedTo string
	// Parts are the places both changed, for a file both sides kept.
	Parts []ConflictPart
}

// meet finds the files both sides changed since base and merges each: the
// merged blobs of those whose changes merge, the conflicts of the others.
func (r *Repo) meet(base, local, remote *object.Commit) ([]conflict, map[string]plumbing.Hash, error) {
	ours, err := changedFiles(base, local)
	if err != nil {
		return nil, nil, err
	}
	theirs, err := changedFiles(base, remote)
	if err != nil {
		return nil, nil, err
	}
	var out []conflict
	merged := map[string]plumbing.Hash{}
	deletedByUs := false
	for p, h := range ours {
		th, ok := theirs[p]
		if !ok || th == h {
			continue
		}
		if !h.IsZero() && !th.IsZero() {
			m, err := r.mergeBlobs(p, base, h, th)
			if err != nil {
				return nil, nil, err
			}
			if m.clean() {
				if merged[p], err = storeBlob(r.Git.Storer, m.result(KeepOurs)); err != nil {
					return nil, nil, err
				}
				continue
			}
			out = append(out, conflict{Path: p, Parts: m.parts})
			continue
		}
		out = append(out, conflict{Path: p})
		deletedByUs = deletedByUs || (h.IsZero() && !th.IsZero())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	if deletedByUs {
		renames, err := renamesBetween(base, local)
		if err != nil {
			return nil, nil, err
		}
		for i, c := range out {
			if to, ok := renames[c.Path]; ok && ours[c.Path].IsZero() {
				out[i].RenamedTo = to
			}
		}
	}
	return out, merged, nil
}

// mergeBlobs merges two versions, ours and theirs, of the file at p, as
// base (nil for none) had it.
func (r *Repo) mergeBlobs(p string, base *object.Commit, ours, theirs plumbing.Hash) (*fileMerge, error) {
	var old []byte
	if base != nil {
		var err error
		if old, err = r.ReadFile(base, p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	o, err := r.blobBytes(ours)
	if err != nil {
		return nil, err
	}
	t, err := r.blobBytes(theirs)
	if err != nil {
		return nil, err
	}
	return mergeFile(p, old, o, t), nil
}

// renamesBetween maps each file renamed between two commits to its new name.
func renamesBetween(a, b *object.Commit) (map[string]string, error) {
	ta, err := a.Tree()
	if err != nil {
		return nil, err
	}
	tb, err := b.Tree()
	if err != nil {
		return nil, err
	}
	changes, err := object.DiffTreeWithOptions(context.Background(), ta, tb, &object.DiffTreeOptions{DetectRenames: true, RenameScore: 50})
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, c := range changes {
		if c.From.Name != "" && c.To.Name != "" && c.From.Name != c.To.Name {
			out[c.From.Name] = c.To.Name
		}
	}
	return out, nil
}

// rebuild puts the editor's commits of p on top of the server's branch and
// returns the new tip. Changes to the paths in skip are left out: there the
// server's version wins. A file both changed takes its merged blob, from
// merged, in the first of the editor's commits that changes it. A file the
// editor renamed while the server changed it gets the server's version
// under the new name. Authors and messages are kept; nothing touches the
// working tree.
func (r *Repo) rebuild(p *plan, skip map[string]bool, merged map[string]plumbing.Hash, renamed []conflict) (*object.Commit, error) {
	files, err := flatten(p.remote)
	if err != nil {
		return nil, err
	}
	parent := p.remote
	commit := func(author, committer object.Signature, message string) error {
		tree, err := writeTree(r.Git.Storer, files)
		if err != nil || tree == parent.TreeHash {
			return err // nothing new: the server has this already
		}
		committer.When = r.Now()
		h, err := storeCommit(r.Git.Storer, &object.Commit{Author: author, Committer: committer, Message: message, TreeHash: tree, ParentHashes: []plumbing.Hash{parent.Hash}})
		if err == nil {
			parent, err = r.Git.CommitObject(h)
		}
		return err
	}
	apply := func(from, to *object.Commit) error {
		changes, err := changedFiles(from, to)
		if err != nil {
			return err
		}
		tree, err := to.Tree()
		if err != nil {
			return err
		}
		for path, h := range changes {
			if skip[path] {
				continue
			}
			if m, ok := merged[path]; ok {
				files[path] = entry{m, files[path].mode}
				continue
			}
			if h.IsZero() {
				delete(files, path)
				continue
			}
			e, err := tree.FindEntry(path)
			if err != nil {
				return err
			}
			files[path] = entry{h, e.Mode}
		}
		return nil
	}
	if p.linear {
		from := p.base
		for _, c := range p.mine {
			if err := apply(from, c); err != nil {
				return nil, err
			}
			if err := commit(c.Author, c.Committer, c.Message); err != nil {
				return nil, err
			}
			from = c
		}
	} else {
		if err := apply(p.base, p.local); err != nil {
			return nil, err
		}
		var messages []string
		for _, c := range p.mine {
			if len(c.ParentHashes) < 2 {
				messages = append(messages, strings.TrimSpace(c.Message))
			}
		}
		if err := commit(p.local.Author, p.local.Committer, strings.Join(messages, "\n\n")); err != nil {
			return nil, err
		}
	}
	if len(renamed) > 0 {
		theirs, err := flatten(p.remote)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, c := range renamed {
			files[c.RenamedTo] = theirs[c.Path]
			delete(files, c.Path)
			names = append(names, c.Path+" → "+c.RenamedTo)
		}
		last := p.mine[len(p.mine)-1]
		if err := commit(last.Author, last.Committer, "Objavljene izmene prenete na preimenovane stranice\n\n"+strings.Join(names, "\n")); err != nil {
			return nil, err
		}
	}
	return parent, nil
}
