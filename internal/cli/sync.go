package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"centar/internal/explain"
	"centar/internal/workflow"
)

type syncOptions struct {
	Source     string
	TakeTheirs bool
}

func newSyncCmd(f *Factory) *cobra.Command {
	opts := &syncOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   "sync",
		Short: p.Sprintf("Takes what others have published"),
		Long: p.Sprintf("Takes the changes other editors published and merges them with your saved\n" +
			"changes. If you and someone else changed the same lines, it stops, keeps your\n" +
			"version and says what next; it never deletes your work. If something was removed\n" +
			"from the site, it removes it from your folder too and says what."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSync(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().BoolVar(&opts.TakeTheirs, "take-theirs", false, p.Sprintf("after a conflict: take the published version of the files in conflict (yours stays kept)"))
	return cmd
}

func runSync(ctx context.Context, f *Factory, o *syncOptions) error {
	p := f.P()
	r, err := openRepo(ctx, f, o.Source)
	if err != nil {
		return err
	}
	defer r.Close()
	sayStep(f, workflow.Fetching)
	out, err := r.Sync(ctx, workflow.SyncOptions{TakeTheirs: o.TakeTheirs, AcceptRemoval: true})
	if err != nil {
		return explain.Git(p, err)
	}
	if len(out.Removed) > 0 {
		p.Fprintf(f.Err, "Earlier publications were removed from the site on the server; they are gone from this folder too:\n%s\n", explain.Removed(p, out.Removed))
	}
	for _, b := range out.ReviewsDone {
		p.Fprintf(f.Err, "The review on the branch %s is over: the site has its pages now.\n", b)
	}
	switch out.Result {
	case workflow.UpToDate:
		p.Fprintf(f.Err, "Up to date: nobody else has published anything new.\n")
	case workflow.Ahead:
		p.Fprintf(f.Err, "Nothing new from others; your saved changes are not published yet.\n")
	case workflow.FastForward:
		p.Fprintf(f.Err, "Took the changes others have published.\n")
	case workflow.Replayed:
		p.Fprintf(f.Err, "Took the changes others have published and put your saved changes on top of them.\n")
	}
	if k := out.Kept; k != nil {
		p.Fprintf(f.Err, "These files now have the published version; yours is kept beside each, and on the branch %s:\n", k.Branch)
		for _, c := range k.Conflicts {
			switch {
			case c.RenamedTo != "":
				fmt.Fprintf(f.Err, "  %s → %s (%s)\n", c.Path, c.RenamedTo, c.Copy)
			case c.Copy == "":
				fmt.Fprintf(f.Err, "  %s\n", c.Path)
			default:
				fmt.Fprintf(f.Err, "  %s → %s\n", c.Path, c.Copy)
			}
		}
		p.Fprintf(f.Err, "Copy your changes into them, delete the copies and run centar publish.\n")
	}
	return nil
}
