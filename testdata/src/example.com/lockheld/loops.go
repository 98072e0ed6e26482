package lockheld

import (
	"sync"
	"time"
)

// Paired loops: every element's lock taken in one loop and let go of in a
// second loop over the same slice. Both run as often as the slice is
// long, so after the second the locks are released.
type account struct {
	c *accClient
}

type accClient struct{ mu sync.Mutex }

func lockAll(accs []*account, finish *sync.WaitGroup) {
	for _, acc := range accs {
		acc.c.mu.Lock()
	}
	time.Sleep(time.Second) // want `time.Sleep may block \[sleep\] while acc.c.mu \(locked at loops.go:\d+\) is held$`
	for _, acc := range accs {
		acc.c.mu.Unlock()
	}
	finish.Wait()
}

// The second loop over another slice may run fewer times.
func lockOthers(accs, others []*account, finish *sync.WaitGroup) {
	for _, acc := range accs {
		acc.c.mu.Lock()
	}
	for _, acc := range others {
		acc.c.mu.Unlock()
	}
	finish.Wait() // want `finish.Wait may block \[sync\] while acc.c.mu \(locked at loops.go:\d+\) is held`
}

// The slice changed between the loops.
func lockShrunk(accs []*account, finish *sync.WaitGroup) {
	for _, acc := range accs {
		acc.c.mu.Lock()
	}
	accs = accs[:0]
	for _, acc := range accs {
		acc.c.mu.Unlock()
	}
	finish.Wait() // want `finish.Wait may block \[sync\] while acc.c.mu \(locked at loops.go:\d+\) is held`
}

// An iteration that skips the unlock.
func lockSkipped(accs []*account, finish *sync.WaitGroup) {
	for _, acc := range accs {
		acc.c.mu.Lock()
	}
	for _, acc := range accs {
		if acc.c == nil {
			continue
		}
		acc.c.mu.Unlock()
	}
	finish.Wait() // want `finish.Wait may block \[sync\] while acc.c.mu \(locked at loops.go:\d+\) is held`
}

// The slice built before, in the literal that declares it; the loops in
// a literal inside it (nats-server's jwt_test.go, in a t.Run).
func lockInLiteral(n int) {
	run := func() {
		var accs []*account
		for i := 0; i < n; i++ {
			accs = append(accs, &account{c: &accClient{}})
		}
		test := func() {
			var finish sync.WaitGroup
			for _, acc := range accs {
				acc.c.mu.Lock()
			}
			for _, acc := range accs {
				acc.c.mu.Unlock()
			}
			finish.Wait()
		}
		test()
	}
	run()
}

// A literal that may change the slice, called between the loops.
func lockChanged(n int) {
	var accs []*account
	shrink := func() { accs = nil }
	var finish sync.WaitGroup
	for _, acc := range accs {
		acc.c.mu.Lock()
	}
	shrink()
	for _, acc := range accs {
		acc.c.mu.Unlock()
	}
	finish.Wait() // want `finish.Wait may block \[sync\] while acc.c.mu \(locked at loops.go:\d+\) is held`
}
