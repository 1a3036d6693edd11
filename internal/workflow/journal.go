package workflow

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"

	"centar/internal/durable"
)

// A move points a branch at another commit and brings the index — and, with
// Files, the working tree — from the old commit's versions to the new one's.
// It takes several writes, so it is recorded before the first one: a process
// killed half way leaves the record, and the next one finishes the move
// before it reads the folder. Without the record, files the branch already
// has but the folder does not yet would look like the editor's deletions.
type move struct {
	Branch plumbing.ReferenceName `json:"branch"`
	From   string                 `json:"from"` // "" for a new branch
	To     string                 `json:"to"`
	Files  bool                   `json:"files"`
	// Checkout points HEAD at Branch: a switch to another branch.
	Checkout bool `json:"checkout"`
	// Kept maps files whose content on disk may be replaced although it is
	// neither version, for it is kept elsewhere (sent for review), to the
	// blob of that content.
	Kept map[string]string `json:"kept,omitempty"`
}

func (r *Repo) journalPath() string { return filepath.Join(r.gitDir, "centar", "operation") }

func (r *Repo) record(m move) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return r.files.WriteFile(r.journalPath(), data, 0o644)
}

// Finished says what Open found interrupted and finished.
type Finished struct {
	// Kept lists files the interrupted move would have changed but the
	// editor changed since: they were left as the editor left them.
	Kept []string
	// Abandoned is set when the branch had been moved by hand since; the
	// move was not finished and nothing was changed.
	Abandoned bool
}

// finishInterrupted finishes the move a killed process recorded, if any.
func (r *Repo) finishInterrupted() (*Finished, error) {
	var m move
	if found, err := readRecord(r.journalPath(), &m); err != nil || !found {
		return nil, err
	}
	ref, err := r.Git.Storer.Reference(m.Branch)
	at := ""
	switch {
	case err == nil:
		at = ref.Hash().String()
	case !errors.Is(err, plumbing.ErrReferenceNotFound):
		return nil, err
	}
	if at != m.From && at != m.To && !(m.Checkout && at == "") {
		return &Finished{Abandoned: true}, durable.Remove(r.journalPath())
	}
	kept, err := r.apply(m)
	if err != nil {
		return nil, fmt.Errorf("finishing an interrupted operation: %w", err)
	}
	return &Finished{Kept: kept}, nil
}

// readRecord reads the record a killed process may have left at path into
// v; found is false when there is none.
func readRecord(path string, v any) (found bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return false, fmt.Errorf("reading the record of an interrupted operation, %s: %w", path, err)
	}
	return true, nil
}
