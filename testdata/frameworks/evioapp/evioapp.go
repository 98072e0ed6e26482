// Package evioapp is an evio server: its callbacks are function fields.
package evioapp

import (
	"time"

	"github.com/tidwall/evio"

	"example.com/frameworks/store"
)

func opened(c evio.Conn) ([]byte, evio.Options, evio.Action) {
	time.Sleep(time.Millisecond) // want `opened \(registered as evio.Events.Opened\) must not block: time.Sleep may block \[sleep\]`
	return nil, evio.Options{}, evio.None
}

// Serve registers the callbacks.
func Serve() error { // want Serve:`blocks\[file\]: evio.Serve → os.RemoveAll`
	var events evio.Events
	events.Data = func(c evio.Conn, in []byte) ([]byte, evio.Action) {
		store.Save("id", in) // want `Serve.func1 \(registered as evio.Events.Data\) must not block: store.Save may block \[file\]`
		return nil, evio.None
	}
	events.Serving = func(srv evio.Server) evio.Action {
		time.Sleep(time.Millisecond) // runs before the loops: not a root
		return evio.None
	}
	events.Opened = opened
	other := evio.Events{
		Closed: func(c evio.Conn, err error) evio.Action {
			<-make(chan int) // want `Serve.func3 \(registered as evio.Events.Closed\) must not block: channel receive may block \[chan\]`
			return evio.None
		},
	}
	_ = other
	return evio.Serve(events, "tcp://:5000")
}
