// Package future returns an interface whose only implementation waits:
// New always returns a *future.
package future

import "time"

type Future interface {
	Result() int
	Done() bool
}

type future struct{ c chan int }

func (f *future) Result() int { return <-f.c } // want Result:`blocks\[chan\]: channel receive`

func (f *future) Done() bool { return len(f.c) > 0 }

// New always returns a *future.
func New() Future { // want New:`returns\(method Result blocks\[chan\]: future.\(\*future\).Result → channel receive\)`
	return &future{c: make(chan int)}
}

// Maybe returns either of two types: not one known concrete type.
func Maybe(quick bool) Future {
	if quick {
		return done{}
	}
	return &future{c: make(chan int)}
}

type done struct{}

func (done) Result() int { return 0 }
func (done) Done() bool  { return true }

type slowDone struct{}

func (slowDone) Result() int { time.Sleep(time.Second); return 0 } // want Result:`blocks\[sleep\]: time.Sleep`
func (slowDone) Done() bool  { return true }

//blockcheck:nonblocking
func Local() {
	var f Future = &future{c: make(chan int)}
	f.Result() // want `Local must not block: f.Result may block \[chan\]: \(\*future\).Result → channel receive`
	f.Done()
	g := Future(slowDone{})
	g.Result() // want `g.Result may block \[sleep\]: slowDone.Result → time.Sleep`
	New().Result() // want `New\(\).Result may block \[chan\]`
	Maybe(true).Result()
}
