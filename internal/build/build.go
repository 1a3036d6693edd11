package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"
	"golang.org/x/text/message"

	"centar/internal/check"
	"centar/internal/content"
	"centar/internal/netlify"
	"centar/internal/render"
	"centar/internal/search"
)

// Options say what to build, with what, and how to speak.
type Options struct {
	Source, Destination, BaseURL string
	// Production builds the site for publishing: the whole content check
	// first, as production applies it, refusing every error.
	Production bool
	Renderer   render.Renderer
	P          *message.Printer
	// Log hears what the editor should know: the check's findings and
	// warnings as they come, the renderer's warnings.
	Log io.Writer
}

// Build builds the site: in production the content check, refusing every
// error; then the Serbian sources converted into the generated tree in
// memory while the renderer begins reading it; each page the renderer
// writes put at its published address and read for the search index; the
// headers file; the admin. Nothing is written into the destination until
// every page is converted without problems. It returns where the site is.
func Build(o Options) (string, error) {
	p := o.P
	// A production build reads and parses each page once, for the check
	// and for the pipeline. Other builds (previews of pull requests, an
	// editor's own) show the site anyway: the check runs beside them.
	var pages *content.Pages
	if o.Production {
		if err := checkProductionURL(p, o.BaseURL); err != nil {
			return "", err
		}
		pages = content.NewPages()
		if err := checkProduction(p, o.Log, o.Source, pages); err != nil {
			return "", err
		}
	}
	s, err := openSite(p, o.Source, pages)
	if err != nil {
		return "", err
	}
	// The renderer reads the generated tree from memory, each page as soon
	// as it is converted: a Hugo beginning a build keeps one CPU of two
	// busy.
	s.Once = true
	tree, err := s.begin(o.Production)
	if err != nil {
		return "", err
	}
	defer tree.Close()
	if !o.Production {
		writeWarnings(p, o.Log, s.Warnings)
	}
	dest := o.Destination
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(o.Source, dest)
	}
	made, err := makeDestination(p, dest)
	if err != nil {
		return "", err
	}
	ready := func() error {
		_, err := tree.Wait()
		return err
	}
	// Each page is put at its published address and read for the search
	// index as the renderer writes it, not read back from the disk
	// afterwards.
	index, err := newIndex(s.Model)
	if err != nil {
		return "", noTemporaryFile(p, err)
	}
	defer index.Close()
	publish := func(rel string, b []byte) (string, []byte, error) {
		if rel, b = Published(rel, b); rel == "" {
			return "", nil, nil
		}
		return rel, b, index.Add(rel, b)
	}
	err = o.Renderer.Build(render.BuildOptions{
		Source: o.Source, Destination: dest, BaseURL: o.BaseURL, Production: o.Production,
		TreeDir: GeneratedDir, Tree: tree, Ready: ready, Publish: publish, Log: o.Log,
	})
	_, problems := tree.Wait()
	if made && (err != nil || problems != nil) {
		os.Remove(dest) // when nothing was written into it: a folder that holds files stays
	}
	// Problems in the pages are the editor's to mend, whatever the renderer
	// made of a tree that had them.
	if problems != nil {
		return "", explainProblems(p, problems)
	}
	if err != nil {
		if said := cannotWrite(p, dest, err); said != nil {
			return "", said
		}
		return "", errors.New(p.Sprintf("Hugo could not build the site:\n%s", SourcePaths(err.Error())))
	}
	// Hugo is done, but its site stays reachable through one more garbage
	// collection after it returns (at 10,000 news items, 620 MB are live
	// after the first, 90 MB after the second). Collected now, the memory
	// Hugo used is where the index is written, not beside it, and the
	// build's peak is Hugo's.
	runtime.GC()
	runtime.GC()
	if err := writeHeadersFile(s.Policy, dest); err != nil {
		return "", orCannotWrite(p, dest, fmt.Errorf("%s: %w", p.Sprintf("finishing the site in %s", dest), err))
	}
	if err := index.Write(dest); err != nil {
		return "", orCannotWrite(p, dest, fmt.Errorf("%s: %w", p.Sprintf("building the search index in %s", dest), err))
	}
	return dest, nil
}

// checkProduction runs the content check over the whole site as a
// production build applies it, and says what it finds; an error stops the
// build.
func checkProduction(p *message.Printer, log io.Writer, root string, pages *content.Pages) error {
	findings, err := check.Site(root, nil, check.Options{Production: true, P: p, Pages: pages})
	if err != nil {
		return err
	}
	errs, err := check.Write(log, findings, "text")
	if err != nil {
		return err
	}
	if errs > 0 {
		return errors.New(p.Sprintf("the check found %s: the site was not built for publishing. Fix them and build again.", p.Sprintf("%d errors", errs)))
	}
	return nil
}

func checkProductionURL(p *message.Printer, u string) error {
	switch {
	case u == "":
		return errors.New(p.Sprintf("with --production give the site's full address: --base-url https://…/"))
	case !strings.HasPrefix(u, "https://"):
		return errors.New(p.Sprintf("the site address %q must start with https://", u))
	case strings.Contains(u, "localhost") || strings.Contains(u, "127.0.0.1"):
		return errors.New(p.Sprintf("the site address %q is local; to publish, give the real address", u))
	}
	return nil
}

// makeDestination makes the folder the site is built into, or says in the
// editor's words why it cannot be, before the renderer runs and is blamed
// for it. It tells whether it made the folder, which was not there.
func makeDestination(p *message.Printer, dest string) (made bool, err error) {
	fi, err := os.Stat(dest)
	if err == nil && !fi.IsDir() {
		return false, errors.New(p.Sprintf("%s is a file, not a folder: the site is built into a folder. Give another with -d FOLDER", dest))
	}
	made = errors.Is(err, fs.ErrNotExist)
	if err := os.MkdirAll(dest, 0o755); err != nil {
		if said := cannotWrite(p, dest, err); said != nil {
			return false, said
		}
		return false, errors.New(p.Sprintf("the folder %s cannot be made (%v). Give another with -d FOLDER", dest, err))
	}
	return made, nil
}

// cannotWrite says, in the editor's words, why the site could not be
// written into dest when the disk refused: full, or not the editor's to
// write. The disk's own reason follows, naming the file. It is nil for any
// other failure, which is the build's to explain.
func cannotWrite(p *message.Printer, dest string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return errors.New(p.Sprintf("the disk is full: the site could not be written to %s. Free some space and build again.\n(%v)", dest, err))
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return errors.New(p.Sprintf("the site cannot be written to %s: there is no permission to write there. Give another folder with -d FOLDER.\n(%v)", dest, err))
	}
	return nil
}

// noTemporaryFile says, in the editor's words, that the build could not
// make the temporary file it keeps pages in while Hugo renders, and where
// else it can: the system's own reason follows.
func noTemporaryFile(p *message.Printer, err error) error {
	return errors.New(p.Sprintf("a build keeps its pages in a temporary file, and none can be made in %s. Free some space there, or give the build another folder: TMPDIR=FOLDER centar build\n(%v)", os.TempDir(), err))
}

// orCannotWrite is cannotWrite's explanation of err, or err itself.
func orCannotWrite(p *message.Printer, dest string, err error) error {
	if said := cannotWrite(p, dest, err); said != nil {
		return said
	}
	return err
}

// writeHeadersFile writes public/_headers and public/_redirects, for hosts
// that read them: the same policy and the same "not found" pages wherever
// the site is copied.
func writeHeadersFile(policy *netlify.Config, public string) error {
	if err := os.WriteFile(filepath.Join(public, "_headers"), policy.HeadersFile(), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(public, netlify.RedirectsFileName), netlify.RedirectsFile(policy.Redirects), 0o644)
}

// prepared is an open site, with what its last check warned of.
type prepared struct {
	*Site
	p        *message.Printer
	Warnings []content.Finding
	// Policy is netlify.toml: the headers every page is sent with, and the
	// Content-Security-Policy the theme puts in every page.
	Policy *netlify.Config
}

// openSite opens the site at root, reading its pages through pages when it
// is not nil.
func openSite(p *message.Printer, root string, pages *content.Pages) (*prepared, error) {
	s, err := Open(root, p)
	if err != nil {
		return nil, err
	}
	s.Pages = pages
	policy, err := loadPolicy(p, root)
	if err != nil {
		return nil, err
	}
	// Each language's missing pages show its own 404 page: a rule for every
	// language, made from the languages hugo.toml declares.
	policy.Redirects = append(netlify.NotFoundRules(s.Model.Prefixes()), policy.Redirects...)
	return &prepared{Site: s, p: p, Policy: policy}, nil
}

// loadPolicy reads netlify.toml, which every page's security policy comes
// from: without it, or without a policy for every page, the theme cannot
// build a page, and Hugo would say only that it logged an error.
func loadPolicy(p *message.Printer, root string) (*netlify.Config, error) {
	policy, err := netlify.Load(filepath.Join(root, "netlify.toml"))
	if err != nil {
		return nil, errors.New(p.Sprintf("netlify.toml cannot be read (%v): it holds the security policy every page carries. Restore it with: git checkout netlify.toml", err))
	}
	if policy.Header("Content-Security-Policy") == "" {
		return nil, errors.New(p.Sprintf("netlify.toml has no Content-Security-Policy for every page (under [[headers]] for = \"/*\"): every page carries it. Restore it with: git checkout netlify.toml"))
	}
	return policy, nil
}

// refresh checks the sources and rewrites the generated tree: at the start
// of a preview and after every change it sees. It returns the generated
// files it created, rewrote and removed.
func (p *prepared) refresh(production bool) ([]fsnotify.Event, error) {
	changed, err := p.Generate()
	if err != nil {
		return nil, explainProblems(p.p, err)
	}
	return changed, p.checkHotlines(production)
}

// begin starts converting the sources into the generated tree, in memory,
// and checks the help lines.
func (p *prepared) begin(production bool) (*Rendering, error) {
	tree, err := p.Begin()
	if err != nil {
		return nil, explainProblems(p.p, err)
	}
	if err := p.checkHotlines(production); err != nil {
		if _, problems := tree.Wait(); problems != nil {
			return nil, explainProblems(p.p, problems) // said first, as in a preview
		}
		return nil, err
	}
	return tree, nil
}

func (p *prepared) checkHotlines(production bool) error {
	warnings, err := content.CheckHotlines(p.p, os.DirFS(p.Root), production)
	if err != nil {
		return explainProblems(p.p, err)
	}
	p.Warnings = warnings
	return nil
}

func writeWarnings(p *message.Printer, w io.Writer, warnings []content.Finding) {
	for _, f := range warnings {
		p.Fprintf(w, "warning: %s\n", f.Plain())
	}
}

// explainProblems turns a list of problems into one error an editor can act on.
func explainProblems(p *message.Printer, err error) error {
	var ps content.Findings
	if errors.As(err, &ps) {
		return errors.New(p.Sprintf("the content has %s; fix them and try again:\n%s", p.Sprintf("%d errors", len(ps)), ps.Error()))
	}
	return err
}

// newIndex is an empty search index for the site's languages: Serbian at
// the root, and each translated language under its prefix.
func newIndex(m *content.Model) (*search.Index, error) {
	var others []string
	for _, l := range m.Translated() {
		others = append(others, strings.Trim(l.Prefix, "/"))
	}
	return search.NewIndex(others...)
}
