// Command chatserver is a small chat server on an event loop. Its handler
// has the mistakes blockcheck exists to catch: each looks harmless where it
// is written, and blocks two or three calls further down.
//
//	go run ./cmd/blockcheck ./examples/...
package main

import (
	"bytes"
	"log"
	"net"
	"time"

	"github.com/blockcheck/blockcheck/examples/chatserver/auth"
	"github.com/blockcheck/blockcheck/examples/chatserver/history"
	"github.com/blockcheck/blockcheck/examples/chatserver/loop"
)

type server struct {
	history *history.Log
	auth    *auth.Client
	stats   chan int
	rooms   map[string][]*loop.Conn
}

// OnTraffic implements loop.Handler: it runs on the loop goroutine.
func (s *server) OnTraffic(c *loop.Conn, line []byte) {
	cmd, arg, _ := bytes.Cut(line, []byte(" "))
	switch string(cmd) {
	case "login":
		// The token check hides an HTTP round trip on a cache miss.
		if !s.auth.Valid(string(arg)) {
			c.AsyncWrite([]byte("denied\n"))
		}
	case "say":
		s.record(c, arg)
		s.broadcast(arg)
	case "slow":
		backoff(1) // "just a little back-off"
	}
	// Counting is fine when it cannot block...
	select {
	case s.stats <- 1:
	default:
	}
	// ...and a stall when it can.
	s.count(len(line))
	// Work handed to another goroutine does not block the loop.
	go s.history.Append(c.ID, []byte("seen"))
}

// record writes the message to the history file: two calls down, a mutex
// and a file write.
func (s *server) record(c *loop.Conn, msg []byte) {
	if err := s.history.Append(c.ID, msg); err != nil {
		log.Print(err)
	}
}

// count hands a number to the stats goroutine, waiting until it takes it.
func (s *server) count(n int) { s.stats <- n }

// backoff waits a little longer at each attempt.
func backoff(attempt int) { time.Sleep(time.Duration(attempt) * 10 * time.Millisecond) }

func (s *server) broadcast(msg []byte) {
	for _, peer := range s.rooms["lobby"] {
		peer.AsyncWrite(msg)
	}
}

func main() {
	l, err := net.Listen("tcp", "127.0.0.1:7000")
	if err != nil {
		log.Fatal(err)
	}
	s := &server{
		history: history.New("chat.log"),
		auth:    &auth.Client{Endpoint: "http://127.0.0.1:7001/check"},
		stats:   make(chan int),
		rooms:   make(map[string][]*loop.Conn),
	}
	go func() {
		for range s.stats {
		}
	}()
	log.Fatal(loop.Serve(l, s))
}
