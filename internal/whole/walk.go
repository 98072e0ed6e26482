package whole

import (
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/ssa"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/report"
)

// maxSteps bounds the functions one call site's walk visits: past it, the
// site is given up (quiet), which keeps a run on a large program bounded.
const maxSteps = 200000

// A step is one function reached by a walk, and the call that reached it.
type step struct {
	prev    *step
	fn      *ssa.Function
	site    ssa.CallInstruction
	dynamic bool // site is a call through an interface or a function value
	viaDyn  bool // some call on the way here is dynamic
}

// A Path is what one walk found: the call site in the root, the steps
// from it to the function that may block, and how that one blocks.
type Path struct {
	Root   *ssa.Function
	Site   ssa.CallInstruction
	Steps  []*step // the first callee first
	Blocks []facts.Witness
}

// Roots returns the SSA functions of pkg that are roots, in source order.
func (p *Program) Roots(pkg *types.Package) []*ssa.Function {
	var out []*ssa.Function
	for fn := range p.graph.Nodes {
		if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg != pkg || fn.Synthetic != "" {
			continue
		}
		if f := p.funcs[declPos(fn)]; f != nil && f.Root != "" {
			out = append(out, fn)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos() < out[j].Pos() })
	return out
}

// Explain says, for -why, which paths through dynamic calls the call
// graph adds from the function of that full name (as types.Func.FullName
// spells it): one line per call site, "" when it adds none or knows no
// such function.
func (p *Program) Explain(name string) string {
	var fns []*ssa.Function
	for fn := range p.graph.Nodes {
		if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic == "" && fn.Parent() == nil && obj.FullName() == name {
			fns = append(fns, fn)
		}
	}
	sort.Slice(fns, func(i, j int) bool { return fns[i].Pkg.Pkg.Path() < fns[j].Pkg.Pkg.Path() })
	var b strings.Builder
	seen := make(map[string]bool)
	for _, fn := range fns {
		s := p.sums[fn.Pkg.Pkg]
		if s == nil {
			continue
		}
		var allowed facts.CategorySet
		if f := p.funcs[declPos(fn)]; f != nil {
			allowed = f.Allowed
		}
		skip := func(site ssa.CallInstruction) bool { _, ok := p.sitePos(site); return !ok }
		for _, path := range p.Paths(fn, s, allowed, skip) {
			pos, _ := p.sitePos(path.Site)
			line := "  whole program: " + p.fset.Position(pos).String() + ": " + p.what(path.Site) + " may block [" + string(path.Blocks[0].Category) + "]: " + p.Chain(fn.Pkg.Pkg, path) + "\n"
			if !seen[line] {
				seen[line] = true
				b.WriteString(line)
			}
		}
	}
	return b.String()
}

// Paths walks the call graph from every call site of fn, except calls in
// go statements and the sites skip says to skip, and returns for each the
// shortest path through at least one dynamic call to a function the
// modular pass says may block in a category of cats (and not of allowed).
// Roots and trusted functions end a path: the one is reported on its own,
// the other does not block its caller. s is the summary of fn's package.
func (p *Program) Paths(fn *ssa.Function, s *Summary, allowed facts.CategorySet, skip func(ssa.CallInstruction) bool) []Path {
	node := p.graph.Nodes[fn]
	if node == nil {
		return nil
	}
	bySite := make(map[ssa.CallInstruction][]*callgraph.Edge)
	var sites []ssa.CallInstruction
	for _, e := range node.Out {
		if _, ok := e.Site.(*ssa.Go); ok {
			continue
		}
		if bySite[e.Site] == nil {
			sites = append(sites, e.Site)
		}
		bySite[e.Site] = append(bySite[e.Site], e)
	}
	sort.SliceStable(sites, func(i, j int) bool { return sites[i].Pos() < sites[j].Pos() })
	var out []Path
	for _, site := range sites {
		if skip(site) {
			continue
		}
		if path, ok := p.walk(fn, site, bySite[site], s, allowed); ok {
			out = append(out, path)
		}
	}
	return out
}

// walk is a breadth-first walk from one call site.
func (p *Program) walk(root *ssa.Function, site ssa.CallInstruction, edges []*callgraph.Edge, s *Summary, allowed facts.CategorySet) (Path, bool) {
	type state struct {
		fn  *ssa.Function
		dyn bool
	}
	seen := make(map[state]bool)
	var queue []*step
	push := func(prev *step, e *callgraph.Edge) {
		dyn := dynamic(e.Site)
		if fn := e.Callee.Func; dyn && p.checked[declPos(fn)] && (fn.Synthetic == "" || fn.Origin() != nil) {
			return // the modular pass reports it where it is stored
		}
		st := &step{prev: prev, fn: e.Callee.Func, site: e.Site, dynamic: dyn, viaDyn: dyn || prev != nil && prev.viaDyn}
		k := state{st.fn, st.viaDyn}
		if !seen[k] {
			seen[k] = true
			queue = append(queue, st)
		}
	}
	sortEdges(edges)
	for _, e := range edges {
		push(nil, e)
	}
	for len(queue) > 0 && len(seen) < maxSteps {
		st := queue[0]
		queue = queue[1:]
		f := p.funcs[declPos(st.fn)]
		if st.fn.Synthetic != "" && st.fn.Origin() == nil {
			f = nil // a wrapper shares its method's position (an instance is its origin's body)
		}
		if f != nil && (f.Root != "" || f.Trusted) {
			continue
		}
		if obj, ok := st.fn.Object().(*types.Func); ok && s.Trusted != nil && s.Trusted(obj) {
			continue
		}
		if st.viaDyn && f != nil {
			if ws := keep(f.Blocks, s.Categories, allowed); len(ws) > 0 {
				var steps []*step
				for x := st; x != nil; x = x.prev {
					steps = append(steps, x)
				}
				for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
					steps[i], steps[j] = steps[j], steps[i]
				}
				return Path{Root: root, Site: site, Steps: steps, Blocks: ws}, true
			}
		}
		n := p.graph.Nodes[st.fn]
		if n == nil {
			continue
		}
		out := n.Out
		sortEdges(out)
		for _, e := range out {
			if _, ok := e.Site.(*ssa.Go); ok {
				continue
			}
			if dynamic(e.Site) && !passed(st, e) {
				continue
			}
			push(st, e)
		}
	}
	return Path{}, false
}

// passed reports whether a call of a function-valued or interface-typed
// parameter may call e's callee given how the walk came in: the call
// graph merges what every caller passes, and the walk knows its caller's
// argument. A parameter bound, through the walk's calls, to a function or
// closure calls that one alone; one bound to a value of a concrete type
// converted to the interface (&conn{} passed as a Conn) invokes that
// type's methods alone; otherwise (a value of unknown origin, a walk that
// starts here) every callee of the graph stays.
func passed(st *step, e *callgraph.Edge) bool {
	c := e.Site.Common()
	v := bound(st, c.Value)
	if c.IsInvoke() {
		mi, ok := v.(*ssa.MakeInterface)
		if !ok {
			return true
		}
		return receives(e.Callee.Func, mi.X.Type())
	}
	switch v := v.(type) {
	case *ssa.Function:
		return v.Synthetic != "" || v == e.Callee.Func
	case *ssa.MakeClosure:
		// A method value's closure is a wrapper, which the graph
		// replaces by the method it calls.
		fn, _ := v.Fn.(*ssa.Function)
		return fn == nil || fn.Synthetic != "" || fn == e.Callee.Func
	}
	return true
}

// bound follows a value that is a parameter of the function the walk is
// in back through the walk's calls to the argument its caller passed, as
// far as the walk knows.
func bound(st *step, v ssa.Value) ssa.Value {
	for x := st; x != nil; x = x.prev {
		param, ok := v.(*ssa.Parameter)
		if !ok || param.Parent() != x.fn || x.site == nil {
			break
		}
		i := slices.Index(x.fn.Params, param)
		call := x.site.Common()
		args := call.Args
		switch {
		case call.IsInvoke() && len(args) == len(x.fn.Params)-1:
			// An interface method: the receiver is the invoked value.
			if i == 0 {
				v = call.Value
				continue
			}
			i--
		case len(args) == len(x.fn.Params)-1 && x.fn.Signature.Recv() != nil:
			// A method called through a method value (s.onMsg = c.handle):
			// the bound receiver is no argument.
			i--
		case len(args) != len(x.fn.Params):
			return v
		}
		if i < 0 {
			break
		}
		v = args[i]
	}
	return v
}

// receives reports whether fn may be the method a value of concrete type t
// invokes: its receiver is t, or t is a pointer to its receiver (a value
// method called through a pointer, its wrapper inlined). A callee with no
// receiver (what a wrapper's removal left) is kept.
func receives(fn *ssa.Function, t types.Type) bool {
	recv := fn.Signature.Recv()
	if recv == nil {
		return true
	}
	if types.Identical(recv.Type(), t) {
		return true
	}
	if ptr, ok := t.(*types.Pointer); ok && types.Identical(recv.Type(), ptr.Elem()) {
		return true
	}
	return false
}

// dynamic reports whether a call goes through an interface or a function
// value.
func dynamic(site ssa.CallInstruction) bool {
	return site.Common().StaticCallee() == nil
}

// sortEdges orders edges by call site, then callee, for deterministic
// walks.
func sortEdges(es []*callgraph.Edge) {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.Site.Pos() != b.Site.Pos() {
			return a.Site.Pos() < b.Site.Pos()
		}
		return a.Callee.Func.String() < b.Callee.Func.String()
	})
}

// keep are the witnesses of the enabled categories but the allowed ones.
// Deadlocks are the loop's own sinks, which only the modular pass knows.
func keep(ws []facts.Witness, cats, allowed facts.CategorySet) []facts.Witness {
	var out []facts.Witness
	for _, w := range ws {
		if cats.Has(w.Category) && !allowed.Has(w.Category) && w.Category != facts.Deadlock {
			out = append(out, w)
		}
	}
	return out
}

// Findings are the diagnostics of pkg's roots: a path from a root's call
// site through a dynamic call to a function that may block. reported says
// whether the modular pass reported a position already; s is the
// package's summary. Ignore directives, //nolint comments and excluded
// packages apply as to the modular findings; used are the ignore
// directives that silenced only findings of the walk (the modular pass
// found them unused).
func (p *Program) Findings(pkg *types.Package, s *Summary, reported func(token.Pos) bool) (diags []analysis.Diagnostic, used []token.Pos) {
	rep := &report.Reporter{
		Fset: p.fset, Report: func(d analysis.Diagnostic) { diags = append(diags, d) },
		Ignores: s.Ignores, Excluded: s.Excluded, Files: s.Files,
	}
	var unused []*directive.Ignore
	if s.Ignores != nil {
		for _, i := range s.Ignores.All() {
			if !i.Used {
				unused = append(unused, i)
			}
		}
	}
	for _, fn := range p.Roots(pkg) {
		f := p.funcs[declPos(fn)]
		skip := func(site ssa.CallInstruction) bool {
			pos, ok := p.sitePos(site)
			return !ok || reported(pos)
		}
		for _, path := range p.Paths(fn, s, f.Allowed, skip) {
			if d := p.diagnostic(pkg, f, path); !rep.Ignored(d.Pos) {
				rep.Diag(d)
			}
		}
	}
	for _, i := range unused {
		if i.Used {
			used = append(used, i.Pos)
		}
	}
	return diags, used
}

// sitePos is where a call site is reported: its call expression, as the
// modular pass reports it. Implicit calls have none.
func (p *Program) sitePos(site ssa.CallInstruction) (token.Pos, bool) {
	call := p.calls[site.Common().Pos()]
	if call == nil {
		return token.NoPos, false
	}
	if d, ok := site.(*ssa.Defer); ok && d.Pos().IsValid() {
		return d.Pos(), true // a deferred call is reported at its defer
	}
	return call.Pos(), true
}

// what is the callee of a call site as written.
func (p *Program) what(site ssa.CallInstruction) string {
	if call := p.calls[site.Common().Pos()]; call != nil {
		return names.Expr(call.Fun)
	}
	return site.Common().String()
}

// diagnostic is a path's finding: "Root must not block: callee may block
// [categories]: hop → via interface call x.M → (*T).M → sink".
func (p *Program) diagnostic(pkg *types.Package, root *Func, path Path) analysis.Diagnostic {
	pos, _ := p.sitePos(path.Site)
	var msg strings.Builder
	msg.WriteString(report.RootPrefix(root.Name, root.RegisteredAs))
	if _, ok := path.Site.(*ssa.Defer); ok {
		msg.WriteString("deferred ")
	}
	msg.WriteString(p.what(path.Site))
	msg.WriteString(" may block [")
	for i, w := range path.Blocks {
		if i > 0 {
			msg.WriteString(", ")
		}
		msg.WriteString(string(w.Category))
	}
	msg.WriteString("]: ")
	msg.WriteString(p.Chain(pkg, path))
	msg.WriteString(report.RunsSuffix(root.Runs))
	d := analysis.Diagnostic{Pos: pos, Category: string(path.Blocks[0].Category), Message: msg.String()}
	if call := p.calls[path.Site.Common().Pos()]; call != nil {
		d.End = call.End()
	}
	for _, st := range path.Steps {
		if st.dynamic {
			if at, ok := p.sitePos(st.site); ok && at != pos {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: at, Message: p.hop(pkg, st) + " (whole-program call graph)"})
			}
		}
	}
	return d
}

// Chain spells a path: its hops, the dynamic ones marked, then the chain
// of the first witness down to its sink.
func (p *Program) Chain(pkg *types.Package, path Path) string {
	var hops []string
	for _, st := range path.Steps {
		if st.dynamic {
			hops = append(hops, p.hop(pkg, st))
		} else {
			hops = append(hops, p.name(st.fn, pkg))
		}
	}
	// The witness is spelled for readers of other packages; in its own
	// package, the modular messages use local names.
	w := path.Blocks[0]
	local := func(h string) string { return h }
	if last := path.Steps[len(path.Steps)-1].fn; last.Pkg != nil && last.Pkg.Pkg == pkg {
		local = func(h string) string { return strings.TrimPrefix(h, pkg.Name()+".") }
	}
	for _, h := range w.Chain {
		hops = append(hops, local(h))
	}
	hops = append(hops, local(w.Sink))
	return strings.Join(hops, " → ")
}

// hop spells a dynamic call: "via interface call f.Result → (*future).Result".
func (p *Program) hop(pkg *types.Package, st *step) string {
	kind := "via call of function value "
	if st.site.Common().IsInvoke() {
		kind = "via interface call "
	}
	return kind + p.what(st.site) + " → " + p.name(st.fn, pkg)
}

// name spells a function for a reader of package from, as the modular
// pass does: local names in from, qualified ones elsewhere.
func (p *Program) name(fn *ssa.Function, from *types.Package) string {
	if o := fn.Origin(); o != nil {
		fn = o // an instance is spelled as its generic function
	}
	var local string
	if f := p.funcs[declPos(fn)]; f != nil && (fn.Synthetic == "" || fn.Origin() != nil) {
		local = f.Name
	} else if obj, ok := fn.Object().(*types.Func); ok {
		local = names.Local(obj)
	} else if top := fn; top.Parent() != nil {
		for top.Parent() != nil {
			top = top.Parent()
		}
		// SSA names literals Outer$1, Outer$1$2: spelled Outer.func1.func2.
		local = p.name(top, top.Pkg.Pkg) + strings.ReplaceAll(strings.TrimPrefix(fn.Name(), top.Name()), "$", ".func")
	} else {
		local = fn.Name()
	}
	if fn.Pkg == nil || fn.Pkg.Pkg == from {
		return local
	}
	return fn.Pkg.Pkg.Name() + "." + local
}
