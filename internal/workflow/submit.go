package workflow

import (
	"context"
	"errors"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"centar/internal/translit"
)

// ContributionPrefix begins the name of every contribution's branch.
const ContributionPrefix = "prilog/"

// ErrUnnamedContribution means a contribution needs a few words that name
// it: none is under way to add to.
var ErrUnnamedContribution = errors.New("a new contribution needs a message that names it")

// ContributionBranch names the branch a CSO's contribution goes on. The
// message names the contribution: the same message adds to it, a new one
// starts another. Without one, the contribution under way gets the work.
func (r *Repo) ContributionBranch(message string) (string, error) {
	if strings.TrimSpace(message) != "" {
		return ContributionPrefix + translit.Slug(message), nil
	}
	branch, err := r.CurrentBranch()
	if err != nil {
		return "", err
	}
	if !strings.HasPrefix(branch, ContributionPrefix) {
		return "", ErrUnnamedContribution
	}
	return branch, nil
}

// upstreamMain receives the Centre's published branch, seen from a CSO's fork.
var upstreamMain = plumbing.NewRemoteReferenceName("upstream", Branch)

// StartContribution puts a CSO's folder on the contribution branch name: it
// stays if it is there, goes back to it if it exists, or else creates it from
// the Centre's published branch (upstream) — so a new contribution carries
// only its own changes, never an earlier one's. Unsaved changes come along;
// the folder's other files follow the branch. It reports whether the branch
// is new.
func (r *Repo) StartContribution(ctx context.Context, name string) (bool, error) {
	current, head, err := r.onBranch("")
	if err != nil {
		return false, err
	}
	ref := plumbing.NewBranchReferenceName(name)
	if current == ref {
		return false, nil
	}
	target, err := r.commitAt(ref)
	if err != nil {
		return false, err
	}
	created := target == nil
	if created {
		if target, err = r.fetchInto(ctx, "upstream", Branch, upstreamMain); err != nil {
			return false, err
		}
		if target == nil {
			target = head
		}
	}
	m := move{Branch: ref, To: target.Hash.String(), Files: true, Checkout: true}
	if head != nil {
		m.From = head.Hash.String()
	}
	return created, r.moveBranch(m)
}
