package lockheld

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
)

// Local closures: a local variable defined once as a function literal and
// only ever called (unlock := func() { ...; mu.Unlock() }; ... unlock(),
// or defer unlock()) is a lock helper of the function it is written in: a
// call of it does to the function's locks what the literal does, at the
// call. So does a literal called where it is written (func() { ... }()).
// What the literal does is its lock summary, computed with the names of
// the enclosing function: the literal shares its variables, so it names
// their locks as the function does, and a lock rooted at a variable of the
// literal's own (a parameter, a local, one shadowing the function's) is
// not the function's. A closure handed out (passed, stored, returned, its
// address taken) or set again is not followed: its calls are not the only
// ones, or it may not be the literal.

// closureCalled returns the literal a call runs, through a local closure
// variable or written in place, or nil.
func (f *lockFlow) closureCalled(call *ast.CallExpr) *ast.FuncLit {
	switch fun := astutil.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		return fun
	case *ast.Ident:
		if v, _ := f.c.info.Uses[fun].(*types.Var); v != nil {
			return f.c.closures(f.n)[v]
		}
	}
	return nil
}

// closureLocks returns the lock summary of a literal, in the names of the
// enclosing function, or nil.
func (f *lockFlow) closureLocks(lit *ast.FuncLit) *facts.Locks {
	if l, ok := f.closureSums[lit]; ok {
		return l
	}
	var l *facts.Locks
	n := f.c.graph.Lits[lit]
	if n != nil && n.Body != nil && !f.c.inClosure[lit] && f.c.touchesLocks(n) {
		f.c.inClosure[lit] = true
		lf := f.c.newFlow(n, false)
		lf.alias = f.aliases() // the enclosing body's, which holds the literal's
		lf.run()
		l = lf.summary()
		delete(f.c.inClosure, lit)
	}
	if f.closureSums == nil {
		f.closureSums = make(map[*ast.FuncLit]*facts.Locks)
	}
	f.closureSums[lit] = l
	return l
}

// closures returns the closure variables of the declaration n is written
// in, computed once per declaration.
func (c *checker) closures(n *graph.Node) map[*types.Var]*ast.FuncLit {
	for n.Outer != nil {
		n = n.Outer
	}
	m, ok := c.closureVars[n.Body]
	if !ok {
		m = findClosures(c.info, n.Body)
		c.closureVars[n.Body] = m
	}
	return m
}

// findClosures returns the local variables of a body defined once as a
// function literal and only ever called, with their literals.
func findClosures(info *types.Info, body *ast.BlockStmt) map[*types.Var]*ast.FuncLit {
	defs := make(map[*types.Var]*ast.FuncLit)
	def := func(lhs, rhs ast.Expr) {
		id, _ := lhs.(*ast.Ident)
		lit, _ := astutil.Unparen(rhs).(*ast.FuncLit)
		if id == nil || lit == nil {
			return
		}
		if v, _ := info.Defs[id].(*types.Var); v != nil {
			defs[v] = lit
		}
	}
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE && len(x.Lhs) == 1 && len(x.Rhs) == 1 {
				def(x.Lhs[0], x.Rhs[0])
			}
		case *ast.ValueSpec:
			if len(x.Names) == 1 && len(x.Values) == 1 {
				def(x.Names[0], x.Values[0])
			}
		}
		return true
	})
	if len(defs) == 0 {
		return nil
	}
	// Any use but a call (an assignment, an argument, &v) lets it go.
	called := make(map[*ast.Ident]bool)
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.CallExpr:
			if id, ok := astutil.Unparen(x.Fun).(*ast.Ident); ok {
				called[id] = true
			}
		case *ast.Ident:
			if v, _ := info.Uses[x].(*types.Var); v != nil && defs[v] != nil && !called[x] {
				delete(defs, v)
			}
		}
		return true
	})
	return defs
}

// declaredInside reports whether a literal declares a variable of that
// name (a parameter, a local): a lock rooted there is not the enclosing
// function's.
func (f *lockFlow) declaredInside(root string) bool {
	if f.inner == nil {
		f.inner = make(map[string]bool)
		if sc := f.c.pkg.Scope().Innermost(f.n.Body.Lbrace); sc != nil {
			for _, name := range sc.Names() {
				f.inner[name] = true
			}
		}
		ast.Inspect(f.n.Body, func(x ast.Node) bool {
			if id, ok := x.(*ast.Ident); ok && f.c.info.Defs[id] != nil {
				f.inner[id.Name] = true
			}
			return true
		})
	}
	return f.inner[root]
}

// callsLockingLiteral reports whether a body calls a literal that takes or
// releases a lock.
func callsLockingLiteral(n *graph.Node) bool {
	for _, pl := range n.Places {
		for _, t := range pl.Targets {
			if t.Fn == nil && t.LockOps {
				return true
			}
		}
	}
	return false
}

// touchesLocks reports whether a body takes or releases a lock, directly
// or through a call: the bodies whose summaries are computed.
func (c *checker) touchesLocks(n *graph.Node) bool {
	return n.LockOps || c.callsLockHelper(n) || callsLockingLiteral(n)
}
