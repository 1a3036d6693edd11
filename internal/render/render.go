// Package render is what a build and a preview ask of the site's renderer:
// Hugo, embedded, which package hugo puts behind this contract, so that
// only the command links it.
//
// Of the project's packages it may import only treefs.
package render

import (
	"io"
	"net/http"

	"github.com/fsnotify/fsnotify"

	"centar/internal/treefs"
)

// BuildOptions say what to build.
type BuildOptions struct {
	Source      string // the site root, holding hugo.toml
	Destination string // where the site is written; emptied first
	Production  bool   // minified
	BaseURL     string // overrides the configured base URL when set
	// Tree, when set, stands in for the folder TreeDir under Source: Hugo
	// reads its files (by slash paths within TreeDir) from memory, and
	// nothing of that folder from the disk, while they may still be in the
	// making.
	TreeDir string
	Tree    treefs.Source
	// Ready, when set with Publish, is waited for before anything is
	// written into Destination, the static files included: a tree that
	// fails leaves the destination as it was.
	Ready func() error
	// Publish, when set, is given every file the build writes, by its slash
	// path within Destination, and says where it goes instead ("" for
	// nowhere) and what it holds. It is called from many goroutines at once,
	// and may change data, which is the build's again once it returns.
	Publish func(rel string, data []byte) (string, []byte, error)
	Log     io.Writer // the renderer's warnings; standard error when nil
	// TemplateMetrics, when set, is given the template metrics once the
	// pages are rendered: each template's time and how often its output
	// repeats.
	TemplateMetrics io.Writer
}

// PreviewOptions say what to preview: the site at Source, its pages
// addressed at BaseURL (where readers reach the preview, live reload
// included); warnings go to Log, and a page that fails to render when asked
// for is told to Failed.
type PreviewOptions struct {
	Source  string
	BaseURL string
	Log     io.Writer
	Failed  func(error)
}

// Preview is the site rendered into memory, served as the renderer names
// its pages and with live reload, rendered again when told what changed.
type Preview interface {
	http.Handler
	// Watched lists the folders and files whose changes it must be told of.
	Watched() []string
	// Rebuild renders again what the changed files touch and reloads the
	// pages open in a browser.
	Rebuild(changed []fsnotify.Event) error
	// Failure is why the last build failed, or nil.
	Failure() error
	// Pages renders the pages a change left out of date and hands each
	// page of the site, by its slash path as Hugo names it, to each: the
	// whole site, as a build would publish it, for its search index.
	Pages(each func(rel string, data []byte) error) error
	// Show renders the pages of files that are not saved (by absolute
	// name, in place of the disk's) and returns each page's HTML by its
	// file's name, leaving the disk and the preview as they were.
	Show(files map[string][]byte) (map[string][]byte, error)
	Close() error
}

// Renderer renders a prepared site.
type Renderer interface {
	Build(BuildOptions) error
	// Preview renders the site once. A site that fails to build still
	// gets its preview, returned with the failure.
	Preview(PreviewOptions) (Preview, error)
	Version() string
}
