// Package durable changes files so that a crash — a killed process, a closed
// laptop, a power cut — leaves each file either as it was or as it was meant
// to become, never half-written. A new version goes to a temporary file,
// which is synced to disk and then renamed over the old one, as git does with
// its lock files; the folder is synced after the rename, so the rename too
// survives a power cut.
//
// The temporary files of one repository live in one folder (Dir.Tmp), so what
// a killed process left behind is found and removed in one place.
//
// It imports none of the project's packages.
package durable

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Hook, when set, is called before every step that changes the disk, with the
// step and the file it changes. The crash tests set it to kill the process
// there; nothing else does.
var Hook func(step, name string)

func point(step, name string) {
	if Hook != nil {
		Hook(step, name)
	}
}

// Point marks a step that is not a file change — sending to a server — as a
// place a crash test may stop the process.
func Point(step string) { point(step, "") }

// Dir writes files atomically, keeping its temporary files in Tmp, which must
// be on the same file system as every file it writes.
type Dir struct {
	Tmp string
}

// WriteFile replaces name with data: after a crash name holds either its old
// content or data.
func (d Dir) WriteFile(name string, data []byte, perm fs.FileMode) error {
	point("write", name)
	if err := os.MkdirAll(d.Tmp, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(d.Tmp, filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		point("sync", tmp)
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, perm)
	}
	if err == nil {
		err = os.MkdirAll(filepath.Dir(name), 0o755)
	}
	if err == nil {
		err = Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}

// Symlink replaces name with a symbolic link to target.
func (d Dir) Symlink(target, name string) error {
	point("write", name)
	if err := os.MkdirAll(d.Tmp, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(d.Tmp, fmt.Sprintf("%s.%d.link", filepath.Base(name), os.Getpid()))
	os.Remove(tmp)
	if err := os.Symlink(target, tmp); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return Rename(tmp, name)
}

// Rename moves from to to and syncs to's folder, so the move survives a
// power cut.
func Rename(from, to string) error {
	point("rename", to)
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return syncDir(filepath.Dir(to))
}

// Remove deletes name, if it exists, and syncs its folder.
func Remove(name string) error {
	point("remove", name)
	err := os.Remove(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return syncDir(filepath.Dir(name))
}

// Clean removes what a killed process left in the temporary folder. Call it
// only while holding the repository's lock, when no other process can be
// writing there.
func (d Dir) Clean() error {
	entries, err := os.ReadDir(d.Tmp)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(d.Tmp, e.Name())); err != nil {
			return err
		}
	}
	return nil
}
