package cli

import (
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/spf13/cobra"

	"centar/internal/check"
	"centar/internal/explain"
	"centar/internal/workflow"
)

type saveOptions struct {
	Source  string
	Message string
}

func newSaveCmd(f *Factory) *cobra.Command {
	opts := &saveOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   p.Sprintf("save [-m \"message\"]"),
		Short: p.Sprintf("Checks and saves the changes (in git, under your name)"),
		Long: p.Sprintf("Checks the changed files in content/, data/, i18n/ and static/ and, if there are no\n" +
			"errors, saves them as one change under your name from git's settings."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := openRepo(cmd.Context(), f, opts.Source)
			if err != nil {
				return err
			}
			defer r.Close()
			_, err = saveAll(f, r, opts.Message)
			return err
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().StringVarP(&opts.Message, "message", "m", "", p.Sprintf("what you changed (without it: the titles of the changed pages)"))
	return cmd
}

// saveAll checks and commits the unsaved content changes and says what it
// did; it returns the new commit, or the zero hash when there was nothing
// to save.
func saveAll(f *Factory, r *workflow.Repo, message string) (plumbing.Hash, error) {
	p := f.P()
	res, err := r.SaveAll(workflow.SaveOptions{
		Message:  message,
		Describe: func(ch []workflow.Change) string { return describe(f, r, ch) },
		Check:    check.Options{P: p},
	})
	if _, werr := check.Write(f.Err, res.Findings, "text"); werr != nil {
		return plumbing.ZeroHash, werr
	}
	sayWaiting(f, res.Waiting)
	if err != nil {
		return plumbing.ZeroHash, explain.Git(p, err)
	}
	if res.Commit.IsZero() {
		p.Fprintf(f.Err, "Nothing to save: no changes since the last save.\n")
		return res.Commit, nil
	}
	c, err := r.Git.CommitObject(res.Commit)
	if err != nil {
		return res.Commit, err
	}
	p.Fprintf(f.Err, "Saved %s: %s\n", p.Sprintf("%d files", len(res.Changes)), firstLine(c.Message))
	return res.Commit, nil
}

// sayWaiting names the files left out because they wait for review.
func sayWaiting(f *Factory, waiting []workflow.WaitingForReview) {
	for _, w := range waiting {
		f.P().Fprintf(f.Err, "Left out, waiting for review on the branch %s: %s\n", w.Branch, w.Path)
	}
}

// describe names the changes by their titles, for a commit message.
func describe(f *Factory, r *workflow.Repo, changes []workflow.Change) string {
	var names []string
	for _, c := range changes {
		name := c.Path
		if t := r.Title(c.Path); t != "" {
			name = t
		}
		names = append(names, name)
	}
	if len(names) > 3 {
		names = append(names[:3], f.P().Sprintf("and %d more", len(names)-3))
	}
	return f.P().Sprintf("Changes: %s", strings.Join(names, "; "))
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
