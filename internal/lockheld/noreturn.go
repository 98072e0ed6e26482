package lockheld

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/internal/graph"
)

// Paths that end in a panic: a place from which every path ends in a call
// that never returns is not reported under a lock. The goroutine is going
// down (or the process is), and what it waits for on the way is not a
// stall of the lock's other users worth a finding.

// noReturnFuncs is the table of functions that never return, by full name.
// The builtin panic is one too.
var noReturnFuncs = map[string]bool{
	"os.Exit":                   true,
	"runtime.Goexit":            true,
	"log.Fatal":                 true,
	"log.Fatalf":                true,
	"log.Fatalln":               true,
	"log.Panic":                 true,
	"log.Panicf":                true,
	"log.Panicln":               true,
	"(*log.Logger).Fatal":       true,
	"(*log.Logger).Fatalf":      true,
	"(*log.Logger).Fatalln":     true,
	"(*log.Logger).Panic":       true,
	"(*log.Logger).Panicf":      true,
	"(*log.Logger).Panicln":     true,
	"(*testing.common).FailNow": true,
	"(*testing.common).Fatal":   true,
	"(*testing.common).Fatalf":  true,
	"(*testing.common).SkipNow": true,
	"(*testing.common).Skip":    true,
	"(*testing.common).Skipf":   true,
	"(testing.TB).FailNow":      true,
	"(testing.TB).Fatal":        true,
	"(testing.TB).Fatalf":       true,
	"(testing.TB).SkipNow":      true,
	"(testing.TB).Skip":         true,
	"(testing.TB).Skipf":        true,
}

// mayReturn tells the control-flow graph which calls never return: the
// table's, and this package's functions every path of which ends in one.
func (c *checker) mayReturn(call *ast.CallExpr) bool {
	switch fn := typeutil.Callee(c.info, call).(type) {
	case *types.Builtin:
		return fn.Name() != "panic"
	case *types.Func:
		fn = fn.Origin()
		if c.noReturn[fn] {
			return false
		}
		return !tableNoReturn(fn, c.pkg)
	}
	return true
}

// noReturnPkgs are the packages noReturnFuncs names functions of: a full
// name allocates, and is spelled only for their functions.
var noReturnPkgs = map[string]bool{"os": true, "runtime": true, "log": true, "testing": true}

// tableNoReturn reports whether fn, a function of another package than
// pkg, is one of the table's functions that never return.
func tableNoReturn(fn *types.Func, pkg *types.Package) bool {
	p := fn.Pkg()
	if p == nil || p == pkg || !noReturnPkgs[p.Path()] {
		return false
	}
	return noReturnFuncs[fn.FullName()]
}

// findNoReturn finds the package's functions that never return: every
// path ends in a call that does not. Only bodies that call such a function
// are looked at; a function calling one found in the previous round is
// looked at again, a few rounds (fatal helpers calling fatal helpers are
// rare).
func (c *checker) findNoReturn() {
	tried := make(map[*graph.Node]bool)
	for round := 0; round < 3; round++ {
		changed := false
		for _, n := range c.graph.Nodes {
			if n.Fn == nil || n.Body == nil || c.noReturn[n.Fn] || (tried[n] && !changedCallee(n, c.noReturn)) {
				continue
			}
			if !c.callsNoReturn(n.Body) {
				continue
			}
			tried[n] = true
			g := cfg.New(n.Body, c.mayReturn)
			if len(g.Blocks) > 0 && doomedBlocks(g, c.mayReturn)[0] {
				c.noReturn[n.Fn] = true
				changed = true
			}
		}
		if !changed {
			break
		}
	}
}

// changedCallee reports whether n calls a function found not to return.
func changedCallee(n *graph.Node, noReturn map[*types.Func]bool) bool {
	for _, pl := range n.Places {
		for _, t := range pl.Targets {
			if t.Fn != nil && noReturn[t.Fn] {
				return true
			}
		}
	}
	return false
}

// callsNoReturn reports whether a body calls panic, a function of the
// table or one of this package's functions found not to return.
func (c *checker) callsNoReturn(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(x ast.Node) bool {
		if found {
			return false
		}
		if _, ok := x.(*ast.FuncLit); ok {
			return false
		}
		if call, ok := x.(*ast.CallExpr); ok {
			switch fn := typeutil.Callee(c.info, call).(type) {
			case *types.Builtin:
				found = fn.Name() == "panic"
			case *types.Func:
				fn = fn.Origin()
				found = c.noReturn[fn] || tableNoReturn(fn, c.pkg)
			}
		}
		return !found
	})
	return found
}

// doomedBlocks returns, for each block of g, whether every path from it
// ends in a call that never returns. A loop with no way out is not doomed:
// the least fixed point only marks blocks that reach such a call.
func doomedBlocks(g *cfg.CFG, mayReturn func(*ast.CallExpr) bool) []bool {
	doomed := make([]bool, len(g.Blocks))
	for changed := true; changed; {
		changed = false
		for _, b := range g.Blocks {
			if doomed[b.Index] {
				continue
			}
			d := false
			if len(b.Succs) == 0 {
				d = endsInNoReturn(b, mayReturn)
			} else {
				d = true
				for _, s := range b.Succs {
					d = d && doomed[s.Index]
				}
			}
			if d {
				doomed[b.Index] = true
				changed = true
			}
		}
	}
	return doomed
}

// endsInNoReturn reports whether a block with no successors ends in a call
// that never returns, rather than a return.
func endsInNoReturn(b *cfg.Block, mayReturn func(*ast.CallExpr) bool) bool {
	if len(b.Nodes) == 0 {
		return false
	}
	es, ok := b.Nodes[len(b.Nodes)-1].(*ast.ExprStmt)
	if !ok {
		return false
	}
	call, ok := astutil.Unparen(es.X).(*ast.CallExpr)
	return ok && !mayReturn(call)
}
