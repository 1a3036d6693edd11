package spill

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// What many goroutines put at once comes back whole, each at its own span.
func TestWhatIsPutComesBackFromManyWriters(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const n = 200
	spans := make([]Span, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			sp, err := s.Put(bytes.Repeat([]byte(fmt.Sprint(i, ";")), i))
			if err != nil {
				t.Error(err)
			}
			spans[i] = sp
		})
	}
	wg.Wait()
	for i, sp := range spans {
		got, err := s.Get(sp)
		if err != nil {
			t.Fatal(err)
		}
		if want := bytes.Repeat([]byte(fmt.Sprint(i, ";")), i); !bytes.Equal(got, want) {
			t.Fatalf("put %d: got %q back", i, got)
		}
	}
}

// The file is not left in the temporary folder, even by a program that
// never closes it.
func TestTheFileLeavesNoNameBehind(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put([]byte("Помоћ")); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(tmp, "*"))
	if len(left) > 0 {
		t.Fatalf("the temporary folder holds %v", left)
	}
}
