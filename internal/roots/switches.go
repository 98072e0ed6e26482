package roots

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/profiles"
)

// Switches: settings that take a profile loop's callbacks off the loop
// (paho's SetOrderMatters(false) runs each handler on a goroutine of its
// own). A package that makes one, by a call of the setter or a store into
// the field with the constant value, registers no roots of that loop. The
// setting is seen only in the package that registers the callbacks, where
// programs usually build their options.

// Off are the loops a package switches off, by profile name and loop
// index, with where it does so.
type Off map[offKey]string

type offKey struct {
	profile string
	loop    int
}

// Switches finds the settings the files make that switch loops of the
// selected profiles off. It walks the files only when the package imports
// a library whose profile has a switch.
func Switches(fset *token.FileSet, files []*ast.File, info *types.Info, pkg *types.Package, cfg *config.Config) Off {
	type want struct {
		key offKey
		sw  profiles.Switch
	}
	var setters map[string][]want
	var fields map[*types.Var][]want
	for _, prof := range cfg.Profiles.Selected() {
		fw := importedAs(pkg, prof.Path)
		if fw == nil {
			continue
		}
		for li, l := range prof.AllLoops() {
			for _, sw := range l.OffWhen {
				w := want{offKey{prof.Name, li}, sw}
				if setters == nil {
					setters = make(map[string][]want)
					fields = make(map[*types.Var][]want)
				}
				setters[sw.Setter] = append(setters[sw.Setter], w)
				if typ, field, ok := strings.Cut(sw.Field, "."); ok {
					if v := lookupField(fw, typ, field); v != nil {
						fields[v] = append(fields[v], w)
					}
				}
			}
		}
	}
	if setters == nil {
		return nil
	}
	off := make(Off)
	is := func(e ast.Expr, value string) bool {
		tv, ok := info.Types[e]
		return ok && tv.Value != nil && constantString(tv.Value) == value
	}
	fieldOf := func(e ast.Expr) *types.Var {
		switch e := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if s, ok := info.Selections[e]; ok && s.Kind() == types.FieldVal {
				v, _ := s.Obj().(*types.Var)
				return v
			}
		}
		return nil
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				fn := calledFunc(info, n.Fun)
				if fn == nil {
					return true
				}
				for _, w := range setters[fn.FullName()] {
					if w.sw.Param < len(n.Args) && is(n.Args[w.sw.Param], w.sw.Value) {
						off[w.key] = fset.Position(n.Pos()).String()
					}
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok {
					if v, ok := info.Uses[id].(*types.Var); ok {
						for _, w := range fields[v] {
							if is(n.Value, w.sw.Value) {
								off[w.key] = fset.Position(n.Pos()).String()
							}
						}
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, lhs := range n.Lhs {
					if v := fieldOf(lhs); v != nil {
						for _, w := range fields[v] {
							if is(n.Rhs[i], w.sw.Value) {
								off[w.key] = fset.Position(n.Pos()).String()
							}
						}
					}
				}
			}
			return true
		})
	}
	return off
}

// switchedOff returns where the package switches a profile's loop off,
// or "".
func (o Off) switchedOff(prof string, loop int) string { return o[offKey{prof, loop}] }

// offNote says where a loop was switched off, for -verbose.
func offNote(prof, loop, where string) string {
	return fmt.Sprintf("profile %s: the %s is switched off at %s: its callbacks are not roots in this package", prof, loop, where)
}

// constantString spells a constant as Go source does.
func constantString(v constant.Value) string {
	if v.Kind() == constant.String {
		return v.ExactString()
	}
	return v.String()
}

// calledFunc is the function or method a call expression names.
func calledFunc(info *types.Info, fun ast.Expr) *types.Func {
	switch f := ast.Unparen(fun).(type) {
	case *ast.SelectorExpr:
		fn, _ := info.Uses[f.Sel].(*types.Func)
		return fn
	case *ast.Ident:
		fn, _ := info.Uses[f].(*types.Func)
		return fn
	}
	return nil
}

// importedAs returns the package with this path if pkg imports it or is it.
func importedAs(pkg *types.Package, path string) *types.Package {
	if pkg.Path() == path {
		return pkg
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return imp
		}
	}
	return nil
}
