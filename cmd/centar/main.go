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
	return hugo.Build(hugo.BuildOptions{
		Source: o.Source, Destination: o.Destination, BaseURL: o.BaseURL, Production: o.Production,
		TreeDir: o.TreeDir, Tree: o.Tree, Ready: o.Ready, Publish: o.Publish, Log: o.Log,
	})
}

func (renderer) Preview(o cli.PreviewOptions) (cli.Preview, error) {
	p, err := hugo.NewPreview(hugo.PreviewOptions{Source: o.Source, BaseURL: o.BaseURL, Log: o.Log, Failed: o.Failed})
	if p == nil {
		return nil, err // a nil *hugo.Preview is not a nil cli.Preview
	}
	return p, err
}

func (renderer) Version() string { return hugo.Version() }
