// Package configured is analyzed with a configuration that declares sinks,
// trusted functions, roots and an excluded package.
package configured

import (
	"os"
	"time"

	"example.com/upstream"
)

// Client talks to a database through a driver blockcheck cannot see.
type Client struct{}

// Query is declared blocking by the configuration (sinks).
func (*Client) Query(q string) {} // want Query:`blocks\[sql\]: configured.\(\*Client\).Query`

// Pool hands work to workers.
type Pool struct{ ch chan func() }

// Submit waits for a free worker, but the configuration trusts it.
func (p *Pool) Submit(f func()) { p.ch <- f }

// Handler is implemented by plugins; the configuration makes its Serve
// implementations roots.
type Handler interface{ Serve() }

type plugin struct{}

func (plugin) Serve() {
	time.Sleep(1) // want `plugin.Serve must not block: time.Sleep may block \[sleep\]`
}

// HandleLogin is a root by pattern.
func HandleLogin(c *Client, p *Pool) {
	c.Query("select")    // want `HandleLogin must not block: c.Query may block \[sql\]`
	p.Submit(func() {})  // trusted
	upstream.Persist(nil) // want `upstream.Persist may block \[file\]`
	os.Getenv("X")
}

// Run is not a root.
func Run(c *Client) { c.Query("x") } // want Run:`blocks\[sql\]: configured.\(\*Client\).Query`
