// Package roots decides what each function of a package is before its body
// is consulted: a root (it must not block, and why: a directive, an
// interface contract, a framework profile, the configuration, a
// registration), declared blocking (a directive or the configuration), or
// trusted never to block (the configuration).
//
// It works in two steps around the graph: Find reads the types, the
// directives, the profiles, the configuration and the contracts of the
// dependencies, and returns the Points (the interface contracts and the
// registration fields and parameters the graph must watch); Assign then
// gives every node of the graph its Roles. It reads facts only through
// the contracts it is handed, so the whole-program mode can use it
// without a pass. It may not import the later stages (solve, lockheld,
// report).
package roots

import (
	"go/types"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/graph"
)

// Points are what makes a function a root without a directive of its own:
// the interface methods whose implementations are roots, and the
// registration fields and parameters whose functions are.
type Points struct {
	contracts map[string][]contract // by method name
	results   map[string][]contract // MethodResult roots: the functions implementations return are roots
	Watch     graph.Watch

	// Notes are messages for -verbose: profile roots skipped because the
	// framework's API does not match the profile.
	Notes []string

	// allowed are the categories that registered roots may block in, by
	// the name they are registered as (profiles.Loop.Allowed).
	allowed map[string]facts.CategorySet
	// runs says, for messages, what each registered root runs on and how
	// much stalls with it, by the name it is registered as (loopRuns).
	runs map[string]string
	// deadlocks are the deadlock sinks that hang each root, by the name
	// it is contracted or registered as (see loopDeadlocks).
	deadlocks map[string]map[string]bool
}

// A contract is an interface method whose implementations are roots.
type contract struct {
	iface   *types.Interface
	name    string            // "pkg.Iface.Method"
	allowed facts.CategorySet // what a profile loop lets its roots block in (profiles.Loop.Allowed)
	runs    string            // what its implementations run on (loopRuns); "" for a contract of no profile
}

// Deps are the Contracts facts of a package's dependencies.
type Deps []DepContracts

// DepContracts is one dependency's Contracts fact, or its FieldCalls
// fact.
type DepContracts struct {
	Pkg        *types.Package
	Contracts  *facts.Contracts
	FieldCalls *facts.FieldCalls
}

// Find collects the points of a package: its profiles' roots, its own
// contracts and nonblocking fields, the configuration's interface roots,
// and the contracts of its dependencies.
// Off are the profile loops the package switches off (Switches).
func Find(pkg *types.Package, dirs *directive.Set, cfg *config.Config, deps Deps, off Off) *Points {
	pts := &Points{
		contracts: make(map[string][]contract),
		Watch: graph.Watch{
			Fields: make(map[*types.Var]string),
			Params: make(map[*types.Func][]graph.Param),
			Called: make(map[*types.Var]string),
		},
	}
	for _, f := range dirs.Fields {
		pts.Watch.Fields[f.Var] = pkg.Name() + "." + f.Name()
	}
	pts.applyProfiles(pkg, cfg, off)
	for _, m := range dirs.Contracts {
		pts.addContract(m)
	}
	if len(cfg.Roots) > 0 {
		pts.configuredContracts(pkg, cfg)
		for _, imp := range pkg.Imports() {
			pts.configuredContracts(imp, cfg)
		}
	}
	for _, d := range deps {
		pts.depContracts(d)
	}
	return pts
}
