package cli

import (
	"time"

	"github.com/spf13/cobra"

	"centar/internal/build"
)

type buildOptions struct {
	Source      string
	Destination string
	Production  bool
	BaseURL     string
}

func newBuildCmd(f *Factory) *cobra.Command {
	opts := &buildOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   "build",
		Short: p.Sprintf("Builds the whole site into the folder public/"),
		Long: p.Sprintf("Checks the content, transliterates the Serbian pages into Cyrillic and Latin and builds\n" +
			"the site in three languages into the folder public/. With --production it builds the\n" +
			"version for publishing: it first runs the whole content check (centar check --production)\n" +
			"and refuses every error, a help line without its source and date of verification and a\n" +
			"news item without a date among them."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBuild(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().StringVarP(&opts.Destination, "destination", "d", "public", p.Sprintf("the `FOLDER` the finished site is written into"))
	cmd.Flags().BoolVar(&opts.Production, "production", false, p.Sprintf("the version for publishing"))
	cmd.Flags().StringVar(&opts.BaseURL, "base-url", "", p.Sprintf("the site's full `ADDRESS`, e.g. https://primer.rs/ (needed with --production)"))
	return cmd
}

func runBuild(f *Factory, o *buildOptions) error {
	start := time.Now()
	dest, err := build.Build(build.Options{
		Source: o.Source, Destination: o.Destination, BaseURL: o.BaseURL, Production: o.Production,
		Renderer: f.Renderer, P: f.P(), Log: f.Err,
	})
	if err != nil {
		return err
	}
	f.P().Fprintf(f.Err, "The site is built in %s in %.1f s.\n", dest, time.Since(start).Seconds())
	return nil
}
