// Package handlers has an nbio handler registered by another package. // want package:`fieldcalls\(github.com/lesismal/nbio.Engine.onClose by nbio.\(\*Engine\).Stop.func1 \(registered as nbio.\*Engine.Async\)\)`
package handlers

import (
	"time"

	"github.com/lesismal/nbio"
)

// Drain waits for a connection's backlog to clear.
func Drain(c *nbio.Conn) { time.Sleep(time.Millisecond) } // want Drain:`blocks\[sleep\]: time.Sleep`
