// Package solve decides which functions of a package may block, over the
// graph and the roles of its nodes, and explains how: the chain of calls
// from a function or a place down to the blocking operation (the sink).
//
// It keeps one witness per category: a function that reaches os.ReadFile
// and http.Get blocks in file and in net, each with its own shortest chain,
// and enabling a category never hides another. Categories are listed in
// report order (facts.Category.Rank); the first names a finding.
//
// For each category, the solution is a breadth-first search backwards from
// the functions that block directly, so that each function's witness is a
// shortest path to a blocking operation (never a cycle through recursion),
// and the first such place in source order: the answer, and the chain
// reported, do not depend on map order or on the order functions were
// visited. Roots and trusted functions are barriers: their callers do not
// inherit their blocking.
//
// A Solution is computed once per package and read by the fact export,
// the reports and the lock-held check. It may not import those stages.
package solve

import (
	"go/types"
	"sort"
	"strings"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/sinks"
)

// A Solution says, for every node of a graph and every category, whether
// it may block and through which place.
type Solution struct {
	g     *graph.Graph
	roles *roots.Roles
	cats  []facts.Category // the categories present in the package, in report order
	// By node and category index (node*len(cats)+k): the length of the
	// shortest path to a blocking operation of the category (-1: none),
	// and the place it goes through (-1 when the function is declared
	// blocking).
	level   []int32
	via     []int32
	sinks   []sinkInfo             // memo of sinkOf, same index; a zero sink is unknown
	qual    []string               // the qualified names of local hops, built once per node
	byName  map[string]*graph.Node // declared functions by local name, for hopNamed
	scratch []Hop                  // the buffer explainPlace follows chains in
	any     []bool                 // by node: blocks in some category (decides AllOf places)
	conds   []*graph.Node          // nodes with a place that has Skip, see conditional
}

// Solve computes the solution for the enabled categories.
func Solve(g *graph.Graph, roles *roots.Roles, cats facts.CategorySet) *Solution {
	s := &Solution{g: g, roles: roles}
	s.cats = present(g, roles, cats)
	k := len(s.cats)
	s.level = make([]int32, len(g.Nodes)*k)
	s.via = make([]int32, len(g.Nodes)*k)
	for i := range s.level {
		s.level[i], s.via[i] = -1, -1
	}
	if k == 0 {
		return s
	}
	preds := predecessors(g)
	s.any = s.blocksAtAll(preds)
	for ci := range s.cats {
		s.solve(ci, preds)
	}
	return s
}

// blocksAtAll finds the functions that may block in some category, which
// decides the places that block only if all their targets do: a worklist
// over the callers of each function found.
func (s *Solution) blocksAtAll(preds [][]*graph.Node) []bool {
	any := make([]bool, len(s.g.Nodes))
	var work []*graph.Node
	for _, n := range s.g.Nodes {
		if s.roles.Barrier(n) {
			continue
		}
		if s.declared(n) {
			any[n.Index] = true
			work = append(work, n)
			continue
		}
		for i := range n.Places {
			if directCategories(&n.Places[i]) != 0 {
				any[n.Index] = true
				work = append(work, n)
				break
			}
		}
	}
	for len(work) > 0 {
		t := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range preds[t.Index] {
			if any[p.Index] || s.roles.Barrier(p) || s.declared(p) {
				continue
			}
			for i := range p.Places {
				if reaches(&p.Places[i], any) {
					any[p.Index] = true
					work = append(work, p)
					break
				}
			}
		}
	}
	return any
}

// reaches reports whether a place calls a local function that blocks (for
// an AllOf place: only local functions that block).
func reaches(pl *graph.Place, any []bool) bool {
	if pl.AllOf {
		return len(pl.Targets) > 0 && allOf(pl.Targets, any)
	}
	for _, t := range pl.Targets {
		if any[t.Index] {
			return true
		}
	}
	for _, t := range pl.CbTargets {
		if any[t.Index] {
			return true
		}
	}
	return false
}

func allOf(targets []*graph.Node, any []bool) bool {
	for _, t := range targets {
		if !any[t.Index] {
			return false
		}
	}
	return true
}

// present returns the enabled categories some place or declaration of the
// package blocks in, in report order: only those need a search.
func present(g *graph.Graph, roles *roots.Roles, cats facts.CategorySet) []facts.Category {
	var set facts.CategorySet
	for _, n := range g.Nodes {
		if d := roles.Declared[n.Index]; d != "" && cats.Has(d) {
			set = set.With(d)
		}
		for i := range n.Places {
			set |= directCategories(&n.Places[i])
		}
	}
	var out []facts.Category
	for _, c := range facts.ReportOrder() {
		if set.Has(c) {
			out = append(out, c)
		}
	}
	return out
}

// directCategories are the categories a place blocks in by itself: its
// operation, its imported callees, the imported functions it calls back.
func directCategories(pl *graph.Place) facts.CategorySet {
	var set facts.CategorySet
	if pl.Op != "" {
		set = set.With(pl.Op)
	}
	if pl.Ext != nil && !(pl.AllOf && len(pl.Targets) > 0) {
		for _, w := range pl.Ext.Witnesses {
			set = set.With(w.Category)
		}
	}
	if pl.CbExt != nil {
		for _, w := range pl.CbExt.Witnesses {
			set = set.With(w.Category)
		}
	}
	return set
}

func predecessors(g *graph.Graph) [][]*graph.Node {
	preds := make([][]*graph.Node, len(g.Nodes))
	for _, n := range g.Nodes {
		for _, pl := range n.Places {
			for _, t := range pl.Targets {
				preds[t.Index] = append(preds[t.Index], n)
			}
			for _, t := range pl.CbTargets {
				preds[t.Index] = append(preds[t.Index], n)
			}
		}
	}
	return preds
}

// solve runs the search for one category.
func (s *Solution) solve(ci int, preds [][]*graph.Node) {
	c := s.cats[ci]
	var frontier []*graph.Node
	for _, n := range s.g.Nodes {
		if s.roles.Barrier(n) {
			continue
		}
		if d := s.roles.Declared[n.Index]; d == c {
			s.set(n, ci, 0, -1)
			frontier = append(frontier, n)
			continue
		} else if s.declared(n) {
			continue // its body is not consulted
		}
		for i := range n.Places {
			if directCategories(&n.Places[i]).Has(c) {
				s.set(n, ci, 0, i)
				frontier = append(frontier, n)
				break
			}
		}
	}
	// A call that passes constants may reach its callee's blocking later
	// than the callee's own level (constargs.go): the functions making
	// such calls are candidates at every level, and the search runs one
	// level past the last non-empty frontier for them.
	conds := s.conditional()
	for level := int32(0); len(frontier) > 0 || (len(conds) > 0 && level > 0 && s.anyPending(conds, ci)); level++ {
		empty := len(frontier) == 0
		var cands []*graph.Node
		for _, t := range frontier {
			for _, p := range preds[t.Index] {
				if s.at(p, ci) < 0 && !s.roles.Barrier(p) && !s.declared(p) {
					cands = append(cands, p)
				}
			}
		}
		for _, p := range conds {
			if s.at(p, ci) < 0 && !s.roles.Barrier(p) && !s.declared(p) {
				cands = append(cands, p)
			}
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].Index < cands[j].Index })
		frontier = frontier[:0:0]
		for i, p := range cands {
			if i > 0 && cands[i-1] == p {
				continue
			}
			reached := false
			for j := range p.Places {
				if s.reachedAt(&p.Places[j], ci, level) {
					s.set(p, ci, level+1, j)
					reached = true
					break
				}
			}
			if reached {
				frontier = append(frontier, p)
			}
		}
		if empty && len(frontier) == 0 {
			break
		}
	}
}

// conditional returns the functions with a call that passes its callee
// constants that rule out some of its places, in index order; memoized.
func (s *Solution) conditional() []*graph.Node {
	if s.conds == nil {
		s.conds = []*graph.Node{}
		for _, n := range s.g.Nodes {
			for i := range n.Places {
				if n.Places[i].Skip != nil {
					s.conds = append(s.conds, n)
					break
				}
			}
		}
	}
	return s.conds
}

// anyPending reports whether some of nodes does not block in ci yet.
func (s *Solution) anyPending(nodes []*graph.Node, ci int) bool {
	for _, n := range nodes {
		if s.at(n, ci) < 0 {
			return true
		}
	}
	return false
}

// condAt is the level of target t in category ci for a call that rules
// out its places skip: the closest of its other places (-1: none blocks).
func (s *Solution) condAt(t *graph.Node, skip []int32, ci int) int32 {
	if s.roles.Barrier(t) {
		return -1
	}
	if s.declared(t) {
		return s.at(t, ci)
	}
	best, _ := s.condVia(t, skip, ci)
	return best
}

// condVia returns the level of t without its places skip, and the first
// place (source order) with that level, or -1, -1.
func (s *Solution) condVia(t *graph.Node, skip []int32, ci int) (int32, int) {
	best, via := int32(-1), -1
	k := 0
	for j := range t.Places {
		for k < len(skip) && int(skip[k]) < j {
			k++
		}
		if k < len(skip) && int(skip[k]) == j {
			continue
		}
		if l := s.placeLevel(&t.Places[j], ci); l >= 0 && (best < 0 || l < best) {
			best, via = l, j
		}
	}
	return best, via
}

// placeLevel is the level a function has through one of its places: 0
// for a place that blocks by itself, one more than its closest target.
// The targets' levels are the unconditional ones.
func (s *Solution) placeLevel(pl *graph.Place, ci int) int32 {
	if directCategories(pl).Has(s.cats[ci]) {
		return 0
	}
	if pl.AllOf && !allOf(pl.Targets, s.any) {
		return -1
	}
	best := int32(-1)
	for _, ts := range [2][]*graph.Node{pl.Targets, pl.CbTargets} {
		for _, t := range ts {
			if l := s.at(t, ci); l >= 0 && (best < 0 || l+1 < best) {
				best = l + 1
			}
		}
	}
	return best
}

// declared reports whether n is declared blocking in an enabled category:
// then it blocks in that one only, and its body is not consulted.
func (s *Solution) declared(n *graph.Node) bool {
	d := s.roles.Declared[n.Index]
	return d != "" && s.index(d) >= 0
}

func (s *Solution) idx(n *graph.Node, ci int) int { return n.Index*len(s.cats) + ci }

func (s *Solution) at(n *graph.Node, ci int) int32 { return s.level[s.idx(n, ci)] }

func (s *Solution) set(n *graph.Node, ci int, level int32, via int) {
	s.level[s.idx(n, ci)], s.via[s.idx(n, ci)] = level, int32(via)
}

// reachedAt reports whether a place blocks in category ci through a target
// that does so at the given level. An AllOf place blocks only once every
// target blocks, in some category.
func (s *Solution) reachedAt(pl *graph.Place, ci int, level int32) bool {
	if pl.AllOf && !allOf(pl.Targets, s.any) {
		return false
	}
	if pl.Skip != nil {
		return s.condAt(pl.Targets[0], pl.Skip, ci) == level || s.targetAt(pl.CbTargets, ci, level) != nil
	}
	return s.targetAt(pl.Targets, ci, level) != nil || s.targetAt(pl.CbTargets, ci, level) != nil
}

// targetAt returns the first target at the given level.
func (s *Solution) targetAt(targets []*graph.Node, ci int, level int32) *graph.Node {
	for _, t := range targets {
		if s.at(t, ci) == level {
			return t
		}
	}
	return nil
}

// bestTarget returns the target closest to a blocking operation of the
// category.
func (s *Solution) bestTarget(targets []*graph.Node, ci int) *graph.Node {
	var best *graph.Node
	for _, t := range targets {
		if l := s.at(t, ci); l >= 0 && (best == nil || l < s.at(best, ci)) {
			best = t
		}
	}
	return best
}

func (s *Solution) index(c facts.Category) int {
	for i, x := range s.cats {
		if x == c {
			return i
		}
	}
	return -1
}

// Blocks reports whether n may block, in any category.
func (s *Solution) Blocks(n *graph.Node) bool {
	for ci := range s.cats {
		if s.at(n, ci) >= 0 {
			return true
		}
	}
	return false
}

// Categories returns the categories n may block in, in report order.
func (s *Solution) Categories(n *graph.Node) []facts.Category {
	var out []facts.Category
	for ci, c := range s.cats {
		if s.at(n, ci) >= 0 {
			out = append(out, c)
		}
	}
	return out
}

// Level is the length of n's shortest path to a blocking operation of
// category c, or -1.
func (s *Solution) Level(n *graph.Node, c facts.Category) int {
	if ci := s.index(c); ci >= 0 {
		return int(s.at(n, ci))
	}
	return -1
}

// Via is the index of the place n blocks through in category c, or -1
// when n is declared blocking (or does not block in c).
func (s *Solution) Via(n *graph.Node, c facts.Category) int {
	if ci := s.index(c); ci >= 0 {
		return int(s.via[s.idx(n, ci)])
	}
	return -1
}

// Witness returns the place n blocks through in category c, or nil.
func (s *Solution) Witness(n *graph.Node, c facts.Category) *graph.Place {
	if v := s.Via(n, c); v >= 0 && s.Level(n, c) >= 0 {
		return &n.Places[v]
	}
	return nil
}

// Next returns the local function the chain of category c continues in
// after place pl of a function at the given level, or nil.
func (s *Solution) Next(pl *graph.Place, c facts.Category, level int) *graph.Node {
	ci := s.index(c)
	if ci < 0 {
		return nil
	}
	if pl.Skip != nil {
		if t := pl.Targets[0]; s.condAt(t, pl.Skip, ci) == int32(level-1) {
			return t
		}
	} else if next := s.targetAt(pl.Targets, ci, int32(level-1)); next != nil {
		return next
	}
	return s.targetAt(pl.CbTargets, ci, int32(level-1))
}

// A Chain is how a function or a place blocks in one category: the
// functions called down to the sink, and the sink.
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
	// Via is the local function's place the chain continues at, when
	// the chain was followed inside the package (nil otherwise: use
	// Solution.Witness). It differs from the function's own witness when
	// the caller's constants rule that out (graph.Place.Skip).
	Via *graph.Place
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

// Explain returns how a function that may block does so: one chain per
// category, in report order.
func (s *Solution) Explain(n *graph.Node) []Chain {
	out := make([]Chain, 0, 1)
	for ci := range s.cats {
		if s.at(n, ci) >= 0 {
			out = append(out, s.explain(n, ci))
		}
	}
	return out
}

func (s *Solution) explain(n *graph.Node, ci int) Chain {
	if v := s.via[s.idx(n, ci)]; v >= 0 {
		c, _ := s.explainPlace(&n.Places[v], ci)
		return c
	}
	return Chain{Category: s.cats[ci], Sink: s.localHop(n)}
}

// ExplainPlace returns how a place blocks, if it does: one chain per
// category, in report order. Each chain holds the functions called down to
// the sink (the callee first, unless the callee is the sink) and the sink.
func (s *Solution) ExplainPlace(pl *graph.Place) ([]Chain, bool) {
	var out []Chain
	for ci := range s.cats {
		if out == nil && s.placeMayBlockIn(pl, ci) {
			out = make([]Chain, 0, 1)
		}
		if c, ok := s.explainPlace(pl, ci); ok {
			out = append(out, c)
		}
	}
	return out, len(out) > 0
}

// placeMayBlockIn is a cheap test before explainPlace allocates.
func (s *Solution) placeMayBlockIn(pl *graph.Place, ci int) bool {
	c := s.cats[ci]
	if pl.Op == c {
		return true
	}
	if pl.Ext != nil {
		if _, ok := pl.Ext.In(c); ok {
			return true
		}
	}
	if pl.CbExt != nil {
		if _, ok := pl.CbExt.In(c); ok {
			return true
		}
	}
	best, _, _ := s.closest(pl, ci)
	return best != nil || s.bestTarget(pl.CbTargets, ci) != nil
}

// explainPlace explains a place in one category. Direct operations come
// first, then imported callees, then the local callee closest to a
// blocking operation, then imported callbacks.
//
// The chain is followed hop by hop, and only for its first facts.MaxChain
// hops: the sink of a longer one comes from sinkOf, so that explaining
// every function of a long chain costs no more than its length.
func (s *Solution) explainPlace(pl *graph.Place, ci int) (Chain, bool) {
	c, ok, buf := s.follow(pl, ci, s.scratch[:0])
	s.scratch = buf[:0]
	return c, ok
}

// follow follows a place's chain in category ci, in the buffer hops (the
// hops it returns is the buffer, grown), and returns the chain copied out.
func (s *Solution) follow(pl *graph.Place, ci int, hops []Hop) (Chain, bool, []Hop) {
	c := s.cats[ci]
	if pl.AllOf && !allOf(pl.Targets, s.any) {
		return Chain{}, false, hops
	}
	for {
		if pl.Op == c {
			return Chain{Category: c, Hops: finish(hops), Sink: importedHop(pl.What)}, true, hops
		}
		if pl.Ext != nil {
			if w, ok := pl.Ext.In(c); ok {
				return s.witnessChain(w, hops), true, hops
			}
		}
		best, level, next := s.closest(pl, ci)
		viaArg := false
		if cb := s.bestTarget(pl.CbTargets, ci); cb != nil && (best == nil || s.at(cb, ci) < level) {
			best, next, viaArg = cb, int(s.via[s.idx(cb, ci)]), true
		}
		var cbw facts.Witness
		cbOK := false
		if best == nil && pl.CbExt != nil {
			cbw, cbOK = pl.CbExt.In(c)
		}
		if best == nil && !cbOK {
			return Chain{}, false, hops
		}
		// A blocking argument: the chain goes through the callee that
		// calls it.
		if viaArg || best == nil {
			hops = append(hops, s.calleeHop(pl.Callee))
		}
		if best == nil {
			return s.witnessChain(cbw, hops), true, hops
		}
		if next < 0 {
			return Chain{Category: c, Hops: finish(hops), Sink: s.localHop(best)}, true, hops
		}
		pl = &best.Places[next]
		h := s.localHop(best)
		h.Via = pl
		hops = append(hops, h)
		if len(hops) > facts.MaxChain {
			out := finish(hops) // before sinkOf, which explains with the buffer too
			if next != int(s.via[s.idx(best, ci)]) {
				// Reached through constants that rule out its own
				// witness: the sink is this place's.
				sc, _ := s.explainPlace(pl, ci)
				return Chain{Category: c, Hops: out, Sink: sc.Sink}, true, hops
			}
			return Chain{Category: c, Hops: out, Sink: s.sinkOf(best, ci)}, true, hops
		}
	}
}

// closest returns the local target of a place (not a callback) closest to
// a blocking operation of category ci, its level for this call, and the
// index of its place the chain continues at (-1: it is declared
// blocking). A call that passes constants sees its callee without the
// places they rule out (Place.Skip).
func (s *Solution) closest(pl *graph.Place, ci int) (*graph.Node, int32, int) {
	if pl.Skip != nil {
		t := pl.Targets[0]
		switch {
		case s.roles.Barrier(t):
			return nil, -1, -1
		case s.declared(t):
			if l := s.at(t, ci); l >= 0 {
				return t, l, -1
			}
			return nil, -1, -1
		}
		if l, j := s.condVia(t, pl.Skip, ci); l >= 0 {
			return t, l, j
		}
		return nil, -1, -1
	}
	best := s.bestTarget(pl.Targets, ci)
	if best == nil {
		return nil, -1, -1
	}
	return best, s.at(best, ci), int(s.via[s.idx(best, ci)])
}

// witnessChain is the chain of a witness after hops. A hop that names a
// function of this package (a stream helper the graph resolved) is a local
// hop, spelled as the package spells it.
func (s *Solution) witnessChain(w facts.Witness, hops []Hop) Chain {
	for _, h := range w.Chain {
		hops = append(hops, s.hopNamed(h))
	}
	return Chain{Category: w.Category, Hops: finish(hops), Sink: importedHop(w.Sink)}
}

// finish copies a chain's hops out of a buffer, bounded; nil when empty.
func finish(hops []Hop) []Hop {
	hops = BoundHops(hops)
	if len(hops) == 0 {
		return nil
	}
	return append(make([]Hop, 0, len(hops)), hops...)
}

// hopNamed returns the hop of a qualified name: local if it names a
// function of the package.
func (s *Solution) hopNamed(q string) Hop {
	if rest, ok := strings.CutPrefix(q, s.g.Pkg.Name()+"."); ok {
		if s.byName == nil {
			s.byName = make(map[string]*graph.Node)
			for _, n := range s.g.Nodes {
				if n.Fn != nil {
					s.byName[n.Name] = n
				}
			}
		}
		if n := s.byName[rest]; n != nil {
			return s.localHop(n)
		}
	}
	return importedHop(q)
}

// sinkOf returns the sink of a function that may block in category ci,
// following its witnesses to the end, memoized.
func (s *Solution) sinkOf(n *graph.Node, ci int) Hop {
	if s.sinks == nil {
		s.sinks = make([]sinkInfo, len(s.level))
	}
	var path []*graph.Node
	var end Hop
	for cur := n; ; {
		if known := s.sinks[s.idx(cur, ci)]; known.set {
			end = known.sink
			break
		}
		path = append(path, cur)
		v := s.via[s.idx(cur, ci)]
		if v < 0 {
			end = s.localHop(cur)
			break
		}
		next := s.nextOnChain(&cur.Places[v], ci)
		if next == nil {
			c, _ := s.explainPlace(&cur.Places[v], ci) // the place ends the chain: short
			end = c.Sink
			break
		}
		cur = next
	}
	for _, p := range path {
		s.sinks[s.idx(p, ci)] = sinkInfo{true, end}
	}
	return end
}

type sinkInfo struct {
	set  bool
	sink Hop
}

// nextOnChain returns the local function a place's chain of category ci
// continues in, or nil when the place itself ends it (an operation, an
// imported callee, a function declared blocking).
func (s *Solution) nextOnChain(pl *graph.Place, ci int) *graph.Node {
	c := s.cats[ci]
	if pl.Op == c {
		return nil
	}
	if pl.Ext != nil {
		if _, ok := pl.Ext.In(c); ok {
			return nil
		}
	}
	if pl.Skip != nil {
		return nil // its chain is not the target's own: sinkOf explains the place
	}
	best := s.bestTarget(pl.Targets, ci)
	if cb := s.bestTarget(pl.CbTargets, ci); cb != nil && (best == nil || s.at(cb, ci) < s.at(best, ci)) {
		best = cb
	}
	if best == nil || s.via[s.idx(best, ci)] < 0 {
		return nil
	}
	return best
}

// ExplainFrom is Explain with n itself as the first hop of each chain: how
// a call of n blocks, as a caller in another package sees it.
func (s *Solution) ExplainFrom(n *graph.Node) []Chain {
	chains := s.Explain(n)
	for i := range chains {
		if s.via[s.idx(n, s.index(chains[i].Category))] >= 0 {
			chains[i].Hops = BoundHops(append([]Hop{s.localHop(n)}, chains[i].Hops...))
		}
	}
	return chains
}

// ExplainResult returns how calling n's function-typed result blocks, one
// chain per category: through the local function it returns that is
// closest to a blocking operation of each.
func (s *Solution) ExplainResult(n *graph.Node) []Chain {
	var out []Chain
	for ci := range s.cats {
		best := s.bestTarget(n.ReturnTargets, ci)
		if best == nil {
			continue
		}
		c := s.explain(best, ci)
		if s.via[s.idx(best, ci)] >= 0 {
			c.Hops = BoundHops(append([]Hop{s.localHop(best)}, c.Hops...))
		}
		out = append(out, c)
	}
	return out
}

// ExplainBlock is Explain for an imported function: how a Block blocks.
func ExplainBlock(b *sinks.Block) []Chain {
	var out []Chain
	for _, w := range b.Witnesses {
		var hops []Hop
		for _, h := range w.Chain {
			hops = append(hops, importedHop(h))
		}
		out = append(out, Chain{Category: w.Category, Hops: BoundHops(hops), Sink: importedHop(w.Sink)})
	}
	return out
}

// calleeHop names the callee of a call for a chain.
func (s *Solution) calleeHop(fn *types.Func) Hop {
	if n := s.g.ByFunc[fn]; n != nil {
		return s.localHop(n)
	}
	return importedHop(names.Qualified(fn))
}

// Witnesses are chains as facts record them: qualified hops, bounded;
// the chain is nil when empty (gob decodes an empty slice as nil, and
// facts must compare equal after a round trip).
func Witnesses(chains []Chain) []facts.Witness {
	var out []facts.Witness
	for _, c := range chains {
		var chain []string
		if hops := BoundHops(c.Hops); len(hops) > 0 {
			chain = make([]string, len(hops))
			for i, h := range hops {
				chain[i] = h.Qualified
			}
		}
		out = append(out, facts.Witness{Category: c.Category, Chain: chain, Sink: c.Sink.Qualified})
	}
	return out
}

// BoundHops keeps a chain within facts.MaxChain hops.
func BoundHops(hops []Hop) []Hop {
	if len(hops) > facts.MaxChain {
		hops = append(hops[:facts.MaxChain-1], importedHop(facts.Ellipsis))
	}
	return hops
}
