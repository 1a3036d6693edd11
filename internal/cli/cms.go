package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"centar/internal/build"
	"centar/internal/cms"
	"centar/internal/explain"
	"centar/internal/workflow"
)

type cmsOptions struct {
	Source string
	Port   int
}

func newCMSCmd(f *Factory) *cobra.Command {
	opts := &cmsOptions{}
	cmd := &cobra.Command{
		Use:   "cms [--port N]",
		Short: "Veb uređivač sajta (Decap CMS) na http://127.0.0.1:8081/admin/",
		Long: "Pokreće veb uređivač: Decap CMS, pregled sajta i vezu sa git-om, sve na\n" +
			"http://127.0.0.1:8081/ (samo na ovom računaru). Nacrti se čuvaju na granama\n" +
			"cms/…, a objavljivanje ide kroz istu proveru i isto slanje kao centar publish.\n" +
			"Zaustavlja se sa Ctrl+C.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCMS(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "fascikla sajta (gde je hugo.toml)")
	cmd.Flags().IntVarP(&opts.Port, "port", "p", 8081, "port uređivača")
	return cmd
}

func runCMS(ctx context.Context, f *Factory, o *cmsOptions) error {
	p := f.P()
	if _, err := build.Open(o.Source, p); err != nil {
		return err
	}
	r, err := workflow.Open(ctx, o.Source)
	if err != nil {
		return explain.Git(p, err)
	}
	r.Close()
	decap := filepath.Join(o.Source, "node_modules", "decap-cms", "dist")
	if _, err := os.Stat(filepath.Join(decap, "decap-cms.js")); err != nil {
		return errors.New(p.Sprintf("Decap CMS is not installed here: run npm ci in %s (it installs the pinned version from npm), then centar cms again", o.Source))
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", o.Port))
	if err != nil {
		return err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)

	// The site's live preview runs behind the editor's own address. Content
	// it cannot show yet does not keep the editor out: the CMS is where it
	// gets fixed.
	sitePreview := http.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, p.Sprintf("the site's preview is not ready yet; reload the page in a moment"), http.StatusBadGateway)
	}))
	api := &cms.API{Root: o.Source, P: p, Getenv: f.getenv, Cyrillic: f.serbian()}
	if preview, err := build.StartPreview(build.PreviewOptions{Source: o.Source, PublicURL: base, Renderer: f.Renderer, P: p, Log: f.Err}); err != nil {
		fmt.Fprintln(f.Err, err)
	} else {
		defer preview.Stop()
		sitePreview, api.Show = preview.Handler, preview.Show
	}

	// What a killed editor left on its way to the site goes first.
	if err := api.SendWaiting(ctx); err != nil {
		fmt.Fprintln(f.Err, err)
	}
	srv := &cms.Server{
		API:    api,
		Decap:  os.DirFS(decap),
		Config: func() ([]byte, error) { return cms.Config(o.Source, nil, cms.Backend{}, "json") },
		Site:   sitePreview,
		Port:   port,
	}
	server := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		server.Close()
	}()
	f.P().Fprintf(f.Err, "Web editor: %s (the site as it is in this folder: %s). Stop it with Ctrl+C.\n", base+"admin/", base)
	if err := server.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
