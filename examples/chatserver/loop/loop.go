// Package loop is a toy event loop in the style of gnet and evio: one
// goroutine reads every connection and calls the handler for each message.
// A handler that blocks stalls every connection on the loop, so the
// interface says, once, that OnTraffic must not block.
package loop

import (
	"bufio"
	"net"
)

// Conn is a connection as the handler sees it.
type Conn struct {
	ID  int
	out chan<- []byte
}

// AsyncWrite queues b for the connection's writer goroutine. It never
// blocks: when the queue is full the message is dropped.
func (c *Conn) AsyncWrite(b []byte) bool {
	select {
	case c.out <- b:
		return true
	default:
		return false
	}
}

// Handler is implemented by applications.
type Handler interface {
	// OnTraffic is called on the loop goroutine for every line received.
	//
	//blockcheck:nonblocking
	OnTraffic(c *Conn, line []byte)
}

type event struct {
	conn *Conn
	line []byte
}

// Serve accepts connections on l and runs h on a single loop goroutine.
func Serve(l net.Listener, h Handler) error {
	events := make(chan event, 1024)
	go func() {
		for ev := range events {
			h.OnTraffic(ev.conn, ev.line)
		}
	}()
	for id := 0; ; id++ {
		nc, err := l.Accept()
		if err != nil {
			return err
		}
		out := make(chan []byte, 64)
		c := &Conn{ID: id, out: out}
		go func() {
			for b := range out {
				nc.Write(b)
			}
		}()
		go func() {
			s := bufio.NewScanner(nc)
			for s.Scan() {
				events <- event{c, append([]byte(nil), s.Bytes()...)}
			}
		}()
	}
}
