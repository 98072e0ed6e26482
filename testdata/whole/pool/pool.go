// Package pool is a generic task pool, handed out as an interface.
package pool

// A Pool runs tasks.
type Pool[K comparable] interface {
	Push(key K, task func())
}

// Dyn hands each task to a worker, waiting for one to take it.
type Dyn[K comparable] struct {
	tasks chan func()
}

// Push waits for a worker.
func (p *Dyn[K]) Push(key K, task func()) { p.tasks <- task }

// NewDyn returns a pool whose workers take tasks one at a time.
func NewDyn[K comparable]() Pool[K] {
	p := new(Dyn[K])
	p.tasks = make(chan func())
	return p
}
