// Package lockorder checks that taking a lock while holding another is
// reported when the lock category is enabled.
package lockorder

import "sync"

type pair struct {
	a, b sync.Mutex
	rw   sync.RWMutex
}

func (p *pair) nested() {
	p.a.Lock()
	p.b.Lock() // want `p.b.Lock may block \[lock\] while p.a \(locked at lockorder.go:13\) is held`
	p.b.Unlock()
	p.rw.RLock() // want `p.rw.RLock may block \[lock\] while p.a`
	p.rw.RUnlock()
	p.a.Unlock()
}

func (p *pair) sequential() {
	p.a.Lock()
	p.a.Unlock()
	p.b.Lock()
	p.b.Unlock()
}
