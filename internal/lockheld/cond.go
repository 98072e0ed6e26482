package lockheld

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"
)

// (*sync.Cond).Wait releases the Cond's own lock, L, while it waits, and
// only that one: waiting with another mutex held keeps that mutex held
// for as long as the wait lasts (until another goroutine signals, which
// may need the held mutex: a deadlock). A direct Wait is reported under
// the locks held other than L. L is known when it is named c.L, or when
// the package makes the Cond with sync.NewCond(&x.mu) into a field or a
// local; when L is not known, it is taken to be one of the held locks, so
// Wait is reported only when two or more are held. A Wait reached through
// a callee is not reported: which lock that callee waits with is not
// known here.

// condLocks is what the package's sync.NewCond calls say about the Cond's
// lock.
type condLocks struct {
	fields map[*types.Var]string // cond field → its lock, relative to the struct holding both ("mu")
	locals map[*types.Var]string // cond local → its lock, as the function names it
}

// conds returns the package's sync.NewCond facts, computed once.
func (c *checker) conds() *condLocks {
	if c.condLocks != nil {
		return c.condLocks
	}
	cl := &condLocks{fields: make(map[*types.Var]string), locals: make(map[*types.Var]string)}
	c.condLocks = cl
	for _, n := range c.graph.Nodes {
		if n.Fn == nil || n.Body == nil {
			continue
		}
		ast.Inspect(n.Body, func(x ast.Node) bool {
			as, ok := x.(*ast.AssignStmt)
			if !ok || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for i, rhs := range as.Rhs {
				lock := c.newCondLock(rhs)
				if lock == "" {
					continue
				}
				switch lhs := astutil.Unparen(as.Lhs[i]).(type) {
				case *ast.Ident:
					if v, _ := c.info.ObjectOf(lhs).(*types.Var); v != nil {
						cl.locals[v] = lock
					}
				case *ast.SelectorExpr:
					s, ok := c.info.Selections[lhs]
					if !ok || s.Kind() != types.FieldVal {
						continue
					}
					owner := types.ExprString(stripAddr(lhs.X)) + "."
					if rel, ok := strings.CutPrefix(lock, owner); ok {
						cl.fields[s.Obj().(*types.Var)] = rel
					}
				}
			}
			return true
		})
	}
	return cl
}

// newCondLock returns the lock of sync.NewCond(&x.mu), as written, or "".
func (c *checker) newCondLock(e ast.Expr) string {
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return ""
	}
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil || fn.FullName() != "sync.NewCond" {
		return ""
	}
	arg := astutil.Unparen(call.Args[0])
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND && isFieldPath(u.X) {
		return types.ExprString(stripAddr(u.X))
	}
	return ""
}

// condWaitLock returns the lock a direct (*sync.Cond).Wait call at pos
// releases, as this function names it: "" when unknown; ok is false when
// the place is not such a call.
func (f *lockFlow) condWaitLock(pos token.Pos) (lock string, ok bool) {
	call := f.callAt(pos)
	if call == nil {
		return "", false
	}
	fn := f.callee(call)
	if fn == nil || fn.FullName() != "(*sync.Cond).Wait" {
		return "", false
	}
	sel, isSel := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !isSel {
		return "", true
	}
	cond := stripAddr(sel.X)
	switch x := cond.(type) {
	case *ast.Ident:
		if v, _ := f.c.info.Uses[x].(*types.Var); v != nil {
			if l, ok := f.c.conds().locals[v]; ok {
				return l, true
			}
		}
	case *ast.SelectorExpr:
		if s, ok := f.c.info.Selections[x]; ok && s.Kind() == types.FieldVal {
			if rel, ok := f.c.conds().fields[s.Obj().(*types.Var)]; ok {
				return f.pathName(x.X) + "." + rel, true
			}
		}
	}
	return "", true
}

// callAt returns the call of the function's body that starts at pos.
func (f *lockFlow) callAt(pos token.Pos) *ast.CallExpr {
	var found *ast.CallExpr
	ast.Inspect(f.n.Body, func(x ast.Node) bool {
		if found != nil || x == nil || pos < x.Pos() || pos >= x.End() {
			return false
		}
		if call, ok := x.(*ast.CallExpr); ok && call.Pos() == pos {
			found = call
			return false
		}
		return true
	})
	return found
}

// heldAcrossWait returns the locks a direct Wait keeps held: all but its
// Cond's lock, named c.L or as NewCond made it; with that lock unknown,
// all of them if there are two or more (one of them is L), else none.
func (f *lockFlow) heldAcrossWait(st lockState, pos token.Pos) lockState {
	lock, _ := f.condWaitLock(pos)
	var condL string
	if call := f.callAt(pos); call == nil {
		return nil
	} else if sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		condL = f.pathName(sel.X) + ".L"
	}
	var out lockState
	known := false
	for _, h := range st {
		if h.name == condL || (lock != "" && h.name == lock) {
			known = true
			continue
		}
		out = append(out, h)
	}
	if !known && len(out) < 2 {
		return nil
	}
	return out
}
