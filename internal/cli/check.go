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
	cmd := &cobra.Command{
		Use:   "check [PUTANJA…]",
		Short: "Proverava sadržaj: zaglavlja, veze, slike, HTML, pisma, telefone",
		Long: "Proverava stranice, podatke i datoteke sajta (ili samo navedene putanje) i\n" +
			"ispisuje svaki nalaz kao putanja:red:kolona: error|warning: poruka.\n" +
			"Izlazni kod je 1 ako postoji ijedna greška.",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runCheck(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "fascikla sajta (gde je hugo.toml)")
	cmd.Flags().StringVar(&opts.Format, "format", "text", "oblik ispisa: text ili github (napomene na zahtevu za izmenu)")
	cmd.Flags().BoolVar(&opts.Production, "production", false, "proveri kao pred objavljivanje: činjenica koja nedostaje je greška")
	return cmd
}

func runCheck(f *Factory, o *checkOptions) error {
	p := f.P()
	if o.Format != "text" && o.Format != "github" {
		return fmt.Errorf("%s", p.Sprintf("unknown format %q: use --format text or --format github", o.Format))
	}
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
