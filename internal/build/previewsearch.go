package build

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/message"

	"centar/internal/content"
	"centar/internal/netlify"
	"centar/internal/render"
	"centar/internal/search"
)

// previewSearch is the preview's search index: made as a build makes it,
// from every rendered page, when it is first asked for after a change, and
// served from memory at the address the published site has it.
type previewSearch struct {
	rendered render.Preview
	model    *content.Model // the site's languages, one index each
	policy   *netlify.Config
	p        *message.Printer
	log      io.Writer
	site     http.Handler // everything else, and a file the index does not have

	changes atomic.Int64 // counts the changes the preview took

	mu    sync.Mutex
	made  int64             // the count of changes the index was made at; -1 before the first
	files map[string][]byte // by slash path within the index's folder
	at    time.Time
}

// newPreviewSearch makes the index of what rendered renders; its site is
// set before it serves.
func newPreviewSearch(rendered render.Preview, model *content.Model, policy *netlify.Config, p *message.Printer, log io.Writer) *previewSearch {
	return &previewSearch{rendered: rendered, model: model, policy: policy, p: p, log: log, made: -1}
}

// changed says the preview took a change: the next request for the index
// makes it anew.
func (s *previewSearch) changed() { s.changes.Add(1) }

func (s *previewSearch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rel, ok := strings.CutPrefix(r.URL.Path, "/"+search.Dir+"/")
	if !ok {
		s.site.ServeHTTP(w, r)
		return
	}
	files, at, err := s.index()
	if err != nil {
		fmt.Fprintln(s.log, err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	data, ok := files[rel]
	if !ok {
		s.site.ServeHTTP(w, r) // the site's own "not found"
		return
	}
	s.policy.SetHeaders(w.Header(), r.URL.Path)
	w.Header().Set("Content-Type", "application/json")
	http.ServeContent(w, r, path.Base(rel), at, bytes.NewReader(data))
}

// index is the index of the site as the preview has it now, made anew
// when a change came since it was last made.
func (s *previewSearch) index() (map[string][]byte, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.changes.Load()
	if now == s.made {
		return s.files, s.at, nil
	}
	files, err := s.make()
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("%s: %w", s.p.Sprintf("building the search index in %s", "centar serve"), err)
	}
	s.files, s.at, s.made = files, time.Now(), now
	return s.files, s.at, nil
}

// make reads every rendered page into a new index, as a build reads each
// page it publishes, and returns the index's files. The index is written
// as a build writes it, into a folder of its own, and read back.
func (s *previewSearch) make() (map[string][]byte, error) {
	ix, err := newIndex(s.model)
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	err = s.rendered.Pages(func(rel string, b []byte) error {
		if rel, b = Published(rel, b); rel == "" {
			return nil
		}
		return ix.Add(rel, b)
	})
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "centar-search-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := ix.Write(dir); err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	written := os.DirFS(dir)
	err = fs.WalkDir(written, search.Dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(written, name)
		files[strings.TrimPrefix(name, search.Dir+"/")] = data
		return err
	})
	return files, err
}
