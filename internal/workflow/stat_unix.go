//go:build !windows

package workflow

import (
	"os"
	"syscall"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// fillSystemInfo copies what git's own index keeps of a file beyond its size
// and time (not its ctime, whose field differs between systems), so that git
// by hand needs to read fewer files to see them unchanged.
func fillSystemInfo(e *index.Entry, info os.FileInfo) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		e.Dev, e.Inode = uint32(st.Dev), uint32(st.Ino)
		e.UID, e.GID = st.Uid, st.Gid
	}
}
