package graph

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// One-shot reply channels: a struct field that only ever holds a buffered
// channel (or nil), sent to once and closed right after the send
//
//	e.done <- out
//	close(e.done)
//
// cannot block on that send: the channel has room for one value, and a
// second send would panic on the closed channel, so the code sends at most
// once. What the field holds is read from every store in the package: a
// make with a constant buffer, nil, or a parameter of a function of the
// package called only here with such arguments (the channel made by the
// caller and handed to one sender).

// oneShotFields returns the channel fields of the package's struct types
// that every store fills with a buffered channel or nil.
// The second result are those of them every store fills with a channel
// it makes there: no two values of the struct share one.
func (g *Graph) oneShotFields() (oneShot, made map[*types.Var]bool) {
	info := g.in.Info
	ok := make(map[*types.Var]bool)
	bad := make(map[*types.Var]bool)
	shared := make(map[*types.Var]bool)
	store := func(field *types.Var, rhs ast.Expr, fn *types.Func) {
		if field == nil || field.Pkg() != g.Pkg {
			return
		}
		if _, isChan := field.Type().Underlying().(*types.Chan); !isChan {
			return
		}
		if g.buffered(rhs, fn, true) {
			ok[field] = true
		} else {
			bad[field] = true
		}
		if tv, isNil := info.Types[ast.Unparen(rhs)]; rhs == nil || isNil && tv.IsNil() || !g.buffered(rhs, nil, false) {
			shared[field] = true
		}
	}
	for _, file := range g.in.Files {
		for _, decl := range file.Decls {
			fd, isFunc := decl.(*ast.FuncDecl)
			var fn *types.Func
			if isFunc {
				fn, _ = info.Defs[fd.Name].(*types.Func)
			}
			ast.Inspect(decl, func(x ast.Node) bool {
				switch x := x.(type) {
				case *ast.AssignStmt:
					if len(x.Lhs) != len(x.Rhs) {
						for _, lhs := range x.Lhs {
							store(g.fieldOf(lhs), nil, fn)
						}
						return true
					}
					for i, lhs := range x.Lhs {
						store(g.fieldOf(lhs), x.Rhs[i], fn)
					}
				case *ast.CompositeLit:
					t := info.TypeOf(x)
					if t == nil {
						return true
					}
					st, isStruct := derefStruct(t)
					if !isStruct {
						return true
					}
					for i, el := range x.Elts {
						if kv, isKV := el.(*ast.KeyValueExpr); isKV {
							if id, isID := kv.Key.(*ast.Ident); isID {
								field, _ := info.Uses[id].(*types.Var)
								store(field, kv.Value, fn)
							}
						} else if i < st.NumFields() {
							store(st.Field(i), el, fn)
						}
					}
				case *ast.UnaryExpr:
					// &x.done handed out: anything may be stored.
					if f := g.fieldOf(x.X); f != nil && x.Op.String() == "&" {
						bad[f] = true
					}
				}
				return true
			})
		}
	}
	for f := range bad {
		delete(ok, f)
	}
	made = make(map[*types.Var]bool)
	for f := range ok {
		if !shared[f] {
			made[f] = true
		}
	}
	return ok, made
}

// fieldOf returns the field a selector expression names, or nil.
func (g *Graph) fieldOf(e ast.Expr) *types.Var {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	s, ok := g.in.Info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal {
		return nil
	}
	v, _ := s.Obj().(*types.Var)
	return v
}

// buffered reports whether e is a buffered channel or nil: make(chan T, n)
// with a constant n > 0, nil, or (when params is set) a parameter of fn, an
// unexported function of the package that is only ever called, each time
// with such an argument.
func (g *Graph) buffered(e ast.Expr, fn *types.Func, params bool) bool {
	info := g.in.Info
	if e == nil {
		return false
	}
	e = ast.Unparen(e)
	if tv, ok := info.Types[e]; ok && tv.IsNil() {
		return true
	}
	switch x := e.(type) {
	case *ast.CallExpr:
		if b, ok := typeutil.Callee(info, x).(*types.Builtin); !ok || b.Name() != "make" || len(x.Args) != 2 {
			return false
		}
		tv, ok := info.Types[x.Args[1]]
		if !ok || tv.Value == nil {
			return false
		}
		n, exact := constant.Int64Val(tv.Value)
		return exact && n > 0
	case *ast.Ident:
		if !params || fn == nil || fn.Exported() {
			return false
		}
		v, _ := info.Uses[x].(*types.Var)
		sig := fn.Type().(*types.Signature)
		for i := 0; i < sig.Params().Len(); i++ {
			if sig.Params().At(i) == v && !sig.Variadic() {
				return g.calledWithBuffered(fn, i)
			}
		}
	}
	return false
}

// calledWithBuffered reports whether every use of fn in the package is a
// call whose argument i is a buffered channel or nil, and there is one.
func (g *Graph) calledWithBuffered(fn *types.Func, i int) bool {
	key := paramKey{fn, i}
	if ok, done := g.bufferedParams[key]; done {
		return ok
	}
	ok := g.scanCalledWithBuffered(fn, i)
	if g.bufferedParams == nil {
		g.bufferedParams = make(map[paramKey]bool)
	}
	g.bufferedParams[key] = ok
	return ok
}

// paramKey is parameter i of fn.
type paramKey struct {
	fn *types.Func
	i  int
}

func (g *Graph) scanCalledWithBuffered(fn *types.Func, i int) bool {
	info := g.in.Info
	uses, calls := 0, 0
	for _, obj := range info.Uses {
		if obj == fn {
			uses++
		}
	}
	good := true
	for _, file := range g.in.Files {
		ast.Inspect(file, func(x ast.Node) bool {
			call, ok := x.(*ast.CallExpr)
			if !ok || typeutil.StaticCallee(info, call) != fn {
				return true
			}
			calls++
			if i >= len(call.Args) || !g.buffered(call.Args[i], nil, false) {
				good = false
			}
			return true
		})
	}
	return good && calls > 0 && calls == uses
}

// oneShotSend reports whether a send is on a one-shot field and is
// followed by closing the same channel.
func (g *Graph) oneShotSend(s sendSite) bool {
	f := g.fieldOf(s.send.Chan)
	if f == nil || !g.oneShot[f] || s.next == nil {
		return false
	}
	es, ok := s.next.(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := ast.Unparen(es.X).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return false
	}
	if b, ok := typeutil.Callee(g.in.Info, call).(*types.Builtin); !ok || b.Name() != "close" {
		return false
	}
	return types.ExprString(ast.Unparen(call.Args[0])) == types.ExprString(ast.Unparen(s.send.Chan))
}
