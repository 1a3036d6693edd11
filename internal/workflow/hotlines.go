package workflow

import (
	"errors"
	"io/fs"
	"os"

	"github.com/go-git/go-git/v5/plumbing/object"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"centar/internal/check"
	"centar/internal/content"
)

// A help line's date of verification says when one number was checked.
// Whatever saves the help lines — save and publish from the folder, the
// CMS's drafts and publications — clears the date of a number changed
// against the version the change was made on, unless the same change wrote
// a new date: the production check then refuses the number until someone
// verifies it again. It is done before the check, so the check sees what
// is saved; what was cleared is said as a warning.

// clearVerificationsInFolder clears, in the editor's folder, the dates of
// the help lines whose numbers the unsaved changes change against the last
// save: the folder holds what is saved, so the next save compares with it.
func (r *Repo) clearVerificationsInFolder(unsaved []Change, p *message.Printer) ([]check.Finding, error) {
	for _, c := range unsaved {
		if c.Path != content.HotlinesFile || c.Kind == Deleted {
			continue
		}
		head, err := r.head()
		if err != nil || head == nil {
			return nil, err
		}
		was, err := r.ReadFile(head, c.Path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil // a new file: no number in it was verified here
		}
		if err != nil {
			return nil, err
		}
		path := r.abs(c.Path)
		info, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		now, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		out, said, err := content.ClearVerifications(orEnglish(p), was, now)
		if err != nil || len(said) == 0 {
			return nil, err
		}
		return said, r.files.WriteFile(path, out, info.Mode().Perm())
	}
	return nil, nil
}

// clearVerifications clears, in files, the dates of the help lines whose
// numbers differ from base's.
func (r *Repo) clearVerifications(base *object.Commit, files map[string]entry, p *message.Printer) ([]check.Finding, error) {
	e, ok := files[content.HotlinesFile]
	if !ok || base == nil {
		return nil, nil
	}
	was, err := r.ReadFile(base, content.HotlinesFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	now, err := r.blobBytes(e.hash)
	if err != nil {
		return nil, err
	}
	out, said, err := content.ClearVerifications(orEnglish(p), was, now)
	if err != nil || len(said) == 0 {
		return nil, err
	}
	if e.hash, err = storeBlob(r.Git.Storer, out); err != nil {
		return nil, err
	}
	files[content.HotlinesFile] = e
	return said, nil
}

// orEnglish is p, or English when the caller gave no printer.
func orEnglish(p *message.Printer) *message.Printer {
	if p == nil {
		return message.NewPrinter(language.English)
	}
	return p
}
