// Package workflow is the editors' git workflow — status, save, sync, publish,
// submit — done with go-git in the site's own repository. Its one promise:
// nothing an editor typed is ever lost. Every operation that would move a
// branch away from the editor's commits keeps them on another ref first, and
// no operation overwrites a file that is not saved.
package workflow

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Branch is the branch the site is published from.
const Branch = "main"

// ContentDirs are the folders whose changes save commits: what editors write.
var ContentDirs = []string{"content/", "data/", "i18n/", "static/"}

// IsContent reports whether a site-relative path is editors' content.
func IsContent(rel string) bool {
	for _, d := range ContentDirs {
		if strings.HasPrefix(rel, d) {
			return true
		}
	}
	return false
}

// Repo is the site's git repository and its working tree.
type Repo struct {
	Root string
	Git  *git.Repository
	wt   *git.Worktree
	// Now is the clock, for commit times and conflict branch names.
	Now func() time.Time
	// Getenv reads the environment, for tokens.
	Getenv func(string) string
}

// ErrNotRepository means the site folder is not a git repository.
var ErrNotRepository = errors.New("not a git repository")

// Open opens the repository whose working tree is root.
func Open(root string) (*Repo, error) {
	r, err := git.PlainOpen(root)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, ErrNotRepository
	}
	if err != nil {
		return nil, fmt.Errorf("opening the repository in %s: %w", root, err)
	}
	wt, err := r.Worktree()
	if err != nil {
		return nil, err
	}
	return &Repo{Root: root, Git: r, wt: wt, Now: time.Now, Getenv: os.Getenv}, nil
}

// A Change is one file that differs between two states of the site.
type Change struct {
	Path string
	Kind ChangeKind
}

// ChangeKind says how a file changed.
type ChangeKind int

const (
	Added ChangeKind = iota
	Modified
	Deleted
)

// Unsaved lists the content files changed in the working tree and not yet
// saved (committed), sorted by path.
func (r *Repo) Unsaved() ([]Change, error) {
	st, err := r.wt.Status()
	if err != nil {
		return nil, fmt.Errorf("reading the working tree: %w", err)
	}
	var out []Change
	for p, s := range st {
		if !IsContent(p) || strings.HasSuffix(p, CopySuffix) {
			continue
		}
		code := s.Worktree
		if code == git.Unmodified {
			code = s.Staging
		}
		switch code {
		case git.Unmodified:
			continue
		case git.Untracked, git.Added:
			out = append(out, Change{p, Added})
		case git.Deleted:
			out = append(out, Change{p, Deleted})
		default:
			out = append(out, Change{p, Modified})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// UnsavedError means an operation needs every change saved first.
type UnsavedError struct{ Changes []Change }

func (e *UnsavedError) Error() string {
	return fmt.Sprintf("%d unsaved changes, first %s", len(e.Changes), e.Changes[0].Path)
}

// requireSaved fails with an UnsavedError when any content change is unsaved.
func (r *Repo) requireSaved() error {
	ch, err := r.Unsaved()
	if err != nil {
		return err
	}
	if len(ch) > 0 {
		return &UnsavedError{ch}
	}
	return nil
}

// head returns the commit the current branch points at, or nil in a
// repository without commits.
func (r *Repo) head() (*object.Commit, error) {
	ref, err := r.Git.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return r.Git.CommitObject(ref.Hash())
}

// commitAt returns the commit a reference points at, or nil without error
// when the reference does not exist.
func (r *Repo) commitAt(name plumbing.ReferenceName) (*object.Commit, error) {
	ref, err := r.Git.Reference(name, true)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return r.Git.CommitObject(ref.Hash())
}

// published is the remote-tracking ref of the published branch.
var published = plumbing.NewRemoteReferenceName("origin", Branch)

// Identity is the editor's name and e-mail from the git configuration.
func (r *Repo) Identity() (object.Signature, error) {
	cfg, err := r.Git.ConfigScoped(config.GlobalScope)
	if err != nil {
		return object.Signature{}, err
	}
	if cfg.User.Name == "" || cfg.User.Email == "" {
		return object.Signature{}, ErrNoIdentity
	}
	return object.Signature{Name: cfg.User.Name, Email: cfg.User.Email, When: r.Now()}, nil
}

// ErrNoIdentity means git does not know the editor's name or e-mail.
var ErrNoIdentity = errors.New("no user.name or user.email in the git configuration")

// RemoteURL returns the first URL of a remote, such as origin.
func (r *Repo) RemoteURL(name string) (string, error) {
	rem, err := r.Git.Remote(name)
	if err != nil {
		return "", fmt.Errorf("remote %q: %w", name, err)
	}
	return rem.Config().URLs[0], nil
}

func (r *Repo) abs(rel string) string { return filepath.Join(r.Root, filepath.FromSlash(rel)) }

// StartBranch creates branch name at the current commit and switches to it,
// keeping every change in the working tree.
func (r *Repo) StartBranch(name string) error {
	return r.wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(name), Create: true, Keep: true})
}

// CurrentBranch names the checked-out branch.
func (r *Repo) CurrentBranch() (string, error) {
	ref, err := r.Git.Head()
	if err != nil {
		return "", err
	}
	return ref.Name().Short(), nil
}

// HeadMessage is the message of the current commit, or "".
func (r *Repo) HeadMessage() string {
	head, err := r.head()
	if err != nil || head == nil {
		return ""
	}
	return head.Message
}

// AddRemote adds a remote, or changes its URL if it exists.
func (r *Repo) AddRemote(name, url string) error {
	if err := r.Git.DeleteRemote(name); err != nil && !errors.Is(err, git.ErrRemoteNotFound) {
		return err
	}
	_, err := r.Git.CreateRemote(&config.RemoteConfig{Name: name, URLs: []string{url}})
	return err
}

// HasRemote reports whether a remote is configured.
func (r *Repo) HasRemote(name string) bool {
	_, err := r.Git.Remote(name)
	return err == nil
}
