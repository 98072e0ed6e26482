package lockheld_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/blockcheck/blockcheck/internal/lockheld"
)

const retakeSrc = `package p

import (
	"sync"
	"time"
)

type raft struct {
	sync.RWMutex
	commit, applied uint64
	closed          bool
}

// The caller's lock is let go around each sleep and taken back; the loop
// returns from its body with it taken back.
func (n *raft) isCurrent(wait bool) bool {
	if n.commit == n.applied {
		return true
	} else if !wait {
		return false
	}
	if start := n.commit - n.applied; start > 0 {
		for i := 0; i < 10; i++ {
			n.Unlock()
			time.Sleep(time.Millisecond)
			n.Lock()
			if n.closed {
				return false
			}
			if n.commit-n.applied < start {
				return true
			}
		}
	}
	return false
}

func (n *raft) Current() bool {
	n.Lock()
	defer n.Unlock()
	return n.isCurrent(false)
}

func (n *raft) Healthy() bool {
	n.Lock()
	defer n.Unlock()
	return n.isCurrent(true)
}

// The same without the loop.
func (n *raft) once() bool {
	n.Unlock()
	time.Sleep(time.Millisecond)
	n.Lock()
	return n.closed
}

func (n *raft) Once() bool {
	n.Lock()
	defer n.Unlock()
	return n.once()
}

// Sleeping with the lock taken back, in the loop: the sleep is under the
// lock.
func (n *raft) retakeThenSleep() bool {
	for i := 0; i < 10; i++ {
		n.Unlock()
		n.Lock()
		if n.closed {
			return false
		}
		time.Sleep(time.Millisecond)
	}
	return true
}

// A loop that blocks with its own lock held.
func (n *raft) poll() bool {
	n.Lock()
	for i := 0; i < 10; i++ {
		if n.closed {
			n.Unlock()
			return false
		}
		time.Sleep(time.Millisecond)
	}
	n.Unlock()
	return true
}

// Locked on some iterations only, and released with them: its own lock,
// not the caller's.
func (n *raft) some(xs []bool, ch chan int) {
	for _, x := range xs {
		if x {
			n.Lock()
		}
		ch <- 1
		if x {
			n.Unlock()
		}
	}
}
`

func TestRetakeInLoop(t *testing.T) {
	p, s, sums := checkPackage(t, "lockretake", retakeSrc)
	assert.Equal(t, []string{
		"isCurrent: locks(acquires ; releases ; drops $r.RWMutex)",
		"once: locks(acquires ; releases ; drops $r.RWMutex)",
		"retakeThenSleep: locks(acquires ; releases ; drops $r.RWMutex)",
	}, summaryStrings(sums), "the loop lets go of the caller's lock and takes it back, as the straight line does")
	assert.Equal(t, []string{
		"73:3: time.Sleep may block [sleep] while n.RWMutex (locked at file0.go:69) is held",
		"86:3: time.Sleep may block [sleep] while n.RWMutex (locked at file0.go:80) is held",
		"99:6: channel send may block [chan] while n.RWMutex (locked at file0.go:97) is held",
	}, s.Messages(p), "Current and Healthy do not block with the lock held; sleeping with it taken back or held does")
}

// summaryStrings renders lock summaries for comparison.
func summaryStrings(sums []lockheld.Summary) []string {
	var out []string
	for _, s := range sums {
		out = append(out, s.Fn.Name()+": "+s.Locks.String())
	}
	return out
}
