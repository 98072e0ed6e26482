// Package server is the module plugin's test case (plugin/golangci_test.go):
// golangci-lint with blockcheck must report what the standalone command
// reports, and both must leave out the line marked //nolint:blockcheck.
package server

import (
	"sync"
	"time"

	"example.com/golangci/store"
)

// Server handles records on an event loop.
type Server struct {
	mu      sync.Mutex
	count   int
	replies chan []byte
}

// Handle runs on the event loop.
//
//blockcheck:nonblocking
func (s *Server) Handle(key string, data []byte) error {
	if err := store.Save(key, data); err != nil { // cross-package: needs store's fact
		return err
	}
	s.remember(key)
	time.Sleep(time.Millisecond) // direct
	s.mu.Lock()                  // category lock: reported only with categories +lock
	s.count++
	s.mu.Unlock()
	s.replies <- data //nolint:blockcheck // silenced under golangci-lint and standalone
	return nil
}

// remember blocks through store as well: the finding in Handle has related
// information pointing here.
func (s *Server) remember(key string) {
	_ = store.Save("last", []byte(key))
}
