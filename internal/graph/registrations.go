package graph

import (
	"go/ast"
	"go/types"
)

// Registrations: functions stored in watched struct fields, by a composite
// literal (evio.Events{Data: f}) or an assignment (events.Data = f), and
// functions passed to watched parameters (engine.OnData(f)). The graph only
// records them; which fields and parameters are watched, and what a
// registration means, is decided by the stage that builds Input.Watch.

func (g *Graph) registerComposite(lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if v, ok := g.in.Info.Uses[id].(*types.Var); ok {
			if as, ok := g.in.Watch.Fields[v]; ok {
				g.register(kv.Value, as)
			}
		}
	}
}

func (g *Graph) registerAssign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		s, ok := g.in.Info.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			continue
		}
		if name, ok := g.in.Watch.Fields[s.Obj().(*types.Var)]; ok {
			g.register(as.Rhs[i], name)
		}
	}
}

func (g *Graph) registerCall(call *ast.CallExpr, callee *types.Func) {
	for _, r := range g.in.Watch.Params[callee] {
		if r.Index < len(call.Args) {
			g.register(call.Args[r.Index], r.As)
		}
	}
}

// register records the functions an expression may denote.
func (g *Graph) register(value ast.Expr, as string) {
	for _, t := range g.argTargets(value) {
		g.Registered = append(g.Registered, Registration{Pos: value.Pos(), End: value.End(), As: as, Target: *t})
	}
}
