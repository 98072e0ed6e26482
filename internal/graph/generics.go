package graph

import (
	"go/ast"
	"go/types"
	"sort"
)

// Calls through a type parameter's constraint: in func Run[T Doer](t T) {
// t.Do() }, the method called is T's, whatever T is instantiated with. The
// graph follows it to the methods of the type arguments of every
// instantiation visible in the package (Run(&worker{}), List[*worker]), and
// the call blocks only when every one of them does (Place.AllOf): a
// blocking instantiation does not make a quiet one block. Instantiations in
// other packages are not visible; with none visible, the call is quiet.

// typeArgs returns the concrete type arguments the package instantiates
// type parameter tp with, computed once per graph.
func (g *Graph) typeArgs(tp *types.TypeParam) []types.Type {
	if g.instances == nil {
		g.instances = g.collectInstances()
	}
	return g.instances[tp]
}

// collectInstances maps each type parameter of the package's generic
// functions and methods to the concrete type arguments it is instantiated
// with. A method's receiver type parameters are its own objects,
// corresponding by index to its type's.
func (g *Graph) collectInstances() map[*types.TypeParam][]types.Type {
	byOwner := make(map[types.Object][][]types.Type) // generic function or type name → type argument lists
	// In source order: the order of the targets decides the witness.
	ids := make([]*ast.Ident, 0, len(g.in.Info.Instances))
	for id := range g.in.Info.Instances {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i].Pos() < ids[j].Pos() })
	for _, id := range ids {
		inst := g.in.Info.Instances[id]
		obj := g.in.Info.Uses[id]
		if obj == nil || obj.Pkg() != g.in.Pkg {
			continue
		}
		var args []types.Type
		for i := 0; i < inst.TypeArgs.Len(); i++ {
			args = append(args, inst.TypeArgs.At(i))
		}
		byOwner[obj] = append(byOwner[obj], args)
	}
	out := make(map[*types.TypeParam][]types.Type)
	add := func(tps *types.TypeParamList, owner types.Object) {
		for i := 0; i < tps.Len(); i++ {
			for _, args := range byOwner[owner] {
				if i < len(args) && !hasTypeParam(args[i]) {
					out[tps.At(i)] = appendType(out[tps.At(i)], args[i])
				}
			}
		}
	}
	for _, n := range g.Nodes {
		if n.Fn == nil {
			continue
		}
		sig := n.Fn.Type().(*types.Signature)
		add(sig.TypeParams(), n.Fn)
		if recv := sig.Recv(); recv != nil && sig.RecvTypeParams().Len() > 0 {
			if named := receiverNamed(recv.Type()); named != nil {
				add(sig.RecvTypeParams(), named.Origin().Obj())
			}
		}
	}
	return out
}

// constraintTargets returns the methods a call on a value of type
// parameter type calls, one per visible instantiation, or ok=false when
// the call is not through a type parameter.
func (g *Graph) constraintTargets(fun ast.Expr, method *types.Func, buf []*Target) (targets []*Target, ok bool) {
	sel, isSel := fun.(*ast.SelectorExpr)
	if !isSel || len(g.in.Info.Instances) == 0 {
		return nil, false
	}
	t := g.in.Info.TypeOf(sel.X)
	if p, isPtr := t.(*types.Pointer); isPtr {
		t = p.Elem()
	}
	tp, isTP := t.(*types.TypeParam)
	if !isTP {
		return nil, false
	}
	targets = buf
	for _, arg := range g.typeArgs(tp) {
		obj, _, _ := types.LookupFieldOrMethod(arg, true, g.in.Pkg, method.Name())
		fn, _ := obj.(*types.Func)
		if fn == nil {
			continue
		}
		fn = fn.Origin()
		if n := g.ByFunc[fn]; n != nil {
			targets = append(targets, &Target{Node: n})
		} else {
			targets = append(targets, &Target{Fn: fn})
		}
	}
	return targets, true
}

func receiverNamed(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// hasTypeParam reports whether t mentions a type parameter: such a type
// argument (Run[U] inside another generic function) is not concrete.
func hasTypeParam(t types.Type) bool {
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Pointer:
		return hasTypeParam(t.Elem())
	case *types.Named:
		args := t.TypeArgs()
		for i := 0; i < args.Len(); i++ {
			if hasTypeParam(args.At(i)) {
				return true
			}
		}
	case *types.Slice:
		return hasTypeParam(t.Elem())
	case *types.Map:
		return hasTypeParam(t.Key()) || hasTypeParam(t.Elem())
	}
	return false
}

func appendType(s []types.Type, t types.Type) []types.Type {
	for _, x := range s {
		if types.Identical(x, t) {
			return s
		}
	}
	return append(s, t)
}
