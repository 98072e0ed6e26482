// Package server implements loop.Handler without any annotation of its
// own: the contract comes from package loop as a fact.
//
// The comments in capitals mark lines the integration test looks for.
package server

import (
	"time"

	"example.com/integration/journal"
	"example.com/integration/loop"
	"example.com/integration/metrics"
)

// Server is an event-loop handler.
type Server struct {
	journal *journal.Journal
	stats   *metrics.Counter
	replies chan []byte
	acks    chan int
}

// New returns a server.
func New() *Server {
	return &Server{
		journal: journal.New("events"),
		stats:   metrics.NewCounter(make(chan int64, 1)),
		replies: make(chan []byte, 16),
		acks:    make(chan int, 16),
	}
}

// OnBoot may block: it is not a root.
func (s *Server) OnBoot() error { return s.journal.Append([]byte("boot")) }

// OnTraffic implements loop.Handler: it runs on the loop goroutine.
func (s *Server) OnTraffic(ev loop.Event) error {
	s.stats.Inc()
	if err := s.journal.Append(ev.Data); err != nil { // FINDING append
		return err
	}
	go s.flush(ev.Conn) // NOT go: runs on its own goroutine
	select {            // NOT select: has a default
	case s.acks <- ev.Conn:
	default:
	}
	s.replies <- ev.Data // FINDING send
	return nil
}

// flush blocks, which is fine in its own goroutine.
func (s *Server) flush(conn int) {
	time.Sleep(time.Millisecond) // RELATED flush sleep
	_ = journal.Audit([]byte{byte(conn)}) // RELATED flush audit
}

// Tick runs on the loop's timer.
//
//blockcheck:nonblocking
func (s *Server) Tick(now time.Time) {
	//blockcheck:ignore the audit file is on tmpfs
	_ = journal.Audit([]byte(now.String())) // NOT ignored
	_ = journal.Audit(nil)                  // FINDING audit
	_ = s.journal.Len()
}

// Shutdown runs on the loop when it stops, and mistakenly flushes
// synchronously.
//
//blockcheck:nonblocking
func (s *Server) Shutdown() {
	s.flush(-1) // FINDING shutdown
}

// Serve runs the loop; it does not inherit the roots' blocking.
func Serve(in <-chan loop.Event) error { return loop.Run(New(), in) }
