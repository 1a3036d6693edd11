package hugo

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/afero"

	"centar/internal/plainfile"
	"centar/internal/treefs"
)

// publishing is a destination whose every file written passes through
// publish on its way, whole: it is held in memory until closed. Reads,
// folders and removals go straight to the destination.
type publishing struct {
	afero.Fs
	publish func(rel string, data []byte) (string, []byte, error)
	// gate, when set, is passed before the first file is written.
	gate func() error

	mu   sync.Mutex
	errs []error // Hugo does not look at what closing a file returns

	buffers sync.Pool // of *[]byte: a build writes every page, and new buffers for all would be work for the garbage collector while Hugo renders

	folders sync.Map // folders this build has made or found, by name: each page is in a folder of its own
}

func publishedThrough(dest afero.Fs, publish func(string, []byte) (string, []byte, error)) *publishing {
	return &publishing{Fs: dest, publish: publish}
}

func (p *publishing) Create(name string) (afero.File, error) {
	return p.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

func (p *publishing) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR) != 0 && p.gate != nil {
		if err := p.gate(); err != nil {
			return nil, err
		}
	}
	return p.open(name, flag, perm)
}

// waitFor holds every file written back until open has run, once, and
// returned nil; open is given the destination to write to meanwhile. What
// it returns is the failure of every file written, and of the build.
func (p *publishing) waitFor(open func(afero.Fs) error) {
	p.gate = sync.OnceValue(func() error {
		err := open(inside{p})
		if err != nil {
			p.mu.Lock()
			p.errs = append(p.errs, err)
			p.mu.Unlock()
		}
		return err
	})
}

// inside is the destination as waitFor's open writes to it: past the gate
// it opens.
type inside struct{ *publishing }

func (in inside) Create(name string) (afero.File, error) {
	return in.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o666)
}

func (in inside) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	return in.open(name, flag, perm)
}

// open opens a file of the destination: for reading, on the destination;
// for writing, in memory, to be published when closed.
func (p *publishing) open(name string, flag int, perm os.FileMode) (afero.File, error) {
	if flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		return p.Fs.OpenFile(name, flag, perm)
	}
	buf, _ := p.buffers.Get().(*[]byte)
	if buf == nil {
		buf = new([]byte)
	}
	return &pendingFile{name: name, data: (*buf)[:0], to: p}, nil
}

// write publishes a file written at name (a path from the destination's
// root).
func (p *publishing) write(name string, data []byte) error {
	rel := strings.TrimPrefix(filepath.ToSlash(name), "/")
	to, data, err := p.publish(rel, data)
	if err == nil && to != "" {
		err = p.writeFile(filepath.FromSlash(to), data)
	}
	if err != nil {
		err = fmt.Errorf("publishing %s: %w", rel, err)
		p.mu.Lock()
		p.errs = append(p.errs, err)
		p.mu.Unlock()
	}
	return err
}

// failed is what went wrong publishing files, or nil.
func (p *publishing) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return errors.Join(p.errs...)
}

// writeFile writes a file into its folder, made first if this build has
// not made or found it yet. Most pages are the first in a folder of their
// own: making it at once costs the disk one call, where trying the file,
// failing, and making the folders above it first took four. The file is
// opened as plainfile opens files, in four calls where Go takes eight.
func (p *publishing) writeFile(name string, data []byte) error {
	if err := p.folder(filepath.Dir(name)); err != nil {
		return err
	}
	f, err := p.Fs.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|plainfile.Flag, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// folder makes dir, and any folder above it that is missing, once a build.
func (p *publishing) folder(dir string) error {
	if _, made := p.folders.Load(dir); made {
		return nil
	}
	err := p.Fs.Mkdir(dir, 0o755)
	if up := filepath.Dir(dir); errors.Is(err, fs.ErrNotExist) && up != dir {
		if err = p.folder(up); err == nil {
			err = p.Fs.Mkdir(dir, 0o755)
		}
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	p.folders.Store(dir, true)
	return nil
}

// pendingFile is a file being written to a publishing destination, held
// in memory until it is closed. Like a file opened only for writing, it
// cannot be read.
type pendingFile struct {
	name   string
	data   []byte
	to     *publishing
	closed bool
}

var errWriteOnly = errors.New("opened for writing only")

func (f *pendingFile) Name() string { return f.name }

func (f *pendingFile) Write(b []byte) (int, error) {
	if f.closed {
		return 0, os.ErrClosed
	}
	f.data = append(f.data, b...)
	return len(b), nil
}

func (f *pendingFile) WriteString(s string) (int, error) { return f.Write([]byte(s)) }

func (f *pendingFile) WriteAt(b []byte, off int64) (int, error) {
	if f.closed {
		return 0, os.ErrClosed
	}
	if end := int(off) + len(b); end > len(f.data) {
		f.data = append(f.data, make([]byte, end-len(f.data))...)
	}
	return copy(f.data[off:], b), nil
}

func (f *pendingFile) Truncate(size int64) error {
	if f.closed {
		return os.ErrClosed
	}
	if int(size) <= len(f.data) {
		f.data = f.data[:size]
		return nil
	}
	_, err := f.WriteAt(nil, size)
	return err
}

func (f *pendingFile) Sync() error { return nil }

func (f *pendingFile) Stat() (os.FileInfo, error) {
	return treefs.FileInfo(filepath.Base(f.name), int64(len(f.data)), 0o644, time.Now()), nil
}

func (f *pendingFile) Read([]byte) (int, error)           { return 0, f.refuse("read") }
func (f *pendingFile) ReadAt([]byte, int64) (int, error)  { return 0, f.refuse("read") }
func (f *pendingFile) Seek(int64, int) (int64, error)     { return 0, f.refuse("seek") }
func (f *pendingFile) Readdir(int) ([]os.FileInfo, error) { return nil, f.refuse("readdir") }
func (f *pendingFile) Readdirnames(int) ([]string, error) { return nil, f.refuse("readdir") }
func (f *pendingFile) refuse(op string) error {
	return &os.PathError{Op: op, Path: f.name, Err: errWriteOnly}
}

// Close publishes what was written.
func (f *pendingFile) Close() error {
	if f.closed {
		return os.ErrClosed
	}
	f.closed = true
	err := f.to.write(f.name, f.data)
	f.to.buffers.Put(&f.data)
	f.data = nil
	return err
}
