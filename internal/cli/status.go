package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"centar/internal/build"
	"centar/internal/explain"
	"centar/internal/workflow"
)

func newStatusCmd(f *Factory) *cobra.Command {
	source := "."
	p := f.P()
	cmd := &cobra.Command{
		Use:   "status",
		Short: p.Sprintf("What changed since the last publish"),
		Long: p.Sprintf("Lists, by title, the pages added, changed and deleted since the last publish,\n" +
			"the drafts that are not on the site and the changes waiting for review."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStatus(cmd.Context(), f, source)
		},
	}
	cmd.Flags().StringVarP(&source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	return cmd
}

func runStatus(ctx context.Context, f *Factory, source string) error {
	p := f.P()
	r, err := openRepo(ctx, f, source)
	if err != nil {
		return err
	}
	defer r.Close()
	rep, err := r.Status()
	if err != nil {
		return explain.Git(p, err)
	}
	if rep.PublishedAt.IsZero() {
		p.Fprintf(f.Out, "Nothing has been published from here yet.\n")
	} else {
		p.Fprintf(f.Out, "Since the last publish (%s):\n", rep.PublishedAt.Local().Format("2006-01-02 15:04"))
	}
	if len(rep.Changes) == 0 {
		p.Fprintf(f.Out, "  no changes.\n")
	}
	unsaved, saved := 0, 0
	for _, c := range rep.Changes {
		name := c.Path
		if c.Title != "" {
			name = fmt.Sprintf("„%s” (%s)", c.Title, c.Path)
		}
		state := p.Sprintf("saved")
		switch {
		case c.Review != "":
			state = p.Sprintf("waiting for review on the branch %s", c.Review)
		case !c.Saved:
			state = p.Sprintf("not saved")
			unsaved++
		default:
			saved++
		}
		switch c.Kind {
		case workflow.Added:
			p.Fprintf(f.Out, "  new:      %s, %s\n", name, state)
		case workflow.Modified:
			p.Fprintf(f.Out, "  changed:  %s, %s\n", name, state)
		case workflow.Deleted:
			p.Fprintf(f.Out, "  deleted:  %s, %s\n", name, state)
		}
	}
	if len(rep.Drafts) > 0 {
		p.Fprintf(f.Out, "Drafts, not shown on the site until you delete their line draft: true:\n")
		for _, d := range rep.Drafts {
			fmt.Fprintf(f.Out, "  „%s” (%s)\n", d.Title, d.Path)
		}
	}
	copies, err := r.KeptCopies()
	if err != nil {
		return explain.Git(p, err)
	}
	if len(copies) > 0 {
		p.Fprintf(f.Out, "Your versions kept after a conflict, waiting to be merged (copy your changes into the file, then delete the copy):\n")
		for _, c := range copies {
			fmt.Fprintf(f.Out, "  %s → %s\n", c, workflow.OriginalOf(c))
		}
	}
	site, err := build.Open(source, p)
	if err != nil {
		return err
	}
	list, err := site.Model.Translations(os.DirFS(source))
	if err != nil {
		return err
	}
	rows := make([]translationRow, len(list))
	for i, t := range list {
		rows[i].Translation = t
	}
	if len(rows) > 0 {
		p.Fprintf(f.Out, "Translations: %s (centar translations lists them).\n", summary(p, rows))
	}
	switch {
	case unsaved > 0:
		p.Fprintf(f.Out, "Save with centar save -m \"what you changed\", or save and publish at once with centar publish.\n")
	case saved > 0:
		p.Fprintf(f.Out, "Everything is saved; centar publish puts it on the site.\n")
	}
	return nil
}
