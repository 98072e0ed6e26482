package lockheld

import (
	"go/token"
	"sort"
)

// held is a lock at a point of a function: held there on some path, or
// let go of (see standing).
type held struct {
	name   string    // as the function names it: "c.mu"; "" for the caller's unnamed lock
	read   bool      // read-locked
	pos    token.Pos // where it was taken
	caller bool      // held on entry (…Locked, //blockcheck:locked)
	id     lockID    // the lock's identity across functions ((*Store).mu), if it has one
	shown  string    // as the Lock call wrote it, if not name (mu := &c.mu; mu.Lock())
	maybe  string    // possibly held: left held on some paths by this callee ("s.get")
	paths  standing  // how it stands on the paths here
}

// standing is how a lock stands on the paths to a point, as a set: taken
// by the function, the caller's (held on entry, or let go of and taken
// back), untouched, or let go of (the caller's, released by the function).
// A lock no state names is untouched on every path. Unlock and Lock map
// each path's standing on its own, so the analysis stays monotone: a
// release is of the caller's lock when no path holds the lock as taken
// here (it is not held, or held on entry, or taken back after letting go
// of it: mu.Unlock(); blocking(); mu.Lock() in a loop), and a Lock takes
// the lock back on the paths that let go of it. Held on every path is
// held and never untouched or let go of.
type standing uint8

const (
	takenHere standing = 1 << iota
	callers
	untouched
	letGo
)

// isHeld reports whether the lock is held on some path.
func (h held) isHeld() bool { return h.paths&(takenHere|callers) != 0 }

// lockState is the locks held, and let go of, sorted by name and mode.
// States are small and never modified in place.
type lockState []held

// index returns the position of a lock held, or -1.
func (s lockState) index(name string, read bool) int {
	if i := s.entry(name, read); i >= 0 && s[i].isHeld() {
		return i
	}
	return -1
}

// entry returns the position of a lock held or let go of, or -1.
func (s lockState) entry(name string, read bool) int {
	for i, h := range s {
		if h.name == name && h.read == read {
			return i
		}
	}
	return -1
}

// with adds h, unless the state names its lock already.
func (s lockState) with(h held) lockState {
	if s.entry(h.name, h.read) >= 0 {
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

// set returns the state with entry i replaced by h.
func (s lockState) set(i int, h held) lockState {
	out := append(lockState(nil), s...)
	out[i] = h
	return out
}

// acquire takes h's lock: taken here on the paths it was untouched, taken
// back on those that let go of it.
func (s lockState) acquire(h held) lockState {
	i := s.entry(h.name, h.read)
	if i < 0 {
		h.paths = takenHere
		return s.with(h)
	}
	e := s[i]
	p := e.paths & (takenHere | callers)
	if e.paths&untouched != 0 {
		p |= takenHere
	}
	if e.paths&letGo != 0 {
		p |= callers
	}
	if !e.isHeld() {
		h.paths = p
		return s.set(i, h)
	}
	if p == e.paths {
		return s
	}
	e.paths = p
	return s.set(i, e)
}

// release lets go of a lock, and reports whether it was the caller's: no
// path holds it as taken here.
func (s lockState) release(name string, read bool, pos token.Pos) (lockState, bool) {
	p := untouched
	i := s.entry(name, read)
	if i >= 0 {
		p = s[i].paths
	}
	var np standing
	if p&takenHere != 0 {
		np |= untouched
	}
	if p&(callers|untouched|letGo) != 0 {
		np |= letGo
	}
	switch {
	case np == untouched:
		return s.without(i), false
	case i < 0:
		return s.with(held{name: name, read: read, pos: pos, paths: np}), true
	}
	e := s[i]
	e.paths = np
	return s.set(i, e), p&takenHere == 0
}

// held returns the locks held: the state without the locks let go of on
// every path.
func (s lockState) held() lockState {
	n := 0
	for _, h := range s {
		if h.isHeld() {
			n++
		}
	}
	if n == len(s) {
		return s
	}
	out := make(lockState, 0, n)
	for _, h := range s {
		if h.isHeld() {
			out = append(out, h)
		}
	}
	return out
}

// union merges b into a; changed reports whether a grew. A lock one side
// does not name is untouched on that side's paths.
func union(a, b lockState) (lockState, bool) {
	changed := false
	for i, h := range a {
		if h.paths&untouched == 0 && b.entry(h.name, h.read) < 0 {
			h.paths |= untouched
			a, changed = a.set(i, h), true
		}
	}
	for _, h := range b {
		i := a.entry(h.name, h.read)
		if i < 0 {
			h.paths |= untouched
			a, changed = a.with(h), true
			continue
		}
		e := a[i]
		switch {
		case h.isHeld() && !e.isHeld():
			h.paths |= e.paths
			e = h
		case h.isHeld() && h.pos < e.pos:
			// Keep the earliest acquisition, so the message does not
			// depend on the order blocks were visited.
			e.pos = h.pos
			e.paths |= h.paths
		default:
			e.paths |= h.paths
		}
		if e != a[i] {
			a, changed = a.set(i, e), true
		}
	}
	return a, changed
}

// intersect keeps the locks of a that b holds too, as held; changed
// reports whether a shrank.
func intersect(a, b lockState) (lockState, bool) {
	var out lockState
	for _, h := range a {
		if h.isHeld() && b.index(h.name, h.read) >= 0 {
			out = append(out, h)
		}
	}
	return out, len(out) < len(a)
}
