package analyzer

import (
	"go/ast"
	"go/types"
	"sort"
	"strings"

	"github.com/blockcheck/blockcheck/facts"
)

// Callback summaries: a function that calls one of its function-typed
// parameters synchronously (sync.(*Once).Do, slices.SortFunc, a retry
// helper, a middleware chain) blocks when the function passed there blocks.
// Each function's summary is the set of parameters it calls, directly or by
// passing them on to a function that calls them; at a call site, the
// functions passed in those positions are followed like calls.

// linkCallbacks computes the package's callback summaries and adds, to every
// call of a function with one, the functions passed as those arguments.
func (p *packageRun) linkCallbacks() {
	// Forwarding: f(g) where g is a parameter and f calls its argument
	// makes g called. Local summaries grow monotonically: iterate to the
	// fixed point.
	for changed := true; changed; {
		changed = false
		for _, n := range p.nodes {
			if n.fn == nil {
				continue
			}
			for i := range n.places {
				pl := &n.places[i]
				for _, ai := range p.callbackParams(pl.callee) {
					if ai >= len(pl.call.Args) {
						continue
					}
					id, ok := ast.Unparen(pl.call.Args[ai]).(*ast.Ident)
					if !ok {
						continue
					}
					v, _ := p.pass.TypesInfo.Uses[id].(*types.Var)
					if j := paramIndex(n.fn, v); j >= 0 && !containsInt(n.paramCalls, j) {
						n.paramCalls = addInt(n.paramCalls, j)
						changed = true
					}
				}
			}
		}
	}
	for _, n := range p.nodes {
		for i := range n.places {
			pl := &n.places[i]
			for _, ai := range p.callbackParams(pl.callee) {
				if ai >= len(pl.call.Args) {
					continue
				}
				for _, t := range p.argTargets(pl.call.Args[ai]) {
					if t.node != nil {
						pl.cbTargets = append(pl.cbTargets, t.node)
					} else if pl.cbExt == nil {
						pl.cbExt = p.resolve(t.fn)
					}
				}
			}
		}
	}
}

// argTargets returns the functions an argument may be: a literal, a
// function or method value, or a local variable holding one.
func (p *packageRun) argTargets(arg ast.Expr) []*target {
	if t := p.funcValue(arg); t != nil {
		return []*target{t}
	}
	if id, ok := ast.Unparen(arg).(*ast.Ident); ok {
		if v, ok := p.pass.TypesInfo.Uses[id].(*types.Var); ok {
			return p.vars[v]
		}
	}
	return nil
}

// callbackParams returns the parameters fn calls synchronously.
func (p *packageRun) callbackParams(fn *types.Func) []int {
	if fn == nil {
		return nil
	}
	if n := p.byFunc[fn]; n != nil {
		return n.paramCalls
	}
	return p.externalCallbacks(fn)
}

// externalCallbacks returns the callback parameters of an imported
// function, from its fact or the standard-library table; cached.
func (p *packageRun) externalCallbacks(fn *types.Func) []int {
	if fn.Pkg() == p.pass.Pkg {
		return nil
	}
	if ps, ok := p.externalCbs[fn]; ok {
		return ps
	}
	var ps []int
	var f facts.Callbacks
	if p.pass.ImportObjectFact(fn, &f) {
		ps = f.Params
	} else if fn.Pkg() != nil && isStdPath(fn.Pkg().Path()) {
		ps = facts.LookupStdCallbacks(fn.FullName())
	}
	p.externalCbs[fn] = ps
	return ps
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

// isStdPath reports whether an import path is the standard library's: its
// first element has no dot.
func isStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
