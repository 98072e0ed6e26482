// Package whole is the whole-program mode: a call graph of the program
// (go/callgraph's VTA over SSA) that resolves the calls through interfaces
// and function values the modular pass leaves unresolved, read together
// with what the modular pass computed for every package. A Summary is
// that per-package result; Build and Findings walk the graph from the
// roots.
//
// The modular pass stays the authority on what blocks: the walk reuses
// its per-function answers and never looks at operations itself. What it
// adds are the paths to those functions through at least one dynamic call
// that the call graph resolves.
package whole

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/solve"
)

// A Summary is what the whole-program walk reads of one package's modular
// analysis: its functions that may block or must not, by the position SSA
// gives them, and how the package's configuration judges calls.
type Summary struct {
	Funcs      map[token.Pos]*Func
	Categories facts.CategorySet // the categories enabled for the package
	Excluded   bool              // the configuration excludes the package from reporting
	Files      []*ast.File       // for //nolint comments; nil when the driver applies them
	Ignores    *directive.Ignores

	// Checked are the functions the modular pass checks where they are
	// stored or registered (a function stored in a field another
	// package's root calls, an imported function registered as a root):
	// a path through a dynamic call to one of them is reported there
	// already.
	Checked []token.Pos

	// Trusted says whether the package's configuration and profiles trust
	// a function never to block its caller (pools, executors).
	Trusted func(*types.Func) bool
}

// A Func is one function or literal of the package.
type Func struct {
	Name   string          // display name in its package: "(*Server).flush", "Serve.func1"
	Blocks []facts.Witness // how it may block, one witness per category in report order; nil if it does not
	Root   string          // why it must not block; "" if it is not a root

	RegisteredAs string            // for a registered root: what as
	Runs         string            // for a profile root: what it runs on
	Allowed      facts.CategorySet // categories the root may block in by design
	Trusted      bool              // trusted never to block
}

// Summarize is the Summary of a package's graph, solution and roles.
// Positions are those SSA gives functions: a declaration's name, a
// literal's func keyword.
func Summarize(g *graph.Graph, sol *solve.Solution, roles *roots.Roles) *Summary {
	s := &Summary{Funcs: make(map[token.Pos]*Func)}
	lits := make(map[*graph.Node]*ast.FuncLit, len(g.Lits))
	for lit, n := range g.Lits {
		lits[n] = lit
	}
	for _, n := range g.Nodes {
		f := &Func{
			Name:         n.Name,
			Root:         roles.Root[n.Index],
			RegisteredAs: roles.RegisteredAs[n.Index],
			Runs:         roles.Runs[n.Index],
			Allowed:      roles.Allowed[n.Index],
			Trusted:      roles.Trusted[n.Index],
		}
		if sol.Blocks(n) {
			f.Blocks = solve.Witnesses(sol.Explain(n))
		}
		if f.Blocks == nil && f.Root == "" && !f.Trusted {
			continue
		}
		var pos token.Pos
		switch {
		case n.Fn != nil:
			pos = n.Fn.Pos()
		case lits[n] != nil:
			pos = lits[n].Type.Func
		}
		if pos.IsValid() {
			s.Funcs[pos] = f
		}
	}
	for _, st := range g.Stored {
		s.Checked = append(s.Checked, targetPos(st.Target, lits))
	}
	for _, reg := range roles.Imported {
		s.Checked = append(s.Checked, targetPos(reg.Target, lits))
	}
	return s
}

// targetPos is where SSA places a stored or registered function; NoPos
// for a target that is not one function.
func targetPos(t graph.Target, lits map[*graph.Node]*ast.FuncLit) token.Pos {
	switch {
	case t.Node != nil && t.Node.Fn != nil:
		return t.Node.Fn.Pos()
	case t.Node != nil && lits[t.Node] != nil:
		return lits[t.Node].Type.Func
	case t.Fn != nil:
		return t.Fn.Pos()
	}
	return token.NoPos
}
