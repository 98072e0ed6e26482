// Package multifacts produces facts whose lists have several elements, so // want package:`contracts\(Handler.OnClose, Handler.OnData, Handler.OnOpen; fields Events.Data, Events.Tick; example.com/directives: Handler.OnData; example.com/framework: EventHandler.OnTraffic\)` package:`fieldcalls\(example.com/multifacts.Mux.a by multifacts.\(\*Mux\).Run, example.com/multifacts.Mux.b by multifacts.\(\*Mux\).Run\)`
// that the determinism test sees their order.
package multifacts

import (
	"io"
	"os"
	"sync"

	// Two packages with contracts: multifacts re-exports them.
	_ "example.com/directives"
	_ "example.com/framework"
)

// Handler has three contracts, declared out of order.
type Handler interface {
	//blockcheck:nonblocking
	OnOpen()
	//blockcheck:nonblocking
	OnClose()
	//blockcheck:nonblocking
	OnData()
}

// Events has two nonblocking fields, declared out of order.
type Events struct {
	//blockcheck:nonblocking
	Tick func()
	//blockcheck:nonblocking
	Data func([]byte)
}

type Pair struct {
	b, a, c sync.Mutex
}

// LockAll returns holding three locks, taken out of order.
func (p *Pair) LockAll() { // want LockAll:`locks\(acquires \$r.a,\$r.b,\$r.c; releases \)`
	p.c.Lock()
	p.a.Lock()
	p.b.Lock()
}

// UnlockAll releases the caller's three locks.
func (p *Pair) UnlockAll() { // want UnlockAll:`locks\(acquires ; releases \$r.a,\$r.b,\$r.c\)`
	p.b.Unlock()
	p.c.Unlock()
	p.a.Unlock()
}

// FlushAll drops the caller's three locks around its I/O.
func (p *Pair) FlushAll() { // want FlushAll:`locks\(acquires ; releases ; drops \$r.a,\$r.b,\$r.c\)` FlushAll:`blocks\[file\]: os.WriteFile`
	p.c.Unlock()
	p.b.Unlock()
	p.a.Unlock()
	os.WriteFile("x", nil, 0o600)
	p.a.Lock()
	p.b.Lock()
	p.c.Lock()
}

// Both calls its third and first arguments.
func Both(c func(), _ int, a func()) { // want Both:`calls\(arg0,arg2\)`
	a()
	c()
}

// Join returns a function that calls its arguments.
func Join(c, a, b func()) func() { // want Join:`returns\(calls arg0,calls arg1,calls arg2\)`
	return func() {
		b()
		c()
		a()
	}
}

// Pipe reads its third argument and writes its first.
func Pipe(dst io.Writer, _ int, src io.Reader) { io.Copy(dst, src) } // want Pipe:`streams\(arg0,arg2\)`

// Mux holds handlers.
type Mux struct {
	b, a func()
}

// Set stores both of its arguments, out of order.
func (m *Mux) Set(a, b func()) { // want Set:`stores\(arg0 in example.com/multifacts.Mux.a, arg1 in example.com/multifacts.Mux.b\)`
	m.b = b
	m.a = a
}

// Run calls both fields from a root.
//
//blockcheck:nonblocking
func (m *Mux) Run() {
	m.b()
	m.a()
}

// Two holds its two locks across a file write, and may return holding
// them.
type Two struct {
	y, x sync.Mutex
}

// SaveBoth holds both locks across the write: a call waits for both, and
// its Waits fact names the first (what a root's report uses).
func (t *Two) SaveBoth() { // want SaveBoth:`blocks\[file\]: os.WriteFile` SaveBoth:`waits\(multifacts.\(\*Two\).x held by multifacts.\(\*Two\).SaveBoth across os.WriteFile \[file\]\)`
	t.y.Lock()
	t.x.Lock()
	os.WriteFile("x", nil, 0o600) // want `os.WriteFile may block \[file\] while t.y`
	t.x.Unlock()
	t.y.Unlock()
}

// MayLockBoth returns holding both locks when done is false.
func (t *Two) MayLockBoth(done bool) { // want MayLockBoth:`locks\(acquires ; releases ; may acquire \$r.x,\$r.y\)` MayLockBoth:`waits\(multifacts.\(\*Two\).x held by`
	t.y.Lock()
	t.x.Lock()
	if !done {
		return
	}
	t.x.Unlock()
	t.y.Unlock()
}
