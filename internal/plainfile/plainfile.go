// Package plainfile reads and writes whole regular files, as os.ReadFile
// and os.WriteFile do, in half the system calls. A build reads every source
// and writes every page and every file of the search index: tens of
// thousands of files, where each system call counts.
//
// Go's os package offers every file it opens to its poller, which takes
// four calls to the kernel for a regular file (two to make it
// non-blocking, two to make it blocking again once the poller has refused
// it). A file opened with O_NONBLOCK is offered as it is, in one call that
// fails: regular files ignore the flag, and are read and written as any.
//
// It imports none of the project's packages.
package plainfile

import (
	"io"
	"os"
	"syscall"
)

// Flag is added to the flags of os.OpenFile, or of a file system that
// passes them to it, to open a regular file in fewer system calls.
const Flag = syscall.O_NONBLOCK

// Read returns the contents of the regular file name, as os.ReadFile does.
func Read(name string) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|Flag, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 512
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		size = int(fi.Size()) + 1 // one more: reading up to the end needs no larger buffer
	}
	data := make([]byte, 0, size)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file is longer than it said: make room
		}
	}
}

// Write writes data to the file name, made with perm if it is not there
// and emptied first if it is, as os.WriteFile does.
func Write(name string, data []byte, perm os.FileMode) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|Flag, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}
