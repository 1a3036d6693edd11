package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"centar/internal/explain"
	"centar/internal/pullrequest"
	"centar/internal/workflow"
)

type submitOptions struct {
	Source   string
	Message  string
	Upstream string
	API      string
	Client   *http.Client
}

func newSubmitCmd(f *Factory) *cobra.Command {
	opts := &submitOptions{Client: http.DefaultClient}
	p := f.P()
	cmd := &cobra.Command{
		Use:   p.Sprintf("submit [-m \"title of the proposal\"]"),
		Short: p.Sprintf("For organisations: sends your changes to the Centre as a proposal (pull request)"),
		Long: p.Sprintf("Checks and saves your changes on a new branch prilog/<title>, sends it to your copy\n" +
			"(fork) and prints the proposal's address. With a token in the environment (GITHUB_TOKEN\n" +
			"or CENTAR_GIT_TOKEN) it opens the proposal itself, through GitHub."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSubmit(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().StringVarP(&opts.Message, "message", "m", "", p.Sprintf("the proposal's title; the same title adds to the same proposal, a new one opens a new one (without it: adds to the current one)"))
	cmd.Flags().StringVar(&opts.Upstream, "upstream", "", p.Sprintf("the `ADDRESS` of the Centre's repository, if the remote upstream is not there yet"))
	cmd.Flags().StringVar(&opts.API, "github-api", pullrequest.DefaultAPI, p.Sprintf("the `ADDRESS` of GitHub's API"))
	return cmd
}

func runSubmit(ctx context.Context, f *Factory, o *submitOptions) error {
	p := f.P()
	r, err := openRepo(ctx, f, o.Source)
	if err != nil {
		return err
	}
	defer r.Close()
	if o.Upstream != "" {
		if err := r.AddRemote("upstream", o.Upstream); err != nil {
			return explain.Git(p, err)
		}
	}
	if !r.HasRemote("upstream") {
		return errors.New(p.Sprintf("centar does not know the Centre's repository yet: run centar submit again with --upstream and its address, e.g. --upstream https://github.com/<owner>/<repository>.git"))
	}
	branch, err := r.ContributionBranch(o.Message)
	if errors.Is(err, workflow.ErrUnnamedContribution) {
		return errors.New(p.Sprintf("say in a few words what you are sending: centar submit -m \"News: training in Niš\""))
	}
	if err != nil {
		return explain.Git(p, err)
	}
	created, err := r.StartContribution(ctx, branch)
	if err != nil {
		return explain.Git(p, err)
	}
	if created {
		p.Fprintf(f.Err, "A new contribution, on the branch %s. Earlier ones stay on their own branches.\n", branch)
	}
	if _, err := saveAll(f, r, o.Message); err != nil {
		return err
	}
	sayStep(f, workflow.Sending)
	if err := r.PushBranch(ctx, "origin"); err != nil {
		return explain.Git(p, err)
	}
	p.Fprintf(f.Err, "Sent to your copy of the site on the branch %s.\n", branch)

	forkURL, _ := r.RemoteURL("origin")
	upstreamURL, _ := r.RemoteURL("upstream")
	fork, err := pullrequest.ParseRemote(forkURL)
	if err != nil {
		return err
	}
	upstream, err := pullrequest.ParseRemote(upstreamURL)
	if err != nil {
		return err
	}
	head := fork.Owner + ":" + branch
	token := workflow.Token(f.getenv)
	if token == "" {
		printPullRequestURL(f, r, "upstream", head)
		return nil
	}
	title := o.Message
	if strings.TrimSpace(title) == "" {
		title = strings.TrimPrefix(branch, workflow.ContributionPrefix)
	}
	pr, err := pullrequest.Open(ctx, o.Client, o.API, token, upstream, pullrequest.Request{
		Title: title, Head: head, Base: workflow.Branch, MaintainerCanModify: true,
		Body: p.Sprintf("Sent with centar submit. The automatic check runs on this pull request; its findings appear next to the lines they are about."),
	})
	if pullrequest.AlreadyExists(err) {
		// The branch's pull request is open: the push above updated it.
		if pr, err = pullrequest.Find(ctx, o.Client, o.API, token, upstream, head); err == nil {
			p.Fprintf(f.Err, "Pull request %s now has your new version:\n", fmt.Sprintf("#%d", pr.Number))
			fmt.Fprintln(f.Out, pr.HTMLURL)
			return nil
		}
	}
	if err != nil {
		return errors.New(p.Sprintf("the branch is sent, but GitHub did not open the pull request (%v). Open it yourself on GitHub from the branch %s", err, head))
	}
	p.Fprintf(f.Err, "Pull request %s is open:\n", fmt.Sprintf("#%d", pr.Number))
	fmt.Fprintln(f.Out, pr.HTMLURL)
	return nil
}
