// Package build is the site's pipeline, in one place: it turns the authored
// site — one Serbian source in either script, English, data and interface
// strings — into the tree Hugo renders, a Cyrillic and a Latin variant of
// every Serbian file under generated/ (this file); builds the published
// site from it (build.go); and keeps the live preview of it (preview.go,
// front.go). The renderer it asks is render's contract, kept by package
// hugo, which only the command links.
//
// Of the project's packages it may import only content, check, translit,
// search, spill, leaflet, netlify, render, alphabet, par and plainfile.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"golang.org/x/text/message"

	"centar/internal/alphabet"
	"centar/internal/content"
	"centar/internal/leaflet"
	"centar/internal/par"
	"centar/internal/spill"
	"centar/internal/translit"
)

// Layout of a site, relative to its root.
const (
	SerbianContentDir = "content/sr"
	DataDir           = "data"
	I18nDir           = "i18n"
	GeneratedDir      = "generated"
	keepListFile      = "data/latinica.yaml" // words that stay Latin; not published
	serbianStrings    = "i18n/sr.yaml"
)

// Variant is one rendering of the Serbian source.
type Variant struct {
	Lang   string          // Hugo language key
	Script translit.Script // target script
	Prefix string          // URL prefix of its pages
}

// Variants are the two Serbian sites: Cyrillic at the root, Latin under /lat/.
var Variants = []Variant{
	{Lang: "sr-cyrl", Script: translit.Cyrillic, Prefix: "/"},
	{Lang: "sr-latn", Script: translit.Latin, Prefix: "/lat/"},
}

// machineKeys are data keys whose values are identifiers, numbers, dates or
// addresses: never transliterated. A key ending in _<language> (name_en,
// name_uk) holds that language's text, never transliterated either.
var machineKeys = map[string]bool{
	"id": true, "slug": true, "url": true, "number": true, "e164": true, "source": true,
	"verified": true, "date": true, "file": true, "email": true, "weight": true, "display": true,
}

// Site is an authored site on disk.
type Site struct {
	Root string
	// Model is the site's content model, read from it by Open.
	Model *content.Model
	// Pages, when set, reads each page once for the check and the build:
	// a production build shares them.
	Pages *content.Pages
	// Once, when set, keeps nothing of a render for the next: a build
	// renders once, and Hugo, rendering meanwhile, has the memory.
	Once bool
	p    *message.Printer
	tr   *translit.Translit // with the site's keep-list as it was at the last render
	// translated holds the keys of the languages not made from the Serbian
	// source (en, uk): a data key ending in _<one of them> is its text.
	translated map[string]bool

	// A preview regenerates after every change; these keep the last run's
	// work so that only what changed is converted and written again.
	keepSrc  []byte                           // the keep-list tr was made from
	cache    map[string]rendered              // by source path, with the source it was made from
	data     map[string]rendered              // by data file, with the source it was made from
	scanned  time.Time                        // when the folder was last looked at for cache
	sortKeys map[translit.Script]sortKeysFile // the last sortkeys.json of each script
	written  map[string][]byte                // the generated tree as last written
	pairing  *content.Pairing                 // the translations, as this render read them
}

// Open returns the site at root, whose problems p says in the editor's
// language.
func Open(root string, p *message.Printer) (*Site, error) {
	if _, err := os.Stat(filepath.Join(root, "hugo.toml")); err != nil {
		return nil, errors.New(p.Sprintf("there is no site in %s (no hugo.toml file): run the command from the site's folder or give it with -s FOLDER", root))
	}
	model, err := content.Load(os.DirFS(root))
	if err != nil {
		return nil, err
	}
	translated := map[string]bool{}
	for _, l := range model.Translated() {
		translated[l.Key] = true
	}
	return &Site{Root: root, Model: model, p: p, translated: translated, sortKeys: map[translit.Script]sortKeysFile{}}, nil
}

// loadKeepList reads the words that stay Latin; editors may change them while
// a preview runs, so every render reads them again.
func (s *Site) loadKeepList() error {
	var keep struct {
		Words []string `yaml:"words"`
	}
	b, err := os.ReadFile(filepath.Join(s.Root, keepListFile))
	switch {
	case err == nil:
		if err := content.DecodeYAML(s.p, keepListFile, b, 0, &keep); err != nil {
			return err
		}
	case !os.IsNotExist(err):
		return err
	}
	if s.tr != nil && bytes.Equal(b, s.keepSrc) {
		return nil // same words: every cached conversion still holds
	}
	s.tr, s.keepSrc, s.cache, s.data = translit.New(keep.Words), b, nil, nil
	return nil
}

// Translit returns the site's transliterator: the engine with the words the
// site keeps in Latin, read anew.
func (s *Site) Translit() (*translit.Translit, error) {
	if err := s.loadKeepList(); err != nil {
		return nil, err
	}
	return s.tr, nil
}

// Generate writes generated/ from the sources: every changed file is rewritten,
// every stale file removed, nothing else touched. It checks every file first
// and writes nothing when one is broken. It returns what it did as a watcher
// of the tree would see it, for a preview to rebuild just that.
func (s *Site) Generate() ([]fsnotify.Event, error) {
	files, err := s.Render()
	if err != nil {
		return nil, err
	}
	changes, err := syncTree(filepath.Join(s.Root, GeneratedDir), files, s.written)
	if err != nil {
		s.written = nil // unknown state: compare with the disk next time
		return nil, err
	}
	s.written = files
	return changes, nil
}

// Render produces the generated tree in memory, as Generate would write it:
// path (relative to generated/) → content.
// content.Findings in the sources are collected from every step, so an editor sees
// them all at once; any other error (an unreadable disk) stops at once.
func (s *Site) Render() (map[string][]byte, error) {
	r, err := s.Begin()
	if err != nil {
		return nil, err
	}
	return r.Wait()
}

// Begin starts rendering the generated tree, and returns once the paths of
// all its files are known: the keep-list, data files and interface strings
// are read, and the pages are being converted on every CPU. A build hands
// the tree to Hugo at once, which reads the pages as they are converted: a
// Hugo beginning a build keeps one CPU of two busy. When the keep-list, a
// data file or the strings have problems, Begin waits for the pages and
// returns every problem, as Render does.
func (s *Site) Begin() (*Rendering, error) {
	r := &Rendering{ready: map[string][]byte{}, all: make(chan struct{})}
	if s.Once {
		var err error
		if r.pages, err = spill.New(); err != nil {
			return nil, noTemporaryFile(s.p, err)
		}
	}
	r, err := s.start(r)
	if err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// start begins r, as Begin says.
func (s *Site) start(r *Rendering) (*Rendering, error) {
	var keepProblems, dataProblems content.Findings
	if err := s.loadKeepList(); errors.As(err, &keepProblems) {
		s.tr = translit.New(nil) // still check the rest with the built-in list
	} else if err != nil {
		return r, err
	}
	// The translations are read first: each Serbian page they translate
	// gives its fingerprint as it is converted.
	pairing, err := s.Model.NewPairing(os.DirFS(s.Root))
	if err != nil {
		return r, err
	}
	s.pairing = pairing
	pages, err := s.beginContent(r)
	if err != nil {
		return r, err
	}
	// Data and strings are converted meanwhile: they are few, and Hugo
	// reads the strings first.
	for _, step := range []func(map[string][]byte) error{s.renderData, s.renderStrings} {
		var ps content.Findings
		switch err := step(r.ready); {
		case errors.As(err, &ps):
			dataProblems = append(dataProblems, ps...)
		case err != nil:
			pages() // their conversion uses the site: let it end
			return r, err
		}
	}
	go func() {
		defer close(r.all)
		tree, err := pages()
		var pageProblems content.Findings
		if err != nil && !errors.As(err, &pageProblems) {
			r.err = err
			return
		}
		if problems := slices.Concat(keepProblems, pageProblems, dataProblems); len(problems) > 0 {
			sort.SliceStable(problems, func(i, j int) bool { return problems[i].Path < problems[j].Path })
			r.err = problems
			return
		}
		maps.Copy(tree, r.ready)
		r.tree = tree
	}()
	if len(keepProblems)+len(dataProblems) > 0 {
		_, err := r.Wait()
		return r, err
	}
	return r, nil
}

// Rendering is a generated tree in the making: the paths of its files are
// known, and each file's contents once the page it is made from is
// converted. It is a treefs.Source.
type Rendering struct {
	ready map[string][]byte // made before Begin returned
	// Each page's files are made together, by the conversion of one source.
	sources []source
	made    []chan struct{}
	results []rendered
	errs    []error

	// The paths are listed when first asked for: a preview waits for the
	// whole tree, and does not ask.
	list  sync.Once
	paths []string
	owner map[string]int // a generated page's path → its source's number

	all  chan struct{} // closed once every file is made, or has failed
	tree map[string][]byte
	err  error

	// pages, when set, holds the pages' files once made, instead of the
	// heap (a build's rendering, Site.Once); Wait's tree is without them.
	pages *spill.File
}

// Paths are the tree's files, by slash paths within generated/.
func (r *Rendering) Paths() []string {
	r.list.Do(r.listPaths)
	return r.paths
}

func (r *Rendering) listPaths() {
	r.owner = map[string]int{}
	for i, f := range r.sources {
		for _, out := range f.outputs() {
			r.owner[out] = i
			r.paths = append(r.paths, out)
		}
	}
	for _, v := range Variants {
		r.paths = append(r.paths, sortKeysPath(v.Script))
	}
	r.paths = append(r.paths, translationsPath)
	for rel := range r.ready {
		r.paths = append(r.paths, rel)
	}
}

// errUnmade is what reading a file whose source has problems gives: Wait
// returns the problems.
var errUnmade = errors.New("its source has problems, which the build lists")

// Contents waits for a file of the tree and returns it. The sort keys,
// made from every page's title, wait for every page.
func (r *Rendering) Contents(rel string) ([]byte, error) {
	if b, ok := r.ready[rel]; ok {
		return b, nil
	}
	r.list.Do(r.listPaths)
	if i, ok := r.owner[rel]; ok {
		<-r.made[i]
		switch b, ok := r.results[i].files[rel]; {
		case r.errs[i] != nil:
			return nil, r.errs[i]
		case len(r.results[i].problems) > 0:
			return nil, errUnmade
		case ok:
			return b, nil
		}
		if sp, ok := r.results[i].spans[rel]; ok {
			return r.pages.Get(sp)
		}
	}
	<-r.all
	if r.err != nil {
		return nil, r.err
	}
	if b, ok := r.tree[rel]; ok {
		return b, nil
	}
	return nil, fs.ErrNotExist
}

// Size is the size of a file of the tree, without reading it from where
// the pages are kept.
func (r *Rendering) Size(rel string) (int64, error) {
	r.list.Do(r.listPaths)
	if i, ok := r.owner[rel]; ok {
		<-r.made[i]
		if sp, ok := r.results[i].spans[rel]; ok {
			return int64(sp.N), nil
		}
	}
	b, err := r.Contents(rel)
	return int64(len(b)), err
}

// Close lets go of where the pages are kept, once the renderer is done.
func (r *Rendering) Close() error {
	if r.pages == nil {
		return nil
	}
	return r.pages.Close()
}

// Wait waits for every file of the tree and returns them, or every problem
// in the sources.
func (r *Rendering) Wait() (map[string][]byte, error) {
	<-r.all
	return r.tree, r.err
}

// beginContent lists the pages into r and starts converting them on every
// CPU. The function it returns waits
// for them all and returns their files, with the sort keys of their titles.
func (s *Site) beginContent(r *Rendering) (func() (map[string][]byte, error), error) {
	root := filepath.Join(s.Root, SerbianContentDir)
	scanned := time.Now()
	var files []source
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || notContent(d.Name()) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(p[len(root)+1:]) // the walk joins root and the names under it
		f := source{path: p, rel: rel, size: info.Size(), modified: info.ModTime()}
		f.leaflet = s.isLeaflet(f.rel)
		f.ownPDF = f.leaflet && hasOwnPDF(filepath.Dir(p))
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	r.sources = files
	r.made = make([]chan struct{}, len(files))
	for i := range r.made {
		r.made[i] = make(chan struct{})
	}
	r.results, r.errs = make([]rendered, len(files)), make([]error, len(files))
	converted := make(chan error, 1)
	// Each file is converted on its own; the results are merged in order,
	// so the outcome does not depend on the scheduling.
	go func() {
		converted <- par.Do(len(files), func(i int) error {
			defer close(r.made[i])
			r.results[i], r.errs[i] = s.renderFile(files[i])
			if r.errs[i] == nil && r.pages != nil && len(r.results[i].problems) == 0 {
				r.errs[i] = r.results[i].spill(r.pages)
			}
			return r.errs[i]
		})
	}()
	return func() (map[string][]byte, error) {
		if err := <-converted; err != nil {
			return nil, err
		}
		return s.mergeContent(files, r.results, scanned)
	}, nil
}

// mergeContent gathers the pages' files and the sort keys of their titles,
// and keeps each page's conversion for the next render.
func (s *Site) mergeContent(files []source, results []rendered, scanned time.Time) (map[string][]byte, error) {
	out := map[string][]byte{}
	var problems content.Findings
	cache := make(map[string]rendered, len(results))
	var sources []content.Source
	keys := map[translit.Script]map[string]string{}
	for _, v := range Variants {
		keys[v.Script] = map[string]string{}
	}
	for i, r := range results {
		for script, tk := range r.sortKeys {
			keys[script][tk.title] = tk.key
		}
		problems = append(problems, r.problems...)
		if r.paired {
			sources = append(sources, r.translation)
		}
		for k, v := range r.files {
			out[k] = v
		}
		if len(r.problems) == 0 && !s.Once {
			cache[files[i].path] = r
		}
	}
	s.cache, s.scanned = cache, scanned
	if len(problems) > 0 {
		return nil, problems
	}
	// Hugo sorts titles by its own collation, whose Serbian Latin puts Č
	// before C; the theme sorts lists of pages by these keys instead.
	for _, v := range Variants {
		last := s.sortKeys[v.Script]
		if last.json == nil || !maps.Equal(last.keys, keys[v.Script]) {
			// An edit seldom changes a title: then the last file stands.
			b, err := marshalCompact(keys[v.Script])
			if err != nil {
				return nil, err
			}
			last = sortKeysFile{keys: keys[v.Script], json: b}
			s.sortKeys[v.Script] = last
		}
		out[sortKeysPath(v.Script)] = last.json
	}
	var err error
	out[translationsPath], err = s.translationStatus(sources)
	return out, err
}

// sortKeysPath is where script's sort keys are, in the generated tree.
func sortKeysPath(script translit.Script) string {
	return path.Join("data", string(script), "sortkeys.json")
}

// collators are each script's, for the pages converted at once: making one
// costs more than the key it makes.
var collators = map[translit.Script]*sync.Pool{
	translit.Latin:    {New: func() any { return alphabet.New(translit.Latin) }},
	translit.Cyrillic: {New: func() any { return alphabet.New(translit.Cyrillic) }},
}

// sortKey is title's key in the order of script's alphabet.
func sortKey(script translit.Script, title string) string {
	c := collators[script].Get().(*alphabet.Collator)
	defer collators[script].Put(c)
	return c.Key(title)
}

// sortKeysFile is a script's sortkeys.json and the keys it was made from.
type sortKeysFile struct {
	keys map[string]string
	json []byte
}

// titleKey is a page's title and its key in the order of its script's
// alphabet; every title's key is written to data/<script>/sortkeys.json.
type titleKey struct{ title, key string }

// rendered is what one source file (a page, or a data file) becomes: a file
// per script, or problems.
type rendered struct {
	source   // the file it was made from, as it was then
	src      []byte
	files    map[string][]byte
	spans    map[string]spill.Span        // the files, once kept in a spill
	sortKeys map[translit.Script]titleKey // made with the page, so a preview makes only the changed page's
	// translation is what pairing the page with its translations needs,
	// when paired.
	translation content.Source
	paired      bool
	problems    content.Findings
}

// spill moves r's files into the spill.
func (r *rendered) spill(to *spill.File) error {
	r.spans = make(map[string]spill.Span, len(r.files))
	for rel, data := range r.files {
		sp, err := to.Put(data)
		if err != nil {
			return err
		}
		r.spans[rel] = sp
	}
	r.files = nil
	return nil
}

// read returns the page at path, through the build's shared pages when set:
// the pipeline reads a page last, and takes it.
func (s *Site) read(path string) (*content.Page, error) {
	if s.Pages != nil {
		return s.Pages.Take(path)
	}
	return content.ReadPage(path)
}

// A source is a file under content/sr as the last look at the folder saw it.
type source struct {
	path     string
	rel      string // its slash path under content/sr
	leaflet  bool   // a leaflet: its text is also a PDF
	ownPDF   bool   // a leaflet whose bundle has its own PDF
	size     int64
	modified time.Time
}

// outputs are the paths of the files f becomes in the generated tree: itself
// in each Serbian language, and a leaflet's PDF in each script, made from
// its text when its bundle has none of its own.
func (f source) outputs() []string {
	var out []string
	for _, v := range Variants {
		out = append(out, f.output(v))
		if f.leaflet && !f.ownPDF {
			out = append(out, f.leafletPDF(v))
		}
	}
	return out
}

// output is where f is in v's part of the generated tree.
func (f source) output(v Variant) string { return path.Join("content", v.Lang, f.rel) }

// leafletPDF is where the PDF made from a leaflet's text is, in v's script.
func (f source) leafletPDF(v Variant) string {
	dir := path.Dir(f.rel)
	return path.Join("content", v.Lang, dir, path.Base(dir)+".pdf")
}

// unchanged reports whether a file that looks now as f looked when c was
// made from it still holds the same bytes. Like git, it trusts the size and
// time only for a file last changed before the previous look began: one
// changed within the same tick of a coarse clock may show the same time.
func (c rendered) unchanged(f source, scanned time.Time) bool {
	return c.path == f.path && c.size == f.size && c.modified.Equal(f.modified) && c.modified.Before(scanned.Add(-2*time.Second))
}

// renderFile converts one source file, or returns the last conversion of the
// same file: unchanged by its size and time, or by its bytes. It only reads s,
// so files are converted in parallel.
func (s *Site) renderFile(f source) (rendered, error) {
	p, rel, ownPDF := f.path, f.rel, f.ownPDF
	c, cached := s.cache[p]
	if cached && c.ownPDF == ownPDF && c.unchanged(f, s.scanned) {
		return c, nil
	}
	var source *content.Page // a page's text, split and read once for both scripts
	var src []byte
	var err error
	if strings.HasSuffix(rel, ".md") {
		source, err = s.read(p)
		if source != nil && !s.Once {
			src = []byte(source.Src) // kept to compare the next render's with
		}
	} else {
		src, err = os.ReadFile(p)
	}
	if err != nil {
		return rendered{}, err
	}
	if cached && bytes.Equal(c.src, src) && c.ownPDF == ownPDF {
		c.source = f
		return c, nil
	}
	r := rendered{source: f, src: src, files: map[string][]byte{}, sortKeys: map[translit.Script]titleKey{}}
	if !strings.HasSuffix(rel, ".md") {
		for _, v := range Variants {
			r.files[f.output(v)] = src
		}
		return r, nil
	}
	return s.renderPage(r, source, ownPDF)
}

// Draft converts a page that is not saved, src, as the file rel under
// content/sr: its file in each script, by its path in generated/, as
// Generate would write them, without a leaflet's PDF. It changes nothing
// the next render keeps.
func (s *Site) Draft(rel string, src []byte) (map[string][]byte, error) {
	f := source{path: filepath.Join(s.Root, SerbianContentDir, filepath.FromSlash(rel)), rel: rel}
	r := rendered{source: f, files: map[string][]byte{}, sortKeys: map[translit.Script]titleKey{}}
	r, err := s.renderPage(r, content.NewPage(string(src)), true)
	if err == nil && len(r.problems) > 0 {
		err = r.problems
	}
	return r.files, err
}

// renderPage converts a page, source, into r: its file in each script,
// and a leaflet's PDF in each unless it has one of its own.
func (s *Site) renderPage(r rendered, source *content.Page, ownPDF bool) (rendered, error) {
	rel, f := r.rel, r.source
	name := path.Join(SerbianContentDir, rel)
	page, err := s.parsePage(name, source)
	if errors.As(err, &r.problems) {
		return r, nil
	} else if err != nil {
		return r, err
	}
	if e := source.Heavy; e != nil {
		r.problems = content.Findings{{Path: name, Line: e.Line, Severity: content.Error, Message: e.Say(s.p)}}
		return r, nil
	}
	if s.pairing != nil {
		r.translation, r.paired = s.Model.SourceOf(name, source, s.pairing.Wants)
	}
	for _, v := range Variants {
		conv, err := source.Convert(s.tr, v.Script, content.ReaderFields)
		if err != nil {
			r.problems = append(r.problems, content.Finding{Path: name, Severity: content.Error, Message: err.Error()})
			return r, nil
		}
		title, body, err := s.titleAndBody(conv)
		if err != nil {
			return r, fmt.Errorf("%s: reading its %s version: %w", name, v.Script, err)
		}
		// The title is a part of the converted page: cloned, it keeps only
		// itself alive in the sort keys, not the whole page twice over.
		title = strings.Clone(title)
		r.sortKeys[v.Script] = titleKey{title, sortKey(v.Script, title)}
		if s.isLeaflet(rel) && !ownPDF {
			pdf, err := leaflet.Render(title, body)
			if err != nil {
				return r, fmt.Errorf("%s: making the leaflet's PDF: %w", name, err)
			}
			r.files[f.leafletPDF(v)] = pdf
		}
		file := f.output(v)
		if v.Prefix != "/" {
			urlLine, err := source.FieldLine("url")
			if err != nil {
				return r, err
			}
			r.files[file] = withURL(conv, v.Prefix+page.path(rel), urlLine)
		} else {
			r.files[file] = []byte(conv)
		}
	}
	return r, nil
}

// writeFile writes a file of the generated tree, in place: nothing watches
// the tree as it is written (the preview hands Hugo what changed once
// Generate is done), and a new file costs the disk one entry, not a temporary
// one renamed. An existing file is overwritten and then cut to its new
// length, not emptied first: ext4 writes a file emptied by truncation out to
// the disk when it is closed (its auto_da_alloc), which took up to 30 ms of
// an edit's wait here.
func writeFile(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE, 0o644)
	if errors.Is(err, fs.ErrNotExist) { // a new folder
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE, 0o644)
	}
	if err != nil {
		return err
	}
	_, err = f.WriteAt(data, 0)
	if err == nil {
		err = f.Truncate(int64(len(data)))
	}
	return errors.Join(err, f.Close())
}

// notContent tells files in the content folder that are not the site's:
// hidden files, editors' backups, and the copy of an editor's version that
// `centar sync` keeps beside a file after a conflict.
func notContent(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".moja-verzija")
}

// isLeaflet reports whether rel (under content/sr) is a leaflet: a bundle
// of a section whose text is also offered as a PDF. A bundle without a PDF
// of its own gets one made from its text, in each script.
func (s *Site) isLeaflet(rel string) bool {
	dir, file := path.Split(rel)
	section, ok := s.Model.Section(path.Dir(strings.TrimSuffix(dir, "/")))
	return file == "index.md" && ok && section.PDF
}

func hasOwnPDF(dir string) bool {
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	return len(pdfs) > 0
}

// titleAndBody reads a transliterated page's title, as Hugo will, and its
// body. The rest of its front matter was read, and checked, in the source:
// only the title's lines are read again, and a title written as most are,
// in plain double quotes, without a YAML decoder.
func (s *Site) titleAndBody(md string) (title, body string, err error) {
	fm, body, _, err := content.FrontMatter(md)
	if err != nil {
		return "", "", err
	}
	entry := content.Entry(fm, "title")
	if title, ok := content.QuotedValue(entry); ok {
		return title, body, nil
	}
	var p page
	err = content.DecodeYAML(s.p, "", []byte(entry), 0, &p)
	return p.Title, body, err
}

// withURL sets the page's url in its front matter, so the Latin variant is
// published under its prefix with the same path as the Cyrillic one. The new
// url is always exactly one added line, after the opening ---; a url the source
// gives, on line urlLine of the front matter (0 for none), is commented out in
// place. SourcePaths relies on that one line.
func withURL(md, url string, urlLine int) []byte {
	open, rest, _ := strings.Cut(md, "\n")
	given := -1 // where the source's url line starts in rest
	if urlLine > 0 {
		given = 0
		for range urlLine - 1 {
			given += strings.IndexByte(rest[given:], '\n') + 1
		}
	}
	// One copy of the page, made to its size: the Latin variant of every
	// page goes through here.
	b := make([]byte, 0, len(md)+len(url)+8)
	b = append(b, open...)
	b = append(b, "\nurl: "...)
	b = append(b, url...)
	b = append(b, '\n')
	if given >= 0 {
		b = append(b, rest[:given]...)
		b = append(b, "# "...)
		rest = rest[given:]
	}
	return append(b, rest...)
}

func (s *Site) renderData(out map[string][]byte) error {
	var problems content.Findings
	converted := map[string]rendered{}
	entries, err := os.ReadDir(filepath.Join(s.Root, DataDir))
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	for _, e := range entries {
		name := path.Join(DataDir, e.Name())
		if e.IsDir() || name == keepListFile || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(s.Root, name))
		if err != nil {
			return err
		}
		if last, ok := s.data[name]; ok && bytes.Equal(last.src, src) {
			maps.Copy(out, last.files) // the action plan alone takes 10 ms to convert
			converted[name] = last
			continue
		}
		var v any
		if err := content.DecodeYAML(s.p, name, src, 0, &v); err != nil {
			problems = append(problems, err.(content.Findings)...) // DecodeYAML fails only with Findings
			continue
		}
		if name == content.HotlinesFile {
			withDisplay(v)
		}
		base := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".yaml"), ".yml")
		files := map[string][]byte{}
		for _, variant := range Variants {
			conv := s.convertValue(v, "", variant.Script)
			if field, ok := alphabeticalLists[base]; ok {
				if list, ok := conv.([]any); ok {
					alphabet.SortFunc(list, variant.Script, func(item any) string {
						name, _ := item.(map[string]any)[field].(string)
						return name
					})
				}
			}
			b, err := marshalJSON(conv)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			files[path.Join("data", string(variant.Script), base+".json")] = b
		}
		maps.Copy(out, files)
		converted[name] = rendered{src: src, files: files}
	}
	s.data = converted
	if len(problems) > 0 {
		return problems
	}
	return nil
}

// withDisplay gives every help line of the decoded list v its display: the
// number as readers write it, made from the number the link dials, so the
// two cannot disagree. A display written in the file is not read.
func withDisplay(v any) {
	list, _ := v.([]any)
	for _, item := range list {
		entry, ok := item.(map[string]any)
		if !ok || entry["number"] == nil {
			continue
		}
		number := fmt.Sprint(entry["number"])
		entry["number"], entry["display"] = number, content.DisplayPhone(number)
	}
}

// alphabeticalLists are the data lists readers see in alphabet order, by the
// field named; the others (document categories) keep the order they are written in.
var alphabeticalLists = map[string]string{"organizacije": "name"}

// convertValue transliterates the strings of a decoded YAML value, except
// under machine keys and another language's keys (name_en).
func (s *Site) convertValue(v any, key string, to translit.Script) any {
	switch x := v.(type) {
	case string:
		if machineKeys[key] || s.inOtherLanguage(key) {
			return x
		}
		return s.tr.String(x, to)
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, val := range x {
			m[k] = s.convertValue(val, k, to)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, val := range x {
			l[i] = s.convertValue(val, key, to)
		}
		return l
	}
	return v
}

// inOtherLanguage tells a data key that holds a translated language's text:
// it ends in _ and the language's key. It is asked of every string of every
// data file, in both scripts.
func (s *Site) inOtherLanguage(key string) bool {
	i := strings.LastIndexByte(key, '_')
	return i >= 0 && s.translated[key[i+1:]]
}

func (s *Site) renderStrings(out map[string][]byte) error {
	src, err := os.ReadFile(filepath.Join(s.Root, serbianStrings))
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	var v any
	if err := content.DecodeYAML(s.p, serbianStrings, src, 0, &v); err != nil {
		return err
	}
	for _, variant := range Variants {
		b, err := marshalJSON(s.convertValue(v, "", variant.Script))
		if err != nil {
			return err
		}
		out[path.Join("i18n", variant.Lang+".json")] = b
	}
	return nil
}

// syncTree makes dir hold exactly files, rewriting only what differs, and
// returns what it created, rewrote and removed. It compares with the tree as
// it was last written (written), or, without, as it is on the disk.
func syncTree(dir string, files, written map[string][]byte) ([]fsnotify.Event, error) {
	if written == nil {
		var err error
		if written, err = readTree(dir); err != nil {
			return nil, err
		}
	}
	var changes []fsnotify.Event
	var rels []string
	for rel, want := range files {
		op := fsnotify.Write
		if have, ok := written[rel]; !ok {
			op = fsnotify.Create
		} else if bytes.Equal(have, want) {
			continue
		}
		rels = append(rels, rel)
		changes = append(changes, fsnotify.Event{Name: filepath.Join(dir, filepath.FromSlash(rel)), Op: op})
	}
	// Writing is mostly waiting on the disk: do it on every CPU.
	err := par.Do(len(changes), func(i int) error {
		return writeFile(changes[i].Name, files[rels[i]])
	})
	if err != nil {
		return nil, err
	}
	for rel := range written {
		if _, ok := files[rel]; !ok {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return nil, err
			}
			changes = append(changes, fsnotify.Event{Name: p, Op: fsnotify.Remove})
		}
	}
	return changes, nil
}

// readTree reads every file under dir (none when it does not exist), by its
// path from dir.
func readTree(dir string) (map[string][]byte, error) {
	var rels []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case os.IsNotExist(err):
			return nil
		case err != nil:
			return err
		case !d.IsDir():
			rel, _ := filepath.Rel(dir, p)
			rels = append(rels, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	contents := make([][]byte, len(rels))
	err = par.Do(len(rels), func(i int) (err error) {
		contents[i], err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(rels[i])))
		return err
	})
	tree := make(map[string][]byte, len(rels))
	for i, rel := range rels {
		tree[rel] = contents[i]
	}
	return tree, err
}
