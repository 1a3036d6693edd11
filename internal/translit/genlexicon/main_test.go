package main

import (
	"bytes"
	"os"
	"testing"
)

// The committed lexicon must be exactly what the dictionary gives.
func TestLexiconMatchesDictionary(t *testing.T) {
	const dic, aff = "/usr/share/hunspell/sr_RS.dic", "/usr/share/hunspell/sr_RS.aff"
	if _, err := os.Stat(dic); err != nil {
		t.Skip("SKIPPED: Debian's hunspell-sr is not installed (apt-get install hunspell-sr); the lexicon is not checked")
	}
	var got bytes.Buffer
	if err := run(&got, dic, aff); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../lexicon.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatal("internal/translit/lexicon.txt is stale: go run ./internal/translit/genlexicon > internal/translit/lexicon.txt")
	}
	if bytes.Count(want, []byte("\n")) < 1000 {
		t.Fatalf("the lexicon has only %d lines", bytes.Count(want, []byte("\n")))
	}
}
