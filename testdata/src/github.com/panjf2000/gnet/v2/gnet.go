// Package gnet is a stand-in for a future gnet whose EventHandler renamed
// OnTraffic: the profile must skip the missing root, not crash or guess.
package gnet

// Conn is a connection.
type Conn interface{ Next(n int) ([]byte, error) }

// EventHandler has OnData where the profiled version has OnTraffic, and an
// OnOpen with the profiled name.
type EventHandler interface {
	OnData(c Conn)
	OnOpen(c Conn)
}
