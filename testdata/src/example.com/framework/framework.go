// Package framework states once that handlers must not block. // want package:`contracts\(EventHandler.OnTraffic\)`
package framework

// EventHandler is implemented by applications.
type EventHandler interface {
	// OnTraffic runs on an event loop shared by many connections.
	//
	//blockcheck:nonblocking
	OnTraffic(data []byte) error

	// OnBoot runs once, before the loops start.
	OnBoot() error
}

// Run would drive the handlers.
func Run(h EventHandler) {}
