package main

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"centar/internal/content"
	"centar/internal/translit"
)

// vocabulary collects the words of the site's own Serbian pages — the
// Centre's published texts — in Cyrillic, longest lists first.
func vocabulary(root string) ([]string, error) {
	word := regexp.MustCompile(`[\p{L}]{3,}`)
	seen := map[string]bool{}
	err := filepath.WalkDir(filepath.Join(root, "content", "sr"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		_, body, _, _ := content.FrontMatter(string(src))
		for _, w := range word.FindAllString(translit.ToCyrillic(body), -1) {
			if !strings.ContainsAny(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				seen[strings.ToLower(w)] = true
			}
		}
		return nil
	})
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words) // a fixed order, so a seed gives the same site
	if err == nil && len(words) < 100 {
		err = fmt.Errorf("only %d words in %s/content/sr", len(words), root)
	}
	return words, err
}

// generate writes a synthetic site of n news items into dir: the real site's
// configuration, theme, data and pages, plus n articles made of its
// vocabulary, half written in Cyrillic and half in Latin, a few with Latin
// paragraphs inside Cyrillic ones, as editors write.
func generate(root, dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// netlify.toml holds the security policy every page carries.
	for _, name := range []string{"hugo.toml", "netlify.toml"} {
		config, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, name), config, 0o644); err != nil {
			return err
		}
	}
	for _, name := range []string{"content", "data", "i18n", "themes", "static", "archetypes"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(root, name))); err != nil {
			return fmt.Errorf("copying %s: %w", name, err)
		}
	}
	words, err := vocabulary(root)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	sentence := func(min, max int) string {
		k := min + rng.IntN(max-min+1)
		parts := make([]string, k)
		for i := range parts {
			parts[i] = words[rng.IntN(len(words))]
		}
		s := strings.Join(parts, " ")
		return strings.ToUpper(s[:2]) + s[2:] + "."
	}
	tags := []string{"obuka", "lokalni-timovi", "nacionalni-izvestilac"}
	vesti := filepath.Join(dir, "content", "sr", "vesti")
	for i := range n {
		var b strings.Builder
		title := strings.TrimSuffix(sentence(4, 9), ".")
		fmt.Fprintf(&b, "---\ntitle: %q\ndescription: %q\ndate: 2024-%02d-%02d\noznake: [%s]\ngradovi: [kragujevac]\n---\n",
			title, sentence(8, 14), 1+i%12, 1+i%28, tags[i%len(tags)])
		for p := 0; p < 3+rng.IntN(4); p++ {
			var para []string
			for s := 0; s < 3+rng.IntN(4); s++ {
				para = append(para, sentence(6, 16))
			}
			text := strings.Join(para, " ")
			if i%7 == 3 && p == 1 {
				text = translit.ToLatin(text) // a Latin paragraph in a Cyrillic article
			}
			b.WriteString(text + "\n\n")
		}
		fmt.Fprintf(&b, "Видети и [претходну вест](/vesti/vest-%05d/) и [помоћ](/pomoc/).\n", max(i-1, 0))
		text := b.String()
		if i%2 == 1 {
			text = translit.ToLatin(text)
		}
		if err := os.WriteFile(filepath.Join(vesti, fmt.Sprintf("vest-%05d.md", i)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
