// Package leaf is the bench module's own package for the net/... corpus: the
// file the harness edits to measure an incremental go vet run (the standard
// library itself cannot be edited). It uses net/http and net/rpc the way a
// server does, with a root that must not block.
package leaf

import (
	"net"
	"net/http"
	"net/rpc"
	"time"
)

// Loop is an event loop whose callbacks must not block.
type Loop interface {
	// OnTraffic handles one read from c.
	//
	//blockcheck:nonblocking
	OnTraffic(c net.Conn) error
}

// Proxy forwards traffic to an upstream service.
type Proxy struct {
	Upstream string
	Client   *http.Client
	RPC      *rpc.Client
	events   chan string
}

// OnTraffic implements Loop.
func (p *Proxy) OnTraffic(c net.Conn) error {
	select {
	case p.events <- c.RemoteAddr().String():
	default:
	}
	go p.forward(c)
	return nil
}

func (p *Proxy) forward(c net.Conn) {
	resp, err := p.Client.Get(p.Upstream)
	if err != nil {
		time.Sleep(time.Second)
		return
	}
	defer resp.Body.Close()
	var reply string
	_ = p.RPC.Call("Audit.Record", c.RemoteAddr().String(), &reply)
}

// Health reports whether the upstream answers.
func (p *Proxy) Health() bool {
	conn, err := net.DialTimeout("tcp", p.Upstream, time.Second)
	if err != nil {
		return false
	}
	return conn.Close() == nil
}
