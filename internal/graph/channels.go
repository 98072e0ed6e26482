package graph

import (
	"go/ast"
	"go/constant"
	"go/types"
)

// Channels with room: a send on a local channel made in the function with
// a constant buffer, assigned once, and sent to no more times than the
// buffer holds, none of them in a loop, cannot block (ch := make(chan
// error, 1); ch <- err: a result handed back). Such sends are not places.

type sendSite struct {
	send   *ast.SendStmt
	inLoop bool
	next   ast.Stmt // the statement after the send in its list, or nil
}

// StmtList returns the statements a block, case or select clause holds,
// or nil for any other node.
func StmtList(n ast.Node) []ast.Stmt {
	switch n := n.(type) {
	case *ast.BlockStmt:
		return n.List
	case *ast.CaseClause:
		return n.Body
	case *ast.CommClause:
		return n.Body
	}
	return nil
}

// nextStmt returns the statement that follows the innermost node of stack
// in the statement list that holds it.
func nextStmt(stack []ast.Node) ast.Stmt {
	if len(stack) < 2 {
		return nil
	}
	list := StmtList(stack[len(stack)-2])
	for i, st := range list {
		if st == stack[len(stack)-1] && i+1 < len(list) {
			return list[i+1]
		}
	}
	return nil
}

func inLoop(stack []ast.Node) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
	}
	return false
}

// findRoomySends finds sends that cannot block: on a local channel made in
// this function with a constant buffer, assigned once, and sent to no more
// times than the buffer holds, none of them in a loop. ch := make(chan
// error, 1); ch <- err is the common case: a result handed back.
func (g *Graph) findRoomySends(assigns [][2]ast.Expr, sends []sendSite) {
	info := g.in.Info
	capacity, assigned := g.channelCapacities(assigns)
	count := make(map[*types.Var]int64)
	loops := make(map[*types.Var]bool)
	for _, s := range sends {
		if id, ok := ast.Unparen(s.send.Chan).(*ast.Ident); ok {
			if v, _ := info.Uses[id].(*types.Var); v != nil {
				count[v]++
				loops[v] = loops[v] || s.inLoop
			}
		}
	}
	for _, s := range sends {
		if g.oneShotSend(s) || g.casGuardedSend(s.send) {
			g.roomy[s.send] = true
			continue
		}
		id, ok := ast.Unparen(s.send.Chan).(*ast.Ident)
		if !ok {
			continue
		}
		v, _ := info.Uses[id].(*types.Var)
		if c, ok := capacity[v]; ok && assigned[v] == 1 && !loops[v] && count[v] <= c {
			g.roomy[s.send] = true
		}
	}
}

// channelCapacities returns the local variables assigned make(chan T, n)
// with a constant n > 0, and how many times each local is assigned.
func (g *Graph) channelCapacities(assigns [][2]ast.Expr) (capacity map[*types.Var]int64, assigned map[*types.Var]int) {
	info := g.in.Info
	capacity = make(map[*types.Var]int64)
	assigned = make(map[*types.Var]int)
	for _, a := range assigns {
		id, ok := ast.Unparen(a[0]).(*ast.Ident)
		if !ok {
			continue
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		if v == nil {
			continue
		}
		assigned[v]++
		call, ok := ast.Unparen(a[1]).(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			continue
		}
		fun, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			continue
		}
		if b, ok := info.Uses[fun].(*types.Builtin); !ok || b.Name() != "make" {
			continue
		}
		if tv, ok := info.Types[call.Args[1]]; ok && tv.Value != nil {
			if n, ok := constant.Int64Val(tv.Value); ok && n > 0 {
				capacity[v] = n
			}
		}
	}
	return capacity, assigned
}
