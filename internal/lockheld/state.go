package lockheld

import (
	"go/token"
	"sort"
)

// held is one lock held at a point of a function.
type held struct {
	name   string    // as the function names it: "c.mu"; "" for the caller's unnamed lock
	read   bool      // read-locked
	pos    token.Pos // where it was taken
	caller bool      // held on entry (…Locked, //blockcheck:locked)
	id     lockID    // the lock's identity across functions ((*Store).mu), if it has one
	shown  string    // as the Lock call wrote it, if not name (mu := &c.mu; mu.Lock())
	maybe  string    // possibly held: left held on some paths by this callee ("s.get")
}

// lockState is the set of locks held, sorted by name and mode. States are
// small and never modified in place.
type lockState []held

func (s lockState) index(name string, read bool) int {
	for i, h := range s {
		if h.name == name && h.read == read {
			return i
		}
	}
	return -1
}

func (s lockState) with(h held) lockState {
	if s.index(h.name, h.read) >= 0 {
		return s
	}
	out := append(append(lockState(nil), s...), h)
	sort.Slice(out, func(i, j int) bool {
		if out[i].name != out[j].name {
			return out[i].name < out[j].name
		}
		return !out[i].read && out[j].read
	})
	return out
}

func (s lockState) without(i int) lockState {
	out := append(lockState(nil), s[:i]...)
	return append(out, s[i+1:]...)
}

// union merges b into a; changed reports whether a grew.
func union(a, b lockState) (lockState, bool) {
	changed := false
	for _, h := range b {
		if i := a.index(h.name, h.read); i < 0 {
			a = a.with(h)
			changed = true
		} else if h.pos < a[i].pos {
			// Keep the earliest acquisition, so the message does not
			// depend on the order blocks were visited.
			a = append(lockState(nil), a...)
			a[i].pos = h.pos
			changed = true
		}
	}
	return a, changed
}

// intersect keeps the locks of a that b holds too; changed reports whether
// a shrank.
func intersect(a, b lockState) (lockState, bool) {
	var out lockState
	for _, h := range a {
		if b.index(h.name, h.read) >= 0 {
			out = append(out, h)
		}
	}
	return out, len(out) < len(a)
}
