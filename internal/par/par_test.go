package par

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestDoCallsEachIndexOnceAndReturnsAnError(t *testing.T) {
	var seen [100]atomic.Int32
	boom := errors.New("boom")
	err := Do(len(seen), func(i int) error {
		seen[i].Add(1)
		if i == 42 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	for i := range seen {
		if n := seen[i].Load(); n != 1 {
			t.Errorf("index %d called %d times", i, n)
		}
	}
	if err := Do(0, func(int) error { return boom }); err != nil {
		t.Errorf("no work: %v", err)
	}
}
