// Package hugo is the only place that calls into Hugo's Go API. Hugo does not
// promise a stable API, so every call stays here, behind the version pinned in
// go.mod; the rest of centar sees only Build and Serve.
package hugo

import (
	"os"
	"strconv"

	"github.com/gohugoio/hugo/commands"
	hugoversion "github.com/gohugoio/hugo/common/hugo"
)

// Version is the embedded Hugo's version.
func Version() string { return hugoversion.CurrentVersion.String() }

// BuildOptions say what to build.
type BuildOptions struct {
	Source      string // the site root, holding hugo.toml
	Destination string // where the site is written; emptied first
	Production  bool   // the production environment, minified
	BaseURL     string // overrides the configured base URL when set
}

// Build renders the site once.
func Build(o BuildOptions) error {
	args := []string{"--source", o.Source, "--destination", o.Destination, "--cleanDestinationDir", "--logLevel", "warn", "--quiet"}
	if o.Production {
		args = append(args, "--environment", "production", "--minify")
	}
	if o.BaseURL != "" {
		args = append(args, "--baseURL", o.BaseURL)
	}
	return commands.Execute(args)
}

// ServeOptions say how to preview: Hugo listens on Bind:Port; behind a
// server in front, readers reach it at BaseURL, and its live reload at
// LiveReloadPort (when not set, Hugo's own address and port).
type ServeOptions struct {
	Source         string
	Bind           string
	Port           int
	BaseURL        string
	LiveReloadPort int
}

// Serve runs Hugo's live-reloading preview server until the process is
// interrupted. The site is rendered into memory: public/ is the published
// site's alone. Hugo's own banner (in English, with advice for the hugo
// command) goes nowhere; centar says what an editor needs, and Hugo's
// warnings and errors still reach standard error.
func Serve(o ServeOptions) error {
	quiet, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer quiet.Close()
	os.Stdout = quiet
	args := []string{"server", "--source", o.Source, "--renderToMemory",
		"--bind", o.Bind, "--port", strconv.Itoa(o.Port), "--logLevel", "warn"}
	if o.BaseURL != "" {
		args = append(args, "--baseURL", o.BaseURL, "--appendPort=false")
	}
	if o.LiveReloadPort != 0 {
		args = append(args, "--liveReloadPort", strconv.Itoa(o.LiveReloadPort))
	}
	return commands.Execute(args)
}
