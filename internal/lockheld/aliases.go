package lockheld

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
)

// One lock, one name: a local variable that holds a pointer to a lock, or
// to what holds it, is another access path to the same mutex (mu := &c.mu;
// st := c.store). Locks are named through what the variable was set to, so
// mu.Lock() and c.mu.Unlock() are the same lock, and the message names it
// once.

// aliases returns the function's local variables that are set once, by a
// definition, to a pointer to a path of fields (&c.mu, c.store of pointer
// type), mapped to that path.
func (f *lockFlow) aliases() map[*types.Var]ast.Expr {
	if f.alias != nil {
		return f.alias
	}
	f.alias = make(map[*types.Var]ast.Expr)
	if f.n.Body == nil {
		return f.alias
	}
	info := f.c.info
	sets := make(map[*types.Var]int)
	def := make(map[*types.Var]ast.Expr)
	note := func(lhs ast.Expr, rhs ast.Expr, define bool) {
		id, ok := astutil.Unparen(lhs).(*ast.Ident)
		if !ok {
			return
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		if v == nil {
			return
		}
		sets[v]++
		if define && rhs != nil {
			def[v] = rhs
		}
	}
	ast.Inspect(f.n.Body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.AssignStmt:
			for i, lhs := range x.Lhs {
				var rhs ast.Expr
				if len(x.Lhs) == len(x.Rhs) {
					rhs = x.Rhs[i]
				}
				note(lhs, rhs, x.Tok == token.DEFINE)
			}
		case *ast.ValueSpec:
			for i, name := range x.Names {
				var rhs ast.Expr
				if len(x.Names) == len(x.Values) {
					rhs = x.Values[i]
				}
				note(name, rhs, true)
			}
		case *ast.UnaryExpr:
			// &mu handed out: it may be set elsewhere.
			if id, ok := astutil.Unparen(x.X).(*ast.Ident); ok && x.Op == token.AND {
				if v, _ := info.ObjectOf(id).(*types.Var); v != nil {
					sets[v] += 2
				}
			}
		}
		return true
	})
	for v, rhs := range def {
		if sets[v] != 1 {
			continue
		}
		if _, ptr := v.Type().Underlying().(*types.Pointer); !ptr {
			continue // a copy is another lock (and go vet's copylocks says so)
		}
		if p := stripAddr(rhs); isFieldPath(p) {
			f.alias[v] = p
		}
	}
	return f.alias
}

// isFieldPath reports whether e is an identifier followed by field
// selections: c, c.store, c.store.mu.
func isFieldPath(e ast.Expr) bool {
	for {
		switch x := astutil.Unparen(e).(type) {
		case *ast.Ident:
			return true
		case *ast.SelectorExpr:
			e = x.X
		default:
			return false
		}
	}
}

// pathName names an expression for a lock, through the aliases: mu is c.mu
// after mu := &c.mu.
func (f *lockFlow) pathName(e ast.Expr) string {
	e = stripAddr(e)
	for depth := 0; depth < 4; depth++ {
		next, ok := f.unalias(e)
		if !ok {
			break
		}
		e = next
	}
	return types.ExprString(e)
}

// unalias replaces the root identifier of a field path by what it
// aliases.
func (f *lockFlow) unalias(e ast.Expr) (ast.Expr, bool) {
	switch x := astutil.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := f.c.info.Uses[x].(*types.Var)
		if to, ok := f.aliases()[v]; ok && v != nil {
			return to, true
		}
	case *ast.SelectorExpr:
		if inner, ok := f.unalias(x.X); ok {
			return &ast.SelectorExpr{X: inner, Sel: x.Sel}, true
		}
	}
	return e, false
}
