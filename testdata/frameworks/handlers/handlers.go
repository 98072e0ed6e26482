// Package handlers has an nbio handler registered by another package.
package handlers

import (
	"time"

	"github.com/lesismal/nbio"
)

// Drain waits for a connection's backlog to clear.
func Drain(c *nbio.Conn) { time.Sleep(time.Millisecond) } // want Drain:`blocks\[sleep\]: time.Sleep`
