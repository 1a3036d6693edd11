package durable

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"
)

// ErrLocked means another process holds the lock and did not let go in time.
var ErrLocked = errors.New("another process holds the lock")

// Lock is an exclusive lock held by this process on a file. The operating
// system releases it when the process ends, however it ends, so a crash
// never leaves a stale lock behind.
type Lock struct{ f *os.File }

// Acquire takes the lock on path, waiting while another process holds it
// until ctx is done; then it returns ErrLocked.
func Acquire(ctx context.Context, path string) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		ok, err := tryLock(f)
		if ok {
			return &Lock{f}, nil
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ErrLocked
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Release lets the next process in.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
