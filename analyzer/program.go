package analyzer

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/report"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/sinks"
	"github.com/blockcheck/blockcheck/internal/solve"
	"github.com/blockcheck/blockcheck/internal/whole"
)

// Program is the result, for one package, of the analyzer NewProgram
// returns: what the whole-program mode reads of the modular analysis (its
// functions that may block, its roots, how its configuration judges
// calls), and, with explain, the package's explanations. Summary is nil
// for a package that was not analyzed (the table answers for it).
type Program struct {
	Summary      *whole.Summary
	Explanations *Explanations
}

// NewProgram returns blockcheck for cfg, whose result for each package is
// a *Program. It reports what New reports; the command's whole-program
// mode (-whole) uses it. With explain, the result carries the
// explanations NewExplaining would.
func NewProgram(cfg Config, explain bool) *analysis.Analyzer {
	a := newAnalyzer(&checker{cfg: cfg, explain: explain, program: true})
	a.ResultType = reflect.TypeFor[*Program]()
	return a
}

// empty is the result for a package that is not analyzed.
func (c *checker) empty() any {
	switch {
	case c.program:
		p := &Program{}
		if c.explain {
			p.Explanations = &Explanations{}
		}
		return p
	case c.explain:
		return &Explanations{}
	}
	return nil
}

// result is the pass's result: nothing, the explanations (-why), or the
// package's Program (-whole).
func (c *checker) result(pass *analysis.Pass, cfg *Config, g *graph.Graph, sol *solve.Solution, roles *roots.Roles, rep *report.Reporter, callees *sinks.Resolver) any {
	var e *Explanations
	if c.explain {
		e = report.Explain(pass.Fset, g, sol, roles, cfg)
	}
	if !c.program {
		if e == nil {
			return nil
		}
		return e
	}
	s := whole.Summarize(g, sol, roles)
	s.Categories = cfg.Categories
	s.Excluded = rep.Excluded
	s.Files = rep.Files
	s.Ignores = rep.Ignores
	s.Trusted = callees.Trusted
	return &Program{Summary: s, Explanations: e}
}
