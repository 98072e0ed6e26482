package lockheld_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

const closuresSrc = `package p

import (
	"errors"
	"os"
	"sync"
)

type S struct{ mu sync.Mutex }

// The error path unlocks through a local closure.
func (s *S) apply(bad bool) error {
	s.mu.Lock()
	unlock := func() { s.mu.Unlock() }
	if bad {
		unlock()
		return errors.New("bad")
	}
	s.mu.Unlock()
	return nil
}

func (s *S) caller(ch chan int) {
	if err := s.apply(true); err != nil {
		ch <- 1
	}
}

// Deferred, after a loop in the literal.
func (s *S) deferred(n int) error {
	s.mu.Lock()
	unlock := func() {
		for i := 0; i < n; i++ {
			_ = i
		}
		s.mu.Unlock()
	}
	defer unlock()
	if n > 0 {
		return errors.New("n")
	}
	return nil
}

func (s *S) deferredCaller(ch chan int) {
	s.deferred(1)
	ch <- 1
}

// Called where it is written, and through another closure.
func (s *S) inPlace(bad bool) error {
	s.mu.Lock()
	if bad {
		func() { s.mu.Unlock() }()
		return errors.New("bad")
	}
	unlock := func() { s.mu.Unlock() }
	fail := func() error {
		unlock()
		return errors.New("fail")
	}
	if s == nil {
		return fail()
	}
	s.mu.Unlock()
	return nil
}

// A closure that locks: the region starts at its call.
func (s *S) viaLock() {
	lock := func() { s.mu.Lock() }
	lock()
	os.Remove("a")
	s.mu.Unlock()
	os.Remove("b")
}

// Handed out: not followed.
func run(f func()) { f() }

func (s *S) passed() error {
	s.mu.Lock()
	unlock := func() { s.mu.Unlock() }
	if s == nil {
		unlock()
		run(unlock)
		return nil
	}
	s.mu.Unlock()
	return nil
}

// Set twice: not followed.
func (s *S) reassigned(bad bool) error {
	s.mu.Lock()
	unlock := func() { s.mu.Unlock() }
	if bad {
		unlock = func() {}
		unlock()
		return errors.New("bad")
	}
	s.mu.Unlock()
	return nil
}

// A literal's own local of the same name is not the enclosing function's.
func (s *S) shadowed(bad bool) error {
	s.mu.Lock()
	unlock := func() {
		s := new(S)
		s.mu.Unlock()
	}
	if bad {
		unlock()
		return errors.New("bad")
	}
	s.mu.Unlock()
	return nil
}
`

func TestClosureLockEffect(t *testing.T) {
	p, s, sums := checkPackage(t, "lockclosures", closuresSrc)
	assert.Equal(t, []string{
		"passed: locks(acquires ; releases ; may acquire $r.mu)",
		"reassigned: locks(acquires ; releases ; may acquire $r.mu)",
		"shadowed: locks(acquires ; releases ; may acquire $r.mu)",
	}, summaryStrings(sums), "apply and deferred release s.mu on every path, through the closure; the others are not followed")
	assert.Equal(t, []string{
		"73:2: os.Remove may block [file] while s.mu (locked at file0.go:72) is held",
	}, s.Messages(p), "the callers of apply and deferred do not hold s.mu")
}
