// Package lockhelpers has lock helpers that other packages call: their
// summaries travel as facts.
package lockhelpers

import "sync"

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
