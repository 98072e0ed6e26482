package whole

import (
	"sort"

	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/cha"
	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// A Program is the call graph of the loaded packages, with the modular
// summaries of every package analyzed.
type Program struct {
	fset    *token.FileSet
	graph   *callgraph.Graph
	funcs   map[token.Pos]*Func         // every package's summarized functions
	checked map[token.Pos]bool          // functions checked where stored or registered (Summary.Checked)
	calls   map[token.Pos]*ast.CallExpr // calls by their left parenthesis
	sums    map[*types.Package]*Summary
}

// Build builds SSA for the packages with syntax that the table does not
// answer for (the others, the standard library among them, are types
// without bodies: the table answers for them), and the VTA call graph of
// every function, seeded by CHA. summaries are the modular results by
// package; answered says which packages the table answers for.
func Build(fset *token.FileSet, pkgs []*packages.Package, summaries map[*packages.Package]*Summary, answered func(*packages.Package) bool) *Program {
	prog := ssa.NewProgram(fset, ssa.InstantiateGenerics)
	created := make(map[*types.Package]bool)
	var withTypes func(*types.Package)
	withTypes = func(t *types.Package) {
		if created[t] {
			return
		}
		created[t] = true
		for _, imp := range t.Imports() {
			withTypes(imp)
		}
		prog.CreatePackage(t, nil, nil, true)
	}
	p := &Program{fset: fset, funcs: make(map[token.Pos]*Func), calls: make(map[token.Pos]*ast.CallExpr), checked: make(map[token.Pos]bool), sums: make(map[*types.Package]*Summary)}
	packages.Visit(pkgs, nil, func(pkg *packages.Package) {
		if pkg.Types == nil || created[pkg.Types] {
			return
		}
		if pkg.IllTyped || len(pkg.Syntax) == 0 || pkg.TypesInfo == nil || answered(pkg) {
			withTypes(pkg.Types)
			return
		}
		for _, imp := range pkg.Types.Imports() {
			// The visit reached the imports in the load first: what is
			// left is only in the types (export data's dependencies).
			if !created[imp] {
				withTypes(imp)
			}
		}
		created[pkg.Types] = true
		prog.CreatePackage(pkg.Types, pkg.Syntax, pkg.TypesInfo, true)
		for _, f := range pkg.Syntax {
			ast.Inspect(f, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					p.calls[call.Lparen] = call
				}
				return true
			})
		}
	})
	for pkg, s := range summaries {
		if s == nil {
			continue
		}
		p.sums[pkg.Types] = s
		for pos, f := range s.Funcs {
			p.funcs[pos] = f
		}
		for _, pos := range s.Checked {
			if pos.IsValid() {
				p.checked[pos] = true
			}
		}
	}
	prog.Build()
	p.graph = vta.CallGraph(ssautil.AllFunctions(prog), cha.CallGraph(prog))
	inlineWrappers(p.graph)
	return p
}

// inlineWrappers removes the nodes of synthetic wrappers (bound methods,
// promoted and pointer-receiver wrappers, thunks) from the graph, linking
// their callers to their callees, as callgraph.Graph.DeleteSyntheticNodes
// does, but keeps the instances of generic functions: with
// ssa.InstantiateGenerics they are the bodies (new(Pool[K]) returned as
// an interface is called through its instance), and their blocking is
// their origin's, which the modular pass summarized.
func inlineWrappers(g *callgraph.Graph) {
	edges := make(map[callgraph.Edge]bool)
	var synthetic []*callgraph.Node
	for fn, n := range g.Nodes {
		for _, e := range n.Out {
			edges[*e] = true
		}
		if n != g.Root && fn != nil && fn.Synthetic != "" && fn.Origin() == nil && !isInit(fn) {
			synthetic = append(synthetic, n)
		}
	}
	// In a fixed order: the edges added, and so the walk, do not depend
	// on map order.
	sort.Slice(synthetic, func(i, j int) bool { return synthetic[i].ID < synthetic[j].ID })
	for _, n := range synthetic {
		for _, in := range n.In {
			for _, out := range n.Out {
				e := callgraph.Edge{Caller: in.Caller, Site: in.Site, Callee: out.Callee}
				if !edges[e] {
					callgraph.AddEdge(in.Caller, in.Site, out.Callee)
					edges[e] = true
				}
			}
		}
		g.DeleteNode(n)
	}
}

// isInit reports whether fn is a package initializer (kept, as
// DeleteSyntheticNodes keeps them).
func isInit(fn *ssa.Function) bool {
	return fn.Pkg != nil && fn.Pkg.Func("init") == fn
}

// declPos is the position the modular summaries know a function by: an
// instance of a generic function is known by its origin's.
func declPos(fn *ssa.Function) token.Pos {
	if o := fn.Origin(); o != nil {
		return o.Pos()
	}
	return fn.Pos()
}
