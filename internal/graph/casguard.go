package graph

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// One-shot sends guarded by an atomic flag: a reply channel field that
// every store fills with a buffered channel made there, sent to only
// after winning a CompareAndSwap on a flag of the same value
//
//	func (r *req) finish(resp X) {
//		if r.done.CompareAndSwap(false, true) {
//			r.resp <- resp
//		}
//	}
//
// cannot block: the flag goes from false to true once and nothing sets it
// back, so each value of the struct sends once into a channel of its own
// with room for one. The rule holds when
//   - the flag is an unexported field of type atomic.Bool (CompareAndSwap(false,
//     true)) or atomic.Int32, Uint32, Int64 or Uint64 (CompareAndSwap(0,
//     1)), and every use of the field in the package is a Load or such a
//     CompareAndSwap (no Store, Swap, Add, other CompareAndSwap, nor its
//     address taken);
//   - every send on the channel field in the package is guarded by such a
//     CompareAndSwap of the same flag on the same variable (r.done and
//     r.resp): in the body of an if on it, or after an if on its negation
//     that returns (see guardFlag), one send per guard.

// casGuardedSend reports whether a send is a one-shot guarded by a
// CompareAndSwap (see above).
func (g *Graph) casGuardedSend(s *ast.SendStmt) bool {
	f := g.fieldOf(s.Chan)
	if f == nil || !g.madeOnce[f] {
		return false
	}
	if g.casSends == nil {
		g.casSends = g.findCASSends()
	}
	return g.casSends[s]
}

// findCASSends scans the package for the sends on made-once channel
// fields that a set-once flag guards.
func (g *Graph) findCASSends() map[*ast.SendStmt]bool {
	type guarded struct {
		send *ast.SendStmt
		flag *types.Var
	}
	var sends []guarded
	badChan := make(map[*types.Var]bool)      // a send without a guard, or with another flag
	flagOf := make(map[*types.Var]*types.Var) // channel field → its guard's flag
	badFlag := make(map[*types.Var]bool)      // flags used otherwise than Load and the one CompareAndSwap
	var stack []ast.Node
	for _, file := range g.in.Files {
		ast.Inspect(file, func(x ast.Node) bool {
			if x == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			stack = append(stack, x)
			switch x := x.(type) {
			case *ast.SendStmt:
				ch := g.fieldOf(x.Chan)
				if ch == nil || !g.madeOnce[ch] {
					return true
				}
				flag := g.guardFlag(stack, x)
				if flag == nil || flagOf[ch] != nil && flagOf[ch] != flag {
					badChan[ch] = true
					return true
				}
				flagOf[ch] = flag
				sends = append(sends, guarded{x, flag})
			case *ast.SelectorExpr:
				if v := g.fieldOf(x); v != nil && isAtomicFlag(v.Type()) && !g.flagUse(stack) {
					badFlag[v] = true
				}
			}
			return true
		})
	}
	out := make(map[*ast.SendStmt]bool)
	for _, s := range sends {
		if !badChan[g.fieldOf(s.send.Chan)] && !badFlag[s.flag] {
			out[s.send] = true
		}
	}
	return out
}

// guardFlag returns the flag of the guard of a send: nil if there is
// none. A guard is the innermost if around the send whose condition is a
// set-once CompareAndSwap (or a && chain with one), with the send in its
// body and no loop or literal between; or an earlier statement of the
// send's own list, an if without else whose condition is a || chain with
// the negated CompareAndSwap and whose body ends in a return
// (if r == nil || !r.done.CompareAndSwap(false, true) { return }). The
// CompareAndSwap is on the variable the channel is reached through, the
// send the one on that channel after the guard, and the variable not
// assigned in between.
func (g *Graph) guardFlag(stack []ast.Node, s *ast.SendStmt) *types.Var {
	chSel, ok := ast.Unparen(s.Chan).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	base, ok := ast.Unparen(chSel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v := g.in.Info.Uses[base]
	if list := StmtList(stack[len(stack)-2]); list != nil {
		for i := len(list) - 1; i >= 0; i-- {
			if list[i] != s {
				continue
			}
			for j := i - 1; j >= 0; j-- {
				ifs, ok := list[j].(*ast.IfStmt)
				if !ok || ifs.Else != nil || len(ifs.Body.List) == 0 {
					continue
				}
				if _, returns := ifs.Body.List[len(ifs.Body.List)-1].(*ast.ReturnStmt); !returns {
					continue
				}
				if flag, fbase := g.casTerm(ifs.Cond, token.LOR); flag != nil && fbase == v {
					if !g.oneSendNoAssign(list[j+1:], chSel, v) {
						return nil
					}
					return flag
				}
			}
		}
	}
	for i := len(stack) - 2; i >= 1; i-- {
		switch x := stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			return nil
		case *ast.IfStmt:
			if stack[i+1] != x.Body {
				continue
			}
			flag, fbase := g.casTerm(x.Cond, token.LAND)
			if flag == nil || fbase != v {
				continue
			}
			if !g.oneSendNoAssign(x.Body.List, chSel, v) {
				return nil
			}
			return flag
		}
	}
	return nil
}

// oneSendNoAssign reports whether stmts send once on the channel field
// and do not assign the variable it is reached through.
func (g *Graph) oneSendNoAssign(stmts []ast.Stmt, ch *ast.SelectorExpr, v types.Object) bool {
	info := g.in.Info
	field := g.fieldOf(ch)
	sends, assigned := 0, false
	for _, st := range stmts {
		ast.Inspect(st, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.SendStmt:
				if g.fieldOf(x.Chan) == field {
					sends++
				}
			case *ast.AssignStmt:
				for _, l := range x.Lhs {
					if id, ok := ast.Unparen(l).(*ast.Ident); ok && info.ObjectOf(id) == v {
						assigned = true
					}
				}
			}
			return true
		})
	}
	return sends == 1 && !assigned
}

// casTerm finds a set-once x.flag.CompareAndSwap in a condition: a term
// of its && chain (op LAND), or a negated term of its || chain (op LOR).
// It returns the flag field and x's object.
func (g *Graph) casTerm(cond ast.Expr, op token.Token) (*types.Var, types.Object) {
	cond = ast.Unparen(cond)
	if b, ok := cond.(*ast.BinaryExpr); ok && b.Op == op {
		if flag, base := g.casTerm(b.X, op); flag != nil {
			return flag, base
		}
		return g.casTerm(b.Y, op)
	}
	if op == token.LOR {
		u, ok := cond.(*ast.UnaryExpr)
		if !ok || u.Op != token.NOT {
			return nil, nil
		}
		cond = ast.Unparen(u.X)
	}
	call, ok := cond.(*ast.CallExpr)
	if !ok || !g.setOnceCAS(call) {
		return nil, nil
	}
	flagSel := ast.Unparen(call.Fun).(*ast.SelectorExpr).X.(*ast.SelectorExpr)
	id, ok := ast.Unparen(flagSel.X).(*ast.Ident)
	flag := g.fieldOf(flagSel)
	if !ok || flag.Exported() || flag.Pkg() != g.Pkg {
		return nil, nil // another package may set it back
	}
	return flag, g.in.Info.Uses[id]
}

// setOnceCAS reports whether call is x.f.CompareAndSwap(false, true) on an
// atomic.Bool field, or CompareAndSwap(0, 1) on an atomic integer one.
func (g *Graph) setOnceCAS(call *ast.CallExpr) bool {
	info := g.in.Info
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "CompareAndSwap" || len(call.Args) != 2 {
		return false
	}
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	flagSel, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if fn == nil || !ok || g.fieldOf(flagSel) == nil || !isAtomicFlag(info.TypeOf(flagSel)) {
		return false
	}
	from, to := info.Types[call.Args[0]].Value, info.Types[call.Args[1]].Value
	if from == nil || to == nil {
		return false
	}
	switch from.Kind() {
	case constant.Bool:
		return !constant.BoolVal(from) && constant.BoolVal(to)
	case constant.Int:
		f, ok1 := constant.Int64Val(from)
		t, ok2 := constant.Int64Val(to)
		return ok1 && ok2 && f == 0 && t == 1
	}
	return false
}

// flagUse reports whether the selector at the top of stack, a flag field,
// is used as a set-once flag: x.f.Load() or the set-once CompareAndSwap.
func (g *Graph) flagUse(stack []ast.Node) bool {
	if len(stack) < 3 {
		return false
	}
	method, ok := stack[len(stack)-2].(*ast.SelectorExpr)
	if !ok || method.X != stack[len(stack)-1] {
		return false
	}
	call, ok := stack[len(stack)-3].(*ast.CallExpr)
	if !ok || call.Fun != method {
		return false
	}
	switch method.Sel.Name {
	case "Load":
		return true
	case "CompareAndSwap":
		return g.setOnceCAS(call)
	}
	return false
}

// isAtomicFlag reports whether t is one of the sync/atomic types a
// set-once flag may be.
func isAtomicFlag(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "sync/atomic" {
		return false
	}
	switch named.Obj().Name() {
	case "Bool", "Int32", "Uint32", "Int64", "Uint64":
		return true
	}
	return false
}
