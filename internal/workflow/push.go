package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
)

// ErrRemoteMoved means the remote branch moved on since the last sync: a
// fast-forward push was refused, nothing was changed.
var ErrRemoteMoved = errors.New("the remote branch has commits this one does not have")

// Push sends the current branch's commit to remote as branch, fast-forward
// only. An interrupted push changes nothing that a second push cannot finish.
func (r *Repo) Push(ctx context.Context, remote, branch string) error {
	head, err := r.head()
	if err != nil {
		return err
	}
	if head == nil {
		return errors.New("nothing saved yet")
	}
	url, err := r.RemoteURL(remote)
	if err != nil {
		return err
	}
	auth, err := Auth(url, r.Getenv)
	if err != nil {
		return err
	}
	ref, err := r.Git.Head()
	if err != nil {
		return err
	}
	if !ref.Name().IsBranch() {
		return errors.New("no branch is checked out")
	}
	spec := config.RefSpec(ref.Name().String() + ":" + plumbing.NewBranchReferenceName(branch).String())
	err = r.Git.PushContext(ctx, &git.PushOptions{RemoteName: remote, RefSpecs: []config.RefSpec{spec}, Auth: auth})
	switch {
	case err == nil || errors.Is(err, git.NoErrAlreadyUpToDate):
	case strings.Contains(err.Error(), "non-fast-forward"):
		return ErrRemoteMoved
	default:
		return fmt.Errorf("sending to %s: %w", url, err)
	}
	if remote == "origin" && branch == Branch {
		// What is pushed is now what is published.
		return r.Git.Storer.SetReference(plumbing.NewHashReference(published, head.Hash))
	}
	return nil
}
