package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"
)

type serveOptions struct {
	Source  string
	Bind    string
	Port    int
	BaseURL string // another server in front of this one
}

func newServeCmd(f *Factory) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Prikazuje sajt na http://localhost:1313 i osvežava ga pri svakoj izmeni",
		Long: "Pokreće pregled sajta. Svaka sačuvana izmena u content/, data/, i18n/ ili themes/\n" +
			"odmah se vidi u pregledaču. Zaustavlja se sa Ctrl+C.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "fascikla sajta (gde je hugo.toml)")
	cmd.Flags().StringVar(&opts.Bind, "bind", "127.0.0.1", "adresa na kojoj pregled sluša")
	cmd.Flags().IntVarP(&opts.Port, "port", "p", 1313, "port pregleda")
	return cmd
}

func runServe(f *Factory, o *serveOptions) error {
	s, err := prepare(f.P(), o.Source, false)
	if err != nil {
		return err
	}
	printWarnings(f, s.Warnings)
	said := fmt.Sprint(s.Warnings)
	stop, err := watchSources(o.Source, func() {
		if err := s.refresh(false); err != nil {
			fmt.Fprintln(f.Err, err)
			said = ""
			return
		}
		// A warning is said again only when something about it changed.
		if now := fmt.Sprint(s.Warnings); now != said {
			printWarnings(f, s.Warnings)
			said = now
		}
	})
	if err != nil {
		return err
	}
	defer stop()
	if o.BaseURL == "" {
		// The address is formatted apart: the printer would write port 1313 as 1.313.
		addr := fmt.Sprintf("http://localhost:%d/", o.Port)
		f.P().Fprintf(f.Err, "Preview: %s (Latin: /lat/, English: /en/). Stop it with Ctrl+C.\n", addr)
	}
	return f.Renderer.Serve(ServeOptions{Source: o.Source, Bind: o.Bind, Port: o.Port, BaseURL: o.BaseURL})
}

// watchSources calls regenerate after every change to the Serbian sources,
// data or interface strings; Hugo itself watches the generated tree and themes.
func watchSources(root string, regenerate func()) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	for _, dir := range []string{"content/sr", "data", "i18n"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				return w.Add(p)
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			w.Close()
			return nil, err
		}
	}
	go func() {
		var pending <-chan time.Time
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Has(fsnotify.Create) {
					if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
						_ = w.Add(ev.Name)
					}
				}
				// Editors save in bursts (temp file, rename): wait for quiet.
				pending = time.After(100 * time.Millisecond)
			case <-pending:
				pending = nil
				regenerate()
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return func() { w.Close() }, nil
}
