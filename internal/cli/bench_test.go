package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// BenchmarkPublishOnePage publishes a one-page edit to a remote holding
// 10,000 news items, with plain go-git committing and pushing the same edit
// as the baseline: the difference is what the check, status and sync cost.
func BenchmarkPublishOnePage(b *testing.B) {
	bare := newRemote(b)
	// Grow the remote to 10,000 news items in one commit.
	seed := b.TempDir()
	r, err := git.PlainClone(seed, false, &git.CloneOptions{URL: bare})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 10000 {
		name := filepath.Join(seed, "content/sr/vesti", fmt.Sprintf("vest-%05d.md", i))
		body := fmt.Sprintf("---\ntitle: \"Обука локалних тимова %d\"\ndate: 2024-05-31\noznake: [obuka]\n---\nЧланови [Локалних тимова](/vesti/) су похађали обуку.\n", i)
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	wt, _ := r.Worktree()
	if err := wt.AddGlob("content"); err != nil {
		b.Fatal(err)
	}
	sig := &object.Signature{Name: "Seed", Email: "seed@example.org", When: time.Now()}
	if _, err := wt.Commit("10,000 news items", &git.CommitOptions{Author: sig}); err != nil {
		b.Fatal(err)
	}
	if err := r.Push(&git.PushOptions{}); err != nil {
		b.Fatal(err)
	}

	b.Run("centar-publish", func(b *testing.B) {
		e := newEditor(b, "Ana", bare)
		i := 0
		for b.Loop() {
			i++
			e.write(b, "content/sr/vesti/vest-00001.md", fmt.Sprintf("---\ntitle: Прва\ndate: 2024-05-31\n---\nИзмена %d.\n", i))
			if code := e.run(b, "publish", "-m", "Измена"); code != 0 {
				b.Fatalf("exit %d: %s", code, e.err.String())
			}
		}
	})
	b.Run("go-git-commit-push", func(b *testing.B) {
		dir := b.TempDir()
		r, err := git.PlainClone(dir, false, &git.CloneOptions{URL: bare})
		if err != nil {
			b.Fatal(err)
		}
		wt, _ := r.Worktree()
		i := 0
		for b.Loop() {
			i++
			os.WriteFile(filepath.Join(dir, "content/sr/vesti/vest-00002.md"), []byte(fmt.Sprintf("---\ntitle: Друга\ndate: 2024-05-31\n---\nИзмена %d.\n", i)), 0o644)
			if _, err := wt.Add("content/sr/vesti/vest-00002.md"); err != nil {
				b.Fatal(err)
			}
			if _, err := wt.Commit("Измена", &git.CommitOptions{Author: sig}); err != nil {
				b.Fatal(err)
			}
			if err := r.Fetch(&git.FetchOptions{}); err != nil && err != git.NoErrAlreadyUpToDate {
				b.Fatal(err)
			}
			if err := r.Push(&git.PushOptions{RefSpecs: []config.RefSpec{"refs/heads/main:refs/heads/main"}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
