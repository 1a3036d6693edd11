package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"centar/internal/msg"
)

// BenchmarkRefresh is the preview's work after an editor saves one page of
// a site of 10,000 sources: it finds the changed file by size and time,
// converts it alone and rewrites its two variants. The baseline, in the
// same run, is reading every source once, which finding the change by its
// bytes took.
func BenchmarkRefresh(b *testing.B) {
	const n = 10000
	files := map[string]string{"hugo.toml": ""}
	for i := range n {
		files[fmt.Sprintf("content/sr/vesti/%04d/vest-%d.md", i/100, i)] = fmt.Sprintf("---\ntitle: Vest %d o budžetu\ndate: 2024-05-31\n---\n\nLjudi i trgovina ljudima, nadživeti, %d.\n", i, i)
	}
	root := writeSite(b, files)
	// Every source is older than the racy window, as an archive's are.
	old := time.Now().Add(-time.Hour)
	_ = filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			err = os.Chtimes(p, old, old)
		}
		return err
	})
	s, err := Open(root, msg.Printer(msg.Serbian))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Generate(); err != nil {
		b.Fatal(err)
	}
	edited := filepath.Join(root, "content/sr/vesti/0042/vest-4242.md")
	for _, edit := range []struct{ name, title string }{{"refresh-body-edit", "Vest"}, {"refresh-title-edit", "Izmena %d"}} {
		b.Run(edit.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				i++
				title := fmt.Sprintf(edit.title, i)
				if !strings.Contains(edit.title, "%") {
					title = edit.title
				}
				if err := os.WriteFile(edited, fmt.Appendf(nil, "---\ntitle: %s\n---\n\nNov tekst, izmena %d.\n", title, i), 0o644); err != nil {
					b.Fatal(err)
				}
				if _, err := s.Generate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("baseline-read-every-source", func(b *testing.B) {
		for b.Loop() {
			_ = filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					_, err = os.ReadFile(p)
				}
				return err
			})
		}
	})
}
