// Package lockcgo checks the categories that are off by default.
package lockcgo

/*
static int answer(void) { return 42; }
*/
import "C"

import "sync"

type counter struct {
	mu sync.Mutex
	rw sync.RWMutex
	n  int
}

//blockcheck:nonblocking
func (c *counter) Inc() {
	c.mu.Lock() // want `\(\*counter\).Inc must not block: c.mu.Lock may block \[lock\]`
	c.n++
	c.mu.Unlock()
	c.rw.RLock() // want `c.rw.RLock may block \[lock\]`
	c.rw.RUnlock()
}

//blockcheck:nonblocking
func Answer() int {
	return int(C.answer()) // want `Answer must not block: C.answer may block \[cgo\]$`
}
