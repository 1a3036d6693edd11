package workflow

import (
	"fmt"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// Save commits the given content changes, and only those, with the editor's
// name from the git configuration.
func (r *Repo) Save(changes []Change, message string) (plumbing.Hash, error) {
	sig, err := r.Identity()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	for _, c := range changes {
		if c.Kind == Deleted {
			_, err = r.wt.Remove(c.Path)
		} else {
			_, err = r.wt.Add(c.Path)
		}
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("adding %s: %w", c.Path, err)
		}
	}
	h, err := r.wt.Commit(message, &git.CommitOptions{Author: &sig, Committer: &sig})
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("saving: %w", err)
	}
	return h, nil
}
