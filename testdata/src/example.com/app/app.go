// Package app implements a framework handler without any annotation: the // want package:`contracts\(; example.com/framework: EventHandler.OnTraffic\)`
// contract travels as a fact.
package app

import (
	"os"

	"example.com/framework"
)

type server struct{}

func (s *server) OnTraffic(data []byte) error {
	return s.save(data) // want `\(\*server\).OnTraffic must not block: s.save may block \[file\]: \(\*server\).save → os.WriteFile`
}

func (s *server) save(data []byte) error { return os.WriteFile("x", data, 0o600) }

func (s *server) OnBoot() error { return os.MkdirAll("data", 0o755) } // want OnBoot:`blocks\[file\]: os.MkdirAll`

// Serve does not inherit the root's blocking.
func Serve() { framework.Run(&server{}) }

// A type that does not implement the interface is not a root.
type notHandler struct{}

func (notHandler) OnTraffic(data []byte) error { return os.WriteFile("x", data, 0o600) } // want OnTraffic:`blocks\[file\]: os.WriteFile`
