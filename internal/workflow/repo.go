// Package workflow is the editors' git workflow — status, save, sync,
// publish, review, submit — done with go-git in the site's own repository.
// Its promises:
//
//   - Nothing an editor typed is lost. Every operation that would move a
//     branch away from the editor's commits keeps them on another ref first,
//     and no operation overwrites a file whose content it does not know.
//   - Nobody's published work is undone: what others published is never
//     replaced by an older version, a removal on the server is never undone,
//     and work sent for review reaches the site only through its review.
//   - A crash changes nothing of this. Every file in .git and in the working
//     tree is replaced atomically (package durable), one process at a time
//     works in a folder, and a multi-step change is recorded before its first
//     step, so the next command finishes it before it reads anything.
//
// The command line and the web CMS drive the same calls.
//
// Of the project's packages it may import only check, content, durable,
// merge and translit.
package workflow

import (
	"context"
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
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"centar/internal/durable"
)

// Branch is the branch the site is published from.
const Branch = "main"

var mainBranch = plumbing.NewBranchReferenceName(Branch)

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

// Repo is the site's git repository and its working tree, opened by one
// process at a time.
type Repo struct {
	Root string
	Git  *git.Repository
	wt   *git.Worktree
	// Now is the clock, for commit times and the names of kept refs.
	Now func() time.Time
	// Getenv reads the environment, for tokens and the network timeout.
	Getenv func(string) string
	// Author, when set, is who commits are made as (the person signed in
	// to the CMS server); nil takes git's configuration.
	Author *object.Signature
	// Finished is what Open found interrupted and finished.
	Finished *Finished

	gitDir string
	files  durable.Dir
	lock   *durable.Lock
}

// Errors of opening.
var (
	// ErrNotRepository means the site folder is not a git repository.
	ErrNotRepository = errors.New("not a git repository")
	// ErrBusy means another centar is working in the folder.
	ErrBusy = errors.New("another centar process is working in this folder")
)

// GitLockError means a git program is working in the folder, or was
// stopped and left its lock file.
type GitLockError struct{ Path string }

func (e *GitLockError) Error() string { return e.Path + " exists: git is working here" }

// LockWait is how long Open waits for another centar to finish.
const LockWait = 10 * time.Second

// Open opens the repository whose working tree is root, waits for any other
// centar working there, and finishes what a crashed one left unfinished.
// Close lets the next process in.
func Open(ctx context.Context, root string) (*Repo, error) {
	// Temporary files are named by their full path: the root must be one.
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	gitDir := filepath.Join(root, git.GitDirName)
	info, err := os.Stat(gitDir)
	if err != nil || !info.IsDir() {
		return nil, ErrNotRepository
	}
	ctx, cancel := context.WithTimeout(ctx, LockWait)
	defer cancel()
	lock, err := durable.Acquire(ctx, filepath.Join(gitDir, "centar", "lock"))
	if errors.Is(err, durable.ErrLocked) {
		return nil, ErrBusy
	}
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", gitDir, err)
	}
	r, err := open(root, gitDir, lock)
	if err != nil {
		lock.Release()
		return nil, err
	}
	return r, nil
}

func open(root, gitDir string, lock *durable.Lock) (*Repo, error) {
	files := durable.Dir{Tmp: filepath.Join(gitDir, "centar", "tmp")}
	// Only this process works here now: what is in the temporary folder
	// was left by one that was killed.
	if err := files.Clean(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(gitDir, "index.lock")); err == nil {
		return nil, &GitLockError{filepath.Join(gitDir, "index.lock")}
	}
	storage := filesystem.NewStorage(durable.NewFS(gitDir, files), cache.NewObjectLRUDefault())
	g, err := git.Open(storage, durable.NewFS(root, files))
	if err != nil {
		return nil, fmt.Errorf("opening the repository in %s: %w", root, err)
	}
	wt, err := g.Worktree()
	if err != nil {
		return nil, err
	}
	r := &Repo{Root: root, Git: g, wt: wt, Now: time.Now, Getenv: os.Getenv, gitDir: gitDir, files: files, lock: lock}
	if r.Finished, err = r.finishInterrupted(); err != nil {
		return nil, err
	}
	return r, nil
}

// Close releases the folder to the next process.
func (r *Repo) Close() error { return r.lock.Release() }

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
		if !IsContent(p) || isCopy(p) {
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

// waitingFiles returns the files waiting for review exactly as they were
// sent, with the blobs of their content: a move may replace them, for they
// are kept on their review branch.
func (r *Repo) waitingFiles() (map[string]string, error) {
	_, waiting, _, err := r.editorsChanges()
	if err != nil {
		return nil, err
	}
	kept := map[string]string{}
	for _, w := range waiting {
		if disk, err := r.onDisk(w.Path); err == nil && disk.exists {
			kept[w.Path] = disk.hash.String()
		}
	}
	return kept, nil
}

// BranchError means the folder is not on the branch an operation works on:
// a detached HEAD, or another branch checked out by hand.
type BranchError struct {
	Want, Have string // Have is "" for a detached HEAD
}

func (e *BranchError) Error() string {
	if e.Have == "" {
		return "no branch is checked out (detached HEAD); want " + e.Want
	}
	return "on branch " + e.Have + ", not " + e.Want
}

// onBranch returns the current branch and its commit (nil in a repository
// without commits); it fails with a BranchError on a detached HEAD or, when
// want is not "", on another branch.
func (r *Repo) onBranch(want string) (plumbing.ReferenceName, *object.Commit, error) {
	ref, err := r.Git.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", nil, err
	}
	if ref.Type() != plumbing.SymbolicReference {
		return "", nil, &BranchError{Want: want}
	}
	name := ref.Target()
	if want != "" && name.Short() != want {
		return "", nil, &BranchError{Want: want, Have: name.Short()}
	}
	c, err := r.commitAt(name)
	return name, c, err
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

// setRef points name at h.
func (r *Repo) setRef(name plumbing.ReferenceName, h plumbing.Hash) error {
	return r.Git.Storer.SetReference(plumbing.NewHashReference(name, h))
}

// Refs centar keeps besides git's own.
var (
	// published is the remote-tracking ref of the published branch: what
	// the site had at the last sync or publish.
	published = plumbing.NewRemoteReferenceName("origin", Branch)
	// seenRef is the same, kept where a git fetch by hand does not move it:
	// a server that no longer has it was rewritten.
	seenRef = plumbing.ReferenceName("refs/centar/seen")
	// fetchedRef receives the server's branch before it is looked at.
	fetchedRef = plumbing.ReferenceName("refs/centar/fetched")
	// keptPrefix holds one ref for each time an operation moved a branch
	// away from commits: nothing an editor saved is ever unreachable.
	keptPrefix = "refs/centar/kept/"
)

// keep points a new ref under keptPrefix at c, for why, and returns its name.
func (r *Repo) keep(why string, c *object.Commit) (plumbing.ReferenceName, error) {
	name := plumbing.ReferenceName(fmt.Sprintf("%s%s-%s-%s", keptPrefix, r.Now().UTC().Format("20060102T150405.000000000Z"), why, c.Hash.String()[:8]))
	return name, r.setRef(name, c.Hash)
}

// Identity is the editor's name and e-mail: Author's when it is set,
// otherwise the git configuration's.
func (r *Repo) Identity() (object.Signature, error) {
	if r.Author != nil {
		return object.Signature{Name: r.Author.Name, Email: r.Author.Email, When: r.Now()}, nil
	}
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

// CurrentBranch names the checked-out branch, or "" on a detached HEAD.
func (r *Repo) CurrentBranch() (string, error) {
	ref, err := r.Git.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", err
	}
	if ref.Type() != plumbing.SymbolicReference {
		return "", nil
	}
	return ref.Target().Short(), nil
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
