package workflow

import (
	"testing"
	"time"

	"github.com/go-git/go-billy/v5/memfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
)

// writeTree must encode trees exactly as git does, or replayed commits would
// differ from what git itself would write (and git fsck would complain).
func TestWriteTreeMatchesGit(t *testing.T) {
	r, err := git.Init(memory.NewStorage(), memfs.New())
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := r.Worktree()
	// Names whose order differs when a folder sorts as "name/": a-b, a/, a.md, a0.
	for _, name := range []string{"a-b", "a/x.md", "a/b/y.md", "a.md", "a0", "content/sr/vesti/prva.md", "content/sr/vesti.md", "z"} {
		f, err := wt.Filesystem.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(name))
		f.Close()
		if _, err := wt.Add(name); err != nil {
			t.Fatal(err)
		}
	}
	h, err := wt.Commit("x", &git.CommitOptions{Author: &object.Signature{Name: "a", Email: "a@b", When: time.Now()}})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := r.CommitObject(h)
	files, err := flatten(c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := writeTree(r.Storer, files)
	if err != nil {
		t.Fatal(err)
	}
	if got != c.TreeHash {
		t.Errorf("writeTree = %s, git's tree is %s", got, c.TreeHash)
	}
}
