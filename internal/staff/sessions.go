package staff

import (
	"crypto/sha256"
	"sync"
	"time"
)

// Session lifetimes: a session ends after 30 minutes unused, and after 12
// hours whatever happens; a sign-in half done (the password, not yet the
// code) ends after 5 minutes.
const (
	IdleLife = 30 * time.Minute
	MaxLife  = 12 * time.Hour
	HalfLife = 5 * time.Minute
)

// A Session is one signed-in person, or one half signed in.
type Session struct {
	Email string
	// CSRF is the token every request that changes something must carry.
	CSRF string
	// Half: the password was right, the code is still to come.
	Half bool

	started, seen time.Time
}

// Sessions are the server's sessions, in memory: a restart signs everyone
// out. They are found by the SHA-256 of their ID, so looking one up tells
// nothing of the IDs it is not.
type Sessions struct {
	// Now is the clock, time.Now when nil.
	Now func() time.Time

	mu   sync.Mutex
	byID map[[32]byte]*Session
}

func (s *Sessions) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Start begins a session for email, half or whole, and returns its ID: 256
// random bits.
func (s *Sessions) Start(email string, half bool) (string, Session) {
	id := randomToken()
	now := s.now()
	sess := &Session{Email: email, CSRF: randomToken(), Half: half, started: now, seen: now}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byID == nil {
		s.byID = map[[32]byte]*Session{}
	}
	s.byID[sha256.Sum256([]byte(id))] = sess
	return id, *sess
}

// Find is the session of id while it lasts, and marks it used.
func (s *Sessions) Find(id string) (Session, bool) {
	key := sha256.Sum256([]byte(id))
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sess, ok := s.byID[key]
	if !ok {
		return Session{}, false
	}
	life, idle := MaxLife, IdleLife
	if sess.Half {
		life, idle = HalfLife, HalfLife
	}
	if now.Sub(sess.started) >= life || now.Sub(sess.seen) >= idle {
		delete(s.byID, key)
		return Session{}, false
	}
	sess.seen = now
	return *sess, true
}

// End ends the session of id.
func (s *Sessions) End(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byID, sha256.Sum256([]byte(id)))
}

// EndAll ends every session of email: the account was removed or reset.
func (s *Sessions) EndAll(email string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, sess := range s.byID {
		if sess.Email == email {
			delete(s.byID, k)
		}
	}
}
