// Package reasons checks that every category a call blocks in is
// reported, each with its own chain, the first in report order naming the
// finding.
package reasons

import (
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

type handler struct {
	mu   sync.Mutex
	conn net.Conn
}

func load() ([]byte, error) { return os.ReadFile("config") }

func fetch() (*http.Response, error) { return http.Get("http://example.com") }

// Both reads a file and makes a request: it blocks in file and in net.
func Both() { // want Both:`blocks\[net\]: reasons.fetch → http.Get; blocks\[file\]: reasons.load → os.ReadFile`
	load()
	fetch()
}

// Retry sleeps between attempts and calls op: sleep, and whatever op does.
func Retry(op func() error) { // want Retry:`calls\(arg0\)` Retry:`blocks\[sleep\]: time.Sleep`
	for op() != nil {
		time.Sleep(time.Millisecond)
	}
}

func (h *handler) send(b []byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.conn.Write(b) // want `h.conn.Write may block \[net\] while h.mu`
}

//blockcheck:nonblocking
func (h *handler) OnData(b []byte) {
	Both() // want `OnData must not block: Both may block \[net, file\]: Both → fetch → http.Get`
	Retry(func() error { _, err := fetch(); return err }) // want `Retry may block \[net, sleep\]: Retry → \(\*handler\).OnData.func1 → fetch → http.Get`
	h.send(b) // want `h.send may block \[net\]: \(\*handler\).send → net.Conn.Write`
}
