// Package metrics is clean: its root never blocks.
package metrics

import "sync/atomic"

// Counter counts events and publishes them without blocking.
type Counter struct {
	n   atomic.Int64
	out chan int64
}

// NewCounter returns a counter publishing to out.
func NewCounter(out chan int64) *Counter { return &Counter{out: out} }

// Inc counts one event and publishes the total if a reader is waiting.
//
//blockcheck:nonblocking
func (c *Counter) Inc() {
	v := c.n.Add(1)
	select {
	case c.out <- v:
	default:
	}
}
