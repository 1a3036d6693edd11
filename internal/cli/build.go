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
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Gradi ceo sajt u fascikli public/",
		Long: "Proverava sadržaj, preslovljava srpske stranice na ćirilicu i latinicu i gradi sajt\n" +
			"na tri jezika u fascikli public/. Sa --production gradi verziju za objavljivanje:\n" +
			"prvo pokreće celu proveru sadržaja (centar check --production) i odbija svaku\n" +
			"grešku, pa i telefon za pomoć bez izvora i datuma provere i vest bez datuma.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBuild(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "fascikla sajta (gde je hugo.toml)")
	cmd.Flags().StringVarP(&opts.Destination, "destination", "d", "public", "kuda se upisuje gotov sajt")
	cmd.Flags().BoolVar(&opts.Production, "production", false, "verzija za objavljivanje")
	cmd.Flags().StringVar(&opts.BaseURL, "base-url", "", "puna adresa sajta, npr. https://primer.rs/ (obavezna uz --production)")
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
