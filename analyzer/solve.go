package analyzer

import (
	"go/types"
	"sort"

	"github.com/blockcheck/blockcheck/facts"
)

// solve decides which functions of the package may block. It is a
// breadth-first search backwards from the functions that block directly,
// so that each function's witness is a shortest path to a blocking
// operation (never a cycle through recursion), and the first such place in
// source order: the answer, and the chain reported, do not depend on map
// order or on the order functions were visited.
//
// Roots are barriers: a function that must not block is reported where it
// is declared, and its callers do not inherit its blocking.
func (p *packageRun) solve() {
	preds := make([][]*node, len(p.nodes))
	var frontier []*node
	for _, n := range p.nodes {
		for _, pl := range n.places {
			for _, t := range pl.targets {
				preds[t.index] = append(preds[t.index], n)
			}
			for _, t := range pl.cbTargets {
				preds[t.index] = append(preds[t.index], n)
			}
		}
		if n.root != "" || n.trusted {
			continue
		}
		if n.declared != "" && p.cfg.Categories.Has(n.declared) {
			n.level, n.via = 0, -1
			frontier = append(frontier, n)
			continue
		}
		for i, pl := range n.places {
			if pl.op != "" || pl.ext != nil || pl.cbExt != nil {
				n.level, n.via = 0, i
				frontier = append(frontier, n)
				break
			}
		}
	}
	for level := 0; len(frontier) > 0; level++ {
		var cands []*node
		for _, t := range frontier {
			for _, c := range preds[t.index] {
				if c.level < 0 && c.root == "" && !c.trusted {
					cands = append(cands, c)
				}
			}
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].index < cands[j].index })
		frontier = frontier[:0:0]
		for i, c := range cands {
			if i > 0 && cands[i-1] == c {
				continue
			}
			for j, pl := range c.places {
				if targetAt(pl.targets, level) != nil || targetAt(pl.cbTargets, level) != nil {
					c.level, c.via = level+1, j
					break
				}
			}
			frontier = append(frontier, c)
		}
	}
}

// targetAt returns the first target at the given level.
func targetAt(targets []*node, level int) *node {
	for _, t := range targets {
		if t.level == level {
			return t
		}
	}
	return nil
}

// A hop is one function on a blocking chain.
type hop struct {
	name      string // as a reader of this package calls it
	qualified string // as facts record it
	node      *node  // the local function, or nil for an imported one
}

func (p *packageRun) localHop(n *node) hop {
	return hop{name: n.name, qualified: p.pass.Pkg.Name() + "." + n.name, node: n}
}

func importedHop(name string) hop { return hop{name: name, qualified: name} }

// explain returns how a function that may block does so: the category, the
// hops after it and the sink.
func (p *packageRun) explain(n *node) (facts.Category, []hop, hop) {
	if n.via < 0 {
		return n.declared, nil, p.localHop(n)
	}
	c, hops, sink, _ := p.explainPlace(&n.places[n.via])
	return c, hops, sink
}

// explainPlace returns how a place blocks, if it does: the category, the
// functions called down to the sink (the callee first, unless the callee is
// the sink) and the sink. Direct operations come first, then imported
// callees, then the local callee closest to a blocking operation.
func (p *packageRun) explainPlace(pl *place) (facts.Category, []hop, hop, bool) {
	switch {
	case pl.op != "":
		return pl.op, nil, importedHop(pl.what), true
	case pl.ext != nil:
		c, hops, sink := explainExt(pl.ext)
		return c, hops, sink, true
	}
	best, viaArg := bestTarget(pl.targets), false
	if cb := bestTarget(pl.cbTargets); cb != nil && (best == nil || cb.level < best.level) {
		best, viaArg = cb, true
	}
	if best == nil && pl.cbExt == nil {
		return "", nil, hop{}, false
	}
	// A blocking argument: the chain goes through the callee that calls it.
	var through []hop
	if viaArg || best == nil {
		through = []hop{p.calleeHop(pl.callee)}
	}
	if best == nil {
		c, hops, sink := explainExt(pl.cbExt)
		return c, boundHops(append(through, hops...)), sink, true
	}
	if best.via < 0 {
		return best.declared, through, p.localHop(best), true
	}
	c, rest, sink := p.explain(best)
	hops := append(append(through, p.localHop(best)), rest...)
	return c, boundHops(hops), sink, true
}

// explainExt returns how an imported callee blocks: the hops after it
// (itself first, unless it is the sink) and the sink.
func explainExt(e *extBlock) (facts.Category, []hop, hop) {
	var hops []hop
	if e.callee != e.sink {
		hops = append(hops, importedHop(e.callee))
	}
	for _, h := range e.chain {
		hops = append(hops, importedHop(h))
	}
	return e.category, hops, importedHop(e.sink)
}

// bestTarget returns the target closest to a blocking operation.
func bestTarget(targets []*node) *node {
	var best *node
	for _, t := range targets {
		if t.level >= 0 && (best == nil || t.level < best.level) {
			best = t
		}
	}
	return best
}

// calleeHop names the callee of a call for a chain.
func (p *packageRun) calleeHop(fn *types.Func) hop {
	if n := p.byFunc[fn]; n != nil {
		return p.localHop(n)
	}
	return importedHop(qualifiedName(fn))
}

// boundHops keeps a chain within facts.MaxChain hops.
func boundHops(hops []hop) []hop {
	if len(hops) > facts.MaxChain {
		hops = append(hops[:facts.MaxChain-1], importedHop(facts.Ellipsis))
	}
	return hops
}
