package staff

import (
	"sync"
	"time"
)

// Failed sign-ins: after MaxFails within FailWindow, for one account or
// from one address, sign-ins are refused until the oldest of them is
// FailWindow old.
const (
	MaxFails   = 5
	FailWindow = 15 * time.Minute
)

// sweepAt is how many keys the limiter holds before it looks for old ones.
const sweepAt = 10000

// A Limiter counts failed sign-ins by key: an account, or an address.
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

// Wait is how long until keys may try again, 0 when they may now.
func (l *Limiter) Wait(keys ...string) time.Duration {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, k := range keys {
		recent := l.recent(k, now)
		if len(recent) >= MaxFails {
			wait = max(wait, recent[len(recent)-MaxFails].Add(FailWindow).Sub(now))
		}
	}
	return wait
}

// Fail counts a failed try of each of keys.
func (l *Limiter) Fail(keys ...string) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fails == nil {
		l.fails = map[string][]time.Time{}
	}
	if len(l.fails) >= sweepAt {
		// Many addresses failed: forget those whose window has passed,
		// so that the map does not grow with every address there is.
		for k := range l.fails {
			l.recent(k, now)
		}
	}
	for _, k := range keys {
		l.fails[k] = append(l.recent(k, now), now)
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
