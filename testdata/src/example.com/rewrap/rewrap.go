// Package rewrap wraps a callback in itself twice: following what the
// wrapped value calls goes from one assignment to the other and back, and
// must end (it once overflowed the stack).
package rewrap

import "time"

func wrap(f func()) func() { return func() { f() } }

// run calls h, wrapped twice.
func run(h func()) {
	h = wrap(h)
	h = wrap(h)
	h()
}

//blockcheck:nonblocking
func Serve() {
	run(func() { time.Sleep(time.Second) }) // want `Serve must not block: run may block \[sleep\]`
}
