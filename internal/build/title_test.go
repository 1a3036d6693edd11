package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"centar/internal/content"
	"centar/internal/msg"
	"centar/internal/translit"
)

// TestQuotedTitlesReadAsYAMLReadsThem holds titleAndBody's way round the YAML
// decoder to the decoder's reading: every title it reads without the decoder
// is the one the decoder reads, and it reads the site's own titles, in both
// scripts, so.
func TestQuotedTitlesReadAsYAMLReadsThem(t *testing.T) {
	plain := []string{
		"title: \"Центар за заштиту жртава трговине људима\"\n",
		"title: \"Šabac – „Centar“ i 'tim': #1 & *2 ! % @ `x` {a} [b]\"\r\n",
		"title:   \"  razmaci  \"   \n",
		"title:\t\"x\"\n",
		"title: \"\"\n",
	}
	apart := []string{
		"title: \"a \\\"b\\\" c\"\n",
		"title: \"a\\u0410\\tb\"\n",
		"title: \"x\" # komentar\n",
		"title: \"tab\there\"\n",
		"title: \"a\u0085b\"\n",
		"title: \"a\u2028b\"\n",
		"title: \"\ufeffa\"\n",
		"title: \"a\x7fb\"\n",
		"title: \"\xff\"\n",
		"title: 'x'\n",
		"title: x\n",
		"title: 2024\n",
		"title: >\n  x\n",
		"title: \"x\n  y\"\n",
		"title: \"x\"y\"\n",
		"title: \"x\"\n\n",
	}
	entries := append(append([]string{}, plain...), apart...)
	real := 0
	err := filepath.WalkDir(filepath.Join("..", "..", "content", "sr"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, to := range []translit.Script{translit.Cyrillic, translit.Latin} {
			conv, err := content.Convert(translit.Default(), string(src), to, nil)
			if err != nil {
				return err
			}
			fm, _, _, _ := content.FrontMatter(conv)
			entries = append(entries, content.Entry(fm, "title"))
			real++
		}
		return nil
	})
	if err != nil || real < 40 {
		t.Fatalf("the site's titles: %d read, %v", real, err)
	}
	s := &Site{p: msg.Printer(msg.Serbian)}
	accepted := 0
	for _, entry := range entries {
		got, ok := content.QuotedValue(entry)
		if !ok {
			continue
		}
		accepted++
		var p page
		if err := content.DecodeYAML(s.p, "", []byte(entry), 0, &p); err != nil || p.Title != got {
			t.Errorf("%q: read as %q, the YAML decoder reads %q (%v)", entry, got, p.Title, err)
		}
	}
	for _, entry := range plain {
		if _, ok := content.QuotedValue(entry); !ok {
			t.Errorf("%q: left to the decoder, though it is a title in plain quotes", entry)
		}
	}
	for _, entry := range apart {
		if v, ok := content.QuotedValue(entry); ok {
			t.Errorf("%q: read as %q without the decoder; it has an escape, a comment, a character YAML treats apart, or is not in double quotes", entry, v)
		}
	}
	if accepted < real+len(plain) {
		t.Errorf("%d of the site's %d titles and the %d plain ones read without the decoder; all should be", accepted, real, len(plain))
	}
}
