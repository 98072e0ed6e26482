// Package fieldapp declares its own registration field by directive. // want package:`contracts\(; fields Hooks.OnRequest\)`
package fieldapp

import "time"

// Hooks are called on the request path.
type Hooks struct {
	// OnRequest runs for every request, on the loop.
	//
	//blockcheck:nonblocking
	OnRequest func(path string)

	// OnStart may block.
	OnStart func()
}

// Install registers hooks.
func Install() Hooks {
	return Hooks{
		OnRequest: func(path string) {
			time.Sleep(time.Millisecond) // want `Install.func1 \(registered as fieldapp.Hooks.OnRequest\) must not block: time.Sleep may block \[sleep\]`
		},
		OnStart: func() { time.Sleep(time.Second) },
	}
}
