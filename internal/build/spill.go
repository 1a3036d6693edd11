package build

import (
	"os"
	"sync"
)

// A spill keeps a build's generated pages in a temporary file instead of
// the heap. Hugo reads each page once to begin and again to render it,
// long after: the operating system's file cache keeps them at hand then,
// as it keeps a tree Hugo reads from the disk, and the build's memory is
// Hugo's and little more. The file is unlinked as soon as it is made, so a
// killed build leaves nothing behind.
type spill struct {
	mu   sync.Mutex // the end of the file
	f    *os.File
	size int64
}

// span is where a page lies in a spill.
type span struct {
	off int64
	n   int
}

func newSpill() (*spill, error) {
	f, err := os.CreateTemp("", "centar-pages-")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // open, it stays until closed
	return &spill{f: f}, nil
}

// put writes data at the end of the spill.
func (s *spill) put(data []byte) (span, error) {
	s.mu.Lock()
	off := s.size
	s.size += int64(len(data))
	s.mu.Unlock()
	_, err := s.f.WriteAt(data, off)
	return span{off, len(data)}, err
}

// get reads what put wrote at sp.
func (s *spill) get(sp span) ([]byte, error) {
	b := make([]byte, sp.n)
	_, err := s.f.ReadAt(b, sp.off)
	return b, err
}

func (s *spill) close() error { return s.f.Close() }
