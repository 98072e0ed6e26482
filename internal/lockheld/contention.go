package lockheld

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/solve"
)

// Contention seen from a root: a Lock in a root (directly, or in a
// function the root calls, across packages) waits for whoever holds that
// lock, and when some function holds it across an operation that may
// block, the root waits for that operation. Such a Lock is reported, in
// category lock, even though lock is off by default: it is the one Lock in
// a thousand that stalls an event loop.
//
// A lock is the same lock in two functions when it has an identity: a
// mutex field of a named struct type ((*Store).mu) or a package-level
// mutex. RLock waits only for a writer: it is reported only when the lock
// is held for writing across blocking. TryLock never waits.
//
// Across packages, the Waits fact of a function lists the locks with a
// holder that a call of it takes, and who holds each across what.

// lockID is a lock's identity.
type lockID struct {
	path  string // import path of the declaring package
	pkg   string // its name
	local string // "(*Store).mu", "mu"
}

// holder is a function that holds a lock across an operation that may
// block, the first found.
type holder struct {
	local string         // the holder as its package names it: "(*Store).Save"
	qual  string         // as other packages do: "store.(*Store).Save"
	op    string         // "os.WriteFile"
	cat   facts.Category // how op blocks
	write bool           // held for writing (a writer blocks RLock too)
}

// lockIdentity is the identity of the lock a sync method selector
// operates on: the mutex field (the innermost embedded one, for a
// promoted method) of a named struct type, or a package-level variable.
func (c *checker) lockIdentity(sel *ast.SelectorExpr) (lockID, bool) {
	if s, ok := c.info.Selections[sel]; ok && len(s.Index()) > 1 {
		t := s.Recv()
		var owner types.Type
		var field *types.Var
		for _, idx := range s.Index()[:len(s.Index())-1] {
			st, ok := derefUnderlying(t).(*types.Struct)
			if !ok {
				return lockID{}, false
			}
			owner, field = t, st.Field(idx)
			t = field.Type()
		}
		return fieldIdentity(owner, field)
	}
	switch x := stripAddr(sel.X).(type) {
	case *ast.SelectorExpr:
		s, ok := c.info.Selections[x]
		if !ok || s.Kind() != types.FieldVal {
			return lockID{}, false
		}
		t := s.Recv()
		for _, idx := range s.Index()[:len(s.Index())-1] {
			st, ok := derefUnderlying(t).(*types.Struct)
			if !ok {
				return lockID{}, false
			}
			t = st.Field(idx).Type()
		}
		return fieldIdentity(t, s.Obj().(*types.Var))
	case *ast.Ident:
		v, _ := c.info.Uses[x].(*types.Var)
		if v != nil && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return lockID{path: v.Pkg().Path(), pkg: v.Pkg().Name(), local: v.Name()}, true
		}
	}
	return lockID{}, false
}

// fieldIdentity is (*Store).mu for field mu of the named type Store.
func fieldIdentity(owner types.Type, field *types.Var) (lockID, bool) {
	if p, ok := owner.Underlying().(*types.Pointer); ok {
		owner = p.Elem()
	}
	named, ok := types.Unalias(owner).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return lockID{}, false
	}
	pkg := named.Obj().Pkg()
	return lockID{path: pkg.Path(), pkg: pkg.Name(), local: "(*" + named.Obj().Name() + ")." + field.Name()}, true
}

// show names a lock for a message of this package.
func (c *checker) show(k lockID) string {
	if k.path == c.pkg.Path() {
		return k.local
	}
	return k.pkg + "." + k.local
}

// noteHolder records that the flow's function holds the locks of st
// across a place that may block.
func (f *lockFlow) noteHolder(st lockState, pl *graph.Place, chains []solve.Chain) {
	if f.c.holders == nil {
		return
	}
	op := pl.What
	if chains[0].Sink.Name != "" {
		op = chains[0].Sink.Name
	}
	qual := f.n.Name
	if f.n.Fn != nil {
		qual = names.Qualified(f.n.Fn)
	}
	for _, h := range st {
		if h.id == (lockID{}) {
			continue
		}
		if old, ok := f.c.holders[h.id]; ok && (old.write || h.read) {
			continue
		}
		f.c.holders[h.id] = holder{local: f.n.Name, qual: qual, op: op, cat: chains[0].Category, write: !h.read}
	}
}

// take is a lock a function acquires, by identity.
type take struct {
	id   lockID
	read bool
}

// contention reports the Locks of the package's roots that wait for a
// lock held across blocking, and returns the Waits facts of the package's
// functions.
func (c *checker) contention(memo map[*graph.Node][]take) []WaitSummary {
	for _, n := range c.graph.Nodes {
		if n.Body == nil || !c.roles.IsRoot(n) {
			continue
		}
		blocking := c.blockingCalls(n)
		for _, call := range directCalls(n.Body) {
			if blocking[call.Pos()] {
				continue // the root check reports the call itself
			}
			for _, t := range c.callTakes(call, memo) {
				if c.reportWait(n, call, t) {
					break
				}
			}
		}
	}
	if len(c.holders) == 0 {
		return nil
	}
	var out []WaitSummary
	for _, n := range c.graph.Nodes {
		if n.Fn == nil || n.Body == nil || c.roles.IsRoot(n) {
			continue
		}
		var w facts.Waits
		for _, t := range c.takes(n, memo, map[*graph.Node]bool{}) {
			h, ok := c.holders[t.id]
			if !ok || (t.read && !h.write) {
				continue
			}
			if len(w.Locks) == maxWaits {
				break
			}
			w.Locks = append(w.Locks, facts.WaitLock{Path: t.id.path, Pkg: t.id.pkg, Lock: t.id.local, Read: t.read, Holder: h.qual, Op: h.op, Category: h.cat})
		}
		if len(w.Locks) > 0 {
			out = append(out, WaitSummary{Fn: n.Fn, Waits: &w})
		}
	}
	return out
}

// blockingCalls returns the positions of a root's calls that may block by
// themselves, in the categories checked: the root check reports those.
func (c *checker) blockingCalls(n *graph.Node) map[token.Pos]bool {
	out := make(map[token.Pos]bool)
	for i := range n.Places {
		pl := &n.Places[i]
		if _, ok := c.sol.ExplainPlace(pl); ok {
			out[pl.Pos] = true
		}
	}
	return out
}

// maxWaits bounds a Waits fact. A root's call is reported for the first
// lock it waits for, in lock order, and every lock in a fact is one a root
// would wait for: the first is all a caller uses, and a fact is re-exported
// by every package that can name the function (on nats-server, Waits facts
// with up to 8 locks were most of the facts' bytes).
const maxWaits = 1

// A WaitSummary is the Waits fact of one function of the package.
type WaitSummary struct {
	Fn    *types.Func
	Waits *facts.Waits
}

// callTakes returns the identified locks a call acquires: a sync Lock or
// RLock, a function of the package that takes them, or an imported one
// whose Waits fact says so (its holders become known here).
func (c *checker) callTakes(call *ast.CallExpr, memo map[*graph.Node][]take) []take {
	fn := c.callee(call)
	if fn == nil || (c.trusted != nil && c.trusted(fn)) {
		return nil
	}
	if op := lockMethod(fn); op != nil {
		sel, _ := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if op.kind != lockAcquire || sel == nil {
			return nil
		}
		if id, ok := c.lockIdentity(sel); ok {
			return []take{{id: id, read: op.read}}
		}
		return nil
	}
	if callee := c.graph.ByFunc[fn]; callee != nil {
		if c.roles.IsRoot(callee) {
			return nil // reported where it is
		}
		return c.takes(callee, memo, map[*graph.Node]bool{})
	}
	w := c.imports.Waits(fn)
	if w == nil {
		return nil
	}
	var out []take
	for _, l := range w.Locks {
		id := lockID{path: l.Path, pkg: l.Pkg, local: l.Lock}
		if c.holders == nil {
			return nil
		}
		if _, ok := c.holders[id]; !ok {
			c.holders[id] = holder{local: l.Holder, qual: l.Holder, op: l.Op, cat: l.Category, write: true}
		}
		out = append(out, take{id: id, read: l.Read})
	}
	return out
}

// takes returns the identified locks a local function acquires, directly
// or through the functions it calls, sorted.
func (c *checker) takes(n *graph.Node, memo map[*graph.Node][]take, visiting map[*graph.Node]bool) []take {
	if t, ok := memo[n]; ok {
		return t
	}
	if visiting[n] || n.Body == nil {
		return nil
	}
	visiting[n] = true
	var out []take
	for _, call := range directCalls(n.Body) {
		var ts []take
		if callee := c.graph.ByFunc[c.callee(call)]; callee != nil {
			ts = c.takes(callee, memo, visiting)
		} else {
			ts = c.callTakes(call, memo)
		}
		for _, t := range ts {
			// A function takes a few locks: a linear search beats a set.
			if !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.id.path != b.id.path {
			return a.id.path < b.id.path
		}
		if a.id.local != b.id.local {
			return a.id.local < b.id.local
		}
		return !a.read && b.read
	})
	memo[n] = out
	return out
}

// reportWait reports a call of root n that waits for lock t, if some
// function holds t across blocking (for writing, when t is a read lock).
func (c *checker) reportWait(n *graph.Node, call *ast.CallExpr, t take) bool {
	h, ok := c.holders[t.id]
	if !ok || (t.read && !h.write) || c.rep.Ignored(call.Pos()) {
		return false
	}
	who := h.qual
	if t.id.path == c.pkg.Path() {
		who = h.local
	}
	c.rep.Diag(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(), Category: string(facts.Lock),
		Message: fmt.Sprintf("%s must not block: %s waits for %s, which %s holds across %s [%s]",
			n.Name, names.Expr(astutil.Unparen(call.Fun)), c.show(t.id), who, h.op, h.cat),
	})
	return true
}

// directCalls returns the calls a body makes itself: not those of function
// literals (called elsewhere) or go statements (another goroutine).
func directCalls(body *ast.BlockStmt) []*ast.CallExpr {
	var out []*ast.CallExpr
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit, *ast.GoStmt:
			return false
		case *ast.CallExpr:
			out = append(out, x)
		}
		return true
	})
	return out
}

func (c *checker) callee(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}
