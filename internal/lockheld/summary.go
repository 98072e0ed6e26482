package lockheld

import (
	"sort"

	"github.com/blockcheck/blockcheck/facts"
)

// summary returns the Locks fact of the function: the locks it returns
// holding and the caller's locks it releases, where they can be named
// relative to it. A lock counts as acquired only if the function never
// releases it: the lock-held analysis is path-insensitive, and a function
// that locks and unlocks on correlated branches must not be taken for a
// lock helper. One that also releases it, and has a return that leaves it
// held on every path, may acquire it.
func (f *lockFlow) summary() *facts.Locks {
	var l facts.Locks
	for _, h := range f.exit {
		if h.caller || h.paths&takenHere == 0 || h.read {
			continue // the caller's, given back; read locks are not followed
		}
		t := f.templateFor(h.name)
		if t == "" {
			continue
		}
		switch {
		case f.released[h.name] || h.maybe != "":
			// Held at some returns only: possibly held after the call,
			// when a return certainly leaves it held (see mayheld.go) or a
			// callee left it so.
			// A caller's lock released and taken back is a drop, not this.
			_, dropped := f.releases[t]
			if !dropped && !f.drops[t] && !f.deferReleased[h.name] && !f.retaken[h.name] && (h.maybe != "" || f.leftHeldOnSomeReturn(h.name)) {
				l.MayAcquire = append(l.MayAcquire, t)
			}
		default:
			l.Acquires = append(l.Acquires, t)
		}
	}
	// A caller's lock released and taken back before returning (directly
	// or by a deferred Lock) is dropped, not released: the caller still
	// holds it afterwards, but not while this function blocks.
	for t, name := range f.releases {
		if f.exit.index(name, false) >= 0 || f.retaken[name] {
			f.drops[t] = true
		} else {
			l.Releases = append(l.Releases, t)
		}
	}
	for t := range f.drops {
		l.Drops = append(l.Drops, t)
	}
	if len(l.Acquires) == 0 && len(l.Releases) == 0 && len(l.Drops) == 0 && len(l.MayAcquire) == 0 {
		return nil
	}
	sort.Strings(l.Acquires)
	sort.Strings(l.MayAcquire)
	sort.Strings(l.Releases)
	sort.Strings(l.Drops)
	return &l
}
