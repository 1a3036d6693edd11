package workflow

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/go-git/go-git/v5/plumbing/filemode"
)

func TestCommitFSIsAFileSystem(t *testing.T) {
	h := newHistory(t)
	c := h.commit("seed", map[string]string{
		"hugo.toml":                 "title = \"t\"\n",
		"content/sr/_index.md":      "---\ntitle: Почетна\n---\n",
		"content/sr/vesti/prva.md":  "---\ntitle: Прва\n---\nТекст.\n",
		"static/slike/a/b/logo.png": "png",
	})
	files, err := flatten(c)
	if err != nil {
		t.Fatal(err)
	}
	link, err := storeBlob(h.repo.Git.Storer, []byte("../prva.md"))
	if err != nil {
		t.Fatal(err)
	}
	files["content/sr/link.md"] = entry{link, filemode.Symlink}
	fsys := newCommitFS(h.repo, files)
	if err := fstest.TestFS(fsys, "hugo.toml", "content/sr/vesti/prva.md", "static/slike/a/b/logo.png", "content/sr/link.md"); err != nil {
		t.Fatal(err)
	}
	info, err := fs.Lstat(fsys, "content/sr/link.md")
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("a link reads as %v, %v", info, err)
	}
	entries, _ := fs.ReadDir(fsys, "content/sr/vesti")
	if i, err := entries[0].Info(); err != nil || i.Size() != int64(len("---\ntitle: Прва\n---\nТекст.\n")) {
		t.Errorf("a listed file's size: %v %v", i, err)
	}
}
