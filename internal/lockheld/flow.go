package lockheld

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/names"
)

// lockFlow is the lock-held analysis of one function body.
type lockFlow struct {
	c         *checker
	n         *graph.Node
	sig       *types.Signature
	reporting bool

	anchors []int // indices of n.Places, sorted by anchor
	done    map[int]bool
	events  [][][]event // by block index and node, computed once (eventsOf)

	exit          lockState
	releases      map[string]string // the caller's locks released here: template → name
	drops         map[string]bool   // templates of the caller's locks released and taken back
	released      map[string]bool   // names of every lock released anywhere, deferred or not
	retaken       map[string]bool   // names of locks taken back by a deferred Lock
	deferReleased map[string]bool   // names of locks released by a deferred call
	deferred      []deferredPlace
	alias         map[*types.Var]ast.Expr       // local access paths to locks, see aliases
	mustAtReturn  []lockState                   // locks held on every path to each return, for the summary
	closureSums   map[*ast.FuncLit]*facts.Locks // lock summaries of the closures called, see closures.go
	inner         map[string]bool               // names a literal declares, see declaredInside
	doomed        []bool                        // blocks every path from which ends in a call that never returns
	pairs         map[*ast.RangeStmt]loopPair   // unlocking loops of paired loops, see pairedloops.go
}

type deferredPlace struct {
	place int
	state lockState
}

// flow runs the analysis on one body, reporting if reporting is set.
func (c *checker) flow(n *graph.Node, reporting bool) *lockFlow {
	f := c.newFlow(n, reporting)
	f.run()
	return f
}

// run runs the analysis.
func (f *lockFlow) run() {
	c, n := f.c, f.n
	g := c.cfgs[n]
	if g == nil {
		g = cfg.New(n.Body, c.mayReturn)
		c.cfgs[n] = g
	}
	if len(g.Blocks) == 0 {
		return
	}
	f.pairs = c.loopPairs(n)
	in, visited := f.fixedPoint(g, c.entry(n))
	f.doomed = doomedBlocks(g, c.mayReturn)
	if !f.reporting {
		f.mustAtReturn = f.mustFixedPoint(g, c.entry(n))
	}
	// Replay each reachable block once with its final state: reports,
	// releases, deferred calls and the state at exit.
	for _, b := range g.Blocks {
		if !visited[b.Index] {
			continue
		}
		outs := f.transfer(b, in[b.Index], true)
		if len(b.Succs) == 0 {
			f.exit, _ = union(f.exit, outs[0].held())
		}
	}
	if f.reporting {
		f.reportDeferred()
	}
}

func (c *checker) newFlow(n *graph.Node, reporting bool) *lockFlow {
	f := &lockFlow{c: c, n: n, reporting: reporting, done: make(map[int]bool),
		releases: make(map[string]string), drops: make(map[string]bool), released: make(map[string]bool), retaken: make(map[string]bool), deferReleased: make(map[string]bool)}
	if n.Fn != nil {
		f.sig = n.Fn.Type().(*types.Signature)
	}
	for i := range n.Places {
		f.anchors = append(f.anchors, i)
	}
	sort.SliceStable(f.anchors, func(i, j int) bool {
		return n.Places[f.anchors[i]].Anchor < n.Places[f.anchors[j]].Anchor
	})
	return f
}

// entry is the state on entry to a function: the lock it is called with,
// if any.
func (c *checker) entry(n *graph.Node) lockState {
	var entry lockState
	switch {
	case c.lockedBy(n) != "":
		entry = entry.with(held{name: c.lockedBy(n), pos: n.Fn.Pos(), caller: true, paths: callers})
	case lockedByConvention(n):
		entry = entry.with(held{pos: n.Fn.Pos(), caller: true, paths: callers})
	}
	return entry
}

// fixedPoint is the forward may-analysis: the state on entry to a block is
// the union of the states leaving its predecessors.
func (f *lockFlow) fixedPoint(g *cfg.CFG, entry lockState) ([]lockState, []bool) {
	return f.worklist(g, entry, union)
}

// worklist runs the forward analysis from entry to its fixed point: a
// block's state on entry is its first predecessor's state leaving it, met
// with every other's (union for may, intersect for must); meet reports
// whether the state changed. It returns the states on entry and which
// blocks were reached.
func (f *lockFlow) worklist(g *cfg.CFG, entry lockState, meet func(a, b lockState) (lockState, bool)) ([]lockState, []bool) {
	in := make([]lockState, len(g.Blocks))
	visited := make([]bool, len(g.Blocks))
	in[0], visited[0] = entry, true
	work := []*cfg.Block{g.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		outs := f.transfer(b, in[b.Index], false)
		for i, s := range b.Succs {
			if !visited[s.Index] {
				in[s.Index], visited[s.Index] = outs[i], true
				work = append(work, s)
				continue
			}
			if merged, changed := meet(in[s.Index], outs[i]); changed {
				in[s.Index] = merged
				work = append(work, s)
			}
		}
	}
	return in, visited
}

// reportDeferred reports the deferred places. A deferred call runs at
// exit: it blocks with the locks held both when it was deferred and when
// the function returns (a lock released by an earlier deferred Unlock is
// released after it, since deferred calls run last-in, first-out).
func (f *lockFlow) reportDeferred() {
	for _, d := range f.deferred {
		var both lockState
		for _, h := range d.state {
			if f.exit.index(h.name, h.read) >= 0 {
				both = both.with(h)
			}
		}
		f.reportPlace(d.place, both)
	}
}

// transfer applies a block's statements to the state on entry and returns
// the state leaving it along each successor (one state when it has none).
// With final set, it also reports and records what the replay needs.
func (f *lockFlow) transfer(b *cfg.Block, st lockState, final bool) []lockState {
	quiet := final && f.doomed != nil && f.doomed[b.Index]
	for _, evs := range f.eventsOf(b) {
		st = f.node(evs, st, final, quiet)
	}
	outs := make([]lockState, max(len(b.Succs), 1))
	for i := range outs {
		outs[i] = st
	}
	// Leaving the unlocking loop of a pair, the locking loop's lock is
	// let go of (pairedloops.go).
	if b.Kind == cfg.KindRangeLoop && len(outs) == 2 && f.pairs != nil {
		if p, ok := f.pairs[b.Stmt.(*ast.RangeStmt)]; ok {
			outs[1] = leavePaired(outs[1], p)
		}
	}
	// A block that ends in an if on TryLock holds the lock on one branch.
	if len(b.Succs) == 2 && len(b.Nodes) > 0 {
		if cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr); ok {
			branch := 0
			if u, ok := astutil.Unparen(cond).(*ast.UnaryExpr); ok && u.Op == token.NOT {
				cond, branch = u.X, 1
			}
			if call, ok := astutil.Unparen(cond).(*ast.CallExpr); ok {
				if op := lockMethod(f.callee(call)); op != nil && op.kind == lockTry {
					if ref := f.lockRef(call); ref.name != "" {
						outs[branch] = outs[branch].acquire(held{name: ref.name, id: ref.id, read: op.read, pos: call.Pos()})
					}
				}
			}
		}
	}
	return outs
}

// An event is a lock operation or a place, in source order within a node.
type event struct {
	pos   token.Pos
	place int // index into n.Places, or -1
	op    lockOp
	ref   lockRef
	maybe string // an acquisition on some paths only, by this callee
}

// node applies one control-flow node.
func (f *lockFlow) node(evs []event, st lockState, final, quiet bool) lockState {
	for _, ev := range evs {
		if ev.place >= 0 {
			if final && !f.done[ev.place] {
				f.done[ev.place] = true
				if quiet {
					// The path ends in a panic or an exit: the goroutine
					// is going down, and waiting under the lock is the
					// least of it.
					continue
				}
				if f.n.Places[ev.place].Deferred {
					f.deferred = append(f.deferred, deferredPlace{ev.place, st.held()})
				} else {
					f.reportPlace(ev.place, st.held())
				}
			}
			continue
		}
		st = f.apply(st, ev, final)
	}
	return st
}

// eventsOf returns the events of each node of a block, computed the first
// time the block is met.
func (f *lockFlow) eventsOf(b *cfg.Block) [][]event {
	for len(f.events) <= int(b.Index) {
		f.events = append(f.events, nil)
	}
	evs := f.events[b.Index]
	if evs == nil {
		evs = make([][]event, len(b.Nodes))
		for i, nd := range b.Nodes {
			evs[i] = f.nodeEvents(nd)
		}
		f.events[b.Index] = evs
	}
	return evs
}

// nodeEvents returns the lock operations and places of one control-flow
// node, in order. The fixed point visits a node many times: they are
// computed once per flow. The replay visits the same nodes (those of
// reachable blocks), so deferred lock operations are recorded here, once.
func (f *lockFlow) nodeEvents(nd ast.Node) []event {
	var evs []event
	ast.Inspect(nd, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			return false // runs when called; calls to it are places
		case *ast.GoStmt:
			return false // a goroutine's locking is not ours
		case *ast.DeferStmt:
			// A deferred unlock happens at exit: the lock is held until
			// then. It still means the function does not return holding
			// it; a deferred Lock means it takes a lock back.
			for _, ev := range f.deferredEvents(x.Call) {
				switch ev.op.kind {
				case lockRelease:
					f.released[ev.ref.name] = true
					f.deferReleased[ev.ref.name] = true
				case lockAcquire:
					f.retaken[ev.ref.name] = true
				}
			}
			return false
		case *ast.CallExpr:
			evs = append(evs, f.lockEvents(x)...)
		}
		return true
	})
	// Places anchored in this node.
	lo, hi := nd.Pos(), nd.End()
	i := sort.Search(len(f.anchors), func(i int) bool { return f.n.Places[f.anchors[i]].Anchor >= lo })
	for ; i < len(f.anchors) && f.n.Places[f.anchors[i]].Anchor < hi; i++ {
		evs = append(evs, event{pos: f.n.Places[f.anchors[i]].Anchor, place: f.anchors[i]})
	}
	// A call that is both a place and a lock operation blocks before it
	// takes the lock: places first at the same position.
	sort.SliceStable(evs, func(i, j int) bool {
		if evs[i].pos != evs[j].pos {
			return evs[i].pos < evs[j].pos
		}
		return evs[i].place >= 0 && evs[j].place < 0
	})
	return evs
}

// apply performs one lock operation on the state.
func (f *lockFlow) apply(st lockState, ev event, final bool) lockState {
	switch ev.op.kind {
	case lockAcquire:
		// Taking a lock while holding another needs nothing special:
		// with the lock category enabled, the Lock call is itself a
		// blocking place.
		return st.acquire(held{name: ev.ref.name, shown: ev.ref.shown, id: ev.ref.id, read: ev.op.read, pos: ev.pos, maybe: ev.maybe})
	case lockRelease:
		named := st.index(ev.ref.name, ev.op.read) >= 0
		st, theirs := st.release(ev.ref.name, ev.op.read, ev.pos)
		if !named {
			// Releasing a lock not taken here, in a function called with
			// an unnamed lock held: that was the lock.
			if i := st.index("", false); i >= 0 {
				st = st.without(i)
			}
		}
		if final {
			f.released[ev.ref.name] = true
			if theirs && ev.ref.template != "" {
				f.releases[ev.ref.template] = ev.ref.name // the caller's lock
			}
		}
		return st
	case lockDrop:
		// The callee lets go of a lock for a while: when it is the
		// caller's, this function does too.
		if final && st.index(ev.ref.name, false) < 0 && ev.ref.template != "" {
			f.drops[ev.ref.template] = true
		}
	}
	return st
}

// deferredEvents returns the lock operations of a deferred call: the call
// itself, or the top-level calls of a deferred function literal
// (defer func() { mu.Unlock() }()).
func (f *lockFlow) deferredEvents(call *ast.CallExpr) []event {
	lit, ok := astutil.Unparen(call.Fun).(*ast.FuncLit)
	if !ok {
		return f.lockEvents(call)
	}
	var evs []event
	for _, stmt := range lit.Body.List {
		if es, ok := stmt.(*ast.ExprStmt); ok {
			if c, ok := astutil.Unparen(es.X).(*ast.CallExpr); ok {
				evs = append(evs, f.lockEvents(c)...)
			}
		}
	}
	return evs
}

// lockEvents returns the lock operations a call performs: a sync method,
// a function with a lock summary, its locks renamed to the caller's
// expressions, or a local closure (see closures.go).
func (f *lockFlow) lockEvents(call *ast.CallExpr) []event {
	fn := f.callee(call)
	if fn == nil {
		if lit := f.closureCalled(call); lit != nil {
			return f.summaryEvents(call, f.closureLocks(lit), func(name string) string { return name })
		}
		return nil
	}
	if op := lockMethod(fn); op != nil {
		if op.kind == lockTry {
			return nil // handled where the condition branches
		}
		if ref := f.lockRef(call); ref.name != "" {
			return []event{{pos: call.Rparen, place: -1, op: *op, ref: ref}}
		}
		return nil
	}
	l := f.c.locks[fn]
	if l == nil {
		l = f.c.imports.Locks(fn)
	}
	return f.summaryEvents(call, l, func(t string) string { return f.substitute(t, call, fn) })
}

// summaryEvents returns the lock operations of a call of a function with
// the lock summary l (nil: none), its locks named by rename.
func (f *lockFlow) summaryEvents(call *ast.CallExpr, l *facts.Locks, rename func(string) string) []event {
	if l == nil {
		return nil
	}
	// A call's lock operations happen when it runs, after its arguments
	// are evaluated: at the closing parenthesis.
	var evs []event
	for _, list := range []struct {
		templates []string
		kind      lockKind
		maybe     bool
	}{{l.Acquires, lockAcquire, false}, {l.Releases, lockRelease, false}, {l.Drops, lockDrop, false}, {l.MayAcquire, lockAcquire, true}} {
		for _, t := range list.templates {
			if name := rename(t); name != "" {
				ev := event{pos: call.Rparen, place: -1, op: lockOp{kind: list.kind}, ref: lockRef{name: name, template: f.templateFor(name)}}
				if list.maybe {
					ev.maybe = names.Expr(astutil.Unparen(call.Fun))
				}
				evs = append(evs, ev)
			}
		}
	}
	return evs
}

func (f *lockFlow) callee(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(f.c.info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}
