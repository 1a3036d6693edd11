package hugo

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
	"github.com/spf13/fsync"

	"centar/internal/render"
	"centar/internal/treefs"
)

// Build renders the site once, as `hugo build --cleanDestinationDir` does:
// the static files first, then the pages.
func Build(o render.BuildOptions) error {
	source, err := filepath.Abs(o.Source)
	if err != nil {
		return err
	}
	dest, err := filepath.Abs(o.Destination)
	if err != nil {
		return err
	}
	if o.Log == nil {
		o.Log = os.Stderr
	}
	var src afero.Fs = hugofs.Os
	if o.Tree != nil {
		if src, err = treefs.Over(hugofs.Os, filepath.Join(source, o.TreeDir), o.Tree); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return err
	}
	var out afero.Fs = afero.NewBasePathFs(hugofs.Os, dest)
	var published *publishing
	if o.Publish != nil {
		published = publishedThrough(out, o.Publish)
		out = published
	} else if o.Ready != nil {
		return errors.New("a build that waits for its tree (Ready) publishes through Publish")
	}
	flags := config.New()
	flags.Set("workingDir", source)
	flags.Set("environment", "production") // as hugo build's
	flags.Set("publishDir", "/")           // out is the destination
	if o.Production {
		flags.Set("minify.minifyOutput", true)
	}
	var stdout io.Writer = io.Discard // Hugo's plain output: of it, only the template metrics are wanted
	if o.TemplateMetrics != nil {
		flags.Set("templateMetrics", true)
		flags.Set("templateMetricsHints", true)
		stdout = o.TemplateMetrics
	}
	if o.BaseURL != "" {
		flags.Set("baseURL", o.BaseURL)
	}
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: stdout, StdErr: o.Log, DistinctLevel: logg.LevelWarn})
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags: flags, Fs: src, Environment: "production", Logger: logger,
	})
	if err != nil {
		return err
	}
	fs := hugofs.NewFromSourceAndDestination(src, out, flags)
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs: configs, Fs: fs, LogLevel: logg.LevelWarn, StdOut: stdout, StdErr: o.Log,
	})
	if err != nil {
		return err
	}
	// The static files go first: copying them cleans the destination. A
	// build whose tree is still being made copies them once it is ready,
	// before the first page is written.
	if o.Ready == nil {
		if err := copyStatic(sites, fs.PublishDirStatic, configs.Base); err != nil {
			return errors.Join(fmt.Errorf("copying the static files: %w", err), sites.Close())
		}
	} else {
		published.waitFor(func(static afero.Fs) error {
			if err := o.Ready(); err != nil {
				return err
			}
			if err := copyStatic(sites, static, configs.Base); err != nil {
				return fmt.Errorf("copying the static files: %w", err)
			}
			return nil
		})
	}
	err = buildOrStall(sites, hugolib.BuildCfg{})
	if errors.Is(err, errStalled) {
		return err // its sites are left to the stalled build
	}
	if err == nil && o.Ready != nil {
		err = published.gate() // a build that wrote no page waits as well
	}
	if published != nil {
		err = errors.Join(err, published.failed())
	}
	return errors.Join(err, sites.Close())
}

// copyStatic copies the static folders into the destination, removing
// everything else there, as Hugo's build does with --cleanDestinationDir:
// a page no longer in the site is not left published.
func copyStatic(sites *hugolib.HugoSites, dest afero.Fs, base *allconfig.Config) error {
	for _, static := range sites.BaseFs.SourceFilesystems.Static {
		syncer := fsync.NewSyncer()
		syncer.NoTimes, syncer.NoChmod = base.NoTimes, base.NoChmod
		syncer.ChmodFilter = func(dst, src os.FileInfo) bool { return src.IsDir() } // folders stay writable
		syncer.SrcFs, syncer.DestFs = static.Fs, dest
		syncer.Delete = true
		syncer.DeleteFilter = keptInDestination
		if err := syncer.Sync(filepath.Join("/", static.PublishFolder), "/"); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// keptInDestination is what cleaning the destination leaves, as Hugo does:
// git's files and hidden folders (a deploy's checkout of the published site).
func keptInDestination(f fsync.FileInfo) bool {
	name := f.Name()
	return name == ".gitignore" || name == ".gitattributes" || f.IsDir() && strings.HasPrefix(name, ".")
}
