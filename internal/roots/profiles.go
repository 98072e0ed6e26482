package roots

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/profiles"
)

// Profile roots: the callbacks a framework runs on its event loops, by the
// framework's interface methods (gnet's OnTraffic), function-typed fields
// (evio's Events.Data) and registration parameters (nbio's
// Engine.OnData). Each is checked against the framework's API as the
// package sees it: a renamed interface or a changed signature skips the
// root, with a note, rather than making a wrong one.

// applyProfiles installs the roots of the selected profiles whose
// framework this package imports (or is).
func (pts *Points) applyProfiles(pkg *types.Package, cfg *config.Config) {
	selected := cfg.Profiles.Selected()
	if len(selected) == 0 {
		return
	}
	imports := make(map[string]*types.Package, len(pkg.Imports())+1)
	for _, imp := range pkg.Imports() {
		imports[imp.Path()] = imp
	}
	imports[pkg.Path()] = pkg
	for _, prof := range selected {
		fw := imports[prof.Path]
		if fw == nil {
			continue
		}
		for _, r := range prof.Roots {
			if err := pts.applyRoot(fw, r); err != nil {
				pts.Notes = append(pts.Notes, fmt.Sprintf("profile %s does not match %s (%v): %s.%s skipped", prof.Name, fw.Path(), err, r.Type, r.Member))
			}
		}
	}
}

// applyRoot installs one profile root.
func (pts *Points) applyRoot(pkg *types.Package, r profiles.Root) error {
	typeName := strings.TrimPrefix(r.Type, "*")
	tn, _ := pkg.Scope().Lookup(typeName).(*types.TypeName)
	if tn == nil {
		return fmt.Errorf("no type %s", typeName)
	}
	recv := tn.Type()
	if strings.HasPrefix(r.Type, "*") {
		recv = types.NewPointer(recv)
	}
	obj, _, _ := types.LookupFieldOrMethod(recv, true, pkg, r.Member)
	label := pkg.Name() + "." + r.Type + "." + r.Member
	switch r.Kind {
	case profiles.InterfaceMethod:
		fn, ok := obj.(*types.Func)
		if _, isIface := tn.Type().Underlying().(*types.Interface); !ok || !isIface {
			return fmt.Errorf("%s is not an interface method", label)
		}
		pts.addContract(fn)
	case profiles.FuncField:
		v, ok := obj.(*types.Var)
		if !ok || !v.IsField() {
			return fmt.Errorf("%s is not a field", label)
		}
		if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc {
			return fmt.Errorf("%s is not a function-typed field", label)
		}
		pts.Watch.Fields[v] = label
	case profiles.FuncParam:
		fn, ok := obj.(*types.Func)
		if !ok {
			return fmt.Errorf("%s is not a method", label)
		}
		params := fn.Type().(*types.Signature).Params()
		if r.Param >= params.Len() {
			return fmt.Errorf("%s has no parameter %d", label, r.Param)
		}
		if _, isFunc := params.At(r.Param).Type().Underlying().(*types.Signature); !isFunc {
			return fmt.Errorf("parameter %d of %s is not a function", r.Param, label)
		}
		pts.Watch.Params[fn] = append(pts.Watch.Params[fn], graph.Param{Index: r.Param, As: label})
	}
	return nil
}
