package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"centar/internal/pullrequest"
	"centar/internal/translit"
	"centar/internal/workflow"
)

type publishOptions struct {
	Source  string
	Message string
	Review  bool
}

func newPublishCmd(f *Factory) *cobra.Command {
	opts := &publishOptions{}
	cmd := &cobra.Command{
		Use:   "publish [-m \"poruka\"] [--review]",
		Short: "Proverava, čuva, preuzima tuđe izmene i objavljuje",
		Long: "Proverava ceo sajt kao pred objavljivanje, čuva vaše izmene, preuzima ono što su\n" +
			"drugi objavili i šalje sve na sajt. Sa --review šalje izmene na posebnu granu\n" +
			"sadrzaj/<naslov> i ispisuje adresu na kojoj se otvara zahtev za pregled.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPublish(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "fascikla sajta (gde je hugo.toml)")
	cmd.Flags().StringVarP(&opts.Message, "message", "m", "", "šta ste promenili (podrazumevano: naslovi izmenjenih stranica)")
	cmd.Flags().BoolVar(&opts.Review, "review", false, "pošalji na pregled umesto na sajt")
	return cmd
}

func runPublish(ctx context.Context, f *Factory, o *publishOptions) error {
	p := f.P()
	if ctx == nil {
		ctx = context.Background()
	}
	r, err := openRepo(f, o.Source)
	if err != nil {
		return err
	}
	// What this publish sends: the unsaved changes and what was saved since
	// the last publish. The whole site is checked as production will check it.
	unsaved, err := r.Unsaved()
	if err != nil {
		return explainGit(p, err)
	}
	saved, err := r.SavedUnpublished()
	if err != nil {
		return explainGit(p, err)
	}
	mine := map[string]bool{}
	for _, path := range append(changedPaths(unsaved), saved...) {
		mine[path] = true
	}
	if err := checkContent(f, o.Source, nil, !o.Review, func(path string) bool { return mine[path] }); err != nil {
		return err
	}
	if _, err := saveChanges(f, r, unsaved, o.Message); err != nil {
		return err
	}
	if err := syncRepo(ctx, f, r, false); err != nil {
		return err
	}
	if o.Review {
		return pushForReview(ctx, f, r)
	}
	err = r.Push(ctx, "origin", workflow.Branch)
	if errors.Is(err, workflow.ErrRemoteMoved) {
		// Someone published between our sync and our push: once more.
		if err := syncRepo(ctx, f, r, false); err != nil {
			return err
		}
		err = r.Push(ctx, "origin", workflow.Branch)
	}
	if err != nil {
		return explainGit(p, err)
	}
	p.Fprintf(f.Err, "Published. The site shows it in a few minutes, once it is built.\n")
	return nil
}

// pushForReview sends the saved work to a branch sadrzaj/<slug> and prints
// where to open the pull request.
func pushForReview(ctx context.Context, f *Factory, r *workflow.Repo) error {
	p := f.P()
	slug := translit.Slug(firstLine(r.HeadMessage()))
	if len(slug) > 50 {
		slug = slug[:50]
	}
	branch := "sadrzaj/" + slug
	if err := r.Push(ctx, "origin", branch); err != nil {
		return explainGit(p, err)
	}
	p.Fprintf(f.Err, "Sent for review on the branch %s.\n", branch)
	printPullRequestURL(f, r, "origin", branch)
	return nil
}

// printPullRequestURL prints where a pull request for head is opened.
func printPullRequestURL(f *Factory, r *workflow.Repo, upstream, head string) {
	url, err := r.RemoteURL(upstream)
	if err != nil {
		return
	}
	repo, err := pullrequest.ParseRemote(url)
	if err != nil {
		return
	}
	if u := repo.CompareURL(workflow.Branch, head); u != "" {
		f.P().Fprintf(f.Err, "Open the pull request here:\n")
		fmt.Fprintln(f.Out, u)
		return
	}
	f.P().Fprintf(f.Err, "Open a pull request for the branch %s into %s on your git server.\n", head, workflow.Branch)
}
