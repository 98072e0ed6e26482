// Package solve decides which functions of a package may block, over the
// graph and the roles of its nodes, and explains how: the chain of calls
// from a function or a place down to the blocking operation (the sink).
//
// The solution is a breadth-first search backwards from the functions that
// block directly, so that each function's witness is a shortest path to a
// blocking operation (never a cycle through recursion), and the first such
// place in source order: the answer, and the chain reported, do not depend
// on map order or on the order functions were visited. Roots and trusted
// functions are barriers: their callers do not inherit their blocking.
//
// A Solution is computed once per package and read by the fact export,
// the reports and the lock-held check. It may not import those stages.
package solve

import (
	"go/types"
	"sort"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/sinks"
)

// A Solution says, for every node of a graph, whether it may block and
// through which place.
type Solution struct {
	g     *graph.Graph
	roles *roots.Roles
	level []int // length of the shortest path to a blocking operation; -1: may not block
	via   []int // the place it goes through; -1 when the function is declared blocking
	sinks []sinkInfo // memo of sinkOf, by node index; a zero sink is unknown
	qual  []string   // the qualified names of local hops, built once per node
	buf   []Hop      // the hops of the last chain explained
}

// Solve computes the solution for the enabled categories.
func Solve(g *graph.Graph, roles *roots.Roles, cats facts.CategorySet) *Solution {
	s := &Solution{g: g, roles: roles, level: make([]int, len(g.Nodes)), via: make([]int, len(g.Nodes))}
	preds, frontier := s.seed(cats)
	for level := 0; len(frontier) > 0; level++ {
		var cands []*graph.Node
		for _, t := range frontier {
			for _, c := range preds[t.Index] {
				if s.level[c.Index] < 0 && !roles.Barrier(c) {
					cands = append(cands, c)
				}
			}
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].Index < cands[j].Index })
		frontier = frontier[:0:0]
		for i, c := range cands {
			if i > 0 && cands[i-1] == c {
				continue
			}
			for j := range c.Places {
				if s.reachedAt(&c.Places[j], level) {
					s.level[c.Index], s.via[c.Index] = level+1, j
					break
				}
			}
			frontier = append(frontier, c)
		}
	}
	return s
}

// seed finds the callers of every node and the functions that block by
// themselves (level 0): declared blocking, or with a blocking operation or
// imported callee in their body.
func (s *Solution) seed(cats facts.CategorySet) (preds [][]*graph.Node, frontier []*graph.Node) {
	preds = make([][]*graph.Node, len(s.g.Nodes))
	for _, n := range s.g.Nodes {
		s.level[n.Index], s.via[n.Index] = -1, -1
		for _, pl := range n.Places {
			for _, t := range pl.Targets {
				preds[t.Index] = append(preds[t.Index], n)
			}
			for _, t := range pl.CbTargets {
				preds[t.Index] = append(preds[t.Index], n)
			}
		}
		if s.roles.Barrier(n) {
			continue
		}
		if d := s.roles.Declared[n.Index]; d != "" && cats.Has(d) {
			s.level[n.Index] = 0
			frontier = append(frontier, n)
			continue
		}
		for i, pl := range n.Places {
			if pl.Op != "" || (pl.Ext != nil && !(pl.AllOf && len(pl.Targets) > 0)) || pl.CbExt != nil {
				s.level[n.Index], s.via[n.Index] = 0, i
				frontier = append(frontier, n)
				break
			}
		}
	}
	return preds, frontier
}

// reachedAt reports whether a place blocks through a target that blocks at
// the given level: any target, or for an AllOf place the last of them.
func (s *Solution) reachedAt(pl *graph.Place, level int) bool {
	if !pl.AllOf {
		return s.targetAt(pl.Targets, level) != nil || s.targetAt(pl.CbTargets, level) != nil
	}
	deepest := -1
	for _, t := range pl.Targets {
		if s.level[t.Index] < 0 {
			return false
		}
		deepest = max(deepest, s.level[t.Index])
	}
	return deepest == level
}

// Blocks reports whether n may block.
func (s *Solution) Blocks(n *graph.Node) bool { return s.level[n.Index] >= 0 }

// Level is the length of n's shortest path to a blocking operation, or -1.
func (s *Solution) Level(n *graph.Node) int { return s.level[n.Index] }

// Via is the index of the place n blocks through, or -1 when n is declared
// blocking (or does not block).
func (s *Solution) Via(n *graph.Node) int { return s.via[n.Index] }

// Witness returns the place n blocks through, or nil.
func (s *Solution) Witness(n *graph.Node) *graph.Place {
	if s.level[n.Index] < 0 || s.via[n.Index] < 0 {
		return nil
	}
	return &n.Places[s.via[n.Index]]
}

// Next returns the local function the chain continues in after place pl of
// a function at the given level, or nil.
func (s *Solution) Next(pl *graph.Place, level int) *graph.Node {
	if next := s.targetAt(pl.Targets, level-1); next != nil {
		return next
	}
	return s.targetAt(pl.CbTargets, level-1)
}

// targetAt returns the first target at the given level.
func (s *Solution) targetAt(targets []*graph.Node, level int) *graph.Node {
	for _, t := range targets {
		if s.level[t.Index] == level {
			return t
		}
	}
	return nil
}

// allBlock reports whether every target blocks.
func (s *Solution) allBlock(targets []*graph.Node) bool {
	for _, t := range targets {
		if s.level[t.Index] < 0 {
			return false
		}
	}
	return true
}

// bestTarget returns the target closest to a blocking operation.
func (s *Solution) bestTarget(targets []*graph.Node) *graph.Node {
	var best *graph.Node
	for _, t := range targets {
		if s.level[t.Index] >= 0 && (best == nil || s.level[t.Index] < s.level[best.Index]) {
			best = t
		}
	}
	return best
}

// A Chain is how a function or a place blocks: the category, the functions
// called down to the sink, and the sink.
type Chain struct {
	Category facts.Category
	Hops     []Hop
	Sink     Hop
}

// A Hop is one function on a blocking chain.
type Hop struct {
	Name      string      // as a reader of this package calls it
	Qualified string      // as facts record it
	Node      *graph.Node // the local function, or nil for an imported one
}

func (s *Solution) localHop(n *graph.Node) Hop {
	if s.qual == nil {
		s.qual = make([]string, len(s.g.Nodes))
	}
	q := s.qual[n.Index]
	if q == "" {
		q = s.g.Pkg.Name() + "." + n.Name
		s.qual[n.Index] = q
	}
	return Hop{Name: n.Name, Qualified: q, Node: n}
}

func importedHop(name string) Hop { return Hop{Name: name, Qualified: name} }

// Explain returns how a function that may block does so: the hops after it
// and the sink.
func (s *Solution) Explain(n *graph.Node) Chain {
	if s.via[n.Index] < 0 {
		return Chain{Category: s.roles.Declared[n.Index], Sink: s.localHop(n)}
	}
	c, _ := s.ExplainPlace(&n.Places[s.via[n.Index]])
	return c
}

// ExplainPlace returns how a place blocks, if it does: the functions
// called down to the sink (the callee first, unless the callee is the
// sink) and the sink. Direct operations come first, then imported callees,
// then the local callee closest to a blocking operation.
//
// The chain is followed hop by hop, and only for its first facts.MaxChain
// hops: the sink and category of a longer one come from sinkOf, so that
// explaining every function of a long chain costs no more than its length.
//
// The Chain's Hops are valid until the next call of an Explain method:
// they live in a buffer the Solution reuses, since every caller renders a
// chain at once.
func (s *Solution) ExplainPlace(pl *graph.Place) (Chain, bool) {
	if pl.AllOf && !s.allBlock(pl.Targets) {
		return Chain{}, false
	}
	if s.buf == nil {
		s.buf = make([]Hop, 0, 2*facts.MaxChain)
	}
	hops := s.buf[:0]
	for {
		switch {
		case pl.Op != "":
			return Chain{Category: pl.Op, Hops: BoundHops(hops), Sink: importedHop(pl.What)}, true
		case pl.Ext != nil:
			c := explainExt(pl.Ext)
			c.Hops = BoundHops(append(hops, c.Hops...))
			return c, true
		}
		best, viaArg := s.bestTarget(pl.Targets), false
		if cb := s.bestTarget(pl.CbTargets); cb != nil && (best == nil || s.level[cb.Index] < s.level[best.Index]) {
			best, viaArg = cb, true
		}
		if best == nil && pl.CbExt == nil {
			return Chain{}, false
		}
		// A blocking argument: the chain goes through the callee that
		// calls it.
		if viaArg || best == nil {
			hops = append(hops, s.calleeHop(pl.Callee))
		}
		if best == nil {
			c := explainExt(pl.CbExt)
			c.Hops = BoundHops(append(hops, c.Hops...))
			return c, true
		}
		if s.via[best.Index] < 0 {
			return Chain{Category: s.roles.Declared[best.Index], Hops: BoundHops(hops), Sink: s.localHop(best)}, true
		}
		hops = append(hops, s.localHop(best))
		if len(hops) > facts.MaxChain {
			cat, sink := s.sinkOf(best)
			return Chain{Category: cat, Hops: BoundHops(hops), Sink: sink}, true
		}
		pl = &best.Places[s.via[best.Index]]
	}
}

// explainExt returns how an imported callee blocks: the hops after it
// (itself first, unless it is the sink) and the sink.
func explainExt(e *sinks.Block) Chain {
	var hops []Hop
	if e.Callee != e.Sink {
		hops = append(hops, importedHop(e.Callee))
	}
	for _, h := range e.Chain {
		hops = append(hops, importedHop(h))
	}
	return Chain{Category: e.Category, Hops: hops, Sink: importedHop(e.Sink)}
}

// sinkOf returns the category and the sink of a function that may block,
// following its witnesses to the end, memoized.
func (s *Solution) sinkOf(n *graph.Node) (facts.Category, Hop) {
	if s.sinks == nil {
		s.sinks = make([]sinkInfo, len(s.g.Nodes))
	}
	var path []*graph.Node
	var end sinkInfo
	for cur := n; ; {
		if known := s.sinks[cur.Index]; known.category != "" {
			end = known
			break
		}
		path = append(path, cur)
		if s.via[cur.Index] < 0 {
			end = sinkInfo{s.roles.Declared[cur.Index], s.localHop(cur)}
			break
		}
		pl := &cur.Places[s.via[cur.Index]]
		next := s.nextOnChain(pl)
		if next == nil {
			end = s.endOf(pl)
			break
		}
		cur = next
	}
	for _, p := range path {
		s.sinks[p.Index] = end
	}
	return end.category, end.sink
}

// endOf is the category and sink of a place that ends a chain: an
// operation, an imported callee, a callback argument that is imported, or a
// local function declared blocking.
func (s *Solution) endOf(pl *graph.Place) sinkInfo {
	switch {
	case pl.Op != "":
		return sinkInfo{pl.Op, importedHop(pl.What)}
	case pl.Ext != nil:
		return sinkInfo{pl.Ext.Category, importedHop(pl.Ext.Sink)}
	}
	best := s.bestTarget(pl.Targets)
	if cb := s.bestTarget(pl.CbTargets); cb != nil && (best == nil || s.level[cb.Index] < s.level[best.Index]) {
		best = cb
	}
	if best == nil {
		return sinkInfo{pl.CbExt.Category, importedHop(pl.CbExt.Sink)}
	}
	return sinkInfo{s.roles.Declared[best.Index], s.localHop(best)}
}

type sinkInfo struct {
	category facts.Category
	sink     Hop
}

// nextOnChain returns the local function a place's chain continues in, or
// nil when the place itself ends it (an operation, an imported callee).
func (s *Solution) nextOnChain(pl *graph.Place) *graph.Node {
	if pl.Op != "" || pl.Ext != nil {
		return nil
	}
	best := s.bestTarget(pl.Targets)
	if cb := s.bestTarget(pl.CbTargets); cb != nil && (best == nil || s.level[cb.Index] < s.level[best.Index]) {
		best = cb
	}
	if best == nil || s.via[best.Index] < 0 {
		return nil
	}
	return best
}

// ExplainResult returns how calling n's function-typed result blocks: through
// the local function it returns that is closest to a blocking operation.
func (s *Solution) ExplainResult(n *graph.Node) (Chain, bool) {
	best := s.bestTarget(n.ReturnTargets)
	if best == nil {
		return Chain{}, false
	}
	if s.via[best.Index] < 0 {
		return Chain{Category: s.roles.Declared[best.Index], Sink: s.localHop(best)}, true
	}
	c := s.Explain(best)
	c.Hops = BoundHops(append([]Hop{s.localHop(best)}, c.Hops...))
	return c, true
}

// ExplainBlock is Explain for an imported function: how a Block blocks.
func ExplainBlock(b *sinks.Block) Chain { return explainExt(b) }

// calleeHop names the callee of a call for a chain.
func (s *Solution) calleeHop(fn *types.Func) Hop {
	if n := s.g.ByFunc[fn]; n != nil {
		return s.localHop(n)
	}
	return importedHop(names.Qualified(fn))
}

// BoundHops keeps a chain within facts.MaxChain hops.
func BoundHops(hops []Hop) []Hop {
	if len(hops) > facts.MaxChain {
		hops = append(hops[:facts.MaxChain-1], importedHop(facts.Ellipsis))
	}
	return hops
}
