package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The committed lists must be exactly what the dictionaries give.
func TestListsMatchDictionaries(t *testing.T) {
	requireDictionaries(t, "the word lists are not checked")
	lists, err := generate(debian)
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range lists {
		want, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("internal/translit/%s is stale: go run ./internal/translit/genlexicon -out internal/translit", name)
		}
		if n := bytes.Count(want, []byte("\n")); n < 100 {
			t.Errorf("%s has only %d lines", name, n)
		}
	}
}

func TestTransliterable(t *testing.T) {
	for w, want := range map[string]bool{
		"chat": true, "Chrome": true, "O'Brien": true, "update": true,
		"a": false, "NATO": false, "window": false, "jack": false, "iPhone": false, "café": false,
	} {
		if got := transliterable(w); got != want {
			t.Errorf("transliterable(%q) = %v, want %v", w, got, want)
		}
	}
}

// requireDictionaries fails the test in CI, and skips it elsewhere, unless
// Debian's dictionaries are installed.
func requireDictionaries(t *testing.T, unchecked string) {
	t.Helper()
	for _, f := range []string{debian.serbian.dic, debian.serbianLatin.dic, debian.english.dic, debian.wordList} {
		if _, err := os.Stat(f); err != nil {
			const msg = "Debian's hunspell-sr, hunspell-en-us and wamerican must be installed (apt-get install hunspell-sr hunspell-en-us wamerican)"
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing: %s", f, msg)
			}
			t.Skipf("SKIPPED: %s is missing; %s. %s", f, unchecked, msg)
		}
	}
}
