// Package streamuser calls package streams' helpers: their Streams facts
// say which arguments they read or write.
package streamuser

import (
	"bytes"
	"net"
	"os"

	"example.com/streams"
)

//blockcheck:nonblocking
func Serve(conn net.Conn) {
	streams.ReadLine(conn)             // want `streams.ReadLine may block \[net\]: streams.ReadLine → net.Conn`
	streams.Forward(os.Stdout, conn)   // want `streams.Forward may block \[net\]: streams.Forward → net.Conn`
	streams.Log(conn, "x")             // want `streams.Log may block \[net\]`
	var b bytes.Buffer
	streams.Forward(&b, &b)
	streams.Log(os.Stderr, "x")
}
