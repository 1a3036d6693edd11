package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"centar/internal/check"
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
	if err := checkForPublish(f, r, o.Source, !o.Review); err != nil {
		return err
	}
	if _, err := runSave(f, &saveOptions{Source: o.Source, Message: o.Message, Checked: true}); err != nil {
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

// checkForPublish checks the whole site as the production build will. An
// error in what this editor is publishing stops the publish; one elsewhere
// (a hotline someone else must verify) is said, for it keeps the site from
// going live, but does not stop an unrelated change.
func checkForPublish(f *Factory, r *workflow.Repo, root string, production bool) error {
	p := f.P()
	changed, err := r.Unpublished()
	if err != nil {
		return explainGit(p, err)
	}
	mine := map[string]bool{}
	for _, path := range changed {
		mine[path] = true
	}
	findings, err := check.Site(root, nil, check.Options{Production: production, P: p})
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
		case mine[fd.Path]:
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
