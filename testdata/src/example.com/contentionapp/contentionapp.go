// Package contentionapp checks contention across packages: its root takes
// locks of example.com/contention through that package's functions.
package contentionapp

import "example.com/contention"

type app struct {
	store *contention.Store
	index *contention.Index
}

//blockcheck:nonblocking
func (a *app) OnMessage() {
	a.store.Get("k")  // want `\(\*app\).OnMessage must not block: a.store.Get waits for contention.\(\*Store\).mu, which contention.\(\*Store\).Save holds across os.WriteFile \[file\]`
	a.lookup()        // want `\(\*app\).OnMessage must not block: a.lookup waits for contention.\(\*Store\).mu, which contention.\(\*Store\).Save holds across os.WriteFile \[file\]`
	_ = a.index.Len() // a reader does not wait for readers
	a.index.Add("r")  // want `a.index.Add waits for contention.\(\*Index\).rw, which contention.\(\*Index\).Scan holds across os.ReadFile \[file\]`
}

func (a *app) lookup() string { return a.store.Get("x") }

// Lookup passes the wait on to its callers, in a fact.
func Lookup(s *contention.Store) string { return s.Get("y") } // want Lookup:`waits\(contention.\(\*Store\).mu held by contention.\(\*Store\).Save across os.WriteFile \[file\]\)`
