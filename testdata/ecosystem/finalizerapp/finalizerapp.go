// Package finalizerapp attaches finalizers and cleanups with no blockcheck
// annotation: the runtime profile makes them roots, since one goroutine
// runs every finalizer of the process.
package finalizerapp

import (
	"runtime"
	"time"

	"example.com/ecosystem/store"
)

type resource struct {
	name string
}

// Open returns a resource whose finalizer and cleanup record its end.
func Open(name string) *resource {
	r := &resource{name: name}
	runtime.SetFinalizer(r, func(r *resource) {
		store.Save(r.name, nil) // want `Open.func1 \(registered as runtime.SetFinalizer\) must not block: store.Save may block \[file\]`
	})
	runtime.AddCleanup(r, release, name)
	other := &resource{name: name}
	runtime.SetFinalizer(other, func(r *resource) {
		go store.Save(r.name, nil) // a goroutine of its own: not reported
	})
	return r
}

func release(name string) {
	linger() // want `release \(registered as runtime.AddCleanup\) must not block: linger may block \[sleep\]: linger → time.Sleep`
}

func linger() { time.Sleep(time.Millisecond) }
