package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
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
	p := f.P()
	cmd := &cobra.Command{
		Use:   "serve",
		Short: p.Sprintf("Shows the site at http://localhost:1313 and refreshes it at every change"),
		Long: p.Sprintf("Starts the site's preview. Every change saved in content/, data/, i18n/ or themes/\n" +
			"shows in the browser at once. The preview answers at the published addresses with the\n" +
			"published headers, its search included, and leaves the folder public/ alone.\n" +
			"Stop it with Ctrl+C."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().StringVar(&opts.Bind, "bind", "127.0.0.1", p.Sprintf("the `ADDRESS` the preview listens on"))
	cmd.Flags().IntVarP(&opts.Port, "port", "p", 1313, p.Sprintf("the preview's `PORT`"))
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
	// Each language but the default is named at its address, by its own
	// name: Latinica: /lat/, English: /en/, Українська: /uk/.
	var others []string
	for _, l := range p.Languages {
		if l.Prefix != "/" {
			others = append(others, l.Label+": "+l.Prefix)
		}
	}
	f.P().Fprintf(f.Err, "Preview: %s (%s). Stop it with Ctrl+C.\n", addr, strings.Join(others, ", "))
	<-ctx.Done()
	return nil
}
