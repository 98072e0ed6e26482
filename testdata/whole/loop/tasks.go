package loop

import "example.com/whole/pool"

// Tasks hands work to a pool it knows only as an interface; the program
// gives it one made by a generic constructor.
type Tasks struct {
	pool pool.Pool[string]
}

// NewTasks returns tasks on p.
func NewTasks(p pool.Pool[string]) *Tasks { return &Tasks{pool: p} }

// Submit hands a task over, on the loop.
//
//blockcheck:nonblocking
func (t *Tasks) Submit(task func()) {
	t.pool.Push("k", task)
}
