package lockheld

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
)

// A lockRef is a lock as a function body names it.
type lockRef struct {
	name     string // "c.mu": the lock's identity in the function, through aliases
	shown    string // as the call writes it ("mu" after mu := &c.mu), if not name
	id       lockID // identity across functions, see contention.go
	template string // relative to the function ("$r.mu"), or "" if it names a local
}

// lockRef names the lock a sync method call operates on: its receiver
// expression, followed by the embedded fields a promoted method goes
// through (c.Lock() on a type embedding sync.Mutex names c.Mutex).
func (f *lockFlow) lockRef(call *ast.CallExpr) lockRef {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return lockRef{}
	}
	name := f.receiverName(sel)
	ref := lockRef{name: name, template: f.templateFor(name)}
	ref.id, _ = f.c.lockIdentity(sel)
	if shown := f.writtenName(sel); shown != name {
		ref.shown = shown
	}
	return ref
}

// receiverName names what a method call's selector operates on: the
// receiver expression, followed by the embedded fields a promoted method
// goes through.
func (f *lockFlow) receiverName(sel *ast.SelectorExpr) string {
	return f.embeddedPath(sel, f.pathName(sel.X))
}

// writtenName is receiverName without the aliases: the lock as the call
// writes it, for messages.
func (f *lockFlow) writtenName(sel *ast.SelectorExpr) string {
	return f.embeddedPath(sel, types.ExprString(stripAddr(sel.X)))
}

// embeddedPath appends to name the embedded fields a promoted method goes
// through.
func (f *lockFlow) embeddedPath(sel *ast.SelectorExpr, name string) string {
	if s, ok := f.c.info.Selections[sel]; ok && len(s.Index()) > 1 {
		t := s.Recv()
		for _, idx := range s.Index()[:len(s.Index())-1] {
			st, ok := derefUnderlying(t).(*types.Struct)
			if !ok {
				break
			}
			field := st.Field(idx)
			name += "." + field.Name()
			t = field.Type()
		}
	}
	return name
}

func stripAddr(e ast.Expr) ast.Expr {
	e = astutil.Unparen(e)
	for {
		switch x := e.(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return e
			}
			e = astutil.Unparen(x.X)
		case *ast.StarExpr:
			e = astutil.Unparen(x.X)
		default:
			return e
		}
	}
}

func derefUnderlying(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return t.Underlying()
}

// substitute renames a summary's lock for a call site.
func (f *lockFlow) substitute(t string, call *ast.CallExpr, fn *types.Func) string {
	switch {
	case strings.HasPrefix(t, "$r"):
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		return f.receiverName(sel) + strings.TrimPrefix(t, "$r")
	case strings.HasPrefix(t, "$"):
		digits, rest, _ := strings.Cut(t[1:], ".")
		i, err := strconv.Atoi(digits)
		if err != nil || i < 1 || i > len(call.Args) {
			return ""
		}
		name := f.pathName(call.Args[i-1])
		if rest != "" {
			name += "." + rest
		}
		return name
	default:
		// A package-level lock: named as this package names it.
		if fn.Pkg() == f.c.pkg {
			return strings.TrimPrefix(t, f.c.pkg.Name()+".")
		}
		return t
	}
}

// templateFor writes a lock relative to the function, for its summary:
// rooted at the receiver ($r.mu), a parameter ($1.mu, $2.mu, ...) or a
// package-level variable (pkg.mu). Locks rooted at locals have none: a
// caller could not name them.
func (f *lockFlow) templateFor(name string) string {
	root, rest, dotted := strings.Cut(name, ".")
	if rest != "" || dotted {
		rest = "." + rest
	}
	if root == "" || root == "_" {
		return ""
	}
	if f.n.Fn == nil {
		// A literal names the enclosing function's locks as it does
		// (closures.go).
		if f.declaredInside(root) {
			return ""
		}
		return name
	}
	if f.sig != nil {
		if r := f.sig.Recv(); r != nil && r.Name() == root {
			return "$r" + rest
		}
		for i := 0; i < f.sig.Params().Len(); i++ {
			if f.sig.Params().At(i).Name() == root {
				return "$" + strconv.Itoa(i+1) + rest
			}
		}
	}
	if _, ok := f.c.pkg.Scope().Lookup(root).(*types.Var); ok {
		return f.c.pkg.Name() + "." + name
	}
	return ""
}
