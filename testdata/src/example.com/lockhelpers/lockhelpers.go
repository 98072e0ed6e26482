// Package lockhelpers has lock helpers that other packages call: their
// summaries travel as facts.
package lockhelpers

import (
	"errors"
	"sync"
	"time"
)

// Store guards its state with a mutex and lets callers lock it.
type Store struct {
	mu sync.Mutex
	n  int
}

// Lock takes the store's lock and returns with it held.
func (s *Store) Lock() { s.mu.Lock() } // want Lock:`locks\(acquires \$r.mu; releases \)`

// Unlock releases it.
func (s *Store) Unlock() { s.mu.Unlock() } // want Unlock:`locks\(acquires ; releases \$r.mu\)`

// Inc takes and releases the lock: no summary.
func (s *Store) Inc() {
	s.mu.Lock()
	s.n++
	s.mu.Unlock()
}

// LockBoth locks its argument's mutex.
func LockBoth(a *Store) { a.mu.Lock() } // want LockBoth:`locks\(acquires \$1.mu; releases \)`

// Get forgets to unlock before its early return: it may return holding
// s.mu.
func (s *Store) Get(k int) (int, bool) { // want Get:`locks\(acquires ; releases ; may acquire \$r.mu\)`
	s.mu.Lock()
	if k < 0 {
		return 0, false
	}
	v := s.n
	s.mu.Unlock()
	return v, true
}

// Maybe locks and unlocks on correlated branches: no return leaves the lock
// held on every path to it, so it is no lock helper.
func (s *Store) Maybe(x bool) {
	if x {
		s.mu.Lock()
	}
	s.n++
	if x {
		s.mu.Unlock()
	}
}

// Apply unlocks on its error path through a local closure: the call of the
// closure is the unlock it does, and Apply leaves nothing held.
func (s *Store) Apply(bad bool) error {
	s.mu.Lock()
	unlock := func() { s.mu.Unlock() }
	if bad {
		unlock()
		return errBad
	}
	s.mu.Unlock()
	return nil
}

var errBad = errors.New("bad")

// Settle is called with s.mu held: it lets go of it around each sleep and
// takes it back, in a loop that returns from its body.
func (s *Store) Settle() bool { // want Settle:`blocks\[sleep\]: time.Sleep` Settle:`locks\(acquires ; releases ; drops \$r.mu\)`
	for i := 0; i < 10; i++ {
		s.mu.Unlock()
		time.Sleep(time.Millisecond)
		s.mu.Lock()
		if s.n == 0 {
			return true
		}
	}
	return false
}
