package lockheld

import (
	"fmt"
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/internal/graph"
)

// Triage: a lock-held finding matters most when a root of the package (an
// event-loop callback, a //blockcheck:nonblocking function) takes the same
// lock: the loop then waits for what the finding blocks on. Such findings
// say so in their related information, pointing at the root's call; with
// ContendedOnly, they are the only lock-held findings reported.

// pendingDiag is a lock-held finding waiting for the roots' locks to be
// known.
type pendingDiag struct {
	d     analysis.Diagnostic
	locks lockState
}

// rootTake is where a root takes a lock.
type rootTake struct {
	root string
	pos  token.Pos
	read bool
}

// findRootTakes returns, by identity, the first place each lock is taken by
// a root of the package: a Lock in its body or in a function it calls.
func (c *checker) findRootTakes(memo map[*graph.Node][]take) map[lockID]rootTake {
	out := make(map[lockID]rootTake)
	for _, n := range c.graph.Nodes {
		if n.Body == nil || !c.roles.IsRoot(n) {
			continue
		}
		for _, call := range directCalls(n.Body) {
			for _, t := range c.callTakes(call, memo) {
				if old, ok := out[t.id]; !ok || (old.read && !t.read) {
					out[t.id] = rootTake{root: n.Name, pos: call.Pos(), read: t.read}
				}
			}
		}
	}
	return out
}

// flushPending reports the lock-held findings, with the root that takes
// one of their locks in the related information; with contendedOnly, only
// those.
func (c *checker) flushPending(takes map[lockID]rootTake, contendedOnly bool) {
	for _, p := range c.pending {
		contended := false
		for _, h := range p.locks {
			rt, ok := takes[h.id]
			if h.id == (lockID{}) || !ok || (rt.read && h.read) {
				continue // a reader does not wait for readers
			}
			contended = true
			name := h.name
			if h.shown != "" {
				name = h.shown
			}
			p.d.Related = append(p.d.Related, analysis.RelatedInformation{
				Pos: rt.pos,
				Message: fmt.Sprintf("%s, which must not block, takes %s (%s) here: it waits while %s is held",
					rt.root, c.show(h.id), name, name),
			})
			break
		}
		if contended || !contendedOnly {
			c.rep.Diag(p.d)
		}
	}
	c.pending = nil
}
