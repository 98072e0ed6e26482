// Package nbioapp is an nbio server whose close callback and Async
// functions run on the engine's Async executor: one goroutine shared by
// every connection's close.
package nbioapp

import (
	"time"

	"github.com/lesismal/nbio"

	"example.com/ecosystem/store"
)

// New builds the engine and registers its callbacks.
func New() *nbio.Engine {
	engine := nbio.NewEngine(nbio.Config{Addrs: []string{":8888"}})
	engine.OnClose(func(c *nbio.Conn, err error) {
		store.Save("closed", nil) // want `New.func1 \(registered as nbio.\*Engine.OnClose\) must not block: store.Save may block \[file\].*; runs on nbio's Async executor \(shared serializer\)$`
	})
	engine.OnData(func(c *nbio.Conn, data []byte) {
		engine.Async(func() {
			pause() // want `New.func3 \(registered as nbio.\*Engine.Async\) must not block: pause may block \[sleep\]: pause → time.Sleep`
		})
		go store.Save("data", data) // a goroutine of its own: not reported
	})
	return engine
}

func pause() { time.Sleep(time.Millisecond) }
