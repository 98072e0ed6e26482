package graph

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/blockcheck/blockcheck/internal/names"
)

// Function values in fields, package variables, maps and slices: handlers
// stored in struct fields and called later (s.onMsg(b)), callbacks kept in
// a package variable, routes in a map (routes[k](b)) or a slice ranged
// over. A call through such a slot may call any function stored in it where
// the stores are visible: composite literals, assignments, append, and
// setters that store a parameter into a field (a summary, and a Stores fact
// across packages). The slots are flow-insensitive and per package. Stores
// in _test.go files are test doubles and do not count: a production line is
// not reported for what a test stores in its field.
//
// Across packages, a field that a root of another package calls
// synchronously (a FieldCalls fact, read into Input.Watch.Called) makes a
// store into it a registration of sorts: the store is recorded in
// Graph.Stored, and reported there when the stored function may block.

// A Slot is where function values are kept: a struct field or a package
// or local variable, or (Elem) the elements of the map, slice or array it
// holds.
type Slot struct {
	Var  *types.Var
	Elem bool
}

// A ParamStore is a parameter a function stores into a slot.
type ParamStore struct {
	Param int
	Slot  Slot
}

// setterCall is a call that passes a function value to a function that
// may store it: resolved once every summary is known.
type setterCall struct {
	owner *Node
	call  *ast.CallExpr
}

// slotOf returns the slot an expression writes or reads: a field
// (s.onMsg), a package variable (handler), or the elements of a
// container ((s.routes)[k]); ok is false for anything else.
func (g *Graph) slotOf(e ast.Expr) (Slot, bool) {
	switch e := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if s, ok := g.in.Info.Selections[e]; ok && s.Kind() == types.FieldVal {
			if v, ok := s.Obj().(*types.Var); ok && isFuncType(v.Type()) {
				g.nameSlot(v.Origin(), fieldOwner(s))
				return Slot{Var: v.Origin()}, true
			}
		}
		if v, ok := g.in.Info.Uses[e.Sel].(*types.Var); ok && isPackageVar(v) && isFuncType(v.Type()) {
			g.nameSlot(v, nil)
			return Slot{Var: v}, true // pkg.Handler
		}
	case *ast.Ident:
		if v, ok := g.in.Info.ObjectOf(e).(*types.Var); ok && isPackageVar(v) && isFuncType(v.Type()) {
			g.nameSlot(v, nil)
			return Slot{Var: v}, true
		}
	case *ast.IndexExpr:
		if c, ok := g.containerOf(e.X); ok {
			return c, true
		}
	}
	return Slot{}, false
}

// containerOf returns the element slot of a map, slice or array of
// functions named by e (a variable or a field).
func (g *Graph) containerOf(e ast.Expr) (Slot, bool) {
	t := g.in.Info.TypeOf(e)
	if t == nil || !isFuncType(elemType(t)) {
		return Slot{}, false
	}
	var v *types.Var
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ = g.in.Info.ObjectOf(e).(*types.Var)
	case *ast.SelectorExpr:
		if s, ok := g.in.Info.Selections[e]; ok && s.Kind() == types.FieldVal {
			v, _ = s.Obj().(*types.Var)
		} else {
			v, _ = g.in.Info.Uses[e.Sel].(*types.Var)
		}
	}
	if v == nil {
		return Slot{}, false
	}
	return Slot{Var: v.Origin(), Elem: true}, true
}

func elemType(t types.Type) types.Type {
	switch u := t.Underlying().(type) {
	case *types.Map:
		return u.Elem()
	case *types.Slice:
		return u.Elem()
	case *types.Array:
		return u.Elem()
	case *types.Pointer:
		if a, ok := u.Elem().Underlying().(*types.Array); ok {
			return a.Elem()
		}
	}
	return nil
}

func isPackageVar(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// storeAssign records lhs = rhs when lhs is a slot, or a variable or field
// holding a map or slice of functions that rhs fills (a composite literal,
// append).
func (g *Graph) storeAssign(owner *Node, lhs, rhs ast.Expr) {
	rhs = ast.Unparen(rhs)
	if s, ok := g.slotOf(lhs); ok {
		g.store(owner, s, rhs)
		return
	}
	c, ok := g.containerOf(lhs)
	if !ok {
		return
	}
	switch rhs := rhs.(type) {
	case *ast.CompositeLit:
		g.storeElems(owner, c, rhs)
	case *ast.CallExpr:
		if id, ok := ast.Unparen(rhs.Fun).(*ast.Ident); ok && len(rhs.Args) > 1 {
			if b, ok := g.in.Info.Uses[id].(*types.Builtin); ok && b.Name() == "append" {
				for _, arg := range rhs.Args[1:] {
					g.store(owner, c, arg)
				}
			}
		}
	}
}

// storeElems records the values of a map or slice literal into its slot.
func (g *Graph) storeElems(owner *Node, c Slot, lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			elt = kv.Value
		}
		g.store(owner, c, elt)
	}
}

// storeComposite records the function-typed fields of a struct literal.
func (g *Graph) storeComposite(owner *Node, lit *ast.CompositeLit) {
	t := g.in.Info.TypeOf(lit)
	if t == nil {
		return
	}
	st, ok := derefStruct(t)
	if !ok {
		return
	}
	for i, elt := range lit.Elts {
		var field *types.Var
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			id, _ := kv.Key.(*ast.Ident)
			if id == nil {
				continue
			}
			field, _ = g.in.Info.Uses[id].(*types.Var)
			value = kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		if field == nil {
			continue
		}
		field = field.Origin()
		if named, ok := derefNamed(t); ok {
			g.nameSlot(field, named.Origin())
		}
		if isFuncType(field.Type()) {
			g.store(owner, Slot{Var: field}, value)
		} else if isFuncType(elemType(field.Type())) {
			if inner, ok := ast.Unparen(value).(*ast.CompositeLit); ok {
				g.storeElems(owner, Slot{Var: field, Elem: true}, inner)
			}
		}
	}
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// store records that the function value e is stored into slot s by owner
// (nil at package level): a parameter of owner makes owner a setter.
func (g *Graph) store(owner *Node, s Slot, e ast.Expr) {
	if g.inTestFile(e.Pos()) {
		return // a test double: the program's own stores are what count
	}
	if owner != nil {
		if v := g.identVar(e); v != nil {
			if i := paramIndex(owner.sig, v); i >= 0 {
				owner.addParamStore(ParamStore{i, s})
				return
			}
		}
	}
	targets := g.argTargets(e)
	g.slots[s] = append(g.slots[s], targets...)
	if as, ok := g.in.Watch.Called[s.Var]; ok && !s.Elem {
		for _, t := range targets {
			g.Stored = append(g.Stored, Registration{Pos: e.Pos(), End: e.End(), As: as, Target: *t})
		}
	}
}

func (n *Node) addParamStore(ps ParamStore) {
	for _, x := range n.ParamStores {
		if x == ps {
			return
		}
	}
	n.ParamStores = append(n.ParamStores, ps)
}

// resolveSetterCalls applies the setters' summaries at their calls, once
// every body's stores are known: f(h) where f stores its parameter into a
// slot stores h there. A function passing its own parameter on to a setter
// is a setter too: iterate to the fixed point.
func (g *Graph) resolveSetterCalls() {
	done := make(map[setterDone]bool)
	for changed := true; changed; {
		changed = false
		for _, sc := range g.setterCalls {
			fn := calleeOf(g.in.Info, sc.call)
			if fn == nil {
				continue
			}
			for _, ps := range g.paramStores(fn) {
				if ps.Param >= len(sc.call.Args) || done[setterDone{sc.call, ps}] {
					continue
				}
				done[setterDone{sc.call, ps}] = true
				before := len(sc.owner.ParamStores)
				g.store(sc.owner, ps.Slot, sc.call.Args[ps.Param])
				changed = changed || len(sc.owner.ParamStores) > before
			}
		}
	}
}

type setterDone struct {
	call *ast.CallExpr
	ps   ParamStore
}

// paramStores returns the parameters fn stores into slots.
func (g *Graph) paramStores(fn *types.Func) []ParamStore {
	if n := g.ByFunc[fn]; n != nil {
		return n.ParamStores
	}
	var out []ParamStore
	for _, s := range g.in.Callees.Stores(fn) {
		out = append(out, ParamStore{s.Param, Slot{Var: s.Var}})
		if _, ok := g.SlotKeys[s.Var]; !ok {
			g.SlotKeys[s.Var] = s.Key
		}
	}
	return out
}

// slotTargets returns the functions stored in a slot. What a slot holds is
// followed one level: a value taken from another slot is not.
func (g *Graph) slotTargets(s Slot) []*Target {
	ts := g.slots[s]
	for _, t := range ts {
		if t.Slot != nil {
			out := make([]*Target, 0, len(ts))
			for _, t := range ts {
				if t.Slot == nil {
					out = append(out, t)
				}
			}
			return out
		}
	}
	return ts
}

// storePackageVars records the function values package-level variables are
// initialized with (var handler = onData, var routes = map[string]H{...}).
func (g *Graph) storePackageVars() {
	for _, file := range g.in.Files {
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) != len(vs.Values) {
					continue
				}
				for i, name := range vs.Names {
					g.storeAssign(nil, name, vs.Values[i])
					if lit, ok := ast.Unparen(vs.Values[i]).(*ast.CompositeLit); ok {
						g.storeComposite(nil, lit)
					}
				}
			}
		}
	}
}

type pendingComposite struct {
	owner *Node
	lit   *ast.CompositeLit
}

// passesFunc reports whether a call of a function passes it a function
// value: it may be a setter.
func (g *Graph) passesFunc(call *ast.CallExpr) bool {
	if len(call.Args) == 0 || calleeOf(g.in.Info, call) == nil {
		return false
	}
	for _, arg := range call.Args {
		if isFuncType(g.in.Info.TypeOf(arg)) {
			return true
		}
	}
	return false
}

// rangeSlot makes the value variable of a range over a container of
// functions hold what the container holds: for _, h := range s.handlers.
func (g *Graph) rangeSlot(r *ast.RangeStmt) {
	id, ok := r.Value.(*ast.Ident)
	if !ok {
		return
	}
	v, _ := g.in.Info.ObjectOf(id).(*types.Var)
	if v == nil {
		return
	}
	if s, ok := g.containerOf(r.X); ok {
		g.vars[v] = append(g.vars[v], &Target{Slot: &s})
	}
}

// nameSlot remembers the cross-package name of a field or variable slot.
func (g *Graph) nameSlot(v *types.Var, owner *types.Named) {
	if _, ok := g.SlotKeys[v]; !ok {
		if key := names.SlotKey(v, owner); key != "" {
			g.SlotKeys[v] = key
		}
	}
}

// fieldOwner returns the named type that declares a selected field: the
// receiver's, or that of the embedded field the selection goes through.
func fieldOwner(s *types.Selection) *types.Named {
	t := s.Recv()
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := derefStruct(t)
		if !ok {
			return nil
		}
		t = st.Field(i).Type()
	}
	n, _ := derefNamed(t)
	if n != nil {
		n = n.Origin()
	}
	return n
}

func derefNamed(t types.Type) (*types.Named, bool) {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return n, ok
}

func (n *Node) addSlotCall(v *types.Var) {
	for _, x := range n.SlotCalls {
		if x == v {
			return
		}
	}
	n.SlotCalls = append(n.SlotCalls, v)
}

// inTestFile reports whether pos is in a _test.go file.
func (g *Graph) inTestFile(pos token.Pos) bool {
	f := g.in.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}
