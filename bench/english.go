package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"centar/internal/content"
	"centar/internal/translit"
)

// englishBench reports the words that stay Latin in Cyrillic because they are
// English: on the real site's Serbian pages, and on plain texts (the Serbian
// source documents the site was made from) when given.
func englishBench(root string, texts []string) error {
	tr := translit.Default()
	var pages []string
	err := filepath.WalkDir(filepath.Join(root, "content", "sr"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	report := func(what string, files []string, text func([]byte) (string, error)) error {
		counts := map[string]int{}
		total, words := 0, 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			s, err := text(data)
			if err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			words += len(strings.Fields(s))
			for _, w := range tr.EnglishWords(s) {
				counts[w]++
				total++
			}
		}
		distinct := make([]string, 0, len(counts))
		for w, n := range counts {
			distinct = append(distinct, fmt.Sprintf("%s×%d", w, n))
		}
		sort.Strings(distinct)
		fmt.Printf("%s: %d files, %d words; kept Latin as English: %d (%d distinct): %s\n",
			what, len(files), words, total, len(counts), strings.Join(distinct, " "))
		return nil
	}
	if err := report("real site, Serbian pages (title and body)", pages, func(b []byte) (string, error) {
		fm, body, _, err := content.FrontMatter(string(b))
		title := ""
		for _, line := range strings.Split(fm, "\n") {
			if v, ok := strings.CutPrefix(line, "title:"); ok {
				title = v
			}
		}
		return title + "\n" + body, err
	}); err != nil {
		return err
	}
	if len(texts) == 0 {
		return nil
	}
	return report("plain texts", texts, func(b []byte) (string, error) { return string(b), nil })
}
