package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"
	"golang.org/x/text/message"

	"centar/internal/check"
	"centar/internal/site"
	"centar/internal/workflow"
)

// openRepo opens the site at root and its git repository.
func openRepo(f *Factory, root string) (*workflow.Repo, error) {
	if _, err := site.Open(root); err != nil {
		return nil, err
	}
	r, err := workflow.Open(root)
	if err != nil {
		return nil, explainGit(f.P(), err)
	}
	r.Getenv = f.getenv
	return r, nil
}

// checkContent runs the content check on paths (all the site when nil) and
// prints what it finds. An error in a file for which blocks answers true (any
// file, when blocks is nil) stops the caller. An error elsewhere — a hotline
// someone else must verify — is said, for it keeps the site from going live,
// but does not stop an unrelated change.
func checkContent(f *Factory, root string, paths []string, production bool, blocks func(path string) bool) error {
	if paths != nil && len(paths) == 0 {
		return nil
	}
	p := f.P()
	findings, err := check.Site(root, paths, check.Options{Production: production, P: p})
	if err != nil {
		return err
	}
	if _, err := check.Write(f.Err, findings, "text"); err != nil {
		return err
	}
	blocking, elsewhere := 0, 0
	for _, fd := range findings {
		switch {
		case fd.Severity != check.Error:
		case blocks == nil || blocks(fd.Path):
			blocking++
		default:
			elsewhere++
		}
	}
	if blocking > 0 {
		return errors.New(p.Sprintf("the check found %s: nothing was saved or sent. Fix them and try again; your text is as you left it.", p.Sprintf("%d errors", blocking)))
	}
	if elsewhere > 0 {
		p.Fprintf(f.Err, "Note: %s in files you did not change keep the site from going live until they are fixed; tell whoever is responsible for them.\n", p.Sprintf("%d errors", elsewhere))
	}
	return nil
}

// changedPaths lists the changes' paths that still exist, for the check.
func changedPaths(changes []workflow.Change) []string {
	out := []string{}
	for _, c := range changes {
		if c.Kind != workflow.Deleted {
			out = append(out, c.Path)
		}
	}
	return out
}

// explainGit turns the workflow's errors into what an editor can act on.
func explainGit(p *message.Printer, err error) error {
	var unsaved *workflow.UnsavedError
	var conflict *workflow.ConflictError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, workflow.ErrNotRepository):
		return errors.New(p.Sprintf("this folder is not a copy of the site from git: get one with git clone (ask whoever set up your computer), then run centar there"))
	case errors.As(err, &unsaved):
		var names []string
		for _, c := range unsaved.Changes {
			names = append(names, c.Path)
		}
		return errors.New(p.Sprintf("these files have changes that are not saved: %s. Save them first with centar save -m \"what you changed\"; nothing was changed.", strings.Join(names, ", ")))
	case errors.As(err, &conflict):
		var lines []string
		for i, file := range conflict.Files {
			if conflict.Copies[i] == "" {
				lines = append(lines, p.Sprintf("  %s (you deleted it)", file))
			} else {
				lines = append(lines, p.Sprintf("  %s — your version is in %s", file, conflict.Copies[i]))
			}
		}
		return errors.New(p.Sprintf("someone else published changes to the same files you changed:\n%s\nNothing was lost: your work is also kept on the branch %s. To go on, run centar sync --take-theirs: those files get the published version. Then copy your changes from the files ending in .moja-verzija into them, delete those copies and run centar publish.", strings.Join(lines, "\n"), conflict.Branch))
	case errors.Is(err, workflow.ErrNoIdentity):
		return errors.New(p.Sprintf("git does not know your name: run once git config --global user.name \"First Last\" and git config --global user.email you@example.org, then try again"))
	case errors.Is(err, workflow.ErrRemoteMoved):
		return errors.New(p.Sprintf("someone published while you were working, so nothing was sent. Your work is saved here; run centar publish again"))
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return errors.New(p.Sprintf("the server refused access (%v). Set a token in CENTAR_GIT_TOKEN or sign in with your git credential helper; your work is saved here", err))
	case errors.Is(err, context.DeadlineExceeded):
		return errors.New(p.Sprintf("the server did not answer in time. Your work is saved here; try again when the connection is better"))
	}
	return fmt.Errorf("%w\n%s", err, p.Sprintf("Your files are as you left them; nothing was lost. Try again; if it keeps failing, send this message to whoever maintains the site."))
}
