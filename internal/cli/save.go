package cli

import (
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/spf13/cobra"

	"centar/internal/workflow"
)

type saveOptions struct {
	Source  string
	Message string
}

func newSaveCmd(f *Factory) *cobra.Command {
	opts := &saveOptions{}
	cmd := &cobra.Command{
		Use:   "save [-m \"poruka\"]",
		Short: "Proverava i čuva izmene (u git, pod vašim imenom)",
		Long: "Proverava izmenjene datoteke u content/, data/, i18n/ i static/ i, ako nema\n" +
			"grešaka, čuva ih kao jednu izmenu sa vašim imenom iz git podešavanja.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := runSave(f, opts)
			return err
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "fascikla sajta (gde je hugo.toml)")
	cmd.Flags().StringVarP(&opts.Message, "message", "m", "", "šta ste promenili (podrazumevano: naslovi izmenjenih stranica)")
	return cmd
}

// runSave checks and commits the unsaved content changes; it returns the new
// commit, or the zero hash when there was nothing to save.
func runSave(f *Factory, o *saveOptions) (plumbing.Hash, error) {
	r, err := openRepo(f, o.Source)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	changes, err := r.Unsaved()
	if err != nil {
		return plumbing.ZeroHash, explainGit(f.P(), err)
	}
	if err := checkContent(f, o.Source, changedPaths(changes), false, nil); err != nil {
		return plumbing.ZeroHash, err
	}
	return saveChanges(f, r, changes, o.Message)
}

// saveChanges commits changes that have passed the check, with message or,
// without one, the titles of what changed.
func saveChanges(f *Factory, r *workflow.Repo, changes []workflow.Change, message string) (plumbing.Hash, error) {
	p := f.P()
	if len(changes) == 0 {
		p.Fprintf(f.Err, "Nothing to save: no changes since the last save.\n")
		return plumbing.ZeroHash, nil
	}
	if strings.TrimSpace(message) == "" {
		message = describe(f, r, changes)
	}
	h, err := r.Save(changes, message)
	if err != nil {
		return plumbing.ZeroHash, explainGit(p, err)
	}
	p.Fprintf(f.Err, "Saved %s: %s\n", p.Sprintf("%d files", len(changes)), firstLine(message))
	return h, nil
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
