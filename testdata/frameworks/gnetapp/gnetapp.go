// Package gnetapp is a gnet v2 server with no blockcheck annotation: the
// gnet profile makes its loop callbacks roots.
package gnetapp

import (
	"time"

	"github.com/panjf2000/gnet/v2"
	"github.com/panjf2000/gnet/v2/pkg/pool/goroutine"
	"golang.org/x/sync/errgroup"

	"example.com/frameworks/store"
)

type server struct {
	gnet.BuiltinEventEngine
	pool *goroutine.Pool
}

// OnTraffic saves the session on the loop: three calls deep, a file write.
func (s *server) OnTraffic(c gnet.Conn) gnet.Action {
	buf, _ := c.Next(-1)
	s.handle(buf) // want `\(\*server\).OnTraffic must not block: s.handle may block \[file\]: \(\*server\).handle → store.Save → store.persist → store.writeFile → os.WriteFile`
	return gnet.None
}

func (s *server) handle(buf []byte) { store.Save("id", buf) }

// OnTick runs on a ticker goroutine of its own: not a root.
func (s *server) OnTick() (time.Duration, gnet.Action) { // want OnTick:`blocks\[file\]: gnetapp.\(\*server\).handle → store.Save`
	s.handle(nil)
	return time.Second, gnet.None
}

// OnBoot runs before the loops start: not a root.
func (s *server) OnBoot(eng gnet.Engine) gnet.Action { // want OnBoot:`blocks\[sleep\]: time.Sleep`
	time.Sleep(time.Millisecond)
	return gnet.None
}

type offloading struct {
	gnet.BuiltinEventEngine
	pool *goroutine.Pool
}

// The same work submitted to a pool, and the reply written with
// AsyncWrite, does not block the loop.
func (s *offloading) OnTraffic(c gnet.Conn) gnet.Action {
	buf, _ := c.Next(-1)
	_ = s.pool.Submit(func() {
		store.Save("id", buf)
		_ = c.AsyncWrite([]byte("ok"), nil)
	})
	var g errgroup.Group
	g.Go(func() error { return store.Save("id", buf) })
	go store.Save("id", buf)
	return gnet.None
}

// OnOpen is a root too.
func (s *offloading) OnOpen(c gnet.Conn) ([]byte, gnet.Action) {
	time.Sleep(time.Millisecond) // want `\(\*offloading\).OnOpen must not block: time.Sleep may block \[sleep\]`
	return nil, gnet.None
}

// Run starts the servers.
func Run() error { // want Run:`blocks\[net\]: gnet.Run → gnet.createListeners`
	return gnet.Run(&server{pool: goroutine.Default()}, "tcp://:9000")
}
