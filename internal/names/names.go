// Package names spells functions and expressions for blockcheck's messages
// and facts: how a reader of the package calls a function ("(*Server).flush"),
// how a reader of another package does ("store.(*DB).flush"), and a callee
// expression as written, clipped. It owns no analysis state.
package names

import (
	"go/ast"
	"go/types"
	"strings"
)

// Local names a function as a reader of its own package would: "Serve",
// "(*Server).flush", "Conn.Read".
func Local(fn *types.Func) string {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return fn.Name()
	}
	t := sig.Recv().Type()
	ptr := false
	if pt, ok := t.(*types.Pointer); ok {
		t, ptr = pt.Elem(), true
	}
	recv := "?"
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		recv = t.Obj().Name()
	case *types.Interface:
		recv = "interface"
	}
	if ptr {
		return "(*" + recv + ")." + fn.Name()
	}
	return recv + "." + fn.Name()
}

// Qualified names a function for readers of other packages: "store.Save",
// "store.(*DB).flush", "net.Conn.Read", "C.puts".
func Qualified(fn *types.Func) string {
	if name, ok := strings.CutPrefix(fn.Name(), CgoPrefix); ok {
		return "C." + name
	}
	if fn.Pkg() == nil {
		return Local(fn)
	}
	return fn.Pkg().Name() + "." + Local(fn)
}

// CgoPrefix starts the names of the Go functions that cgo generates for
// C functions: C.f is _Cfunc_f in cgo-processed files.
const CgoPrefix = "_Cfunc_"

// IsCgo reports whether fn is a call into C. In cgo-processed files (what
// go vet and go/packages type-check) C.f is a generated Go function named
// _Cfunc_f; a driver without cgo processing shows package "C".
func IsCgo(fn *types.Func) bool {
	return fn.Pkg() != nil && (fn.Pkg().Path() == "C" || strings.HasPrefix(fn.Name(), CgoPrefix))
}

// TypeString names a (pointer to a) named type as a chain does:
// "net.Conn", "os.(*File)", "tls.(*Conn)".
func TypeString(t types.Type) string {
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return types.TypeString(t, nil)
	}
	name := n.Obj().Name()
	if ptr {
		name = "(*" + name + ")"
	}
	return n.Obj().Pkg().Name() + "." + name
}

// Expr renders a callee expression for a message, clipped.
func Expr(e ast.Expr) string {
	s := types.ExprString(e)
	if strings.HasPrefix(s, CgoPrefix) {
		s = "C." + strings.TrimPrefix(s, CgoPrefix)
	}
	return Clip(s)
}

// Clip shortens s for a message, on a rune boundary.
func Clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	for i := max; i > 0; i-- {
		if (s[i] & 0xC0) != 0x80 {
			return s[:i] + "…"
		}
	}
	return "…"
}

// IsTestEntry reports whether a name is one the testing package calls
// (TestX, BenchmarkX, FuzzX, ExampleX).
func IsTestEntry(name string) bool {
	for _, prefix := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// SlotKey names a function-typed field or package variable across
// packages, as Stores and FieldCalls facts record it: "pkgpath.Type.field"
// for a field of named type Type, "pkgpath.var" for a package variable;
// "" when it has no such name (a field of an unnamed struct, a local).
// owner is the named type that declares the field (nil for a variable).
func SlotKey(v *types.Var, owner *types.Named) string {
	if v.Pkg() == nil {
		return ""
	}
	if !v.IsField() {
		if v.Parent() != v.Pkg().Scope() {
			return ""
		}
		return v.Pkg().Path() + "." + v.Name()
	}
	if owner == nil || owner.Obj().Pkg() == nil {
		return ""
	}
	return owner.Obj().Pkg().Path() + "." + owner.Obj().Name() + "." + v.Name()
}

// LookupSlot finds the field or package variable a SlotKey names, in pkg
// or a package it depends on; nil if it is not there.
func LookupSlot(pkg *types.Package, key string) *types.Var {
	for p := range allPackages(pkg) {
		rest, ok := strings.CutPrefix(key, p.Path()+".")
		if !ok || strings.Contains(rest, "/") {
			continue
		}
		typ, field, isField := strings.Cut(rest, ".")
		if !isField {
			v, _ := p.Scope().Lookup(typ).(*types.Var)
			return v
		}
		tn, _ := p.Scope().Lookup(typ).(*types.TypeName)
		if tn == nil {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, p, field)
		if v, ok := obj.(*types.Var); ok && v.IsField() {
			return v
		}
	}
	return nil
}

// FindPackage returns the package with the path among pkg and the
// packages it depends on, or nil.
func FindPackage(pkg *types.Package, path string) *types.Package {
	for p := range allPackages(pkg) {
		if p.Path() == path {
			return p
		}
	}
	return nil
}

// allPackages yields pkg and every package it depends on, once.
func allPackages(pkg *types.Package) func(func(*types.Package) bool) {
	return func(yield func(*types.Package) bool) {
		seen := make(map[*types.Package]bool)
		var walk func(p *types.Package) bool
		walk = func(p *types.Package) bool {
			if seen[p] {
				return true
			}
			seen[p] = true
			if !yield(p) {
				return false
			}
			for _, imp := range p.Imports() {
				if !walk(imp) {
					return false
				}
			}
			return true
		}
		walk(pkg)
	}
}
