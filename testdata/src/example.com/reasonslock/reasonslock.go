// Package reasonslock checks that enabling the lock category adds it to a
// finding without hiding the network write.
package reasonslock

import (
	"net"
	"sync"
)

type handler struct {
	mu   sync.Mutex
	conn net.Conn
}

func (h *handler) send(b []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.conn.Write(b) // want `h.conn.Write may block \[net\] while h.mu`
}

//blockcheck:nonblocking
func (h *handler) OnData(b []byte) {
	h.send(b) // want `h.send may block \[net, lock\]: \(\*handler\).send → net.Conn.Write`
}
