package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"

	"centar/internal/preview"
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
			return runServe(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", "fascikla sajta (gde je hugo.toml)")
	cmd.Flags().StringVar(&opts.Bind, "bind", "127.0.0.1", "adresa na kojoj pregled sluša")
	cmd.Flags().IntVarP(&opts.Port, "port", "p", 1313, "port pregleda")
	return cmd
}

func runServe(f *Factory, o *serveOptions) error {
	ln, err := net.Listen("tcp", net.JoinHostPort(o.Bind, fmt.Sprint(o.Port)))
	if err != nil {
		// The port is formatted apart: the printer would write 1313 as 1.313.
		return errors.New(f.P().Sprintf("the preview cannot listen on port %s (%v): is another preview running? Choose another port with --port", fmt.Sprint(o.Port), err))
	}
	port := ln.Addr().(*net.TCPAddr).Port
	// The address is formatted apart: the printer would write port 1313 as 1.313.
	addr := fmt.Sprintf("http://localhost:%d/", port)
	p, err := startPreview(f, o.Source, addr, port)
	if err != nil {
		ln.Close()
		return err
	}
	defer p.stop()
	server := &http.Server{Handler: p.handler, ReadHeaderTimeout: 10 * time.Second}
	go server.Serve(ln)
	defer server.Close()
	f.P().Fprintf(f.Err, "Preview: %s (Latin: /lat/, English: /en/). Stop it with Ctrl+C.\n", addr)
	return <-p.done
}

// runningPreview is the site's live preview: Hugo's server on a port of its
// own, seen through handler at the published addresses.
type runningPreview struct {
	handler http.Handler
	done    <-chan error // Hugo's server has stopped (Ctrl+C)
	stop    func()       // stops watching the sources
}

// startPreview brings the generated tree up to date, keeps it so while the
// sources change, and starts Hugo's server for pages addressed at publicURL,
// whose live reload comes through publicPort.
func startPreview(f *Factory, source, publicURL string, publicPort int) (*runningPreview, error) {
	s, err := prepare(f.P(), source, false, nil)
	if err != nil {
		return nil, err
	}
	printWarnings(f, s.Warnings)
	said := fmt.Sprint(s.Warnings)
	stop, err := watchSources(source, func() {
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
		return nil, err
	}
	hugoLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		stop()
		return nil, err
	}
	hugoPort := hugoLn.Addr().(*net.TCPAddr).Port
	hugoLn.Close()
	done := make(chan error, 1)
	go func() {
		done <- f.Renderer.Serve(ServeOptions{Source: source, Bind: "127.0.0.1", Port: hugoPort, BaseURL: publicURL, LiveReloadPort: publicPort})
	}()
	hugo := &url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", hugoPort)}
	return &runningPreview{handler: preview.New(hugo, s.Policy, f.P()), done: done, stop: stop}, nil
}

// saveBurst is how long the sources must be quiet before a change is taken:
// an editor's save is a burst of events a few milliseconds long, and the
// time is part of every edit's wait.
const saveBurst = 25 * time.Millisecond

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
				// Editors save in bursts (temp file, rename, a few
				// milliseconds apart): wait for a short quiet.
				pending = time.After(saveBurst)
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
