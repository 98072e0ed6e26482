// Package handlerfunc checks methods of function types that call their
// receiver, or return a closure that does.
package handlerfunc

import "time"

// HandlerFunc adapts a function to a handler, as http.HandlerFunc does.
type HandlerFunc func()

// Serve calls the receiver.
func (f HandlerFunc) Serve() { f() } // want Serve:`calls\(recv\)`

// Wrapped returns a closure that calls the receiver.
func (f HandlerFunc) Wrapped() func() { return func() { f() } } // want Wrapped:`returns\(calls recv\)`

func slow() { time.Sleep(time.Second) }

//blockcheck:nonblocking
func Loop() {
	HandlerFunc(slow).Serve() // want `Loop must not block: HandlerFunc\(slow\).Serve may block \[sleep\]: HandlerFunc.Serve → slow → time.Sleep`
	h := HandlerFunc(slow)
	h.Wrapped()() // want `h.Wrapped\(\) may block \[sleep\]: slow → time.Sleep`
	HandlerFunc(func() {}).Serve()
}
