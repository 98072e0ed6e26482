package analyzer

import (
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/roots"
)

// depContracts returns what the package's dependencies say of roots in
// their package facts: their contracts, the contracts they re-export
// (under go vet a package sees only its direct imports' package facts),
// and the fields their roots call. Each package's contracts appear once,
// its own fact before any re-export of it.
func depContracts(pass *analysis.Pass) roots.Deps {
	var deps roots.Deps
	seen := make(map[string]bool) // contracts by package path: a re-export may repeat what a package says itself
	add := func(pkg *types.Package, methods, fields []string) {
		if pkg == nil || pkg == pass.Pkg || seen[pkg.Path()] {
			return
		}
		seen[pkg.Path()] = true
		deps = append(deps, roots.DepContracts{Pkg: pkg, Contracts: &facts.Contracts{Methods: methods, Fields: fields}})
	}
	calls := make(map[facts.FieldCall]bool)
	var reexported []facts.PackageContracts
	for _, pf := range pass.AllPackageFacts() {
		if pf.Package == pass.Pkg {
			continue
		}
		switch f := pf.Fact.(type) {
		case *facts.Contracts:
			add(pf.Package, f.Methods, f.Fields)
			reexported = append(reexported, f.Imported...)
		case *facts.FieldCalls:
			var fresh []facts.FieldCall
			for _, c := range f.Calls {
				if !calls[c] {
					calls[c] = true
					fresh = append(fresh, c)
				}
			}
			if len(fresh) > 0 {
				deps = append(deps, roots.DepContracts{Pkg: pf.Package, FieldCalls: &facts.FieldCalls{Calls: fresh}})
			}
		}
	}
	// Re-exported contracts come after the packages' own, so that a
	// package's own fact wins; sorted, for determinism.
	sort.Slice(reexported, func(i, j int) bool { return reexported[i].Path < reexported[j].Path })
	for _, c := range reexported {
		add(names.FindPackage(pass.Pkg, c.Path), c.Methods, c.Fields)
	}
	return deps
}
