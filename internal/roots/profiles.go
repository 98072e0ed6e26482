package roots

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
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
func (pts *Points) applyProfiles(pkg *types.Package, cfg *config.Config, off Off) {
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
		for li, loop := range prof.AllLoops() {
			if where := off.switchedOff(prof.Name, li); where != "" {
				pts.Notes = append(pts.Notes, offNote(prof.Name, loop.Name, where))
				continue
			}
			pts.Notes = append(pts.Notes, checkDeadlocks(fw, prof.Name, loop)...)
			runs := loopRuns(prof, loop)
			var allowed facts.CategorySet
			for _, c := range loop.Allowed {
				allowed = allowed.With(c)
			}
			for _, r := range loop.Roots {
				pts.addDeadlocks(rootLabel(fw, r), loopDeadlocks(fw, loop, r))
				if err := pts.applyRoot(fw, r, allowed, runs); err != nil {
					pts.Notes = append(pts.Notes, fmt.Sprintf("profile %s does not match %s (%v): %s skipped", prof.Name, fw.Path(), err, rootName(r)))
				}
			}
		}
	}
}

// loopRuns says, in messages, what a loop's roots run on and how much
// stalls with them: "bubbletea's event loop (single shared loop)".
func loopRuns(prof *profiles.Profile, l profiles.Loop) string {
	return prof.Name + "'s " + l.Name + " (" + l.Severity.String() + ")"
}

// rootName names a profile root in notes: "Type.Member", or the function
// for a FuncArg.
func rootName(r profiles.Root) string {
	if r.Type == "" {
		return r.Member
	}
	return r.Type + "." + r.Member
}

// rootLabel is the name a profile root is contracted or registered as:
// "tea.Model.Update", "tview.*Form.AddButton", "runtime.SetFinalizer".
func rootLabel(pkg *types.Package, r profiles.Root) string {
	switch r.Kind {
	case profiles.FuncArg:
		return pkg.Name() + "." + r.Member
	case profiles.InterfaceMethod:
		return pkg.Name() + "." + strings.TrimPrefix(r.Type, "*") + "." + r.Member
	}
	return pkg.Name() + "." + r.Type + "." + r.Member
}

// applyRoot installs one profile root.
func (pts *Points) applyRoot(pkg *types.Package, r profiles.Root, allowed facts.CategorySet, runs string) error {
	switch r.Kind {
	case profiles.FuncArg:
		return pts.applyFuncArg(pkg, r, allowed, runs)
	}
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
	case profiles.InterfaceMethod, profiles.MethodResult:
		fn, ok := obj.(*types.Func)
		if _, isIface := tn.Type().Underlying().(*types.Interface); !ok || !isIface {
			return fmt.Errorf("%s is not an interface method", label)
		}
		if r.Kind == profiles.InterfaceMethod {
			pts.addLoopContract(fn, allowed, runs)
			break
		}
		res := fn.Type().(*types.Signature).Results()
		if res.Len() != 1 {
			return fmt.Errorf("%s does not return one function", label)
		}
		if _, isFunc := res.At(0).Type().Underlying().(*types.Signature); !isFunc {
			return fmt.Errorf("%s does not return a function", label)
		}
		pts.addResultContract(fn, allowed, runs)
	case profiles.FuncField:
		v, ok := obj.(*types.Var)
		if !ok || !v.IsField() {
			return fmt.Errorf("%s is not a field", label)
		}
		if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc {
			return fmt.Errorf("%s is not a function-typed field", label)
		}
		pts.Watch.Fields[v] = label
		pts.allow(label, allowed, runs)
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
		pts.allow(label, allowed, runs)
	}
	return nil
}

// allow records the categories a registered root may block in.
func (pts *Points) allow(label string, allowed facts.CategorySet, runs string) {
	if runs != "" {
		if pts.runs == nil {
			pts.runs = make(map[string]string)
		}
		pts.runs[label] = runs
	}
	if allowed == 0 {
		return
	}
	if pts.allowed == nil {
		pts.allowed = make(map[string]facts.CategorySet)
	}
	pts.allowed[label] = allowed
}

// applyFuncArg installs a FuncArg root: every function passed as the
// parameter of a package-level function (runtime.SetFinalizer's finalizer,
// whose parameter is of type any, or fyne.Do's callback).
func (pts *Points) applyFuncArg(pkg *types.Package, r profiles.Root, allowed facts.CategorySet, runs string) error {
	label := pkg.Name() + "." + r.Member
	fn, ok := pkg.Scope().Lookup(r.Member).(*types.Func)
	if !ok {
		return fmt.Errorf("no function %s", label)
	}
	params := fn.Type().(*types.Signature).Params()
	if r.Param >= params.Len() {
		return fmt.Errorf("%s has no parameter %d", label, r.Param)
	}
	switch t := params.At(r.Param).Type().Underlying().(type) {
	case *types.Signature:
	case *types.Interface:
		if !t.Empty() {
			return fmt.Errorf("parameter %d of %s is not a function", r.Param, label)
		}
	default:
		return fmt.Errorf("parameter %d of %s is not a function", r.Param, label)
	}
	pts.Watch.Params[fn] = append(pts.Watch.Params[fn], graph.Param{Index: r.Param, As: label})
	pts.allow(label, allowed, runs)
	return nil
}
