package roots

import (
	"go/types"
	"strings"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/names"
)

// Interface contracts: every implementation of an interface method whose
// doc comment says //blockcheck:nonblocking (here or in a dependency, which
// says so in its Contracts fact), that a profile names, or that the
// configuration's roots name, is a root.

// depContracts adds the contracts and nonblocking fields a dependency's
// Contracts fact declares.
func (pts *Points) depContracts(d DepContracts) {
	if d.FieldCalls != nil {
		for _, c := range d.FieldCalls.Calls {
			if v := names.LookupSlot(d.Pkg, c.Field); v != nil {
				pts.Watch.Called[v] = c.Field + ", called by root " + c.Root
			}
		}
		return
	}
	for _, f := range d.Contracts.Fields {
		typeName, field, _ := strings.Cut(f, ".")
		if v := lookupField(d.Pkg, typeName, field); v != nil {
			pts.Watch.Fields[v] = d.Pkg.Name() + "." + f
		}
	}
	for _, m := range d.Contracts.Methods {
		ifaceName, method, _ := strings.Cut(m, ".")
		tn, _ := d.Pkg.Scope().Lookup(ifaceName).(*types.TypeName)
		if tn == nil {
			continue
		}
		iface, _ := tn.Type().Underlying().(*types.Interface)
		if iface == nil {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(tn.Type(), false, d.Pkg, method)
		if fn, ok := obj.(*types.Func); ok {
			pts.addContract(fn)
		}
	}
}

// configuredContracts adds the interface methods of pkg that the
// configuration's roots name: their implementations are roots.
func (pts *Points) configuredContracts(pkg *types.Package, cfg *config.Config) {
	prefix := "(" + pkg.Path() + "."
	may := false
	for _, r := range cfg.Roots {
		if r.MayMatchPrefix(prefix) {
			may = true
		}
	}
	if !may {
		return
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := 0; i < iface.NumMethods(); i++ {
			if m := iface.Method(i); cfg.IsRoot(m.FullName()) {
				pts.addContract(m)
			}
		}
	}
}

func (pts *Points) addContract(m *types.Func) { pts.addLoopContract(m, 0, "") }

// addLoopContract adds a contract of a profile loop that may block in the
// allowed categories.
func (pts *Points) addLoopContract(m *types.Func, allowed facts.CategorySet, runs string) {
	pts.addContractTo(pts.contracts, m, allowed, runs)
}

// addResultContract adds a MethodResult root: the functions that the
// implementations of m return are roots.
func (pts *Points) addResultContract(m *types.Func, allowed facts.CategorySet, runs string) {
	if pts.results == nil {
		pts.results = make(map[string][]contract)
	}
	pts.addContractTo(pts.results, m, allowed, runs)
}

func (pts *Points) addContractTo(contracts map[string][]contract, m *types.Func, allowed facts.CategorySet, runs string) {
	recv := m.Type().(*types.Signature).Recv()
	if recv == nil {
		return
	}
	named, _ := types.Unalias(recv.Type()).(*types.Named)
	if named == nil || named.TypeParams().Len() > 0 {
		return // generic interfaces are not supported as contracts
	}
	iface, _ := named.Underlying().(*types.Interface)
	if iface == nil {
		return
	}
	contracts[m.Name()] = append(contracts[m.Name()], contract{
		iface:   iface,
		name:    m.Pkg().Name() + "." + named.Obj().Name() + "." + m.Name(),
		allowed: allowed,
		runs:    runs,
	})
}

// contractRoot returns the contract a method satisfies, or nil.
func (pts *Points) contractRoot(fn *types.Func) *contract {
	return satisfied(pts.contracts[fn.Name()], fn)
}

// satisfied returns the first of the contracts a method satisfies, or nil.
func satisfied(cs []contract, fn *types.Func) *contract {
	if len(cs) == 0 {
		return nil
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, _ := types.Unalias(t).(*types.Named)
	if named == nil || named.TypeParams().Len() > 0 {
		return nil
	}
	if _, isIface := named.Underlying().(*types.Interface); isIface {
		return nil
	}
	for i := range cs {
		if types.Implements(named, cs[i].iface) || types.Implements(types.NewPointer(named), cs[i].iface) {
			return &cs[i]
		}
	}
	return nil
}

// lookupField returns the field of a package's struct type.
func lookupField(pkg *types.Package, typeName, field string) *types.Var {
	tn, _ := pkg.Scope().Lookup(typeName).(*types.TypeName)
	if tn == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, pkg, field)
	v, _ := obj.(*types.Var)
	if v == nil || !v.IsField() {
		return nil
	}
	return v
}
