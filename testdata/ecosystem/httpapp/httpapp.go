// Package httpapp is an HTTP server with connection hooks and no
// blockcheck annotation: the net/http profile makes its ConnState and
// ConnContext roots, since they run on the accept loop.
package httpapp

import (
	"context"
	"net"
	"net/http"

	"example.com/ecosystem/store"
)

// New returns the server with its hooks.
func New() *http.Server {
	srv := &http.Server{Addr: ":8080"}
	srv.ConnState = func(c net.Conn, s http.ConnState) {
		store.Save(s.String(), nil) // want `New.func1 \(registered as http.Server.ConnState\) must not block: store.Save may block \[file\]`
	}
	srv.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		if c.RemoteAddr() == nil {
			srv.Shutdown(ctx) // want `New.func2 \(registered as http.Server.ConnContext\) must not block: .*\[deadlock\]`
		}
		go store.Save(c.RemoteAddr().String(), nil) // a goroutine of its own: not reported
		return ctx
	}
	return srv
}
