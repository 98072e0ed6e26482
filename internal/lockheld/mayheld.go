package lockheld

import "golang.org/x/tools/go/cfg"

// Locks held on some paths: a function that takes a lock and returns
// holding it on some return paths but not others (a forgotten Unlock
// before an early return, or a lock kept on success only) leaves it
// possibly held in its callers. The lock-held analysis is a may-analysis,
// and a lock released on one branch only is still held after the join; but
// a function that locks and unlocks on correlated branches (if x { Lock };
// ...; if x { Unlock }) must not be taken for one that returns holding it.
// The difference is a return reached with the lock held on every path to
// it: that return certainly leaves it held. mustFixedPoint finds those.

// mustFixedPoint is the forward must-analysis: the locks held on every
// path to each block. It returns, for each block that returns normally
// (no successors, not ending in a call that never returns), the locks held
// on every path to its end; nil for the others.
func (f *lockFlow) mustFixedPoint(g *cfg.CFG, entry lockState) []lockState {
	in, visited := f.worklist(g, entry, intersect)
	atReturn := make([]lockState, len(g.Blocks))
	for _, b := range g.Blocks {
		if visited[b.Index] && returns(b) && !f.doomed[b.Index] {
			atReturn[b.Index] = f.transfer(b, in[b.Index], false)[0]
		}
	}
	return atReturn
}

// leftHeldOnSomeReturn reports whether some return leaves the lock held on
// every path to it.
func (f *lockFlow) leftHeldOnSomeReturn(name string) bool {
	for _, st := range f.mustAtReturn {
		if st.index(name, false) >= 0 {
			return true
		}
	}
	return false
}

// returns reports whether a block returns from the function: it has no
// successors and is not the empty block a select without default falls
// into when no case is chosen, which cannot happen.
func returns(b *cfg.Block) bool {
	return len(b.Succs) == 0 && (len(b.Nodes) > 0 || b.Kind != cfg.KindSelectAfterCase)
}
