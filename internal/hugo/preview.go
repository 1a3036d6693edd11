package hugo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/bep/logg"
	"github.com/bep/overlayfs"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/common/types"
	"github.com/gohugoio/hugo/common/urls"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/livereload"
	"github.com/spf13/afero"

	"centar/internal/render"
)

// Preview is the site rendered into memory by the embedded Hugo, served with
// live reload, and rebuilt when told which files changed. Hugo's own server
// is not used: it takes changes from a watcher that hands them over on a
// 500 ms tick, most of an editor's wait; the preview's caller knows when a
// save is complete and asks at once.
//
// Like Hugo's server, it renders after a change only the pages the editor
// looked at last, and any other page when it is asked for (Hugo's fast
// render mode): a change costs the same at 10 pages and at 10,000.
type Preview struct {
	o render.PreviewOptions

	mu      sync.RWMutex
	sites   *hugolib.HugoSites // nil once a build stalled: the next change starts over
	drafts  afero.Fs           // files shown in place of the disk's while Show renders them
	pages   afero.Fs           // the rendered pages, in memory
	files   afero.Fs           // the rendered pages, then the static folders
	config  []string           // the configuration files: a change to one starts over
	watched []string           // the folders Hugo reads, and the configuration
	visited *types.EvictingQueue[string]
	stale   bool  // a change came since the site was rendered whole
	failure error // why the last build failed
}

// recentPages is how many of the pages looked at last a change renders at
// once. Hugo gives up on a build at its tenth failed page, and a build it
// gives up on can stall (see buildOrStall): a template that fails on every
// page must fail on fewer than ten, the 404 page included.
const recentPages = 5

var startLiveReload sync.Once

// NewPreview renders the site into memory. A site whose configuration
// cannot be read is an error; one that fails to build is served as far as
// it was built, and the failure returned with the preview.
func NewPreview(o render.PreviewOptions) (*Preview, error) {
	source, err := filepath.Abs(o.Source)
	if err != nil {
		return nil, err
	}
	o.Source = source
	startLiveReload.Do(livereload.Initialize)
	p := &Preview{o: o, drafts: afero.NewMemMapFs()}
	if err := p.load(); err != nil {
		return nil, err
	}
	return p, p.build()
}

// load reads the configuration and makes a site to build into an empty
// memory file system, in place of the one before.
func (p *Preview) load() error {
	flags := config.New()
	flags.Set("workingDir", p.o.Source)
	flags.Set("environment", "development")
	flags.Set("renderToMemory", true)
	flags.Set("baseURL", p.o.BaseURL)
	// The editor sees their drafts (draft: true) too, marked as such by the
	// theme; a build for the site leaves them out.
	flags.Set("buildDrafts", true)
	// Running and watching: Hugo puts its live-reload script in every page
	// and keeps what a rebuild needs.
	flags.Set("internal", hmaps.Params{"running": true, "watch": true, "fastRenderMode": true})
	logger := loggers.New(loggers.Options{Level: logg.LevelWarn, StdOut: io.Discard, StdErr: p.o.Log, DistinctLevel: logg.LevelWarn})
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags: flags, Fs: hugofs.Os, Environment: "development", Logger: logger,
	})
	if err != nil {
		return err
	}
	base, err := urls.NewBaseURLFromString(p.o.BaseURL)
	if err != nil {
		return fmt.Errorf("the preview's address %q: %w", p.o.BaseURL, err)
	}
	for _, lang := range configs.Languages {
		configs.LanguageConfigMap[lang.Lang].C.SetServerInfo(base, base, "127.0.0.1")
	}
	flags.Set("publishDir", "/")
	// Hugo reads the disk, and over it the files Show lends it.
	source := overlayfs.New(overlayfs.Options{Fss: []afero.Fs{p.drafts, hugofs.Os}})
	fs := hugofs.NewFromSourceAndDestination(source, afero.NewMemMapFs(), flags)
	sites, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs: configs, Fs: fs, LogLevel: logg.LevelWarn, StdOut: io.Discard, StdErr: p.o.Log,
	})
	if err != nil {
		return err
	}
	// Static files are served from their folders, not copied into memory.
	static := sites.BaseFs.SourceFilesystems.StaticFs("")
	if p.sites != nil {
		p.sites.Close()
	}
	p.sites = sites
	p.pages = fs.PublishDir
	p.files = overlayfs.New(overlayfs.Options{Fss: []afero.Fs{fs.PublishDir, static}})
	p.config = configs.LoadingInfo.ConfigFiles
	p.watched = slices.Concat(sites.BaseFs.WatchFilenames(), p.config)
	p.visited = types.NewEvictingQueue[string](recentPages)
	p.stale = false
	return nil
}

// build renders the whole site, or, after a change, what the changed files
// touch on the pages looked at last.
func (p *Preview) build(changed ...fsnotify.Event) error {
	err := buildOrStall(p.sites, hugolib.BuildCfg{RecentlyTouched: p.visited, ErrRecovery: p.failure != nil}, changed...)
	if errors.Is(err, errStalled) {
		p.sites = nil // left to its build; the next change starts over
		err = fmt.Errorf("%w. Mend it and save: the preview builds the site anew", err)
	}
	p.failure = err
	p.stale = p.stale || len(changed) > 0
	return err
}

// Watched lists the folders and files whose changes the preview must be
// told of: every folder Hugo reads and the configuration.
func (p *Preview) Watched() []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.watched
}

// Rebuild renders again what the changed files touch and reloads the pages
// open in a browser. A change to the configuration renders everything anew.
// While it runs, pages wait for it.
func (p *Preview) Rebuild(changed []fsnotify.Event) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer livereload.ForceRefresh()
	if p.sites == nil || slices.ContainsFunc(changed, func(ev fsnotify.Event) bool { return slices.Contains(p.config, ev.Name) }) {
		if err := p.load(); err != nil {
			p.failure = err // the site as it was stays, behind the failure
			return err
		}
		return p.build()
	}
	changed = slices.DeleteFunc(transient(changed), p.sites.ShouldSkipFileChangeEvent)
	p.forget(changed)
	return p.build(changed...)
}

// forget removes what was rendered of the pages whose files were removed or
// moved away: Hugo forgets such a page when it rebuilds, but leaves what it
// rendered of it in memory, served as if the page were still there.
func (p *Preview) forget(changed []fsnotify.Event) {
	for _, ev := range changed {
		if !removed(ev) {
			continue
		}
		name, err := filepath.Abs(ev.Name)
		if err != nil {
			continue
		}
		for _, file := range p.renderedFiles(name) {
			_ = p.pages.Remove(file) // not rendered yet, in fast render mode
		}
	}
}

// renderedFiles lists the files Hugo renders of the page made from the file
// name: none when it is not a page (Hugo's rebuild takes care of it). Hugo
// panics when asked for a page it has read but never made, as a page that
// fast render never needed ("Shift: unknown type *hugolib.pageMetaSource"):
// nothing of it is rendered, and the preview, the CMS server's too, must
// not stop for it.
func (p *Preview) renderedFiles(name string) (files []string) {
	defer func() {
		if recover() != nil {
			files = nil
		}
	}()
	page := p.sites.GetContentPage(name)
	if page == nil {
		return nil
	}
	for _, of := range page.OutputFormats() {
		file := of.RelPermalink()
		if strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		files = append(files, file)
	}
	return files
}

// removed tells a file removed or moved away, and not back in its place (as
// editors that keep the last version under another name put it back).
func removed(ev fsnotify.Event) bool {
	if !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
		return false
	}
	_, err := os.Stat(ev.Name)
	return errors.Is(err, fs.ErrNotExist)
}

// transient drops the events of files that came and went within the
// changes (an editor's temporary file, saved and renamed into place), which
// Hugo would otherwise take for files of the site, and written or created
// files that are gone already.
func transient(changed []fsnotify.Event) []fsnotify.Event {
	exists, created := map[string]bool{}, map[string]bool{}
	for _, ev := range changed {
		if _, ok := exists[ev.Name]; !ok {
			_, err := os.Stat(ev.Name)
			exists[ev.Name] = err == nil
		}
		created[ev.Name] = created[ev.Name] || ev.Has(fsnotify.Create)
	}
	return slices.DeleteFunc(slices.Clone(changed), func(ev fsnotify.Event) bool {
		return !exists[ev.Name] && (created[ev.Name] || ev.Has(fsnotify.Write))
	})
}

// Failure is why the last build failed, or nil when it did not.
func (p *Preview) Failure() error {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.failure
}

// ServeHTTP answers as Hugo names the site's pages, and carries live reload.
func (p *Preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/livereload.js":
		livereload.ServeJS(w, r)
		return
	case "/livereload":
		livereload.Handler(w, r)
		return
	}
	if r.Method == http.MethodGet && (strings.HasSuffix(r.URL.Path, "/") || strings.HasSuffix(r.URL.Path, ".html")) {
		p.visit(r.URL.Path)
	}
	// A page changes under its address within a second of being sent,
	// inside the one-second precision of Last-Modified: answering a
	// browser's If-Modified-Since with 304 kept an edit off the screen.
	r.Header.Del("If-Modified-Since")
	r.Header.Del("If-None-Match")
	p.mu.RLock()
	defer p.mu.RUnlock()
	if strings.HasSuffix(r.URL.Path, "/") {
		if _, err := p.files.Stat(r.URL.Path + "index.html"); err != nil {
			http.NotFound(w, r) // a folder without a page is not listed
			return
		}
	}
	http.FileServer(afero.NewHttpFs(p.files)).ServeHTTP(w, r)
}

// visit keeps a page among those a change renders again, and renders it
// first when it may be out of date (a change came since the site was
// rendered whole) or was never rendered (the first build failed on it). A
// path that is no page of the site costs a build that renders nothing.
func (p *Preview) visit(urlPath string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.visited.Contains(urlPath) {
		return
	}
	if p.stale && p.sites != nil {
		one := types.NewEvictingQueue[string](1).Add(urlPath)
		if err := buildOrStall(p.sites, hugolib.BuildCfg{RecentlyTouched: one, PartialReRender: true, ErrRecovery: p.failure != nil}); err != nil {
			p.o.Failed(err)
		}
	}
	p.visited.Add(urlPath)
}

// Show renders the pages of files that are not saved, given by their
// absolute names in place of what the disk holds there, and returns each
// page's HTML by its file's name. Nothing is written to the disk; once it
// returns, the preview shows the site as before. Pages wait meanwhile.
func (p *Preview) Show(files map[string][]byte) (map[string][]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sites == nil {
		return nil, errors.New("the preview is starting over after a build that stalled: save a change, then try again")
	}
	var lent, back []fsnotify.Event
	for name, data := range files {
		if err := p.drafts.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, err
		}
		if err := afero.WriteFile(p.drafts, name, data, 0o644); err != nil {
			return nil, err
		}
		if _, err := os.Stat(name); err == nil {
			lent, back = append(lent, fsnotify.Event{Name: name, Op: fsnotify.Write}), append(back, fsnotify.Event{Name: name, Op: fsnotify.Write})
		} else {
			lent, back = append(lent, fsnotify.Event{Name: name, Op: fsnotify.Create}), append(back, fsnotify.Event{Name: name, Op: fsnotify.Remove})
		}
	}
	defer func() {
		for name := range files {
			p.drafts.Remove(name)
		}
		if p.sites != nil {
			p.forget(back)
			p.build(back...)
		}
	}()
	if err := p.build(lent...); err != nil {
		return nil, err
	}
	pages := map[string][]byte{}
	for name := range files {
		page := p.sites.GetContentPage(name)
		if page == nil {
			continue // not a page of the site: a file it reads
		}
		url := page.RelPermalink()
		one := types.NewEvictingQueue[string](1).Add(url)
		if err := buildOrStall(p.sites, hugolib.BuildCfg{RecentlyTouched: one, PartialReRender: true}); err != nil {
			return nil, err
		}
		if strings.HasSuffix(url, "/") {
			url += "index.html"
		}
		html, err := afero.ReadFile(p.pages, url)
		if err != nil {
			return nil, fmt.Errorf("the page of %s was not rendered: %w", name, err)
		}
		pages[name] = html
	}
	return pages, nil
}

// Close lets go of the rendered site.
func (p *Preview) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.sites == nil {
		return nil // a stalled build's, left behind
	}
	return p.sites.Close()
}

// Pages renders the pages a change left out of date (in fast render mode
// a change renders only the pages looked at last) and hands every page of
// the site, by its slash path, to each. Pages wait meanwhile.
func (p *Preview) Pages(each func(rel string, data []byte) error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stale && p.sites != nil {
		pages := p.sites.Pages()
		all := types.NewEvictingQueue[string](max(1, 4*len(pages)))
		for _, page := range pages {
			for _, of := range page.OutputFormats() {
				all.Add(of.RelPermalink())
			}
		}
		if err := buildOrStall(p.sites, hugolib.BuildCfg{RecentlyTouched: all, PartialReRender: true, ErrRecovery: p.failure != nil}); err != nil {
			return err
		}
		p.stale = false
	}
	return afero.Walk(p.pages, "/", func(name string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		data, err := afero.ReadFile(p.pages, name)
		if err != nil {
			return err
		}
		return each(strings.TrimPrefix(filepath.ToSlash(name), "/"), data)
	})
}
