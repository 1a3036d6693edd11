// Package hugo is the only place that calls into Hugo's Go API. Hugo does not
// promise a stable API, so every call stays here, behind the version pinned in
// go.mod; the rest of centar sees only the renderer's contract (package
// render), which Renderer keeps.
//
// Of the project's packages it may import only render, treefs and plainfile.
package hugo

import (
	"strconv"

	"github.com/gohugoio/hugo/commands"
	hugoversion "github.com/gohugoio/hugo/common/hugo"

	"centar/internal/render"
)

// Renderer is the embedded Hugo, as builds and previews use it.
type Renderer struct{}

func (Renderer) Build(o render.BuildOptions) error { return Build(o) }

func (Renderer) Preview(o render.PreviewOptions) (render.Preview, error) {
	p, err := NewPreview(o)
	if p == nil {
		return nil, err // a nil *Preview is not a nil render.Preview
	}
	return p, err
}

func (Renderer) Version() string { return Version() }

// Version is the embedded Hugo's version.
func Version() string { return hugoversion.CurrentVersion.String() }

// Server runs Hugo's own live-reloading server into memory, as
// `hugo server --renderToMemory` does, until the process is interrupted:
// the baseline the preview is measured against.
func Server(source string, port int) error {
	return commands.Execute([]string{"server", "--source", source, "--renderToMemory",
		"--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--logLevel", "warn"})
}
