// Package callbacks checks callback summaries: functions that call their
// function arguments synchronously.
package callbacks

import (
	"os"
	"slices"
	"sync"
	"time"

	"example.com/upstream"
)

type service struct {
	once sync.Once
	mu   sync.Mutex
}

func (s *service) load() { os.ReadFile("config") }

// run calls its argument; each forwards to it.
func run(g func()) { g() }

// Each calls f for every item, through run.
func Each(items []int, f func()) { // want Each:`calls\(arg1\)`
	for range items {
		run(f)
	}
}

// Later hands f to another goroutine: no summary.
func Later(f func()) { go f() }

// After hands f to a timer.
func After(f func()) { time.AfterFunc(time.Second, f) }

//blockcheck:nonblocking
func (s *service) Handle(items []int) {
	s.once.Do(func() { time.Sleep(time.Second) }) // want `Handle must not block: s.once.Do may block \[sleep\]: sync.\(\*Once\).Do → \(\*service\).Handle.func1 → time.Sleep`
	s.once.Do(s.load)                             // want `s.once.Do may block \[file\]: sync.\(\*Once\).Do → \(\*service\).load → os.ReadFile`
	upstream.Retry(3, func() error {              // want `upstream.Retry may block \[file\]: upstream.Retry → \(\*service\).Handle.func2 → os.WriteFile`
		return os.WriteFile("x", nil, 0o600)
	})
	Each(items, func() { <-make(chan int) }) // want `Each may block \[chan\]: Each → \(\*service\).Handle.func3 → channel receive`
	slices.SortFunc(items, func(a, b int) int { return a - b })
	Later(func() { time.Sleep(time.Second) })
	After(func() { time.Sleep(time.Second) })
	go s.once.Do(s.load)
	f := func() { time.Sleep(1) }
	s.once.Do(f) // want `s.once.Do may block \[sleep\]: sync.\(\*Once\).Do → \(\*service\).Handle.func7 → time.Sleep`
	var check func() error
	upstream.Retry(3, check) // a function value from nowhere: not followed
}
