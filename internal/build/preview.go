package build

import (
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"golang.org/x/text/message"

	"centar/internal/content"
	"centar/internal/render"
)

// The live preview: the sources converted into the generated tree on disk,
// rendered into memory by the renderer, both kept up to date as the
// editor saves, and served at the published addresses with the published
// headers.

// Preview is the site's live preview, served by Handler at the published
// addresses and with the published headers, kept up to date while the
// sources change.
type Preview struct {
	Handler http.Handler
	// Show renders pages that are not saved — files by their path in the
	// site (content/sr/…, content/en/…) — as the preview would once they
	// were, and returns the HTML of the pages of those named in pages, by
	// language (sr-cyrl, sr-latn, en); the other files are lent to the
	// preview for them (a new town's page). Nothing is written among the
	// sources, and nothing stays in the preview.
	Show func(files map[string][]byte, pages []string) (map[string][]byte, error)
	// Stop stops watching the sources and serving.
	Stop func()
	// Languages are the site's, each at its address in the preview.
	Languages []content.Language
}

// PreviewOptions say what to preview: the site at Source, for readers who
// reach it at PublicURL, rendered by Renderer; P speaks to the editor, and
// Log hears what they should know as the sources change.
type PreviewOptions struct {
	Source, PublicURL string
	Renderer          render.Renderer
	P                 *message.Printer
	Log               io.Writer
}

// startPreview brings the generated tree up to date, renders the site into
// memory for pages addressed at publicURL, and keeps both up to date while
// the sources change: a change to the Serbian sources is converted and the
// files it changed handed to Hugo; any other change Hugo reads (the theme,
// the English pages, the configuration) goes to Hugo as it is.
func StartPreview(o PreviewOptions) (*Preview, error) {
	if o.Renderer == nil {
		return nil, errors.New(o.P.Sprintf("this centar was built without the site's renderer, so it shows no preview"))
	}
	// Hugo is told of changed files by their absolute names.
	root, err := filepath.Abs(o.Source)
	if err != nil {
		return nil, err
	}
	s, err := openSite(o.P, root, nil)
	if err != nil {
		return nil, err
	}
	if _, err := s.refresh(false); err != nil {
		return nil, err
	}
	writeWarnings(o.P, o.Log, s.Warnings)
	said := fmt.Sprint(s.Warnings)
	failed := func(err error) { sayHugoFailed(o, err) }
	rendered, err := o.Renderer.Preview(render.PreviewOptions{Source: root, BaseURL: o.PublicURL, Log: o.Log, Failed: failed})
	if rendered == nil {
		return nil, err
	}
	if err != nil {
		failed(err) // the preview runs on; an edit mends it
	}
	var sources []string
	for _, dir := range sourceDirs {
		sources = append(sources, filepath.Join(root, dir))
	}
	// A translation's change can make it current or outdated: the
	// generated tree says which.
	for _, l := range s.Model.Translated() {
		sources = append(sources, filepath.Join(root, "content", l.Folder))
	}
	// Hugo reads the English strings in i18n/ beside the Serbian ones centar
	// converts: a change can be for both. The generated tree is not watched:
	// centar writes it and says itself what changed there.
	generated := filepath.Join(root, GeneratedDir)
	hugoReads := roots(slices.DeleteFunc(rendered.Watched(), func(p string) bool { return within(generated, p) }))
	var site sync.Mutex // the sources' conversion, which the watcher and Show share
	index := newPreviewSearch(rendered, s.Model, s.Policy, o.P, o.Log)
	stopWatching, err := watch(roots(append(slices.Clone(sources), hugoReads...)), func(events []fsnotify.Event) {
		site.Lock()
		defer site.Unlock()
		var forHugo []fsnotify.Event
		regenerate := false
		for _, ev := range events {
			regenerate = regenerate || withinAny(sources, ev.Name)
			if withinAny(hugoReads, ev.Name) {
				forHugo = append(forHugo, ev)
			}
		}
		if regenerate {
			changed, err := s.refresh(false)
			if err != nil {
				fmt.Fprintln(o.Log, err)
				said = ""
			} else if now := fmt.Sprint(s.Warnings); now != said {
				// A warning is said again only when something about it changed.
				writeWarnings(o.P, o.Log, s.Warnings)
				said = now
			}
			forHugo = append(forHugo, changed...)
		}
		if len(forHugo) > 0 {
			if err := rendered.Rebuild(forHugo); err != nil {
				failed(err)
			}
			index.changed()
		}
	})
	if err != nil {
		rendered.Close()
		return nil, err
	}
	// Hugo's pages are served on a port of their own, behind the preview
	// that puts them at their published addresses.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		stopWatching()
		rendered.Close()
		return nil, err
	}
	server := &http.Server{Handler: sayFailure(rendered, o.P), ReadHeaderTimeout: 10 * time.Second}
	go server.Serve(ln)
	hugo := &url.URL{Scheme: "http", Host: ln.Addr().String()}
	index.site = published(hugo, s.Policy, o.P)
	return &Preview{
		Handler: index,
		Show: func(files map[string][]byte, pages []string) (map[string][]byte, error) {
			site.Lock()
			defer site.Unlock()
			return show(s.Site, rendered, root, files, pages)
		},
		Stop: func() {
			stopWatching()
			server.Close()
			rendered.Close()
		},
		Languages: s.Model.Languages,
	}, nil
}

// show renders pages that are not saved, files by their path in the site:
// the Serbian ones converted into both scripts as the generated tree would
// hold them, the others as they are. It returns each page's HTML by its
// language, without the live reload that would make it ask for more.
func show(s *Site, rendered render.Preview, root string, files map[string][]byte, pages []string) (map[string][]byte, error) {
	lent := map[string][]byte{}
	lang := map[string]string{} // a wanted page's file's name → its language
	for rel, data := range files {
		wanted := slices.Contains(pages, rel)
		inSerbian, ok := strings.CutPrefix(rel, SerbianContentDir+"/")
		if !ok {
			name := filepath.Join(root, filepath.FromSlash(rel))
			lent[name] = data
			if wanted {
				lang[name] = languageOf(rel)
			}
			continue
		}
		converted, err := s.Draft(inSerbian, data)
		if err != nil {
			return nil, err
		}
		for gen, data := range converted {
			name := filepath.Join(root, GeneratedDir, filepath.FromSlash(gen))
			lent[name] = data
			if wanted {
				lang[name] = languageOf(gen)
			}
		}
	}
	shown, err := rendered.Show(lent)
	if err != nil {
		return nil, errors.New(SourcePaths(err.Error()))
	}
	out := map[string][]byte{}
	for name, html := range shown {
		if l, ok := lang[name]; ok {
			out[l] = liveReload.ReplaceAll(html, nil)
		}
	}
	return out, nil
}

// languageOf is the language of a content file by its path: content/en/…
// is en, generated content/sr-cyrl/… sr-cyrl.
func languageOf(rel string) string {
	parts := strings.SplitN(rel, "/", 3)
	if len(parts) < 2 {
		return ""
	}
	return parts[1]
}

// liveReload is the script Hugo's preview puts in every page.
var liveReload = regexp.MustCompile(`<script src="/livereload\.js[^"]*"[^>]*></script>`)

// sayHugoFailed tells the editor what Hugo could not render, naming the
// Serbian sources rather than the generated files Hugo read.
func sayHugoFailed(o PreviewOptions, err error) {
	fmt.Fprintln(o.Log, o.P.Sprintf("Hugo could not build the site:\n%s", SourcePaths(err.Error())))
}

// sayFailure answers every page with what Hugo could not render while the
// site does not build: an editor working in the browser (centar cms) sees
// it where the page would be. The page reloads itself once the site builds.
func sayFailure(rendered render.Preview, p *message.Printer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := rendered.Failure()
		if err == nil || !strings.HasSuffix(r.URL.Path, "/") {
			rendered.ServeHTTP(w, r)
			return
		}
		_, port, _ := net.SplitHostPort(r.Host)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		title := html.EscapeString(p.Sprintf("Hugo could not build the site"))
		fmt.Fprintf(w, "<!doctype html>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<h1>%s</h1>\n<pre>%s</pre>\n"+
			"<script src=\"/livereload.js?mindelay=10&amp;v=2&amp;port=%s&amp;path=livereload\" defer></script>\n",
			title, title, html.EscapeString(SourcePaths(err.Error())), url.QueryEscape(port))
	})
}

// sourceDirs hold what centar converts into the generated tree.
var sourceDirs = []string{SerbianContentDir, DataDir, I18nDir}

// withinAny tells whether p is one of paths or inside one of them.
func withinAny(paths []string, p string) bool {
	return slices.ContainsFunc(paths, func(dir string) bool { return within(dir, p) })
}

// roots drops from paths those inside another of them: a folder is watched
// with every folder inside it.
func roots(paths []string) []string {
	sorted := slices.Clone(paths)
	slices.Sort(sorted) // a folder before what is inside it
	var out []string
	for _, p := range sorted {
		if !withinAny(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// within tells whether p is dir or inside it.
func within(dir, p string) bool {
	return p == dir || strings.HasPrefix(p, dir+string(filepath.Separator))
}

// saveBurst is how long the sources must be quiet before a change is taken:
// an editor's save is a burst of events a few milliseconds long, and the
// time is part of every edit's wait.
const saveBurst = 25 * time.Millisecond

// watch calls changed with what changed under paths (folders, watched with
// every folder inside, and files) once a burst of changes is over. A file is
// watched through its folder: editors and tools save by renaming a new file
// onto the old one, which would end a watch of the file itself. An editor's
// leftovers (backups, swap and lock files) are not changes.
func watch(paths []string, changed func([]fsnotify.Event)) (stop func(), err error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	var trees []string
	files := map[string]bool{}
	for _, root := range paths {
		fi, err := os.Stat(root)
		switch {
		case os.IsNotExist(err):
			continue
		case err != nil:
			w.Close()
			return nil, err
		case !fi.IsDir():
			files[root] = true
			err = w.Add(filepath.Dir(root))
		default:
			trees = append(trees, root)
			err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && d.IsDir() {
					err = w.Add(p)
				}
				return err
			})
		}
		if err != nil {
			w.Close()
			return nil, err
		}
	}
	wanted := func(name string) bool { return files[name] || withinAny(trees, name) }
	go func() {
		var pending <-chan time.Time
		var events []fsnotify.Event
		for {
			select {
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if !wanted(ev.Name) {
					continue // beside a watched file
				}
				if ev.Has(fsnotify.Create) {
					if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
						_ = w.Add(ev.Name)
					}
				}
				if ev.Op == fsnotify.Chmod || editorLeftover(filepath.Base(ev.Name)) {
					continue
				}
				events = append(events, ev)
				// Editors save in bursts (temp file, rename, a few
				// milliseconds apart): wait for a short quiet.
				pending = time.After(saveBurst)
			case <-pending:
				pending = nil
				changed(events)
				events = nil
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			}
		}
	}()
	return func() { w.Close() }, nil
}

// editorLeftover tells the files editors keep beside the one being edited:
// hidden and lock files, backups, swap files.
func editorLeftover(name string) bool {
	ext := filepath.Ext(name)
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		ext == ".swp" || ext == ".swx" || ext == ".tmp" || name == "4913"
}
