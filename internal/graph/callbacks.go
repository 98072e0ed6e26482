package graph

import (
	"go/ast"
	"go/types"
	"sort"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/sinks"
)

// Callback summaries: a function that calls one of its function-typed
// parameters synchronously (sync.(*Once).Do, slices.SortFunc, a retry
// helper, a middleware chain) blocks when the function passed there blocks.
// Each function's summary is the set of parameters it calls: directly, by
// passing them on to a function that does, or inside a literal that it
// calls synchronously (func Do(fn func()) { try.Do(func() { fn() }) }). At
// a call site, the functions passed in those positions are followed like
// calls.
//
// Result summaries: a function whose function-typed result calls some of
// its parameters (func Wrap(h func()) func() { return func() { h() } },
// sync.OnceFunc) makes a call of that result a call of the arguments; the
// local functions it returns are called too.

// LinkCallbacks computes the package's callback and result summaries, then
// adds to every call of a function with a callback summary the functions
// passed in those positions, and resolves every call of a call's result.
func (g *Graph) LinkCallbacks() {
	// Summaries grow monotonically: iterate to the fixed point.
	for changed := true; changed; {
		changed = false
		for _, n := range g.Nodes {
			if g.summarize(n) {
				changed = true
			}
		}
	}
	for _, n := range g.Nodes {
		for i := range n.Places {
			pl := &n.Places[i]
			if pl.iface != nil {
				g.resolveIface(n, pl)
			}
			for _, c := range pl.Results {
				g.addTargets(n, pl, g.ResolveResult(c))
				pl.Ext = sinks.Merge(pl.Ext, g.ResultBlocks(c))
			}
			for _, ai := range g.callbackParams(pl.Callee) {
				arg := g.argAt(pl.Call, ai)
				if arg == nil {
					continue
				}
				for _, t := range g.argTargets(arg) {
					if t.Result != nil {
						pl.CbExt = sinks.Merge(pl.CbExt, g.ResultBlocks(t.Result))
					}
					for _, t := range g.Expand(t) {
						if t.Node != nil {
							pl.CbTargets = append(pl.CbTargets, t.Node)
						} else {
							pl.CbExt = sinks.Merge(pl.CbExt, g.in.Callees.Blocking(t.Fn))
						}
					}
				}
			}
		}
	}
}

// summarize grows n's summaries from its places and returns; it reports
// whether they changed.
func (g *Graph) summarize(n *Node) bool {
	changed := false
	calls := func(arg ast.Expr) { // n calls the function arg synchronously
		if g.callsValue(n, arg) {
			changed = true
		}
	}
	for i := range n.Places {
		pl := &n.Places[i]
		for _, t := range pl.Targets {
			if g.inherit(n, t) {
				changed = true
			}
		}
		for _, c := range pl.Results {
			for _, ai := range g.returnCalls(c) {
				if arg := g.argAt(c, ai); arg != nil {
					calls(arg)
				}
			}
		}
		if pl.Call != nil {
			for _, ai := range g.callbackParams(pl.Callee) {
				if arg := g.argAt(pl.Call, ai); arg != nil {
					calls(arg)
				}
			}
			// A local stream function: its callers block as they pass.
			if t := g.ByFunc[pl.Callee]; t != nil && len(t.StreamParams) > 0 {
				b, grew := g.streamBlock(n, pl.Call, pl.Callee)
				if b != nil {
					if merged := sinks.Merge(pl.Ext, b); pl.Ext == nil || len(merged.Witnesses) > len(pl.Ext.Witnesses) {
						pl.Ext = merged
						changed = true
					}
				}
				changed = changed || grew
			}
		}
	}
	for _, t := range n.ReturnTargets {
		for _, c := range t.Captured {
			if c.Owner == n && !containsInt(n.ReturnCalls, c.Param) {
				n.ReturnCalls = addInt(n.ReturnCalls, c.Param)
				changed = true
			}
		}
	}
	for _, c := range n.returnCalls {
		for _, t := range g.ResolveResult(c) {
			if t.Node != nil && !containsNode(n.ReturnTargets, t.Node) {
				n.ReturnTargets = appendNode(n.ReturnTargets, t.Node)
				changed = true
			}
		}
		for _, ai := range g.returnCalls(c) {
			arg := g.argAt(c, ai)
			if arg == nil {
				continue
			}
			if v := g.identVar(arg); v != nil {
				if j := paramIndex(n.sig, v); j != notParam && !containsInt(n.ReturnCalls, j) {
					n.ReturnCalls = addInt(n.ReturnCalls, j)
					changed = true
				}
			}
		}
	}
	return changed
}

// callsValue records that n calls the function value arg synchronously:
// a parameter of n, a parameter of a function n is written in, or a local
// literal whose captured calls n inherits.
func (g *Graph) callsValue(n *Node, arg ast.Expr) bool {
	return g.callsValueFrom(n, arg, nil)
}

// callsValueFrom is callsValue with the operands already being followed:
// h = wrap(h); h = wrap(h); h() goes from one assignment's operand to the
// other and back.
func (g *Graph) callsValueFrom(n *Node, arg ast.Expr, following map[ast.Expr]bool) bool {
	changed := false
	if v := g.identVar(arg); v != nil {
		if j := paramIndex(n.sig, v); j != notParam {
			if !containsInt(n.ParamCalls, j) {
				n.ParamCalls = addInt(n.ParamCalls, j)
				changed = true
			}
		} else if owner, j := outerParam(n, v); owner != nil {
			c := Captured{owner, j}
			if !containsCaptured(n.Captured, c) {
				n.Captured = addCaptured(n.Captured, c)
				changed = true
			}
		}
	}
	for _, t := range g.argTargets(arg) {
		switch {
		case t.Node != nil:
			if g.inherit(n, t.Node) {
				changed = true
			}
		case t.Result != nil:
			// Calling what a call returns calls the operands its result
			// calls: doRetry(op.wrap()) calls op.
			for _, ai := range g.returnCalls(t.Result) {
				a := g.argAt(t.Result, ai)
				if a == nil || a == arg || following[a] {
					continue
				}
				if following == nil {
					following = make(map[ast.Expr]bool)
				}
				following[arg] = true
				if g.callsValueFrom(n, a, following) {
					changed = true
				}
			}
		}
	}
	return changed
}

// inherit gives n the captured calls of a local function it calls
// synchronously: a parameter of n itself, or of a function n is written
// in. Captured calls of other functions' parameters mean nothing here.
func (g *Graph) inherit(n, callee *Node) bool {
	changed := false
	for _, c := range callee.Captured {
		switch {
		case c.Owner == n:
			if !containsInt(n.ParamCalls, c.Param) {
				n.ParamCalls = addInt(n.ParamCalls, c.Param)
				changed = true
			}
		case encloses(c.Owner, n):
			if !containsCaptured(n.Captured, c) {
				n.Captured = addCaptured(n.Captured, c)
				changed = true
			}
		}
	}
	return changed
}

// ResolveResult returns the functions that calling what call returns may
// call: the local functions its callee returns, and the arguments in the
// positions the result calls. The imported function a result itself
// blocks in is Callees.Returns's business, added by expand.
func (g *Graph) ResolveResult(call *ast.CallExpr) []*Target {
	fn := calleeOf(g.in.Info, call)
	if fn == nil {
		return nil
	}
	var out []*Target
	if n := g.ByFunc[fn]; n != nil {
		for _, t := range n.ReturnTargets {
			out = append(out, &Target{Node: t})
		}
	}
	for _, ai := range g.returnCalls(call) {
		if arg := g.argAt(call, ai); arg != nil {
			for _, t := range g.argTargets(arg) {
				if t.Result == nil { // one level of wrapping is followed
					out = append(out, t)
				}
			}
		}
	}
	return out
}

// ResultBlocks says how calling what an imported call returns blocks, from
// its callee's Returns fact, or nil.
func (g *Graph) ResultBlocks(call *ast.CallExpr) *sinks.Block {
	fn := calleeOf(g.in.Info, call)
	if fn == nil || g.ByFunc[fn] != nil {
		return nil
	}
	_, b := g.in.Callees.Returns(fn)
	return b
}

// Expand replaces a target that stands for others — what a call returns,
// what a slot holds — by the functions it may be, one level deep: every
// target it returns is a local node or an imported function.
func (g *Graph) Expand(t *Target) []*Target {
	var ts []*Target
	switch {
	case t.Result != nil:
		ts = g.ResolveResult(t.Result)
	case t.Slot != nil:
		ts = g.slotTargets(*t.Slot)
	default:
		return []*Target{t}
	}
	out := ts[:0:0]
	for _, x := range ts {
		if x.Node != nil || x.Fn != nil {
			out = append(out, x)
		}
	}
	return out
}

// returnCalls returns the parameters that the result of call's callee
// calls.
func (g *Graph) returnCalls(call *ast.CallExpr) []int {
	fn := calleeOf(g.in.Info, call)
	if fn == nil {
		return nil
	}
	if n := g.ByFunc[fn]; n != nil {
		return n.ReturnCalls
	}
	calls, _ := g.in.Callees.Returns(fn)
	return calls
}

// argTargets returns the functions an argument may be: a literal, a
// function or method value, a local variable holding one, or what a call
// returns.
func (g *Graph) argTargets(arg ast.Expr) []*Target {
	if t := g.funcValue(arg); t != nil {
		return []*Target{t}
	}
	if v := g.identVar(arg); v != nil {
		return g.vars[v]
	}
	return nil
}

// identVar returns the variable an expression names, if it is one.
func (g *Graph) identVar(e ast.Expr) *types.Var {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		v, _ := g.in.Info.Uses[id].(*types.Var)
		return v
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

// calleeOf returns the function a call statically calls, by its origin.
func calleeOf(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// Receiver is the parameter index summaries use for the receiver: a method
// of a function type calls it (func (f HandlerFunc) Serve() { f() }) or
// returns a closure that does (func (o Op) wrap() func() { return func()
// { o() } }).
const Receiver = facts.Receiver

// notParam is what paramIndex returns for a variable that is neither a
// parameter nor the receiver.
const notParam = -2

// paramIndex returns the index of v among sig's parameters, Receiver for
// its receiver, or notParam.
func paramIndex(sig *types.Signature, v *types.Var) int {
	if sig == nil || v == nil {
		return notParam
	}
	params := sig.Params()
	for i := 0; i < params.Len(); i++ {
		if params.At(i) == v {
			return i
		}
	}
	if sig.Recv() == v && isFuncType(v.Type()) {
		return Receiver
	}
	return notParam
}

// argAt returns the operand of a call in a summary's position: an
// argument, or for Receiver the receiver of a method call; nil if the call
// has none there.
func (g *Graph) argAt(call *ast.CallExpr, i int) ast.Expr {
	if i >= 0 {
		if i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := g.in.Info.Selections[sel]; ok && s.Kind() == types.MethodVal {
			return sel.X
		}
	}
	return nil
}

// outerParam returns the enclosing function of n whose parameter (or
// receiver) v is, and its index.
func outerParam(n *Node, v *types.Var) (*Node, int) {
	for o := n.Outer; o != nil; o = o.Outer {
		if i := paramIndex(o.sig, v); i != notParam {
			return o, i
		}
	}
	return nil, notParam
}

// encloses reports whether n is written inside outer.
func encloses(outer, n *Node) bool {
	for o := n.Outer; o != nil; o = o.Outer {
		if o == outer {
			return true
		}
	}
	return false
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

func containsNode(s []*Node, n *Node) bool {
	for _, x := range s {
		if x == n {
			return true
		}
	}
	return false
}

// appendNode adds n to s unless it is there.
func appendNode(s []*Node, n *Node) []*Node {
	if containsNode(s, n) {
		return s
	}
	return append(s, n)
}

func containsCaptured(s []Captured, c Captured) bool {
	for _, x := range s {
		if x == c {
			return true
		}
	}
	return false
}

// addCaptured adds c to s unless it is there.
func addCaptured(s []Captured, c Captured) []Captured {
	if containsCaptured(s, c) {
		return s
	}
	return append(s, c)
}
