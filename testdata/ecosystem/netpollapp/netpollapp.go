// Package netpollapp is a netpoll server with no blockcheck annotation:
// the netpoll profile makes its prepare callback a root (it runs on the
// poller) and leaves its request handler alone (it runs on a pool).
package netpollapp

import (
	"context"

	"github.com/cloudwego/netpoll"

	"example.com/ecosystem/store"
)

func prepare(c netpoll.Connection) context.Context {
	store.Save("conn", nil) // want `prepare \(registered as netpoll.WithOnPrepare\) must not block: store.Save may block \[file\]`
	return context.Background()
}

func onRequest(ctx context.Context, c netpoll.Connection) error {
	store.Save("request", nil) // a task on the goroutine pool: not reported
	return nil
}

// Loop builds the event loop.
func Loop() (netpoll.EventLoop, error) {
	return netpoll.NewEventLoop(onRequest, netpoll.WithOnPrepare(prepare))
}
