package check

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"centar/internal/content"
	"centar/internal/par"
)

// checker holds what one run knows of the whole site.
type checker struct {
	fsys  fs.FS
	model *content.Model
	// root is the folder fsys reads, "" for a tree that is no folder: the
	// build's shared pages are read by their path on the disk.
	root  string
	opts  Options
	p     *message.Printer
	pages []*page
	files []file
	urls  map[string]bool // every URL path the site will have, e.g. /vesti/x/
	// translated holds the translationKeys of each translated language's
	// pages, by its folder; serbian those of the Serbian pages.
	translated map[string]map[string]bool
	serbian    map[string]bool
	terms      map[string]map[string]bool
	known      map[string]map[string]bool // ids of organizacija and kategorija
	// shortcodes the site's layouts and theme define
	shortcodes map[string]bool
	findings   []Finding
}

// A file is a non-Markdown file an editor may add: an image, a PDF.
type file struct {
	rel  string
	size int64
}

// A page is a Markdown content file, parsed once.
type page struct {
	rel      string // site-relative, e.g. content/sr/vesti/x.md
	lang     string // its content folder: sr, en
	section  string // first folder under the language folder; "" for the home page
	item     bool   // an item of its section: not the section's own page
	fields   []field
	body     string        // the Markdown after the front matter
	bodyLine int           // the line number of the body's first line
	shared   *content.Page // the build's reading of the same file, when there is one
	url      string        // the page's URL path
	ok       bool          // front matter parsed
	findings []Finding
}

func (c *checker) add(f Finding) { c.findings = append(c.findings, f) }

// index reads every content file and data list the checks refer to.
func (c *checker) index() error {
	c.urls = map[string]bool{}
	for _, prefix := range c.model.Prefixes() {
		c.urls[prefix] = true
	}
	c.translated = map[string]map[string]bool{}
	c.terms = map[string]map[string]bool{}
	for _, t := range c.model.Taxonomies {
		c.terms[t.Name] = map[string]bool{}
	}
	c.known = map[string]map[string]bool{}
	for field, list := range c.model.KnownLists() {
		c.known[field] = c.ids(list)
	}
	c.shortcodes = siteShortcodes(c.fsys)
	if err := c.checkTree(); err != nil {
		return err
	}
	var sources []source
	for _, lang := range c.model.Folders() {
		if err := c.walk("content/"+lang, func(rel string, size int64) error {
			c.checkName(rel)
			if strings.HasSuffix(rel, ".md") {
				sources = append(sources, source{lang, rel})
				return nil
			}
			c.indexFile(lang, rel, size)
			return nil
		}); err != nil {
			return err
		}
	}
	c.pages = make([]*page, len(sources))
	if err := par.Do(len(sources), func(i int) error {
		var err error
		c.pages[i], err = c.readPage(sources[i])
		return err
	}); err != nil {
		return err
	}
	for _, pg := range c.pages {
		c.register(pg)
	}
	if err := c.walk("static", func(rel string, size int64) error {
		c.checkName(rel)
		c.files = append(c.files, file{rel, size})
		c.urls[strings.TrimPrefix(rel, "static")] = true
		return nil
	}); err != nil {
		return err
	}
	c.serbian = map[string]bool{}
	for _, pg := range c.pages {
		key := pg.value("translationKey")
		switch {
		case key == "":
		case pg.lang == content.SerbianFolder:
			c.serbian[key] = true
		default:
			if c.translated[pg.lang] == nil {
				c.translated[pg.lang] = map[string]bool{}
			}
			c.translated[pg.lang][key] = true
		}
	}
	return nil
}

// walk calls fn for every regular file under dir (site-relative), skipping
// hidden files and links (checkTree reports those). A missing dir is not an
// error: a site may have no static/.
func (c *checker) walk(dir string, fn func(rel string, size int64) error) error {
	err := fs.WalkDir(c.fsys, dir, func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && rel != dir {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return fn(rel, info.Size())
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// A source is a Markdown file to read.
type source struct{ lang, rel string }

// indexFile records a non-Markdown content file: a bundle's image or PDF.
func (c *checker) indexFile(lang, rel string, size int64) {
	c.files = append(c.files, file{rel, size})
	// A bundle's file is served next to the bundle's page.
	dir := path.Dir(strings.TrimPrefix(rel, "content/"+lang+"/"))
	c.urls[c.model.PrefixOf(lang)+content.PagePath(dir+"/index.md", "", "")+path.Base(rel)] = true
}

// readPage reads and parses one page; it only reads the checker's settings,
// so pages are read in parallel.
func (c *checker) readPage(s source) (*page, error) {
	if c.opts.Pages != nil && c.root != "" {
		shared, err := c.opts.Pages.Read(filepath.Join(c.root, filepath.FromSlash(s.rel)))
		if err != nil {
			return nil, err
		}
		return c.pageFrom(s, []byte(shared.Src), shared), nil
	}
	src, err := fs.ReadFile(c.fsys, s.rel)
	if err != nil {
		return nil, err
	}
	return c.pageFrom(s, src, nil), nil
}

// pageFrom parses a page's source; shared, when set, is the same source as
// the build's pipeline reads it.
func (c *checker) pageFrom(s source, src []byte, shared *content.Page) *page {
	encoding := c.checkEncoding(s.rel, src)
	pg := c.parsePage(s.rel, strings.TrimPrefix(string(src), "\uFEFF"), shared)
	pg.findings = append(encoding, pg.findings...)
	pg.lang = s.lang
	inLang := strings.TrimPrefix(s.rel, "content/"+s.lang+"/")
	parts := strings.Split(inLang, "/")
	if len(parts) > 1 {
		pg.section = parts[0]
	}
	pg.item = len(parts) == 2 && parts[1] != "_index.md" || len(parts) == 3 && parts[2] == "index.md"
	pg.url = c.model.PrefixOf(s.lang) + content.PagePath(inLang, pg.value("slug"), pg.value("url"))
	if pg.ok && pg.value("url") != "" {
		pg.url = "/" + strings.Trim(pg.value("url"), "/") + "/"
	}
	return pg
}

// PageURL is the address of the page at rel (content/sr/… or content/en/…)
// of a site whose model is m, with the source src, as a path of the site:
// what links to it point at.
func PageURL(m *content.Model, rel string, src []byte) string {
	c := &checker{model: m, p: message.NewPrinter(language.English)}
	lang, _, _ := strings.Cut(strings.TrimPrefix(rel, "content/"), "/")
	return c.pageFrom(source{lang, rel}, src, nil).url
}

// register records what a page adds to the site: its URL, a leaflet's PDF,
// a taxonomy term.
func (c *checker) register(pg *page) {
	c.urls[pg.url] = true
	if pg.lang != content.SerbianFolder {
		return
	}
	inLang := strings.TrimPrefix(pg.rel, "content/"+content.SerbianFolder+"/")
	if s, ok := c.model.Section(pg.section); ok && s.PDF && pg.item {
		dir, _ := path.Split(inLang)
		c.urls[pg.url+path.Base(dir)+".pdf"] = true
	}
	if parts := strings.Split(inLang, "/"); len(parts) == 3 && parts[2] == "_index.md" && c.terms[parts[0]] != nil {
		c.terms[parts[0]][parts[1]] = true
	}
}

// ids reads the ids of a data list; a broken list is reported by checkData
// and yields none.
func (c *checker) ids(rel string) map[string]bool {
	set := map[string]bool{}
	src, err := fs.ReadFile(c.fsys, rel)
	if err != nil {
		return set
	}
	list, _ := content.DataIDs(c.p, rel, src)
	for _, id := range list {
		set[id] = true
	}
	return set
}
