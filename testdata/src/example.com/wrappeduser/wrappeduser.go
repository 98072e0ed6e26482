// Package wrappeduser uses package wrapped from roots: the wrapped
// callbacks, returned closures and iterators are followed across packages.
package wrappeduser

import (
	"os"
	"sync"
	"time"

	"example.com/wrapped"
)

func save() error { return os.WriteFile("x", nil, 0o600) }

func sleep() { time.Sleep(time.Second) }

func quiet() {}

//blockcheck:nonblocking
func Handle() {
	wrapped.Retry(save) // want `Handle must not block: wrapped.Retry may block \[file, sleep\]: wrapped.Retry → save → os.WriteFile`
	wrapped.Twice(sleep) // want `wrapped.Twice may block \[sleep\]: wrapped.Twice → sleep → time.Sleep`
	wrapped.Twice(quiet)
	wrapped.Later(sleep)
	wrapped.Stored(sleep)
	wrapped.Wrap(sleep)() // want `wrapped.Wrap\(sleep\) may block \[sleep\]: sleep → time.Sleep`
	g := wrapped.WrapAgain(sleep)
	g() // want `g may block \[sleep\]: sleep → time.Sleep`
	p := wrapped.Pass(quiet)
	p()
	for range wrapped.Lines("f") { // want `range over wrapped.Lines\("f"\) may block \[file\]: wrapped.Lines → wrapped.Lines.func1 → os.ReadFile`
	}
	for range wrapped.Slow { // want `range over wrapped.Slow may block \[sleep\]: wrapped.Slow → time.Sleep`
		break
	}
	once := sync.OnceFunc(sleep)
	once() // want `once may block \[sleep\]: sleep → time.Sleep`
	value := sync.OnceValue(func() error { return save() })
	_ = value() // want `value may block \[file\]: Handle.func1 → save → os.WriteFile`
}

// local checks the same shapes inside one package.
func wrapLocal(h func()) func() { return func() { h() } }

func iterate(yield func(int) bool) {
	data, _ := os.ReadFile("f")
	yield(len(data))
}

//blockcheck:nonblocking
func Local() {
	wrapLocal(sleep)() // want `wrapLocal\(sleep\) may block \[sleep\]: sleep → time.Sleep`
	f := wrapLocal(quiet)
	f()
	for range iterate { // want `range over iterate may block \[file\]: iterate → os.ReadFile`
	}
	for x := range iterate { // want `range over iterate may block \[file\]`
		time.Sleep(time.Duration(x)) // want `Local must not block: time.Sleep may block \[sleep\]`
	}
}
