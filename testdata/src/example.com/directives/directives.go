// Package directives checks each directive. // want package:`contracts\(Handler.OnData\)`
package directives

import (
	"net"
	"time"
)

// Handler's OnData must not block in any implementation, here or downstream.
type Handler interface {
	// OnData runs on the event loop.
	//
	//blockcheck:nonblocking
	OnData(b []byte)

	// OnTick may block: it is not a contract.
	OnTick()
}

// Store's Load is declared blocking for every caller through the interface.
type Store interface {
	//blockcheck:blocking sql
	Load(key string) string // want Load:`blocks\[sql\]: directives.Store.Load`

	Get(key string) string
}

type impl struct{ s Store }

func (h *impl) OnData(b []byte) {
	h.s.Load("k") // want `\(\*impl\).OnData must not block: h.s.Load may block \[sql\]: directives.Store.Load`
	h.s.Get("k")
}

func (h *impl) OnTick() { time.Sleep(1) } // want OnTick:`blocks\[sleep\]: time.Sleep`

// Value receivers implement the contract too.
type valueImpl struct{}

func (valueImpl) OnData(b []byte) {
	time.Sleep(1) // want `valueImpl.OnData must not block: time.Sleep may block \[sleep\]`
}

func (valueImpl) OnTick() {}

// A method named OnData that does not implement Handler is not a root.
type other struct{}

func (other) OnData(b []byte, extra int) { time.Sleep(1) } // want OnData:`blocks\[sleep\]: time.Sleep`

// Dial is declared blocking with a category: the body is not consulted.
//
//blockcheck:blocking net
func Dial() {} // want Dial:`blocks\[net\]: directives.Dial`

// Quick is a root; its callers do not inherit its blocking.
//
//blockcheck:nonblocking
func Quick(c net.Conn) {
	Dial()      // want `Quick must not block: Dial may block \[net\]$`
	c.Write(nil) //blockcheck:ignore logged once at startup; the buffer never fills
	//blockcheck:ignore the connection is local and drained by a dedicated goroutine
	c.Read(nil)
	c.Write(nil) // want `c.Write may block \[net\]`
}

func CallsQuick(c net.Conn) { Quick(c) }
