// Package baddirective has a malformed directive: it is reported, and the
// analysis goes on.
package baddirective

import "time"

//blockcheck:blocking disk
func Wait() { time.Sleep(time.Second) }

// Poll must not block.
//
//blockcheck:nonblocking
func Poll() { Wait() }
