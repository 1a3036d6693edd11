package staff

import (
	"strings"
	"sync"
	"time"
)

// Failed sign-ins: after MaxFails within FailWindow for one account, or
// MaxAddressFails from one address, sign-ins are refused until the oldest
// of them is FailWindow old. An address gets more: the staff of an office
// share one, and one person's mistakes must not keep the others out.
const (
	MaxFails        = 5
	MaxAddressFails = 20
	FailWindow      = 15 * time.Minute
)

// limitOf is how many failures the key k may have: an account's, or an
// address's.
func limitOf(k string) int {
	if strings.HasPrefix(k, "account:") {
		return MaxFails
	}
	return MaxAddressFails
}

// sweepAt is how many keys the limiter holds before it looks for old ones.
const sweepAt = 10000

// A Limiter counts failed sign-ins by key: an account, or an address.
// A try is counted as it starts, and forgiven when it succeeds.
type Limiter struct {
	// Now is the clock, time.Now when nil.
	Now func() time.Time

	mu    sync.Mutex
	fails map[string][]time.Time
}

func (l *Limiter) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// Take counts a try of each of keys before it is made, and returns 0; or,
// when keys have failed too often of late, counts nothing and returns how
// long until they may try again. Counting first means tries sent at once
// cannot all pass before the first has failed.
func (l *Limiter) Take(keys ...string) time.Duration {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fails == nil {
		l.fails = map[string][]time.Time{}
	}
	if len(l.fails) >= sweepAt {
		// Many addresses tried: forget those whose window has passed, so
		// that the map does not grow with every address there is.
		for k := range l.fails {
			l.recent(k, now)
		}
	}
	var wait time.Duration
	for _, k := range keys {
		if recent, most := l.recent(k, now), limitOf(k); len(recent) >= most {
			wait = max(wait, recent[len(recent)-most].Add(FailWindow).Sub(now))
		}
	}
	if wait > 0 {
		return wait
	}
	for _, k := range keys {
		l.fails[k] = append(l.fails[k], now)
	}
	return 0
}

// Forgive takes back the newest try of each of keys: it succeeded.
func (l *Limiter) Forgive(keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		if list := l.fails[k]; len(list) > 0 {
			if l.fails[k] = list[:len(list)-1]; len(l.fails[k]) == 0 {
				delete(l.fails, k)
			}
		}
	}
}

// recent are k's failures within the window, dropping the older ones; the
// list never grows past what the window holds.
func (l *Limiter) recent(k string, now time.Time) []time.Time {
	list := l.fails[k]
	i := 0
	for i < len(list) && now.Sub(list[i]) >= FailWindow {
		i++
	}
	if i == len(list) {
		delete(l.fails, k)
		return nil
	}
	list = list[i:]
	l.fails[k] = list
	return list
}
