// Package lockheld is the lock-held check: it reports every place that may
// block while a sync.Mutex or sync.RWMutex is held in the same function,
// since every goroutine that needs the lock then waits for the slowest
// I/O. Lock regions are computed on the function's control-flow graph, as
// a may-analysis: a lock released on one path only is still held after
// the join.
//
// Across functions, it knows what can be stated simply as a fact: a
// function that returns with a lock it can name still held (a lock helper),
// or that releases one its caller holds (an unlock helper), or that lets
// go of it for a while (a drop); and a function that is called with a lock
// held, by the ...Locked naming convention or a //blockcheck:locked
// directive. Check computes those summaries (Locks facts, which the caller
// exports) and then reports.
//
// It also reports what a root waits for: a Lock in a root of a lock that
// some function holds across blocking (contention.go, with Waits facts
// across packages), and it tells which lock-held findings have a lock a
// root takes (triage.go).
//
// It reads the graph, the solution (how a place blocks), the roles (roots
// are not checked again) and the directives, and reports through the
// report package's Reporter. It may not change any of them.
package lockheld

import (
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/cfg"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/report"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/sinks"
	"github.com/blockcheck/blockcheck/internal/solve"
)

// Input is what Check reads.
type Input struct {
	Fset     *token.FileSet
	Info     *types.Info
	Pkg      *types.Package
	Graph    *graph.Graph
	Solution *solve.Solution
	Roles    *roots.Roles
	Dirs     *directive.Set
	Imports  *Imports
	Reporter *report.Reporter
	Trusted  func(*types.Func) bool // functions trusted never to block their caller: no lock waits through them

	// Contention says to report the Locks of roots that wait for a lock
	// held across blocking elsewhere (when the lock category is off; with
	// it on, every Lock of a root is reported already).
	Contention bool

	// ContendedOnly keeps only the lock-held findings whose lock a root
	// of the package takes too.
	ContendedOnly bool
}

// A Summary is the Locks fact of one function of the package.
type Summary struct {
	Fn    *types.Func
	Locks *facts.Locks
}

// checker is the state of one package's check.
type checker struct {
	graph       *graph.Graph
	dirs        *directive.Set
	fset        *token.FileSet
	info        *types.Info
	pkg         *types.Package
	imports     *Imports
	rep         *report.Reporter
	sol         *solve.Solution
	roles       *roots.Roles
	locks       map[*types.Func]*facts.Locks // this package's lock summaries
	cfgs        map[*graph.Node]*cfg.CFG     // control-flow graphs, built once per function
	noReturn    map[*types.Func]bool
	holders     map[lockID]holder                              // locks held across blocking, by identity, when Contention is set
	pending     []pendingDiag                                  // lock-held findings, reported once the roots' locks are known
	condLocks   *condLocks                                     // what sync.NewCond calls say, computed when a Wait is met
	closureVars map[*ast.BlockStmt]map[*types.Var]*ast.FuncLit // closure variables, by declaration body
	inClosure   map[*ast.FuncLit]bool                          // literals whose summary is being computed
	pairs       map[*graph.Node]map[*ast.RangeStmt]loopPair    // paired locking and unlocking loops, see pairedloops.go
	trusted     func(*types.Func) bool
}

// Check runs the lock-held check over the package: first the lock
// summaries of the functions that take or release locks, then the check
// itself with those summaries applied at calls. It returns the summaries,
// in the graph's order.
func Check(in Input) ([]Summary, []WaitSummary) {
	c := &checker{
		graph: in.Graph, dirs: in.Dirs, fset: in.Fset, info: in.Info, pkg: in.Pkg, imports: in.Imports, rep: in.Reporter,
		sol: in.Solution, roles: in.Roles, trusted: in.Trusted,
		locks:    make(map[*types.Func]*facts.Locks),
		cfgs:     make(map[*graph.Node]*cfg.CFG),
		noReturn: make(map[*types.Func]bool),

		closureVars: make(map[*ast.BlockStmt]map[*types.Var]*ast.FuncLit),
		inClosure:   make(map[*ast.FuncLit]bool),
		pairs:       make(map[*graph.Node]map[*ast.RangeStmt]loopPair),
	}
	if in.Contention {
		c.holders = make(map[lockID]holder)
	}
	c.findNoReturn()
	c.summarize()
	var out []Summary
	for _, n := range c.graph.Nodes {
		if n.Fn != nil && c.locks[n.Fn] != nil {
			out = append(out, Summary{n.Fn, c.locks[n.Fn]})
		}
	}
	for _, n := range c.graph.Nodes {
		if n.Body == nil || c.roles.IsRoot(n) || !c.needsLockCheck(n) {
			continue
		}
		c.flow(n, true)
	}
	memo := make(map[*graph.Node][]take)
	var waits []WaitSummary
	if c.holders != nil {
		waits = c.contention(memo)
	}
	c.flushPending(c.findRootTakes(memo), in.ContendedOnly)
	return out, waits
}

// summarizeRounds bounds the rounds of summarize: a call cycle of this
// many helpers is summarized whole, whichever member the summary comes
// from. nats-server's output path drops its lock in a cycle of five.
const summarizeRounds = 16

// summarize computes the lock summaries, callees first (see
// calleesFirst). A lock helper may call another, or itself through a
// cycle: repeat until the summaries settle. After the first round, only
// functions calling a summary that changed are analyzed again, so a round
// costs what changed.
func (c *checker) summarize() {
	if !anyLockOps(c.graph.Nodes) {
		return // no body takes or releases a lock: no summary to compute
	}
	order := calleesFirst(c.graph.Nodes)
	changed := map[*types.Func]bool(nil)
	for round := 0; round < summarizeRounds; round++ {
		next := make(map[*types.Func]bool)
		for _, n := range order {
			if n.Fn == nil || n.Body == nil || !c.touchesLocks(n) {
				continue
			}
			if round > 0 && !callsAny(n, changed) {
				continue
			}
			l := c.flow(n, false).summary()
			if !reflect.DeepEqual(l, c.locks[n.Fn]) {
				next[n.Fn] = true
				if l == nil {
					delete(c.locks, n.Fn)
				} else {
					c.locks[n.Fn] = l
				}
			}
		}
		if len(next) == 0 {
			break
		}
		changed = next
	}
}

// anyLockOps reports whether some body takes or releases a lock, itself.
func anyLockOps(nodes []*graph.Node) bool {
	for _, n := range nodes {
		if n.LockOps {
			return true
		}
	}
	return false
}

// callsAny reports whether n calls one of fns, itself or in a literal it
// calls.
func callsAny(n *graph.Node, fns map[*types.Func]bool) bool {
	for _, pl := range n.Places {
		for _, t := range pl.Targets {
			if t.Fn != nil && fns[t.Fn] || t.Fn == nil && t.Outer == n && callsAny(t, fns) {
				return true
			}
		}
	}
	return false
}

// needsLockCheck reports whether a body can hold a lock at all.
func (c *checker) needsLockCheck(n *graph.Node) bool {
	return c.touchesLocks(n) || c.lockedBy(n) != "" || lockedByConvention(n)
}

// lockedBy returns the lock a //blockcheck:locked directive says n is
// called with.
func (c *checker) lockedBy(n *graph.Node) string {
	if n.Fn == nil {
		return ""
	}
	if d := c.dirs.Func(n.Fn); d != nil {
		return d.Locked
	}
	return ""
}

// callsLockHelper reports whether a body calls a function of this package
// that has a lock summary.
func (c *checker) callsLockHelper(n *graph.Node) bool {
	if len(c.locks) == 0 {
		return false
	}
	for _, pl := range n.Places {
		for _, t := range pl.Targets {
			if t.Fn != nil && c.locks[t.Fn] != nil {
				return true
			}
		}
	}
	return false
}

// lockedByConvention reports whether a function's name says it is called
// with its receiver's lock held (flushLocked, (*T).closeLocked).
func lockedByConvention(n *graph.Node) bool {
	if n.Fn == nil || !strings.HasSuffix(n.Fn.Name(), "Locked") || n.Fn.Name() == "Locked" {
		return false
	}
	// TestOpenLocked tests openLocked: the testing package calls it.
	return !names.IsTestEntry(n.Fn.Name())
}

// Imports reads the Locks facts of imported functions, cached: the graph
// asks for every call (to find bodies that touch locks) and the check asks
// again.
type Imports struct {
	pkg        *types.Package
	importFact sinks.ImportFact
	cache      map[*types.Func]*facts.Locks
	waits      map[*types.Func]*facts.Waits
}

// NewImports returns the reader for a package's imports; importFact may be
// nil.
func NewImports(pkg *types.Package, importFact sinks.ImportFact) *Imports {
	return &Imports{pkg: pkg, importFact: importFact, cache: make(map[*types.Func]*facts.Locks), waits: make(map[*types.Func]*facts.Waits)}
}

// Waits returns the Waits fact of an imported function, or nil.
func (im *Imports) Waits(fn *types.Func) *facts.Waits {
	if fn.Pkg() == im.pkg || im.importFact == nil {
		return nil
	}
	if w, ok := im.waits[fn]; ok {
		return w
	}
	var w *facts.Waits
	var f facts.Waits
	if im.importFact(fn, &f) {
		w = &f
	}
	im.waits[fn] = w
	return w
}

// Locks returns the Locks fact of an imported function, or nil.
func (im *Imports) Locks(fn *types.Func) *facts.Locks {
	if fn.Pkg() == im.pkg {
		return nil
	}
	if l, ok := im.cache[fn]; ok {
		return l
	}
	var l *facts.Locks
	var f facts.Locks
	if im.importFact != nil && im.importFact(fn, &f) {
		l = &f
	}
	im.cache[fn] = l
	return l
}

// TouchesLocks reports whether a call of fn takes or releases a lock: a
// sync lock method, or an imported function with a lock summary.
func (im *Imports) TouchesLocks(fn *types.Func) bool {
	return lockMethod(fn) != nil || im.Locks(fn) != nil
}
