package roots

import (
	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/graph"
)

// Roles say, for every node of a graph (by its index), what it is before
// its body is consulted.
type Roles struct {
	Root         []string         // why it must not block; "" if it is not a root
	RegisteredAs []string         // for a function registered as a root: what as ("evio.Events.Data")
	Declared     []facts.Category // declared blocking by a directive or the configuration; "" if not
	Trusted      []bool           // trusted by the configuration never to block
	// Allowed are the categories a root may block in by design, not
	// reported there: its profile loop's (profiles.Loop.Allowed).
	Allowed []facts.CategorySet
	// Deadlocks are the sinks that hang a root, as chains name them:
	// the deadlocks of its profile loop (profiles.Loop.Deadlocks). A
	// deadlock chain to another sink is not a finding there.
	Deadlocks []map[string]bool
	// Runs says what a profile root runs on and how much stalls with it,
	// for its messages: "bubbletea's event loop (single shared loop)".
	Runs []string
	// runsAs is Runs for the imported functions registered as roots, by
	// what they are registered as.
	runsAs map[string]string

	// Imported are the imported functions registered as roots: they were
	// analyzed in their own packages, so they are checked where they are
	// registered.
	Imported []graph.Registration
}

// RunsAs says what an imported function registered as this runs on, as
// Runs does.
func (r *Roles) RunsAs(registeredAs string) string { return r.runsAs[registeredAs] }

// IsRoot reports whether node n must not block.
func (r *Roles) IsRoot(n *graph.Node) bool { return r.Root[n.Index] != "" }

// Barrier reports whether n's callers do not inherit its blocking: roots
// (reported where they are declared) and trusted functions.
func (r *Roles) Barrier(n *graph.Node) bool { return r.Root[n.Index] != "" || r.Trusted[n.Index] }

// Assign gives every node of the graph its roles. Directives win over the
// configuration (they are next to the code); a directive or configured
// root wins over a contract, which wins over a registration.
func Assign(g *graph.Graph, dirs *directive.Set, cfg *config.Config, pts *Points) *Roles {
	n := len(g.Nodes)
	r := &Roles{
		Root:         make([]string, n),
		RegisteredAs: make([]string, n),
		Declared:     make([]facts.Category, n),
		Trusted:      make([]bool, n),
		Allowed:      make([]facts.CategorySet, n),
		Deadlocks:    make([]map[string]bool, n),
		Runs:         make([]string, n),
		runsAs:       pts.runs,
	}
	nameRules := cfg.HasNameRules()
	for _, node := range g.Nodes {
		if node.Fn == nil {
			continue
		}
		if d := dirs.Func(node.Fn); d != nil {
			if d.Nonblocking {
				r.Root[node.Index] = "//blockcheck:nonblocking"
			}
			r.Declared[node.Index] = d.Blocking
		}
		if nameRules {
			r.applyNameRules(node, cfg)
		}
	}
	if len(pts.contracts) > 0 {
		for _, node := range g.Nodes {
			if node.Fn != nil && r.Root[node.Index] == "" {
				if c := pts.contractRoot(node.Fn); c != nil {
					r.Root[node.Index] = "implements " + c.name
					r.Allowed[node.Index] = c.allowed
					r.Runs[node.Index] = c.runs
					r.Deadlocks[node.Index] = pts.deadlocksOf(c.name)
				}
			}
		}
	}
	if len(pts.results) > 0 {
		r.assignResults(g, pts)
	}
	for _, reg := range g.Registered {
		r.register(g, reg, pts.allowed[reg.As], pts.deadlocksOf(reg.As), pts.runs[reg.As])
	}
	return r
}

// register makes a registered function a root: a local one is checked in
// its body, an imported one where it is registered. What a call returns
// (engine.OnData(wrap(h))) registers what the result calls, and the result
// itself when it blocks.
func (r *Roles) register(g *graph.Graph, reg graph.Registration, allowed facts.CategorySet, deadlocks map[string]bool, runs string) {
	if c := reg.Target.Result; c != nil {
		for _, t := range g.ResolveResult(c) {
			r.register(g, graph.Registration{Pos: reg.Pos, End: reg.End, As: reg.As, Target: *t}, allowed, deadlocks, runs)
		}
		if g.ResultBlocks(c) != nil {
			r.Imported = append(r.Imported, reg)
		}
		return
	}
	if reg.Target.Slot != nil {
		for _, t := range g.Expand(&reg.Target) {
			r.register(g, graph.Registration{Pos: reg.Pos, End: reg.End, As: reg.As, Target: *t}, allowed, deadlocks, runs)
		}
		return
	}
	if t := reg.Target.Node; t != nil {
		if r.Root[t.Index] == "" {
			r.Root[t.Index] = reg.As
			r.RegisteredAs[t.Index] = reg.As
			r.Allowed[t.Index] = allowed
			r.Deadlocks[t.Index] = deadlocks
			r.Runs[t.Index] = runs
		}
		return
	}
	if reg.Target.Fn != nil {
		r.Imported = append(r.Imported, reg)
	}
}

// applyNameRules applies the configuration's sinks, trusted functions and
// roots to a function of the package.
func (r *Roles) applyNameRules(n *graph.Node, cfg *config.Config) {
	i := n.Index
	full := n.Fn.FullName()
	if c, ok := cfg.Sink(full); ok && r.Declared[i] == "" && r.Root[i] == "" {
		r.Declared[i] = c
	}
	if cfg.IsTrusted(full) {
		r.Trusted[i] = true
	}
	if cfg.IsRoot(full) && r.Root[i] == "" && r.Declared[i] == "" {
		r.Root[i] = "configured root"
	}
}

// assignResults makes roots of the functions that implementations of a
// MethodResult root return (tview's Primitive.InputHandler returns the key
// handler, which the loop calls).
func (r *Roles) assignResults(g *graph.Graph, pts *Points) {
	for _, node := range g.Nodes {
		if node.Fn == nil || len(node.ReturnTargets) == 0 {
			continue
		}
		c := satisfied(pts.results[node.Fn.Name()], node.Fn)
		if c == nil {
			continue
		}
		for _, t := range node.ReturnTargets {
			if r.Root[t.Index] == "" {
				r.Root[t.Index] = "returned by an implementation of " + c.name
				r.Allowed[t.Index] = c.allowed
				r.Runs[t.Index] = c.runs
				r.Deadlocks[t.Index] = pts.deadlocksOf(c.name)
			}
		}
	}
}
