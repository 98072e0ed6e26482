package main

import "time"

// One handler, two engines: the poller runs it on its loop with
// connections that never block, the dialer off any loop with connections
// that may. The call graph merges what both pass to the handler's
// parameter; the walk from the poller's root knows its own argument.

type conn interface{ Source() []byte }

type polled struct{ buf []byte }

func (c *polled) Source() []byte { return c.buf }

type dialed struct{}

func (dialed) Source() []byte { time.Sleep(time.Millisecond); return nil }

type poller struct{ onConn func(conn) }

type dialer struct{ onConn func(conn) }

// poll runs the handler on the loop.
//
//blockcheck:nonblocking
func (p *poller) poll() { p.onConn(&polled{}) }

func (d *dialer) dial() { d.onConn(dialed{}) }

type client struct{}

func (*client) handle(c conn) { c.Source() }

func runEngines() {
	cl := &client{}
	p := &poller{onConn: cl.handle}
	d := &dialer{onConn: cl.handle}
	p.poll()
	d.dial()
}
