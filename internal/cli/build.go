package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"centar/internal/site"
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
			"odbija svaki telefon za pomoć bez izvora i datuma provere.",
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
	s, err := prepare(o.Source, o.Production)
	if err != nil {
		return err
	}
	if o.Production {
		if err := checkProductionURL(o.BaseURL); err != nil {
			return err
		}
	}
	printWarnings(f, s.Warnings)
	dest := o.Destination
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(o.Source, dest)
	}
	err = f.Renderer.Build(BuildOptions{Source: o.Source, Destination: dest, BaseURL: o.BaseURL, Production: o.Production})
	if err != nil {
		return fmt.Errorf("Hugo nije izgradio sajt:\n%s", site.SourcePaths(err.Error()))
	}
	if err := site.FinishOutput(dest); err != nil {
		return fmt.Errorf("završna obrada sajta u %s: %w", dest, err)
	}
	fmt.Fprintf(f.Err, "Sajt je izgrađen u %s za %.1f s.\n", dest, time.Since(start).Seconds())
	return nil
}

// prepared is a site whose generated tree is up to date.
type prepared struct {
	*site.Site
	Warnings []site.Problem
}

// prepare opens the site at root and brings its generated tree up to date.
func prepare(root string, production bool) (*prepared, error) {
	s, err := site.Open(root)
	if err != nil {
		return nil, err
	}
	p := &prepared{Site: s}
	return p, p.refresh(production)
}

// refresh checks the sources and rewrites the generated tree: at the start of
// a build and after every change a preview sees.
func (p *prepared) refresh(production bool) error {
	if err := p.Generate(); err != nil {
		return explain(err)
	}
	warnings, err := p.CheckHotlines(production)
	if err != nil {
		return explain(err)
	}
	p.Warnings = warnings
	return nil
}

func printWarnings(f *Factory, warnings []site.Problem) {
	for _, w := range warnings {
		fmt.Fprintln(f.Err, "upozorenje:", w)
	}
}

// explain turns a list of problems into one error an editor can act on.
func explain(err error) error {
	var ps site.Problems
	if errors.As(err, &ps) {
		return fmt.Errorf("sadržaj ima %d %s; ispravite pa pokušajte ponovo:\n%s", len(ps), plural(len(ps), "grešku", "greške", "grešaka"), ps.Error())
	}
	return err
}

// plural picks the Serbian form for n: one, few (2–4), other.
func plural(n int, one, few, other string) string {
	switch {
	case n%10 == 1 && n%100 != 11:
		return one
	case n%10 >= 2 && n%10 <= 4 && (n%100 < 12 || n%100 > 14):
		return few
	}
	return other
}

func checkProductionURL(u string) error {
	switch {
	case u == "":
		return errors.New("uz --production navedite punu adresu sajta: --base-url https://…/")
	case !strings.HasPrefix(u, "https://"):
		return fmt.Errorf("adresa sajta %q mora početi sa https://", u)
	case strings.Contains(u, "localhost") || strings.Contains(u, "127.0.0.1"):
		return fmt.Errorf("adresa sajta %q je lokalna; za objavljivanje navedite pravu adresu", u)
	}
	return nil
}
