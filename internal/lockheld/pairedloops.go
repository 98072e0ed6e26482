package lockheld

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"

	"github.com/blockcheck/blockcheck/internal/graph"
)

// Paired loops: one range loop locks every element's lock, a later one
// over the same slice unlocks them all.
//
//	for _, acc := range accs { acc.mu.Lock() }
//	...
//	for _, acc := range accs { acc.mu.Unlock() }
//	wg.Wait()
//
// The analysis does not count iterations, so after the second loop it
// sees the lock held on the path where the first loop ran and the second
// ran zero times. Both loops run as often as the slice is long, and a
// slice's length changes only when the variable is assigned: either both
// run or neither does, and leaving the second loop the lock is released
// (or was never taken). The rule holds when
//   - both loops are statements of one list, the locking one first, and
//     range over the same local variable of slice or array type, which is
//     not assigned between them nor in any function literal of the
//     declaration, and whose address is never taken;
//   - each loop defines its element variable, and the lock is a path from
//     it with the same name in both (acc.c.mu);
//   - the Lock and the Unlock are statements of the loop bodies, the only
//     operations on that lock there, and neither body has a break, continue
//     or goto, so every iteration performs them.
type loopPair struct {
	name  string    // the lock, as both loops name it
	read  bool      // RLock/RUnlock
	first token.Pos // the locking loop's extent: the lock taken there is the one let go of
	end   token.Pos
}

// loopPairs returns the unlocking loops of a body's paired loops, keyed by
// the range statement, computed once per function (the Lock and Unlock
// are sync methods, which no summary changes).
func (c *checker) loopPairs(n *graph.Node) map[*ast.RangeStmt]loopPair {
	if ps, ok := c.pairs[n]; ok {
		return ps
	}
	var ps map[*ast.RangeStmt]loopPair
	if n.Body != nil && n.LockOps {
		f := &lockFlow{c: c, n: n}
		ast.Inspect(n.Body, func(x ast.Node) bool {
			if _, isLit := x.(*ast.FuncLit); isLit {
				return false // its own node
			}
			list := graph.StmtList(x)
			for i, s := range list {
				r1, ok := s.(*ast.RangeStmt)
				if !ok {
					continue
				}
				for _, s2 := range list[i+1:] {
					r2, ok := s2.(*ast.RangeStmt)
					if !ok {
						continue
					}
					if p, ok := f.pairLoops(r1, r2); ok {
						if ps == nil {
							ps = make(map[*ast.RangeStmt]loopPair)
						}
						ps[r2] = p
					}
				}
			}
			return true
		})
	}
	c.pairs[n] = ps
	return ps
}

// pairLoops reports whether r2 unlocks what r1 locked, for every element
// of the same slice (see loopPair).
func (f *lockFlow) pairLoops(r1, r2 *ast.RangeStmt) (loopPair, bool) {
	v := f.rangedSlice(r1)
	if v == nil || f.rangedSlice(r2) != v {
		return loopPair{}, false
	}
	lock, lockOK := f.everyIteration(r1, lockAcquire)
	unlock, unlockOK := f.everyIteration(r2, lockRelease)
	if !lockOK || !unlockOK || lock.name != unlock.name || lock.read != unlock.read {
		return loopPair{}, false
	}
	if f.reassigned(v, r1.Pos(), r2.End()) {
		return loopPair{}, false
	}
	return loopPair{name: lock.name, read: lock.read, first: r1.Pos(), end: r1.End()}, true
}

// rangedSlice returns the local variable of slice or array type a range
// statement that defines its element ranges over, or nil.
func (f *lockFlow) rangedSlice(r *ast.RangeStmt) *types.Var {
	if r.Tok != token.DEFINE || r.Value == nil {
		return nil
	}
	id, ok := astutil.Unparen(r.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := f.c.info.Uses[id].(*types.Var)
	if v == nil || v.Parent() == nil || v.Parent() == f.c.pkg.Scope() || v.IsField() {
		return nil
	}
	switch v.Type().Underlying().(type) {
	case *types.Slice, *types.Array:
		return v
	}
	return nil
}

// A loopLock is the lock operation a loop body performs on every iteration.
type loopLock struct {
	name string
	read bool
}

// everyIteration returns the lock a range loop's body operates on as kind
// on every iteration: a statement of the body calling a sync lock method
// on a path from the element variable, the only operation on that lock in
// the body, in a body without break, continue or goto.
func (f *lockFlow) everyIteration(r *ast.RangeStmt, kind lockKind) (loopLock, bool) {
	elem, _ := r.Value.(*ast.Ident)
	if elem == nil {
		return loopLock{}, false
	}
	ev := f.c.info.Defs[elem]
	if ev == nil {
		return loopLock{}, false
	}
	var found loopLock
	n := 0
	for _, s := range r.Body.List {
		es, ok := s.(*ast.ExprStmt)
		if !ok {
			continue
		}
		call, ok := astutil.Unparen(es.X).(*ast.CallExpr)
		if !ok {
			continue
		}
		op := lockMethod(f.callee(call))
		if op == nil || op.kind != kind {
			continue
		}
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok || rootObject(f.c.info, sel.X) != ev {
			continue
		}
		found, n = loopLock{name: f.receiverName(sel), read: op.read}, n+1
	}
	if n != 1 {
		return loopLock{}, false
	}
	ok := true
	ast.Inspect(r.Body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.BranchStmt:
			ok = false
		case *ast.CallExpr:
			if op := lockMethod(f.callee(x)); op != nil && op.read == found.read {
				if sel, isSel := astutil.Unparen(x.Fun).(*ast.SelectorExpr); isSel && f.receiverName(sel) == found.name && op.kind != kind {
					ok = false
				}
			}
		}
		return ok
	})
	return found, ok
}

// rootObject returns the object a field path starts from (acc in
// &acc.c.mu), or nil.
func rootObject(info *types.Info, e ast.Expr) types.Object {
	for {
		switch x := stripAddr(e).(type) {
		case *ast.Ident:
			return info.Uses[x]
		case *ast.SelectorExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// reassigned reports whether v may change between from and to: assigned
// there, or in a function literal written in v's scope (one may be called
// between), or its address taken anywhere in the declaration. The
// function that declares v assigning it elsewhere does not count (the
// slice built before the loops): its code does not run between them.
func (f *lockFlow) reassigned(v *types.Var, from, to token.Pos) bool {
	decl := f.n
	for decl.Outer != nil {
		decl = decl.Outer
	}
	info := f.c.info
	is := func(e ast.Expr) bool {
		id, ok := astutil.Unparen(e).(*ast.Ident)
		return ok && info.ObjectOf(id) == v
	}
	found := false
	var lits []*ast.FuncLit // the literals around the node visited
	var stack []ast.Node
	ast.Inspect(decl.Body, func(x ast.Node) bool {
		if x == nil {
			if _, ok := stack[len(stack)-1].(*ast.FuncLit); ok {
				lits = lits[:len(lits)-1]
			}
			stack = stack[:len(stack)-1]
			return true
		}
		if found {
			return false
		}
		stack = append(stack, x)
		counts := x.Pos() >= from && x.Pos() < to || len(lits) > 0 && lits[len(lits)-1].Pos() > v.Pos()
		switch x := x.(type) {
		case *ast.FuncLit:
			lits = append(lits, x)
		case *ast.UnaryExpr:
			found = x.Op == token.AND && is(x.X)
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				found = found || counts && is(l)
			}
		case *ast.IncDecStmt:
			found = counts && is(x.X)
		case *ast.RangeStmt:
			found = x.Tok == token.ASSIGN && counts && (x.Key != nil && is(x.Key) || x.Value != nil && is(x.Value))
		}
		return true
	})
	return found
}

// leavePaired lets go, on the way out of an unlocking loop of a pair, of
// the lock the locking loop took: both ran, or neither did.
func leavePaired(st lockState, p loopPair) lockState {
	i := st.entry(p.name, p.read)
	if i < 0 || st[i].caller || st[i].pos < p.first || st[i].pos >= p.end {
		return st
	}
	return st.without(i)
}
