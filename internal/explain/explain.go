// Package explain says what went wrong in the editors' own words: the
// workflow's errors, as the command line and the web CMS both report them.
//
// Of the project's packages it may import only workflow.
package explain

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"
	"golang.org/x/text/message"

	"centar/internal/workflow"
)

// Git turns the workflow's errors into what an editor can act on, in the
// printer's language; any other error is passed on with a reassurance.
func Git(p *message.Printer, err error) error {
	var (
		unsaved     *workflow.UnsavedError
		conflict    *workflow.ConflictError
		branch      *workflow.BranchError
		gitLock     *workflow.GitLockError
		notRegular  *workflow.NotRegularError
		rewritten   *workflow.RewrittenError
		timeout     *workflow.TimeoutError
		rejected    *workflow.RejectedError
		network     *workflow.NetworkError
		underReview *workflow.UnderReviewError
		several     *workflow.ErrSeveralReviews
		checkErr    *workflow.CheckError
		notTrans    *workflow.NotTranslationError
	)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled):
		return errors.New(p.Sprintf("stopped. Nothing is half done: what was finished stays, the rest did not start. Run the command again to go on"))
	case errors.Is(err, workflow.ErrNotRepository):
		return errors.New(p.Sprintf("this folder is not a copy of the site from git: get one with git clone (ask whoever set up your computer), then run centar there"))
	case errors.Is(err, workflow.ErrBusy):
		return errors.New(p.Sprintf("another centar is working in this folder (the web editor, or another window): wait until it finishes and try again; nothing was changed"))
	case errors.As(err, &gitLock):
		return errors.New(p.Sprintf("a git program is working in this folder, or was stopped half way and left %s behind. If no git program is running, delete that file and try again; nothing was changed", gitLock.Path))
	case errors.As(err, &branch) && branch.Have == "":
		return errors.New(p.Sprintf("this folder is on no branch (git calls it a detached HEAD), so nothing was saved or sent. Run git switch %s, then try again", branch.Want))
	case errors.As(err, &branch):
		return errors.New(p.Sprintf("this folder is on the branch %s, not %s, so nothing was saved or sent. Run git switch %s, then try again", branch.Have, branch.Want, branch.Want))
	case errors.As(err, &notRegular):
		return errors.New(p.Sprintf("%s is a link to another file, not a file: its text would never reach the site. Put a real file there and try again; nothing was saved", notRegular.Path))
	case errors.As(err, &unsaved):
		var names []string
		for _, c := range unsaved.Changes {
			names = append(names, c.Path)
		}
		return errors.New(p.Sprintf("these files have changes that are not saved: %s. Save them first with centar save -m \"what you changed\"; nothing was changed.", strings.Join(names, ", ")))
	case errors.As(err, &conflict):
		var lines []string
		for _, c := range conflict.Conflicts {
			switch {
			case c.RenamedTo != "":
				lines = append(lines, p.Sprintf("  %s — you renamed it to %s; your version is in %s", c.Path, c.RenamedTo, c.Copy))
			case c.Copy == "":
				lines = append(lines, p.Sprintf("  %s (you deleted it)", c.Path))
			default:
				lines = append(lines, p.Sprintf("  %s — your version is in %s", c.Path, c.Copy))
			}
		}
		return errors.New(p.Sprintf("someone else published changes to the same files you changed:\n%s\nNothing was lost: your work is also kept on the branch %s. To go on, run centar sync --take-theirs: those files get the published version (a renamed page gets it under its new name). Then copy your changes from the copies ending in .moja-verzija into them, delete those copies and run centar publish.", strings.Join(lines, "\n"), conflict.Branch))
	case errors.As(err, &rewritten):
		return errors.New(p.Sprintf("the site's history was changed on the server: earlier publications were removed there, probably to take something down:\n%s\nNothing was sent and nothing here was changed. Run centar sync to take the site as it is now (what was removed stays removed; your unpublished changes are kept), then publish again.", Removed(p, rewritten.Removed)))
	case errors.Is(err, workflow.ErrTangled):
		return errors.New(p.Sprintf("the history of this folder is tangled with the server's (someone worked here with git by hand), so centar changed nothing. Your files are as you left them; ask whoever maintains the site for help"))
	case errors.Is(err, workflow.ErrUnrelated):
		return errors.New(p.Sprintf("this folder's history has nothing in common with the server's: is origin the site's repository? Nothing was changed"))
	case errors.As(err, &underReview):
		return errors.New(p.Sprintf("%s was sent for review on the branch %s and has changed since, so nothing was published. Send the new version to the same review with centar publish --review; it goes on the site when the review is published", strings.Join(underReview.Paths, ", "), underReview.Branch))
	case errors.As(err, &several):
		return errors.New(p.Sprintf("your changes touch files of several reviews (%s): send them for review one at a time; nothing was sent", strings.Join(several.Branches, ", ")))
	case errors.As(err, &checkErr):
		msg := p.Sprintf("the check found %s: nothing was saved or sent. Fix them and try again; your text is as you left it.", p.Sprintf("%d errors", checkErr.Errors))
		if len(checkErr.LinksToRemoved) > 0 {
			msg += "\n" + p.Sprintf("You deleted or renamed a page that other pages still link to (above): change those links first, or keep the page.")
		}
		return errors.New(msg)
	case errors.As(err, &notTrans):
		return errors.New(p.Sprintf("%s is not a translation of a Serbian page: name a translation that centar translations lists; nothing was changed", notTrans.Path))
	case errors.Is(err, workflow.ErrNoIdentity):
		return errors.New(p.Sprintf("git does not know your name: run once git config --global user.name \"First Last\" and git config --global user.email you@example.org, then try again"))
	case errors.Is(err, workflow.ErrRemoteMoved):
		return errors.New(p.Sprintf("someone published while you were working, so nothing was sent. Your work is saved here; run centar publish again"))
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return errors.New(p.Sprintf("the server refused access (%v). Set a token in CENTAR_GIT_TOKEN or sign in with your git credential helper; your work is saved here", err))
	case errors.Is(err, workflow.ErrRepositoryNotFound):
		return errors.New(p.Sprintf("the server has no repository at that address, or does not let you see it (%v): check the address with git remote -v and your access; nothing was sent", err))
	case errors.As(err, &timeout):
		return errors.New(p.Sprintf("the server (%s) did not answer in time. Nothing was lost: your work is saved here. Try again when the connection is better; CENTAR_GIT_TIMEOUT=10m waits longer", timeout.URL))
	case errors.As(err, &rejected) && rejected.Said != "":
		return errors.New(p.Sprintf("the server refused the change (%s). It said:\n%s\nYour work is saved here; nothing was lost. Show this message to whoever maintains the site.", rejected.Reason, rejected.Said))
	case errors.As(err, &rejected):
		return errors.New(p.Sprintf("the server refused the change (%s). Your work is saved here; nothing was lost. Show this message to whoever maintains the site.", rejected.Reason))
	case errors.As(err, &network):
		return errors.New(p.Sprintf("the connection to the server (%s) broke off (%v). Nothing was lost: your work is saved here, and running the command again finishes it", network.URL, network.Err))
	}
	return fmt.Errorf("%w\n%s", err, p.Sprintf("Your files are as you left them; nothing was lost. Try again; if it keeps failing, send this message to whoever maintains the site."))
}

// Removed lists removed publications, one per line.
func Removed(p *message.Printer, removed []workflow.RemovedCommit) string {
	var lines []string
	for _, c := range removed {
		lines = append(lines, p.Sprintf("  „%s” (%s, %s): %s", c.Message, c.Author, c.When.Local().Format("2006-01-02"), strings.Join(c.Files, ", ")))
	}
	return strings.Join(lines, "\n")
}

// Web says the workflow's errors to an editor in the web CMS: with no file
// path and no command, for they never open a terminal. Errors it has no
// words of its own for are said as Git says them.
func Web(p *message.Printer, err error) error {
	var (
		conflict *workflow.DraftConflictError
		unsaved  *workflow.UnsavedError
		timeout  *workflow.TimeoutError
		rejected *workflow.RejectedError
		network  *workflow.NetworkError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &conflict):
		return errors.New(p.Sprintf("a colleague has meanwhile published a change to the same part of this page, so nothing was published: the entry shows both versions side by side, to choose what stays"))
	case errors.Is(err, workflow.ErrBusy):
		return errors.New(p.Sprintf("someone else is saving or publishing right now: try again in a moment; nothing was changed"))
	case errors.As(err, &unsaved):
		return errors.New(p.Sprintf("the same page is being changed in the site's folder on this computer, and those changes are not saved: save or undo them there first; nothing was published"))
	case errors.Is(err, workflow.ErrRemoteMoved):
		return errors.New(p.Sprintf("colleagues were publishing at the same moment, so nothing was published: your draft is kept; publish it again"))
	case errors.As(err, &timeout), errors.As(err, &network):
		return errors.New(p.Sprintf("the site's server cannot be reached right now, so nothing was published: your draft is kept; try again in a few minutes"))
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed), errors.Is(err, workflow.ErrRepositoryNotFound):
		return errors.New(p.Sprintf("the site's server did not let this editor publish, so nothing was published: your draft is kept; tell whoever maintains the site"))
	case errors.As(err, &rejected) && rejected.Said != "":
		// The server's own words, without git's about its hook.
		return errors.New(p.Sprintf("the site's server refused the change (%s), so nothing was published: your draft is kept; show this message to whoever maintains the site", rejected.Said))
	case errors.As(err, &rejected):
		return errors.New(p.Sprintf("the site's server refused the change (%s), so nothing was published: your draft is kept; show this message to whoever maintains the site", rejected.Reason))
	}
	return Git(p, err)
}
