// Package fieldsfw keeps handlers in struct fields, a package variable and // want package:`fieldcalls\(example.com/fieldsfw.Engine.onMsg by fieldsfw.\(\*Engine\).Loop, example.com/fieldsfw.fallback by fieldsfw.\(\*Engine\).Loop\)`
// a map, and calls them from roots.
package fieldsfw

import (
	"os"
	"sync"
	"time"
)

type Engine struct {
	onMsg    func([]byte)
	handlers []func()
	later    func()
	once     sync.Once
}

// OnMessage stores f: a setter.
func (e *Engine) OnMessage(f func([]byte)) { e.onMsg = f } // want OnMessage:`stores\(arg0 in example.com/fieldsfw.Engine.onMsg\)`

// Add appends h to the handlers.
func (e *Engine) Add(h func()) { e.handlers = append(e.handlers, h) }

var fallback func([]byte)

var routes = map[string]func([]byte){
	"save": save,
	"ping": ping,
}

func save(b []byte) { os.WriteFile("x", b, 0o600) }

func ping([]byte) {}

func tick() { time.Sleep(time.Millisecond) }

// New stores a handler of its own that sleeps.
func New() *Engine {
	e := &Engine{onMsg: func([]byte) { time.Sleep(1) }}
	e.Add(tick)
	e.later = tick
	return e
}

// Loop runs on the event loop.
//
//blockcheck:nonblocking
func (e *Engine) Loop(b []byte) {
	e.onMsg(b) // want `\(\*Engine\).Loop must not block: e.onMsg may block \[sleep\]: New.func1 → time.Sleep`
	for _, h := range e.handlers {
		h() // want `h may block \[sleep\]: tick → time.Sleep`
	}
	fallback(b)
	go e.later()
	for _, h := range e.handlers {
		e.once.Do(h) // want `e.once.Do may block \[sleep\]: sync.\(\*Once\).Do → tick → time.Sleep`
	}
}

// Dispatch runs a route on the loop.
//
//blockcheck:nonblocking
func Dispatch(k string, b []byte) {
	routes[k](b) // want `Dispatch must not block: routes\[k\] may block \[file\]: save → os.WriteFile`
}

// DispatchCopy takes the route out of the map first: the local copy holds
// what the map holds.
//
//blockcheck:nonblocking
func DispatchCopy(k string, b []byte) {
	if fn, ok := routes[k]; ok {
		fn(b) // want `DispatchCopy must not block: fn may block \[file\]: save → os.WriteFile`
	}
	fn := routes[k]
	fn(b) // want `DispatchCopy must not block: fn may block \[file\]: save → os.WriteFile`
}

// LoopCopy calls its handler through a local copy of the field.
//
//blockcheck:nonblocking
func (e *Engine) LoopCopy(b []byte) {
	h := e.onMsg
	h(b) // want `\(\*Engine\).LoopCopy must not block: h may block \[sleep\]: New.func1 → time.Sleep`
}
