package explain

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"centar/internal/msg"
	"centar/internal/workflow"
)

// Each of the workflow's errors is said so that an editor knows what
// happened to the work and what to do next, naming the files and people
// involved.
func TestGitSaysWhatHappenedAndWhatToDo(t *testing.T) {
	p := msg.Printer(msg.English)
	removed := workflow.RemovedCommit{Message: "Вест са именом", Author: "Boris", When: time.Date(2026, 6, 5, 12, 0, 0, 0, time.UTC), Files: []string{"content/sr/vesti/ime.md"}}
	for _, c := range []struct {
		name string
		err  error
		want []string
	}{
		{"conflict", fmt.Errorf("publishing: %w", &workflow.ConflictError{Branch: "sukob/2026-12-07", Conflicts: []workflow.Conflict{
			{Path: "content/sr/vesti/prva.md", Copy: "content/sr/vesti/prva.md.moja-verzija"},
			{Path: "content/sr/vesti/druga.md", Copy: "content/sr/vesti/druga-vest.md.moja-verzija", RenamedTo: "content/sr/vesti/druga-vest.md"},
			{Path: "content/sr/vesti/treca.md"},
		}}), []string{
			"content/sr/vesti/prva.md — your version is in content/sr/vesti/prva.md.moja-verzija",
			"content/sr/vesti/druga.md — you renamed it to content/sr/vesti/druga-vest.md",
			"content/sr/vesti/treca.md (you deleted it)",
			"Nothing was lost", "on the branch sukob/2026-12-07", "centar sync --take-theirs",
		}},
		{"removal on the server", &workflow.RewrittenError{Removed: []workflow.RemovedCommit{removed}}, []string{
			"earlier publications were removed", "„Вест са именом” (Boris, 2026-06-05): content/sr/vesti/ime.md", "Nothing was sent", "Run centar sync",
		}},
		{"broken connection", &workflow.NetworkError{URL: "https://git.example.org/sajt.git", Err: syscall.ECONNRESET}, []string{
			"https://git.example.org/sajt.git", "broke off", "Nothing was lost", "running the command again finishes it",
		}},
		{"timeout", &workflow.TimeoutError{URL: "https://git.example.org/sajt.git"}, []string{"did not answer in time. Nothing was lost", "CENTAR_GIT_TIMEOUT"}},
		{"refusal with the server's words", &workflow.RejectedError{Reason: "pre-receive hook declined", Said: "main is protected"}, []string{"refused the change (pre-receive hook declined)", "main is protected", "nothing was lost"}},
		{"unsaved", &workflow.UnsavedError{Changes: []workflow.Change{{Path: "content/sr/vesti/prva.md"}}}, []string{"content/sr/vesti/prva.md", "centar save -m"}},
		{"detached", &workflow.BranchError{Want: "main"}, []string{"detached HEAD", "git switch main"}},
		{"check", &workflow.CheckError{Errors: 2}, []string{"the check found 2 errors", "nothing was saved or sent"}},
		{"anything else", errors.New("disk on fire"), []string{"disk on fire", "nothing was lost"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Git(p, c.err).Error()
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("the message does not say %q:\n%s", w, got)
				}
			}
		})
	}
}

// The web CMS's editors never see a file path, a branch or a command.
func TestWebSpeaksWithoutPathsOrCommands(t *testing.T) {
	p := msg.Printer(msg.English)
	for _, err := range []error{
		&workflow.DraftConflictError{Files: []workflow.FileConflict{{Path: "content/sr/vesti/prva.md"}}},
		&workflow.UnsavedError{Changes: []workflow.Change{{Path: "content/sr/vesti/prva.md"}}},
		&workflow.NetworkError{URL: "https://git.example.org/sajt.git", Err: syscall.ECONNRESET},
		&workflow.RejectedError{Reason: "pre-receive hook declined", Said: "main is protected"},
		workflow.ErrRemoteMoved,
		workflow.ErrBusy,
	} {
		got := Web(p, err).Error()
		for _, never := range []string{"content/", ".md", "centar ", "git ", "sukob/", "https://", "hook"} {
			if strings.Contains(got, never) {
				t.Errorf("%T is said with %q:\n%s", err, never, got)
			}
		}
		if !strings.Contains(got, "nothing was") {
			t.Errorf("%T does not say what became of the work:\n%s", err, got)
		}
	}
}
