// Package nbioapp is an nbio server: its callbacks are registered on the
// engine.
package nbioapp

import (
	"time"

	"github.com/lesismal/nbio"
	ntls "github.com/lesismal/nbio/extension/tls"

	"example.com/frameworks/handlers"
	"example.com/frameworks/store"
)

// Serve registers the callbacks.
func Serve() error { // want Serve:`blocks\[net\]: nbio.\(\*Engine\).Start → net.ResolveUDPAddr`
	engine := nbio.NewEngine(nbio.Config{Addrs: []string{":8888"}})
	engine.OnData(func(c *nbio.Conn, data []byte) {
		// nbio's own writes and its TLS are non-blocking: not reported.
		c.Write(data)
		if tc, ok := c.Session().(*ntls.Conn); ok {
			tc.Append(data)
			tc.Read(make([]byte, 4096))
		}
		store.Save("id", data) // want `Serve.func1 \(registered as nbio.\*Engine.OnData\) must not block: store.Save may block \[file\]`
	})
	engine.OnClose(func(c *nbio.Conn, err error) {
		store.Save("closed", nil) // want `Serve.func2 \(registered as nbio.\*Engine.OnClose\) must not block: store.Save may block \[file\].*; runs on nbio's Async executor \(shared serializer\)$`
	})
	engine.OnOpen(onOpen)
	engine.OnRead(handlers.Drain) // want `handlers.Drain is registered as nbio.\*Engine.OnRead and must not block: it may block \[sleep\]: handlers.Drain → time.Sleep`
	return engine.Start()
}

func onOpen(c *nbio.Conn) {
	time.Sleep(time.Millisecond) // want `onOpen \(registered as nbio.\*Engine.OnOpen\) must not block: time.Sleep may block \[sleep\]`
}
