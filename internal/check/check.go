// Package check is the one content check: it is what editors run, what save
// and publish run before they commit, and the gate of every pull request.
// Each finding names a file, a line and a column, and says in the editor's
// language what is wrong and what to do.
//
// Of the project's packages it may import only content, translit and par.
package check

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/message"

	"centar/internal/content"
	"centar/internal/par"
)

// Severity is how bad a finding is: an error stops save, publish and a pull
// request; a warning is said and let through.
type Severity = content.Severity

const (
	Error   = content.Error
	Warning = content.Warning
)

// A Finding is one thing wrong in one file: the content model's, which the
// build reports too.
type Finding = content.Finding

// GitHub is a finding as a GitHub Actions workflow command, which GitHub
// shows as an annotation on the pull request's changed line.
func GitHub(f Finding) string {
	esc := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	return fmt.Sprintf("::%s file=%s,line=%d,col=%d::%s", f.Severity, prop.Replace(f.Path), max(f.Line, 1), max(f.Col, 1), esc.Replace(f.Message))
}

// Options say how to check.
type Options struct {
	// Production turns missing facts (a news item without a date, an
	// unverified hotline) from warnings into errors.
	Production bool
	// P speaks the editor's language.
	P *message.Printer
	// Pages, when set, reads each page once for the check and the build
	// after it.
	Pages *content.Pages
	// Model is the site's content model; nil reads it from the site.
	Model *content.Model
}

// Site checks the site in the folder root. With paths, only findings in
// those files (or folders) are reported, but links are still resolved
// against the whole site.
func Site(root string, paths []string, opts Options) ([]Finding, error) {
	var rels []string
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(p) {
			abs = filepath.Join(root, p)
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("%s", opts.P.Sprintf("%s is outside the site folder %s", p, root))
		}
		rels = append(rels, filepath.ToSlash(rel))
	}
	return checkAll(&checker{fsys: os.DirFS(root), root: root, opts: opts, p: opts.P}, rels)
}

// Tree checks the site whose files fsys holds: a folder, a commit, a draft
// in memory. paths, as in Site, are site-relative, with forward slashes.
func Tree(fsys fs.FS, paths []string, opts Options) ([]Finding, error) {
	return checkAll(&checker{fsys: fsys, opts: opts, p: opts.P}, paths)
}

func checkAll(c *checker, paths []string) ([]Finding, error) {
	if c.model = c.opts.Model; c.model == nil {
		var err error
		if c.model, err = content.Load(c.fsys); err != nil {
			return nil, err
		}
	}
	wanted, missing, err := c.selection(paths)
	if err != nil {
		return nil, err
	}
	if err := c.index(); err != nil {
		return nil, err
	}
	if err := par.Do(len(c.pages), func(i int) error {
		if pg := c.pages[i]; wanted(pg.rel) {
			c.checkPage(pg)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for _, pg := range c.pages {
		c.findings = append(c.findings, pg.findings...)
	}
	for _, f := range c.files {
		if wanted(f.rel) {
			c.checkFile(f)
		}
	}
	c.checkData()
	c.checkLanguages()
	out := missing
	for _, f := range c.findings {
		if wanted(f.Path) {
			out = append(out, f)
		}
	}
	sortFindings(out)
	return out, nil
}

// Write prints findings one per line, plainly or (format "github") as
// workflow commands, and returns how many were errors.
func Write(w io.Writer, findings []Finding, format string) (errors int, err error) {
	for _, f := range findings {
		line := f.String()
		if format == "github" {
			line = GitHub(f)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return errors, err
		}
		if f.Severity == Error {
			errors++
		}
	}
	return errors, nil
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// selection turns the site-relative paths asked for into a filter, with a
// finding for each path that does not exist.
func (c *checker) selection(paths []string) (func(string) bool, []Finding, error) {
	if len(paths) == 0 {
		return func(string) bool { return true }, nil, nil
	}
	var prefixes []string
	var missing []Finding
	for _, rel := range paths {
		info, err := fs.Lstat(c.fsys, rel)
		switch {
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, fs.ErrInvalid):
			missing = append(missing, Finding{Path: rel, Severity: Error, Message: c.p.Sprintf("there is no such file or folder; check the name")})
			continue
		case err != nil:
			return nil, nil, err
		case info.IsDir() && rel == ".":
			return func(string) bool { return true }, missing, nil
		case info.IsDir():
			rel += "/"
		}
		prefixes = append(prefixes, rel)
	}
	return func(rel string) bool {
		for _, p := range prefixes {
			if rel == p || strings.HasPrefix(rel, p) {
				return true
			}
		}
		return false
	}, missing, nil
}
