// Package gnetmismatch implements a gnet whose API does not match the
// profile.
package gnetmismatch

import (
	"time"

	"github.com/panjf2000/gnet/v2"
)

type handler struct{}

// OnData is the renamed callback: the profile does not know it.
func (handler) OnData(c gnet.Conn) { time.Sleep(1) } // want OnData:`blocks\[sleep\]: time.Sleep`

// OnOpen still matches and is still a root.
func (handler) OnOpen(c gnet.Conn) {
	time.Sleep(1) // want `handler.OnOpen must not block: time.Sleep may block \[sleep\]`
}

var _ gnet.EventHandler = handler{}
