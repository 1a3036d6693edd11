package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"centar/internal/build"
)

type serveOptions struct {
	Source string
	Bind   string
	Port   int
}

func newServeCmd(f *Factory) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Prikazuje sajt na http://localhost:1313 i osvežava ga pri svakoj izmeni",
		Long: "Pokreće pregled sajta. Svaka sačuvana izmena u content/, data/, i18n/ ili themes/\n" +
			"odmah se vidi u pregledaču. Pregled je na istim adresama i sa istim zaglavljima kao\n" +
			"objavljen sajt, a fasciklu public/ ne dira. Zaustavlja se sa Ctrl+C.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "fascikla sajta (gde je hugo.toml)")
	cmd.Flags().StringVar(&opts.Bind, "bind", "127.0.0.1", "adresa na kojoj pregled sluša")
	cmd.Flags().IntVarP(&opts.Port, "port", "p", 1313, "port pregleda")
	return cmd
}

func runServe(ctx context.Context, f *Factory, o *serveOptions) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(o.Bind, fmt.Sprint(o.Port)))
	if err != nil {
		// The port is formatted apart: the printer would write 1313 as 1.313.
		return errors.New(f.P().Sprintf("the preview cannot listen on port %s (%v): is another preview running? Choose another port with --port", fmt.Sprint(o.Port), err))
	}
	port := ln.Addr().(*net.TCPAddr).Port
	// The address is formatted apart: the printer would write port 1313 as 1.313.
	addr := fmt.Sprintf("http://localhost:%d/", port)
	p, err := build.StartPreview(build.PreviewOptions{Source: o.Source, PublicURL: addr, Renderer: f.Renderer, P: f.P(), Log: f.Err})
	if err != nil {
		ln.Close()
		return err
	}
	defer p.Stop()
	server := &http.Server{Handler: p.Handler, ReadHeaderTimeout: 10 * time.Second}
	go server.Serve(ln)
	defer server.Close()
	f.P().Fprintf(f.Err, "Preview: %s (Latin: /lat/, English: /en/). Stop it with Ctrl+C.\n", addr)
	<-ctx.Done()
	return nil
}
