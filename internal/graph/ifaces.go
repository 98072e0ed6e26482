package graph

import (
	"go/ast"
	"go/types"

	"github.com/blockcheck/blockcheck/internal/sinks"
)

// Known interface targets: a call on an interface value whose concrete
// type is known blocks as that type's method. Known means: a local
// variable every assignment of which gives a concrete value (a composite
// literal, a conversion of one, the result of a function that always
// returns one concrete type), or such a result used directly
// (future.New().Result()). A function whose interface-typed result is
// always one concrete type has a summary (Node.Concrete) and, across
// packages, a Returns fact with what each method of the result does.
// Unknown targets stay quiet.

// pendingIface is an interface call whose receiver's concrete type is
// worked out once every function's results are known.
type pendingIface struct {
	recv   ast.Expr
	method *types.Func
}

// isInterfaceMethod reports whether fn is a method of an interface type.
func isInterfaceMethod(fn *types.Func) bool {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	_, ok := recv.Type().Underlying().(*types.Interface)
	return ok
}

// mayKnowConcrete is a cheap test at a call: the receiver could have a
// known concrete type (a local variable assigned something, or a call).
func (g *Graph) mayKnowConcrete(recv ast.Expr) bool {
	switch e := ast.Unparen(recv).(type) {
	case *ast.Ident:
		v, _ := g.in.Info.Uses[e].(*types.Var)
		return v != nil && len(g.streamVars[v]) > 0
	case *ast.CallExpr:
		return true
	}
	return false
}

// concrete is what an expression's dynamic type is known to be.
type concrete struct {
	types   []types.Type              // concrete types it may have
	methods map[string][]*sinks.Block // or, from another package's fact, what its methods do
}

// concreteOf works out the concrete types an interface-typed expression of
// function n may hold; ok is false when one of them is unknown.
func (g *Graph) concreteOf(e ast.Expr, seen map[*types.Var]bool) (c concrete, ok bool) {
	e = ast.Unparen(e)
	if k, ok := g.concreteStream(e); ok && k.category == "" {
		return c, true // a standard stream or an in-memory value: it does not block
	}
	t := g.in.Info.TypeOf(e)
	if t == nil {
		return c, false
	}
	if _, isIface := t.Underlying().(*types.Interface); !isIface {
		return concrete{types: []types.Type{t}}, true // a concrete value
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if tv, ok := g.in.Info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return g.concreteOf(e.Args[0], seen) // Future(&future{})
		}
		fn := calleeOf(g.in.Info, e)
		if fn == nil {
			return c, false
		}
		if n := g.ByFunc[fn]; n != nil {
			if n.Concrete == nil {
				return c, false
			}
			return concrete{types: []types.Type{n.Concrete}}, true
		}
		ms := g.in.Callees.ResultMethods(fn)
		if ms == nil {
			return c, false
		}
		return concrete{methods: ms}, true
	case *ast.Ident:
		v, _ := g.in.Info.Uses[e].(*types.Var)
		if v == nil || seen[v] || len(g.streamVars[v]) == 0 {
			return c, false
		}
		if seen == nil {
			seen = make(map[*types.Var]bool)
		}
		seen[v] = true
		for _, rhs := range g.streamVars[v] {
			more, ok := g.concreteOf(rhs, seen)
			if !ok {
				return c, false
			}
			c.types = append(c.types, more.types...)
			if more.methods != nil {
				if c.methods == nil {
					c.methods = make(map[string][]*sinks.Block)
				}
				for m, bs := range more.methods {
					c.methods[m] = append(c.methods[m], bs...)
				}
			}
		}
		return c, true
	}
	return c, false
}

// resolveIface adds to a pending interface call the methods of its
// receiver's known concrete types.
func (g *Graph) resolveIface(n *Node, pl *Place) {
	c, ok := g.concreteOf(pl.iface.recv, nil)
	if !ok {
		return
	}
	var targets []*Target
	for _, t := range c.types {
		obj, _, _ := types.LookupFieldOrMethod(t, true, g.in.Pkg, pl.iface.method.Name())
		fn, _ := obj.(*types.Func)
		if fn == nil || isInterfaceMethod(fn) {
			continue
		}
		fn = fn.Origin()
		if node := g.ByFunc[fn]; node != nil {
			targets = append(targets, &Target{Node: node})
		} else {
			targets = append(targets, &Target{Fn: fn})
		}
	}
	g.addTargets(n, pl, targets)
	for _, b := range c.methods[pl.iface.method.Name()] {
		pl.Ext = sinks.Merge(pl.Ext, b)
	}
}

// addConcreteResult folds a return statement into n's Concrete summary:
// the one concrete type an interface-typed first result always has.
func (g *Graph) addConcreteResult(n *Node, r *ast.ReturnStmt) {
	if n.concreteUnknown || n.sig == nil || n.sig.Results().Len() == 0 || len(r.Results) == 0 {
		return
	}
	if _, isIface := n.sig.Results().At(0).Type().Underlying().(*types.Interface); !isIface {
		n.concreteUnknown = true
		return
	}
	e := ast.Unparen(r.Results[0])
	var t types.Type
	switch x := e.(type) {
	case *ast.CompositeLit:
		t = g.in.Info.TypeOf(x)
	case *ast.UnaryExpr:
		if _, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok {
			t = g.in.Info.TypeOf(x)
		}
	}
	if t == nil {
		if tv, ok := g.in.Info.Types[e]; !ok || !tv.IsNil() {
			n.concreteUnknown = true // a value the summary cannot name
		}
		return // returning nil does not change the type of the others
	}
	switch {
	case n.Concrete == nil:
		n.Concrete = t
	case !types.Identical(n.Concrete, t):
		n.Concrete, n.concreteUnknown = nil, true
	}
}
