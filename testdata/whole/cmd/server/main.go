// Command server wires the loop to its handlers.
package main

import (
	"time"

	"example.com/whole/backends"
	"example.com/whole/loop"
	_ "example.com/whole/plugins"
	"example.com/whole/pool"
	"example.com/whole/wrap"
)

func onPlain(b []byte) { time.Sleep(time.Millisecond) }

func main() {
	_ = &backends.Mem{}
	s := loop.New(&backends.Disk{}, &backends.Fast{})
	s.Handle("k")
	s.Peek("k")
	s.Replay("k")
	s.Retry("k")
	loop.Dispatch([]byte("m"))
	var e loop.Engine
	e.OnData(wrap.Data(onPlain))
	e.Loop(nil)
	loop.Tick()
	loop.Drain(make(chan struct{}))
	loop.NewTasks(pool.NewDyn[string]()).Submit(func() {})
	runEngines()
}
