// Package spill keeps a program's passing data in a temporary file instead
// of the heap: what is written once, while a build's memory is at its
// height, and read back once, later. The operating system's file cache
// keeps it at hand meanwhile, as it keeps a tree Hugo reads from the disk,
// and it does not count against the process.
//
// It imports none of the project's packages.
package spill

import (
	"fmt"
	"os"
	"sync"
)

// A File holds what was put into it until it is closed. Its file is
// unlinked as soon as it is made, so a killed program leaves nothing
// behind. Put and Get may be called from many goroutines at once.
type File struct {
	mu   sync.Mutex // the end of the file
	f    *os.File
	size int64
}

// Span is where one Put's data lies in a File.
type Span struct {
	Off int64
	N   int
}

// New makes an empty File in the system's temporary folder.
func New() (*File, error) {
	f, err := os.CreateTemp("", "centar-spill-")
	if err != nil {
		return nil, fmt.Errorf("making a temporary file: %w", err)
	}
	os.Remove(f.Name()) // open, it stays until closed
	return &File{f: f}, nil
}

// Put writes data at the end of the file.
func (s *File) Put(data []byte) (Span, error) {
	s.mu.Lock()
	off := s.size
	s.size += int64(len(data))
	s.mu.Unlock()
	_, err := s.f.WriteAt(data, off)
	return Span{off, len(data)}, err
}

// Get reads back what Put wrote at sp.
func (s *File) Get(sp Span) ([]byte, error) {
	b := make([]byte, sp.N)
	_, err := s.f.ReadAt(b, sp.Off)
	return b, err
}

// Close lets the file go, and everything in it.
func (s *File) Close() error { return s.f.Close() }
