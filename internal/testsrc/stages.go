package testsrc

import (
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/lockheld"
	"github.com/blockcheck/blockcheck/internal/report"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/sinks"
	"github.com/blockcheck/blockcheck/internal/solve"
)

// Stages is every stage's result for one package, computed as the
// analyzer computes them but without a pass: dependencies' facts come from
// ImportFact (nil: none) and diagnostics are collected.
type Stages struct {
	Dirs        *directive.Set
	Points      *roots.Points
	Callees     *sinks.Resolver
	Locks       *lockheld.Imports
	Graph       *graph.Graph
	Roles       *roots.Roles
	Solution    *solve.Solution
	Reporter    *report.Reporter
	Diagnostics []analysis.Diagnostic
}

// Run runs the stages up to the solution on p, with cfg.
func Run(t testing.TB, p *Package, cfg config.Config, deps roots.Deps, importFact sinks.ImportFact) *Stages {
	t.Helper()
	s := &Stages{}
	s.Dirs = directive.Parse(p.Fset, p.Files, p.Info)
	s.Points = roots.Find(p.Pkg, s.Dirs, &cfg, deps, roots.Switches(p.Fset, p.Files, p.Info, p.Pkg, &cfg))
	s.Callees = sinks.New(p.Pkg, &cfg, s.Dirs.IfaceBlocking, importFact)
	s.Locks = lockheld.NewImports(p.Pkg, importFact)
	in := graph.Input{
		Fset: p.Fset, Files: p.Files, Info: p.Info, Pkg: p.Pkg,
		Categories: cfg.Categories, Callees: s.Callees, Watch: s.Points.Watch, Notes: true,
	}
	if cfg.LockHeld {
		in.LockOps = s.Locks.TouchesLocks
	}
	s.Graph = graph.Build(in)
	s.Graph.LinkCallbacks()
	s.Roles = roots.Assign(s.Graph, s.Dirs, &cfg, s.Points)
	s.Solution = solve.Solve(s.Graph, s.Roles, cfg.Categories)
	s.Reporter = &report.Reporter{Fset: p.Fset, Ignores: s.Dirs.Ignores, Report: func(d analysis.Diagnostic) {
		s.Diagnostics = append(s.Diagnostics, d)
	}}
	return s
}

// Node returns the graph node of a declared function ("F", "T.M").
func (s *Stages) Node(t testing.TB, p *Package, name string) *graph.Node {
	t.Helper()
	n := s.Graph.ByFunc[p.Func(t, name)]
	if n == nil {
		t.Fatalf("no node for %s", name)
	}
	return n
}

// Messages returns the collected diagnostics' messages, with their lines.
func (s *Stages) Messages(p *Package) []string {
	var out []string
	for _, d := range s.Diagnostics {
		out = append(out, p.Fset.Position(d.Pos).String()[len(p.Fset.Position(d.Pos).Filename)+1:]+": "+d.Message)
	}
	return out
}
