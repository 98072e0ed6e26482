// Package wrapped checks callbacks called through wrapping closures and
// functions returned by functions: a retry helper that wraps its argument
// in a new closure and hands it to a loop, a wrapper that returns a closure
// calling its argument, and iterators.
package wrapped

import (
	"iter"
	"os"
	"time"
)

// loop calls its argument until it succeeds, sleeping between attempts.
func loop(attempt func() bool) {
	for !attempt() {
		time.Sleep(time.Millisecond)
	}
}

// Retry wraps op in a closure and hands the closure to loop: op is called
// synchronously.
func Retry(op func() error) { // want Retry:`calls\(arg0\)` Retry:`blocks\[sleep\]: wrapped.loop → time.Sleep`
	loop(func() bool { return op() == nil })
}

// Twice wraps twice: a closure in a closure.
func Twice(op func()) { // want Twice:`calls\(arg0\)`
	run := func() {
		inner := func() { op() }
		inner()
	}
	run()
}

// Later starts the wrapping closure on another goroutine: op is not called
// synchronously.
func Later(op func()) {
	go func() { op() }()
}

// Stored keeps the wrapping closure for later: not a synchronous call.
var pending []func()

func Stored(op func()) {
	pending = append(pending, func() { op() })
}

// Wrap returns a closure that calls h.
func Wrap(h func()) func() { // want Wrap:`returns\(calls arg0\)`
	return func() {
		h()
	}
}

// Pass returns its argument.
func Pass(h func()) func() { return h } // want Pass:`returns\(calls arg0\)`

// WrapAgain returns what Wrap returns.
func WrapAgain(h func()) func() { return Wrap(h) } // want WrapAgain:`returns\(calls arg0\)`

// Lines is an iterator that reads a file when it is ranged over.
func Lines(path string) iter.Seq[string] { // want Lines:`returns\(blocks\[file\]: wrapped.Lines.func1 → os.ReadFile\)`
	return func(yield func(string) bool) {
		data, _ := os.ReadFile(path)
		yield(string(data))
	}
}

// Slow is an iterator function ranged over by name.
func Slow(yield func(int) bool) { // want Slow:`blocks\[sleep\]: time.Sleep` Slow:`calls\(arg0\)`
	for i := 0; ; i++ {
		time.Sleep(time.Millisecond)
		if !yield(i) {
			return
		}
	}
}
