package workflow

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"

	"centar/internal/durable"
)

// Errors of the exchange with the server. Each is said to the editor in
// plain words by the caller.
var (
	// ErrRemoteMoved means the server's branch moved on since the last
	// sync — or while this push was under way: nothing was changed there.
	ErrRemoteMoved = errors.New("the remote branch has commits this one does not have")
	// ErrRepositoryNotFound means the server has no repository at the
	// address, or hides it from these credentials.
	ErrRepositoryNotFound = transport.ErrRepositoryNotFound
)

// TimeoutError means the server did not answer within Timeout.
type TimeoutError struct{ URL string }

func (e *TimeoutError) Error() string { return e.URL + " did not answer in time" }

// RejectedError means the server refused the change, with its reason and
// what its hooks printed.
type RejectedError struct {
	Reason string // the server's status, such as "pre-receive hook declined"
	Said   string // the server's own words, "" when it sent none
}

func (e *RejectedError) Error() string {
	if e.Said != "" {
		return e.Reason + ": " + e.Said
	}
	return e.Reason
}

// NetworkError means the connection failed or broke off.
type NetworkError struct {
	URL string
	Err error
}

func (e *NetworkError) Error() string { return fmt.Sprintf("talking to %s: %v", e.URL, e.Err) }
func (e *NetworkError) Unwrap() error { return e.Err }

// remoteError turns go-git's error of an exchange with url into one of the
// errors above; said is what the server printed meanwhile. ctx is the
// caller's context, nctx the one with the timeout.
func remoteError(ctx, nctx context.Context, url string, err error, said string) error {
	msg := err.Error()
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(nctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return &TimeoutError{url}
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return err
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("%s: %w", url, ErrRepositoryNotFound)
	case containsAny(msg, "non-fast-forward", "fetch first", "failed to update ref", "failed to lock", "cannot lock ref", "reference already exists", "stale info", "changed concurrently"):
		return ErrRemoteMoved
	case containsAny(msg, "command error on", "unpack error", "hook declined", "rejected"):
		reason := msg
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			reason = msg[i+2:]
		}
		return &RejectedError{Reason: reason, Said: serverWords(said)}
	}
	return &NetworkError{URL: url, Err: err}
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// serverWords keeps what a server's hooks printed, without git's progress
// lines.
func serverWords(said string) string {
	var out []string
	for _, line := range strings.FieldsFunc(said, func(r rune) bool { return r == '\n' || r == '\r' }) {
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "remote:"))
		if line == "" || containsAny(line, "Counting objects", "Compressing objects", "Writing objects", "Resolving deltas", "Total ", "Enumerating objects") {
			continue
		}
		out = append(out, line)
	}
	if len(out) > 10 {
		out = out[:10]
	}
	return strings.Join(out, "\n")
}

// push sends the local ref from to the server's branch to, fast-forward
// only. An interrupted push changes nothing that a second push cannot finish.
func (r *Repo) push(ctx context.Context, remote string, from plumbing.ReferenceName, to string) error {
	url, err := r.RemoteURL(remote)
	if err != nil {
		return err
	}
	auth, err := Auth(url, r.Getenv)
	if err != nil {
		return err
	}
	durable.Point("push " + to)
	nctx, cancel := r.networkContext(ctx)
	defer cancel()
	var said bytes.Buffer
	spec := config.RefSpec(from.String() + ":" + plumbing.NewBranchReferenceName(to).String())
	err = r.Git.PushContext(nctx, &git.PushOptions{RemoteName: remote, RefSpecs: []config.RefSpec{spec}, Auth: auth, Progress: &said})
	if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
		return nil
	}
	return remoteError(ctx, nctx, url, err, said.String())
}

// PushBranch sends the current branch to the server of remote (origin, or a
// CSO's fork) under the same name.
func (r *Repo) PushBranch(ctx context.Context, remote string) error {
	branch, head, err := r.onBranch("")
	if err != nil {
		return err
	}
	if head == nil {
		return errors.New("nothing saved yet")
	}
	return r.push(ctx, remote, branch, branch.Short())
}
