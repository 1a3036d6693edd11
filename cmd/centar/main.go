// Command centar builds, previews and edits the site of the Centre for
// Protection of Victims of Human Trafficking.
package main

import (
	"os"

	"centar/internal/cli"
	"centar/internal/hugo"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "dev"

func main() { os.Exit(cli.Main(cli.StdFactory(renderer{}, version), os.Args[1:])) }

// renderer is the embedded Hugo, seen through the interface the commands use.
type renderer struct{}

func (renderer) Build(o cli.BuildOptions) error {
	return hugo.Build(hugo.BuildOptions{Source: o.Source, Destination: o.Destination, BaseURL: o.BaseURL, Production: o.Production})
}

func (renderer) Serve(o cli.ServeOptions) error {
	return hugo.Serve(hugo.ServeOptions{Source: o.Source, Bind: o.Bind, Port: o.Port, BaseURL: o.BaseURL, LiveReloadPort: o.LiveReloadPort})
}

func (renderer) Version() string { return hugo.Version() }
