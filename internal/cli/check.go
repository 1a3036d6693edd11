package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"centar/internal/build"
	"centar/internal/check"
)

type checkOptions struct {
	Source     string
	Paths      []string
	Format     string
	Production bool
}

func newCheckCmd(f *Factory) *cobra.Command {
	opts := &checkOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   p.Sprintf("check [PATH…]"),
		Short: p.Sprintf("Checks the content: headers, links, images, HTML, scripts, phone numbers"),
		Long: p.Sprintf("Checks the site's pages, data and files (or only the paths given) and prints each\n" +
			"finding as path:line:column: error|warning: message.\n" +
			"The exit code is 1 if there is any error."),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Format != "text" && opts.Format != "github" {
				return usage(fmt.Errorf("%s", p.Sprintf("unknown format %q: use --format text or --format github", opts.Format)))
			}
			opts.Paths = args
			return runCheck(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().StringVar(&opts.Format, "format", "text", p.Sprintf("the `FORMAT` of the findings: text, or github (notes on a pull request)"))
	cmd.Flags().BoolVar(&opts.Production, "production", false, p.Sprintf("check as before publishing: a missing fact is an error"))
	return cmd
}

func runCheck(f *Factory, o *checkOptions) error {
	p := f.P()
	if _, err := build.Open(o.Source, p); err != nil {
		return err
	}
	findings, err := check.Site(o.Source, o.Paths, check.Options{Production: o.Production, P: p})
	if err != nil {
		return err
	}
	errs, err := check.Write(f.Out, findings, o.Format)
	if err != nil {
		return err
	}
	warnings := len(findings) - errs
	if errs > 0 {
		p.Fprintf(f.Err, "Found %s and %s: fix the errors, then run centar check again.\n", p.Sprintf("%d errors", errs), p.Sprintf("%d warnings", warnings))
		return exitError{1}
	}
	p.Fprintf(f.Err, "No errors (%s).\n", p.Sprintf("%d warnings", warnings))
	return nil
}
