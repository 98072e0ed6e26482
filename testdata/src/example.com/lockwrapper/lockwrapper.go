// Package lockwrapper takes and releases locks only through another
// package's helpers: no body here calls Lock or Unlock itself, and its own
// helpers are summarized all the same.
package lockwrapper

import (
	"time"

	"example.com/lockhelpers"
)

// Hold returns with the store's lock held, through the imported helper.
func Hold(s *lockhelpers.Store) { s.Lock() } // want Hold:`locks\(acquires \$1.mu; releases \)`

// Release lets it go, through the imported helper.
func Release(s *lockhelpers.Store) { s.Unlock() } // want Release:`locks\(acquires ; releases \$1.mu\)`

func wrapped(s *lockhelpers.Store) {
	Hold(s)
	time.Sleep(1) // want `time.Sleep may block \[sleep\] while s.mu`
	Release(s)
	time.Sleep(2)
}
