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

func main() { os.Exit(cli.Main(cli.StdFactory(hugo.Renderer{}, version), os.Args[1:])) }
