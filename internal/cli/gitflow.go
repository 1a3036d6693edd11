package cli

import (
	"context"
	"strings"

	"centar/internal/build"
	"centar/internal/explain"
	"centar/internal/workflow"
)

// openRepo opens the site at root and its git repository, and says what it
// finished of an interrupted command. The caller closes it.
func openRepo(ctx context.Context, f *Factory, root string) (*workflow.Repo, error) {
	if _, err := build.Open(root, f.P()); err != nil {
		return nil, err
	}
	p := f.P()
	r, err := workflow.Open(ctx, root)
	if err != nil {
		return nil, explain.Git(p, err)
	}
	r.Getenv = f.getenv
	sayFinished(f, r)
	return r, nil
}

// sayFinished says what opening the repository r finished of an
// interrupted command.
func sayFinished(f *Factory, r *workflow.Repo) {
	p := f.P()
	if fin := r.Finished; fin != nil {
		switch {
		case fin.Abandoned:
			p.Fprintf(f.Err, "An interrupted operation was left unfinished: its branch was moved by hand since. Nothing was changed.\n")
		case len(fin.Kept) > 0:
			p.Fprintf(f.Err, "Finished what was interrupted last time. These files had changed since and were left as you left them: %s\n", strings.Join(fin.Kept, ", "))
		default:
			p.Fprintf(f.Err, "Finished what was interrupted last time.\n")
		}
	}
}
