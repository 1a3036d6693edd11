package cli

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/crypto/acme/autocert"
	"golang.org/x/text/message"

	"centar/internal/build"
	"centar/internal/cms"
	"centar/internal/explain"
	"centar/internal/staff"
	"centar/internal/translit"
	"centar/internal/workflow"
)

type cmsOptions struct {
	Source string
	Port   int
	// The server's: the accounts file, where to listen, and TLS.
	Users, Listen   string
	TLSCert, TLSKey string
	ACME            string
	BehindProxy     bool
}

func newCMSCmd(f *Factory) *cobra.Command {
	opts := &cmsOptions{}
	p := f.P()
	cmd := &cobra.Command{
		Use:   p.Sprintf("cms [--port N] [--users FILE --listen ADDRESS]"),
		Short: p.Sprintf("The site's web editor (Decap CMS) at http://127.0.0.1:8081/admin/"),
		Long: p.Sprintf("Starts the web editor: Decap CMS, the site's preview and the link to git, all at\n" +
			"http://127.0.0.1:8081/ (on this computer only). Drafts are kept on branches cms/…,\n" +
			"and publishing goes through the same check and the same sending as centar publish.\n" +
			"Stop it with Ctrl+C.\n\n" +
			"With --users FILE it is the Centre's CMS server: it listens where --listen says,\n" +
			"everyone signs in with a password and a code from an app, drafts stay on the server,\n" +
			"and only the published main goes to the repository. centar cms users makes the accounts."),
		Args: f.noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCMS(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Source, "source", "s", ".", p.Sprintf("the site's `FOLDER` (where hugo.toml is)"))
	cmd.Flags().IntVarP(&opts.Port, "port", "p", 8081, p.Sprintf("the editor's `PORT`"))
	cmd.Flags().StringVar(&opts.Users, "users", "", p.Sprintf("the staff's accounts `FILE` (outside the repository): the editor becomes a server with sign-in"))
	cmd.Flags().StringVar(&opts.Listen, "listen", "", p.Sprintf("the `ADDRESS` the server listens on, e.g. :443 (without --users only 127.0.0.1)"))
	cmd.Flags().StringVar(&opts.TLSCert, "tls-cert", "", p.Sprintf("the `FILE` of the server's TLS certificate (PEM)"))
	cmd.Flags().StringVar(&opts.TLSKey, "tls-key", "", p.Sprintf("the `FILE` of the server's TLS key (PEM)"))
	cmd.Flags().StringVar(&opts.ACME, "acme", "", p.Sprintf("the `DOMAIN` the server gets its own certificate for, from Let's Encrypt"))
	cmd.Flags().BoolVar(&opts.BehindProxy, "behind-proxy", false, p.Sprintf("TLS ends at a reverse proxy on this computer (X-Forwarded-* is believed from 127.0.0.1 only)"))
	cmd.AddCommand(newUsersCmd(f))
	return cmd
}

// listenAddress is where the CMS listens: --listen, or the port on
// 127.0.0.1. Without --users it must be this computer: there is never an
// open CMS on a network. A server on the network needs TLS.
func (o *cmsOptions) listenAddress(p *message.Printer) (string, error) {
	server := o.Users != ""
	if !server && (o.TLSCert != "" || o.TLSKey != "" || o.ACME != "" || o.BehindProxy) {
		return "", usage(errors.New(p.Sprintf("--tls-cert, --tls-key, --acme and --behind-proxy are for the CMS server: give --users too")))
	}
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return "", usage(errors.New(p.Sprintf("give --tls-cert and --tls-key together")))
	}
	addr := o.Listen
	if addr == "" {
		addr = fmt.Sprintf("127.0.0.1:%d", o.Port)
		if o.ACME != "" {
			addr = ":443"
		}
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", usage(errors.New(p.Sprintf("--listen %s is not an address: write it as host:port, e.g. 127.0.0.1:8081 or :443", addr)))
	}
	loopback := host == "localhost"
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	tls := o.TLSCert != "" || o.ACME != ""
	switch {
	case !loopback && !server:
		return "", errors.New(p.Sprintf("the CMS without --users is one person's editor and listens only on this computer (127.0.0.1): to open it to a network, give --users with the staff's accounts"))
	case !loopback && !tls:
		return "", errors.New(p.Sprintf("a CMS server on a network needs TLS, or passwords travel in the clear: give --tls-cert and --tls-key, or --acme DOMAIN, or listen on 127.0.0.1 with --behind-proxy"))
	}
	return addr, nil
}

func runCMS(ctx context.Context, f *Factory, o *cmsOptions) error {
	p := f.P()
	addr, err := o.listenAddress(p)
	if err != nil {
		return err
	}
	var gate *staff.Gate
	if o.Users != "" {
		if gate, err = f.gate(o); err != nil {
			return err
		}
	}
	if _, err := build.Open(o.Source, p); err != nil {
		return err
	}
	r, err := workflow.Open(ctx, o.Source)
	if err != nil {
		return explain.Git(p, err)
	}
	r.Close()
	// Decap CMS from the site's npm install, or where CENTAR_DECAP says
	// (the server's image carries it outside the clone).
	decap := f.getenv("CENTAR_DECAP")
	if decap == "" {
		decap = filepath.Join(o.Source, "node_modules", "decap-cms", "dist")
	}
	if _, err := os.Stat(filepath.Join(decap, "decap-cms.js")); err != nil {
		return errors.New(p.Sprintf("Decap CMS is not installed here: run npm ci in %s (it installs the pinned version from npm), then centar cms again", o.Source))
	}
	var ln net.Listener
	switch {
	case o.ACME != "":
		m := &autocert.Manager{Prompt: autocert.AcceptTOS, HostPolicy: autocert.HostWhitelist(o.ACME), Cache: autocert.DirCache(filepath.Join(filepath.Dir(o.Users), "acme"))}
		ln, err = tls.Listen("tcp", addr, m.TLSConfig())
	case o.TLSCert != "":
		var cert tls.Certificate
		if cert, err = tls.LoadX509KeyPair(o.TLSCert, o.TLSKey); err != nil {
			return errors.New(p.Sprintf("the TLS certificate or key cannot be read: %v", err))
		}
		ln, err = tls.Listen("tcp", addr, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	default:
		ln, err = net.Listen("tcp", addr)
	}
	if err != nil {
		return err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	base := fmt.Sprintf("http://127.0.0.1:%d/", port)
	switch {
	case o.ACME != "":
		base = "https://" + o.ACME + "/"
	case o.TLSCert != "":
		base = fmt.Sprintf("https://%s/", net.JoinHostPort(hostName(ln.Addr().(*net.TCPAddr).IP), fmt.Sprint(port)))
	}

	// The site's live preview runs behind the editor's own address. Content
	// it cannot show yet does not keep the editor out: the CMS is where it
	// gets fixed.
	sitePreview := http.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, p.Sprintf("the site's preview is not ready yet; reload the page in a moment"), http.StatusBadGateway)
	}))
	api := &cms.API{Root: o.Source, P: p, Getenv: f.getenv, Cyrillic: f.serbian()}
	if gate != nil {
		api.Log = f.Err
	}
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
		Config: func() ([]byte, error) { return cms.Config(o.Source, nil, "json") },
		Site:   sitePreview,
		Port:   port,
		Gate:   gate,
	}
	// A slow client holds a connection only so long; a publication, which
	// waits for the Git server, has minutes to answer.
	server := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute,
		WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	go func() {
		<-ctx.Done()
		server.Close()
	}()
	if gate != nil {
		p.Fprintf(f.Err, "CMS server: %s (staff sign in at %s). Stop it with Ctrl+C.\n", base+"admin/", base+"prijava")
	} else {
		p.Fprintf(f.Err, "Web editor: %s (the site as it is in this folder: %s). Stop it with Ctrl+C.\n", base+"admin/", base)
	}
	if err := server.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// hostName is how staff reach ip: this machine's name when it listens on
// every address.
func hostName(ip net.IP) string {
	if ip.IsUnspecified() {
		if name, err := os.Hostname(); err == nil {
			return name
		}
	}
	return ip.String()
}

// gate is the CMS server's door, over the accounts file of o, which must
// live outside the site's repository: the repository is public.
func (f *Factory) gate(o *cmsOptions) (*staff.Gate, error) {
	p := f.P()
	users, _ := filepath.Abs(o.Users)
	site, _ := filepath.Abs(o.Source)
	if rel, err := filepath.Rel(site, users); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, errors.New(p.Sprintf("the accounts file %s is inside the site's folder, which is published: keep it elsewhere, e.g. /var/lib/centar/users.json", o.Users))
	}
	accounts, err := staff.OpenAccounts(o.Users)
	if err != nil {
		return nil, err
	}
	list, err := accounts.List()
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		p.Fprintf(f.Err, "No accounts yet: add the first publisher with centar cms users add EMAIL --name \"…\" --publisher --users %s\n", o.Users)
	}
	g := &staff.Gate{Accounts: accounts, Sessions: &staff.Sessions{}, Limiter: &staff.Limiter{}, P: p, Log: f.Err, BehindProxy: o.BehindProxy}
	if f.serbian() {
		g.Say = func(s string) string { return translit.Default().String(s, translit.Cyrillic) }
	}
	return g, nil
}
