package analyzer

import (
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/lockheld"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/solve"
)

// Facts leave the package here, and only here: a Blocking fact for every
// function and method that may block and that another package can name, a
// Callbacks fact for every one that calls a function argument, a Returns
// fact for every one whose function-typed result calls an argument or
// blocks, a Blocking
// fact for every interface method declared blocking, a Contracts fact when
// the package declares nonblocking interface methods or fields, and a Locks
// fact for every lock helper. Unexported helpers get no fact of their own:
// their blocking is folded into the chains of the exported functions that
// call them.

// exportFacts exports the Blocking, Callbacks, Returns and Contracts facts.
func exportFacts(pass *analysis.Pass, cfg *Config, g *graph.Graph, sol *solve.Solution, dirs *directive.Set, roles *roots.Roles, deps roots.Deps) {
	for _, n := range g.Nodes {
		if n.Fn == nil || !sol.Blocks(n) || !factWorthy(pass, n.Fn) {
			continue
		}
		pass.ExportObjectFact(n.Fn, facts.NewBlocking(solve.Witnesses(sol.Explain(n))))
	}
	for _, n := range g.Nodes {
		if n.Fn != nil && len(n.ParamCalls) > 0 && factWorthy(pass, n.Fn) {
			pass.ExportObjectFact(n.Fn, &facts.Callbacks{Params: n.ParamCalls})
		}
	}
	for _, n := range g.Nodes {
		if n.Fn != nil && len(n.StreamParams) > 0 && factWorthy(pass, n.Fn) {
			pass.ExportObjectFact(n.Fn, &facts.Streams{Params: n.StreamParams})
		}
	}
	for _, n := range g.Nodes {
		if n.Fn != nil && (len(n.ReturnCalls) > 0 || len(n.ReturnTargets) > 0 || n.Concrete != nil) && factWorthy(pass, n.Fn) {
			if f := returnsFact(g, n, sol); f != nil {
				pass.ExportObjectFact(n.Fn, f)
			}
		}
	}
	// Interface methods declared blocking, in source order for determinism.
	var ifaceMethods []*types.Func
	for fn := range dirs.IfaceBlocking {
		ifaceMethods = append(ifaceMethods, fn)
	}
	sort.Slice(ifaceMethods, func(i, j int) bool { return ifaceMethods[i].Pos() < ifaceMethods[j].Pos() })
	for _, fn := range ifaceMethods {
		c := dirs.IfaceBlocking[fn]
		if cfg.Categories.Has(c) {
			pass.ExportObjectFact(fn, &facts.Blocking{Category: c, Sink: names.Qualified(fn)})
		}
	}
	if f := contractsFact(pass.Pkg, dirs, deps); f != nil {
		pass.ExportPackageFact(f)
	}
	setters := make(map[string]bool) // the slots the package's setters store in
	for _, n := range g.Nodes {
		if n.Fn != nil && len(n.ParamStores) > 0 && factWorthy(pass, n.Fn) {
			if f := storesFact(g, n); f != nil {
				pass.ExportObjectFact(n.Fn, f)
				for _, p := range f.Params {
					setters[p.Field] = true
				}
			}
		}
	}
	if calls := fieldCalls(pass.Pkg, roots.FieldCalls(g, roles), deps, setters); len(calls) > 0 {
		pass.ExportPackageFact(&facts.FieldCalls{Calls: calls})
	}
}

// storesFact is the Stores fact of a setter: the parameters it stores in
// slots other packages can name, sorted.
func storesFact(g *graph.Graph, n *graph.Node) *facts.Stores {
	var ps []facts.ParamStore
	for _, s := range n.ParamStores {
		if key := g.SlotKeys[s.Slot.Var]; key != "" && !s.Slot.Elem {
			ps = append(ps, facts.ParamStore{Param: s.Param, Field: key})
		}
	}
	if len(ps) == 0 {
		return nil
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Param != ps[j].Param {
			return ps[i].Param < ps[j].Param
		}
		return ps[i].Field < ps[j].Field
	})
	return &facts.Stores{Params: ps}
}

// returnsFact is the Returns fact of a function with a function-typed
// result, or nil when calling its result neither calls an argument nor
// blocks.
func returnsFact(g *graph.Graph, n *graph.Node, sol *solve.Solution) *facts.Returns {
	f := &facts.Returns{Calls: n.ReturnCalls, Blocks: solve.Witnesses(sol.ExplainResult(n)), Methods: resultMethods(g, n, sol)}
	if len(f.Calls) == 0 && len(f.Blocks) == 0 && len(f.Methods) == 0 {
		return nil
	}
	return f
}

// resultMethods says how the methods of a function's result block, when
// its interface-typed result is always one concrete type of the package.
func resultMethods(g *graph.Graph, n *graph.Node, sol *solve.Solution) []facts.MethodWitnesses {
	if n.Concrete == nil {
		return nil
	}
	iface, _ := n.Fn.Type().(*types.Signature).Results().At(0).Type().Underlying().(*types.Interface)
	if iface == nil {
		return nil
	}
	var out []facts.MethodWitnesses
	for i := 0; i < iface.NumMethods(); i++ {
		name := iface.Method(i).Name()
		obj, _, _ := types.LookupFieldOrMethod(n.Concrete, true, n.Fn.Pkg(), name)
		fn, _ := obj.(*types.Func)
		if fn == nil {
			continue
		}
		if m := g.ByFunc[fn.Origin()]; m != nil && sol.Blocks(m) {
			out = append(out, facts.MethodWitnesses{Method: name, Blocks: solve.Witnesses(sol.ExplainFrom(m))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Method < out[j].Method })
	return out
}

// contractsFact is the package's Contracts fact: its nonblocking interface
// methods and fields, sorted, and its dependencies' contracts still in
// view from it (see facts.Contracts). It is nil when there are none.
func contractsFact(pkg *types.Package, dirs *directive.Set, deps roots.Deps) *facts.Contracts {
	var ms []string
	for _, m := range dirs.Contracts {
		recv := m.Type().(*types.Signature).Recv()
		if named, ok := types.Unalias(recv.Type()).(*types.Named); ok {
			ms = append(ms, named.Obj().Name()+"."+m.Name())
		}
	}
	sort.Strings(ms)
	var fields []string
	for _, f := range dirs.Fields {
		fields = append(fields, f.Name())
	}
	sort.Strings(fields)
	var imported []facts.PackageContracts
	for _, d := range deps {
		if pkg.Name() == "main" {
			break // nothing imports it: nothing to re-export
		}
		if d.Contracts != nil && (len(d.Contracts.Methods) > 0 || len(d.Contracts.Fields) > 0) && inView(pkg, d.Pkg) {
			imported = append(imported, facts.PackageContracts{Path: d.Pkg.Path(), Methods: d.Contracts.Methods, Fields: d.Contracts.Fields})
		}
	}
	sort.Slice(imported, func(i, j int) bool { return imported[i].Path < imported[j].Path })
	if len(ms) == 0 && len(fields) == 0 && len(imported) == 0 {
		return nil
	}
	return &facts.Contracts{Methods: ms, Fields: fields, Imported: imported}
}

// fieldCalls is the package's FieldCalls: its roots' calls, and its
// dependencies' that a package downstream may store into without
// importing the slot's package: an exported field or variable still in
// view from it, or a slot one of its setters stores in (a setter that
// wraps another package's). One for each field, sorted by field.
func fieldCalls(pkg *types.Package, own []facts.FieldCall, deps roots.Deps, setters map[string]bool) []facts.FieldCall {
	calls := slices.Clone(own)
	seen := make(map[string]bool) // fields: one root for each, the package's own first
	for _, c := range own {
		seen[c.Field] = true
	}
	for _, d := range deps {
		if d.FieldCalls == nil || pkg.Name() == "main" {
			continue
		}
		for _, c := range d.FieldCalls.Calls {
			if seen[c.Field] {
				continue
			}
			if v := names.LookupSlot(pkg, c.Field); v != nil && (exportedSlot(v, c.Field) || setters[c.Field]) {
				seen[c.Field] = true
				calls = append(calls, c)
			}
		}
	}
	sort.Slice(calls, func(i, j int) bool { return calls[i].Field < calls[j].Field })
	return calls
}

// exportedSlot reports whether another package can name the slot: an
// exported variable, or an exported field of an exported type.
func exportedSlot(v *types.Var, key string) bool {
	rest := strings.TrimPrefix(key, v.Pkg().Path()+".")
	typ, _, isField := strings.Cut(rest, ".")
	return token.IsExported(typ) && (!isField || v.Exported())
}

// inView reports whether dep is among the packages pkg's types reach, so
// that a package downstream of pkg can look its names up.
func inView(pkg, dep *types.Package) bool {
	return names.FindPackage(pkg, dep.Path()) == dep
}

// exportLocks exports the Locks facts of the package's lock helpers.
func exportLocks(pass *analysis.Pass, summaries []lockheld.Summary, waits []lockheld.WaitSummary) {
	for _, s := range summaries {
		if factWorthy(pass, s.Fn) {
			pass.ExportObjectFact(s.Fn, s.Locks)
		}
	}
	for _, w := range waits {
		if factWorthy(pass, w.Fn) {
			pass.ExportObjectFact(w.Fn, w.Waits)
		}
	}
}

// factWorthy reports whether another package could call fn, so that a
// fact about it is worth its bytes: exported, and not a test entry point
// (TestX, BenchmarkX, FuzzX, ExampleX in a _test.go file), which only the
// testing package calls. On large packages with large tests, test entry
// points were most of the facts.
func factWorthy(pass *analysis.Pass, fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	return !names.IsTestEntry(fn.Name()) || !strings.HasSuffix(pass.Fset.File(fn.Pos()).Name(), "_test.go")
}
