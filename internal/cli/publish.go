package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"centar/internal/check"
	"centar/internal/explain"
	"centar/internal/pullrequest"
	"centar/internal/workflow"
)

type publishOptions struct {
	Source  string
	Message string
	Review  bool
}

func newPublishCmd(f *Factory) *cobra.Command {
	opts := &publishOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   p.Sprintf("publish [-m \"message\"] [--review]"),
		Short: p.Sprintf("Checks, saves, takes others' changes and publishes"),
		Long: p.Sprintf("Checks the whole site as before publishing, saves your changes, takes what others\n" +
			"published and sends it all to the site. With --review it sends the changes to a\n" +
			"branch of their own, sadrzaj/<title>, and prints the address where the request for\n" +
			"review is opened; they reach the site only when that request is accepted."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPublish(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().StringVarP(&opts.Message, "message", "m", "", p.Sprintf("what you changed (without it: the titles of the changed pages)"))
	cmd.Flags().BoolVar(&opts.Review, "review", false, p.Sprintf("send for review instead of to the site"))
	return cmd
}

func runPublish(ctx context.Context, f *Factory, o *publishOptions) error {
	p := f.P()
	r, err := openRepo(ctx, f, o.Source)
	if err != nil {
		return err
	}
	defer r.Close()
	res, err := r.Publish(ctx, workflow.PublishOptions{
		Message:  o.Message,
		Describe: func(ch []workflow.Change) string { return describe(f, r, ch) },
		Review:   o.Review,
		Check:    check.Options{P: p},
		Progress: func(s workflow.Step) { sayStep(f, s) },
	})
	if _, werr := check.Write(f.Err, res.Findings, "text"); werr != nil {
		return werr
	}
	sayWaiting(f, res.Waiting)
	if err != nil {
		return explain.Git(p, err)
	}
	if res.Elsewhere > 0 {
		p.Fprintf(f.Err, "Note: %s in files you did not change keep the site from going live until they are fixed; tell whoever is responsible for them.\n", p.Sprintf("%d errors", res.Elsewhere))
	}
	switch {
	case res.Review != nil && res.Review.Updated:
		p.Fprintf(f.Err, "The review on the branch %s now has your new versions; they go on the site when the review is published.\n", res.Review.Branch)
		printPullRequestURL(f, r, "origin", res.Review.Branch)
	case res.Review != nil:
		p.Fprintf(f.Err, "Sent for review on the branch %s; it goes on the site when the review is published.\n", res.Review.Branch)
		printPullRequestURL(f, r, "origin", res.Review.Branch)
	case o.Review || !res.Sent:
		p.Fprintf(f.Err, "Nothing new to send: everything saved here is already on the server.\n")
	default:
		p.Fprintf(f.Err, "Published. The site shows it in a few minutes, once it is built.\n")
	}
	for _, d := range res.Drafts {
		p.Fprintf(f.Err, "Note: „%s” (%s) is still a draft (draft: true), so the site does not show it. Delete that line and publish again to show it.\n", d.Title, d.Path)
	}
	return nil
}

// sayStep tells the editor what a command waits for, so a slow network is
// not silence.
func sayStep(f *Factory, s workflow.Step) {
	switch s {
	case workflow.Fetching:
		f.P().Fprintf(f.Err, "Taking what others published…\n")
	case workflow.Sending:
		f.P().Fprintf(f.Err, "Sending to the server…\n")
	}
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
