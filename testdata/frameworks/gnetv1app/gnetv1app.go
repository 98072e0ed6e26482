// Package gnetv1app is a gnet v1 server.
package gnetv1app

import (
	"time"

	"github.com/panjf2000/gnet"

	"example.com/frameworks/store"
)

type server struct {
	*gnet.EventServer
}

func (s *server) React(frame []byte, c gnet.Conn) ([]byte, gnet.Action) {
	store.Save("id", frame) // want `\(\*server\).React must not block: store.Save may block \[file\]: store.Save → store.persist → store.writeFile → os.WriteFile`
	return nil, gnet.None
}

// Tick runs on a ticker goroutine: not a root.
func (s *server) Tick() (time.Duration, gnet.Action) { // want Tick:`blocks\[file\]: store.Save`
	store.Save("tick", nil)
	return time.Second, gnet.None
}
