package graph

import (
	"go/ast"
	"go/types"
	"sort"
)

// Callback summaries: a function that calls one of its function-typed
// parameters synchronously (sync.(*Once).Do, slices.SortFunc, a retry
// helper, a middleware chain) blocks when the function passed there blocks.
// Each function's summary is the set of parameters it calls, directly or by
// passing them on to a function that calls them; at a call site, the
// functions passed in those positions are followed like calls.

// LinkCallbacks computes the package's callback summaries and adds, to every
// call of a function with one, the functions passed as those arguments.
func (g *Graph) LinkCallbacks() {
	// Forwarding: f(g) where g is a parameter and f calls its argument
	// makes g called. Local summaries grow monotonically: iterate to the
	// fixed point.
	for changed := true; changed; {
		changed = false
		for _, n := range g.Nodes {
			if n.Fn == nil {
				continue
			}
			for i := range n.Places {
				pl := &n.Places[i]
				for _, ai := range g.callbackParams(pl.Callee) {
					if ai >= len(pl.Call.Args) {
						continue
					}
					id, ok := ast.Unparen(pl.Call.Args[ai]).(*ast.Ident)
					if !ok {
						continue
					}
					v, _ := g.in.Info.Uses[id].(*types.Var)
					if j := paramIndex(n.Fn, v); j >= 0 && !containsInt(n.ParamCalls, j) {
						n.ParamCalls = addInt(n.ParamCalls, j)
						changed = true
					}
				}
			}
		}
	}
	for _, n := range g.Nodes {
		for i := range n.Places {
			pl := &n.Places[i]
			for _, ai := range g.callbackParams(pl.Callee) {
				if ai >= len(pl.Call.Args) {
					continue
				}
				for _, t := range g.argTargets(pl.Call.Args[ai]) {
					if t.Node != nil {
						pl.CbTargets = append(pl.CbTargets, t.Node)
					} else if pl.CbExt == nil {
						pl.CbExt = g.in.Callees.Blocking(t.Fn)
					}
				}
			}
		}
	}
}

// argTargets returns the functions an argument may be: a literal, a
// function or method value, or a local variable holding one.
func (g *Graph) argTargets(arg ast.Expr) []*Target {
	if t := g.funcValue(arg); t != nil {
		return []*Target{t}
	}
	if id, ok := ast.Unparen(arg).(*ast.Ident); ok {
		if v, ok := g.in.Info.Uses[id].(*types.Var); ok {
			return g.vars[v]
		}
	}
	return nil
}

// callbackParams returns the parameters fn calls synchronously.
func (g *Graph) callbackParams(fn *types.Func) []int {
	if fn == nil {
		return nil
	}
	if n := g.ByFunc[fn]; n != nil {
		return n.ParamCalls
	}
	return g.in.Callees.Callbacks(fn)
}

// paramIndex returns the index of v among fn's parameters, or -1.
func paramIndex(fn *types.Func, v *types.Var) int {
	if fn == nil || v == nil {
		return -1
	}
	params := fn.Type().(*types.Signature).Params()
	for i := 0; i < params.Len(); i++ {
		if params.At(i) == v {
			return i
		}
	}
	return -1
}

func containsInt(s []int, x int) bool {
	i := sort.SearchInts(s, x)
	return i < len(s) && s[i] == x
}

// addInt adds x to the sorted set s.
func addInt(s []int, x int) []int {
	i := sort.SearchInts(s, x)
	if i < len(s) && s[i] == x {
		return s
	}
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = x
	return s
}
