package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/facts"
)

// The lock-held check reports every place that may block while a
// sync.Mutex or sync.RWMutex is held in the same function: every goroutine
// that needs the lock then waits for the slowest I/O. Lock regions are
// computed on the function's control-flow graph, as a may-analysis: a lock
// released on one path only is still held after the join.
//
// Across functions, it knows what can be stated simply as a fact: a
// function that returns with a lock it can name still held (a lock helper),
// or that releases one its caller holds (an unlock helper); and a function
// that is called with a lock held, by the ...Locked naming convention or a
// //blockcheck:locked directive.

// lockKind is what a sync method does to its lock.
type lockKind int

const (
	lockAcquire lockKind = iota + 1
	lockRelease
	lockTry  // acquires on the true branch of the condition it is in
	lockDrop // a callee releases the lock and takes it back before returning
)

type lockOp struct {
	kind lockKind
	read bool // the read side of an RWMutex
}

// lockMethods is the table of lock operations, by full name.
var lockMethods = map[string]lockOp{
	"(*sync.Mutex).Lock":       {lockAcquire, false},
	"(*sync.Mutex).Unlock":     {lockRelease, false},
	"(*sync.Mutex).TryLock":    {lockTry, false},
	"(*sync.RWMutex).Lock":     {lockAcquire, false},
	"(*sync.RWMutex).Unlock":   {lockRelease, false},
	"(*sync.RWMutex).TryLock":  {lockTry, false},
	"(*sync.RWMutex).RLock":    {lockAcquire, true},
	"(*sync.RWMutex).RUnlock":  {lockRelease, true},
	"(*sync.RWMutex).TryRLock": {lockTry, true},
	"(sync.Locker).Lock":       {lockAcquire, false},
	"(sync.Locker).Unlock":     {lockRelease, false},
}

// lockMethod returns what fn does to a lock, if it is a sync lock method.
func lockMethod(fn *types.Func) *lockOp {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return nil
	}
	if op, ok := lockMethods[fn.FullName()]; ok {
		return &op
	}
	return nil
}

// condWait is the one blocking call that is meant to be made with a lock
// held: (*sync.Cond).Wait releases the Cond's lock while it waits.
const condWait = "sync.(*Cond).Wait"

// importedLocks returns the Locks fact of an imported function, cached.
func (p *packageRun) importedLocks(fn *types.Func) *facts.Locks {
	if fn.Pkg() == p.pass.Pkg {
		return nil
	}
	if l, ok := p.externalLocks[fn]; ok {
		return l
	}
	var l *facts.Locks
	var f facts.Locks
	if p.pass.ImportObjectFact(fn, &f) {
		l = &f
	}
	p.externalLocks[fn] = l
	return l
}

// held is one lock held at a point of a function.
type held struct {
	name   string    // as the function names it: "c.mu"; "" for the caller's unnamed lock
	read   bool      // read-locked
	pos    token.Pos // where it was taken
	caller bool      // held on entry (…Locked, //blockcheck:locked)
}

// lockState is the set of locks held, sorted by name and mode. States are
// small and never modified in place.
type lockState []held

func (s lockState) index(name string, read bool) int {
	for i, h := range s {
		if h.name == name && h.read == read {
			return i
		}
	}
	return -1
}

func (s lockState) with(h held) lockState {
	if s.index(h.name, h.read) >= 0 {
		return s
	}
	out := append(append(lockState(nil), s...), h)
	sort.Slice(out, func(i, j int) bool {
		if out[i].name != out[j].name {
			return out[i].name < out[j].name
		}
		return !out[i].read && out[j].read
	})
	return out
}

func (s lockState) without(i int) lockState {
	out := append(lockState(nil), s[:i]...)
	return append(out, s[i+1:]...)
}

// union merges b into a; changed reports whether a grew.
func union(a, b lockState) (lockState, bool) {
	changed := false
	for _, h := range b {
		if i := a.index(h.name, h.read); i < 0 {
			a = a.with(h)
			changed = true
		} else if h.pos < a[i].pos {
			// Keep the earliest acquisition, so the message does not
			// depend on the order blocks were visited.
			a = append(lockState(nil), a...)
			a[i].pos = h.pos
			changed = true
		}
	}
	return a, changed
}

// A lockRef is a lock as a function body names it.
type lockRef struct {
	name     string // "c.mu"
	template string // relative to the function ("$r.mu"), or "" if it names a local
}

// lockFlow is the lock-held analysis of one function body.
type lockFlow struct {
	p      *packageRun
	n      *node
	sig    *types.Signature
	report bool

	anchors []int // indices of n.places, sorted by anchor
	done    map[int]bool
	events  map[ast.Node][]event // per control-flow node, computed once

	exit     lockState
	releases map[string]string // the caller's locks released here: template → name
	drops    map[string]bool   // templates of the caller's locks released and taken back
	released map[string]bool   // names of every lock released anywhere, deferred or not
	retaken  map[string]bool   // names of locks taken back by a deferred Lock
	deferred []deferredPlace
}

type deferredPlace struct {
	place int
	state lockState
}

// checkLockHeld runs the lock-held check over the package: first the lock
// summaries of the functions that take or release locks (exported as Locks
// facts), then the check itself with those summaries applied at calls.
func (p *packageRun) checkLockHeld() {
	// A lock helper may call another: repeat until the summaries settle
	// (a few rounds; helpers of helpers of helpers are rare). After the
	// first round, only functions calling a summary that changed are
	// analyzed again.
	changed := map[*types.Func]bool(nil)
	for round := 0; round < 3; round++ {
		next := make(map[*types.Func]bool)
		for _, n := range p.nodes {
			if n.fn == nil || n.body == nil || !(n.lockOps || p.callsLockHelper(n)) {
				continue
			}
			if round > 0 && !callsAny(n, changed) {
				continue
			}
			l := p.flow(n, false).summary()
			if !reflect.DeepEqual(l, p.locks[n.fn]) {
				next[n.fn] = true
				if l == nil {
					delete(p.locks, n.fn)
				} else {
					p.locks[n.fn] = l
				}
			}
		}
		if len(next) == 0 {
			break
		}
		changed = next
	}
	for _, n := range p.nodes {
		if n.fn != nil && p.locks[n.fn] != nil && p.factWorthy(n.fn) {
			p.pass.ExportObjectFact(n.fn, p.locks[n.fn])
		}
	}
	for _, n := range p.nodes {
		if n.body == nil || n.root != "" || !p.needsLockCheck(n) {
			continue
		}
		p.flow(n, true)
	}
}

// callsAny reports whether n calls one of fns.
func callsAny(n *node, fns map[*types.Func]bool) bool {
	for _, pl := range n.places {
		for _, t := range pl.targets {
			if t.fn != nil && fns[t.fn] {
				return true
			}
		}
	}
	return false
}

// needsLockCheck reports whether a body can hold a lock at all.
func (p *packageRun) needsLockCheck(n *node) bool {
	return n.lockOps || n.lockedBy != "" || lockedByConvention(n) || p.callsLockHelper(n)
}

// callsLockHelper reports whether a body calls a function of this package
// that has a lock summary.
func (p *packageRun) callsLockHelper(n *node) bool {
	if len(p.locks) == 0 {
		return false
	}
	for _, pl := range n.places {
		for _, t := range pl.targets {
			if t.fn != nil && p.locks[t.fn] != nil {
				return true
			}
		}
	}
	return false
}

// lockedByConvention reports whether a function's name says it is called
// with its receiver's lock held (flushLocked, (*T).closeLocked).
func lockedByConvention(n *node) bool {
	if n.fn == nil || !strings.HasSuffix(n.fn.Name(), "Locked") || n.fn.Name() == "Locked" {
		return false
	}
	// TestOpenLocked tests openLocked: the testing package calls it.
	return !isTestEntryName(n.fn.Name())
}

// flow runs the analysis on one body, reporting if report is set.
func (p *packageRun) flow(n *node, report bool) *lockFlow {
	f := &lockFlow{p: p, n: n, report: report, done: make(map[int]bool), events: make(map[ast.Node][]event),
		releases: make(map[string]string), drops: make(map[string]bool), released: make(map[string]bool), retaken: make(map[string]bool)}
	if n.fn != nil {
		f.sig = n.fn.Type().(*types.Signature)
	}
	for i := range n.places {
		f.anchors = append(f.anchors, i)
	}
	sort.SliceStable(f.anchors, func(i, j int) bool {
		return n.places[f.anchors[i]].anchor < n.places[f.anchors[j]].anchor
	})

	g := p.cfgs[n]
	if g == nil {
		g = cfg.New(n.body, p.mayReturn)
		p.cfgs[n] = g
	}
	var entry lockState
	switch {
	case n.lockedBy != "":
		entry = entry.with(held{name: n.lockedBy, pos: n.fn.Pos(), caller: true})
	case lockedByConvention(n):
		entry = entry.with(held{pos: n.fn.Pos(), caller: true})
	}

	// Forward may-analysis to a fixed point: the state on entry to a block
	// is the union of the states leaving its predecessors.
	in := make([]lockState, len(g.Blocks))
	visited := make([]bool, len(g.Blocks))
	if len(g.Blocks) == 0 {
		return f
	}
	in[0], visited[0] = entry, true
	work := []*cfg.Block{g.Blocks[0]}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		outs := f.transfer(b, in[b.Index], false)
		for i, s := range b.Succs {
			merged, changed := union(in[s.Index], outs[i])
			if changed || !visited[s.Index] {
				in[s.Index], visited[s.Index] = merged, true
				work = append(work, s)
			}
		}
	}
	// Replay each reachable block once with its final state: reports,
	// releases, deferred calls and the state at exit.
	for _, b := range g.Blocks {
		if !visited[b.Index] {
			continue
		}
		outs := f.transfer(b, in[b.Index], true)
		if len(b.Succs) == 0 {
			f.exit, _ = union(f.exit, outs[0])
		}
	}
	if report {
		for _, d := range f.deferred {
			// A deferred call runs at exit: it blocks with the locks held
			// both when it was deferred and when the function returns
			// (a lock released by an earlier deferred Unlock is released
			// after it, since deferred calls run last-in, first-out).
			var both lockState
			for _, h := range d.state {
				if f.exit.index(h.name, h.read) >= 0 {
					both = both.with(h)
				}
			}
			f.reportPlace(d.place, both)
		}
	}
	return f
}

// mayReturn tells the control-flow graph which calls never return.
func (p *packageRun) mayReturn(call *ast.CallExpr) bool {
	switch fn := typeutil.Callee(p.pass.TypesInfo, call).(type) {
	case *types.Builtin:
		return fn.Name() != "panic"
	case *types.Func:
		switch fn.FullName() {
		case "os.Exit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln":
			return false
		}
	}
	return true
}

// transfer applies a block's statements to the state on entry and returns
// the state leaving it along each successor (one state when it has none).
// With final set, it also reports and records what the replay needs.
func (f *lockFlow) transfer(b *cfg.Block, st lockState, final bool) []lockState {
	for _, nd := range b.Nodes {
		st = f.node(nd, st, final)
	}
	outs := make([]lockState, max(len(b.Succs), 1))
	for i := range outs {
		outs[i] = st
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
						outs[branch] = outs[branch].with(held{name: ref.name, read: op.read, pos: call.Pos()})
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
	place int // index into n.places, or -1
	op    lockOp
	ref   lockRef
}

// node applies one control-flow node.
func (f *lockFlow) node(nd ast.Node, st lockState, final bool) lockState {
	evs, ok := f.events[nd]
	if !ok || final {
		evs = f.nodeEvents(nd, final)
		f.events[nd] = evs
	}
	for _, ev := range evs {
		if ev.place >= 0 {
			if final && !f.done[ev.place] {
				f.done[ev.place] = true
				if f.n.places[ev.place].deferred {
					f.deferred = append(f.deferred, deferredPlace{ev.place, st})
				} else {
					f.reportPlace(ev.place, st)
				}
			}
			continue
		}
		st = f.apply(st, ev, final)
	}
	return st
}

// nodeEvents returns the lock operations and places of one control-flow
// node, in order. The fixed point visits a node many times: they are
// computed once per flow (and again in the final replay, which records
// deferred operations as it goes).
func (f *lockFlow) nodeEvents(nd ast.Node, final bool) []event {
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
			if final {
				for _, ev := range f.deferredEvents(x.Call) {
					switch ev.op.kind {
					case lockRelease:
						f.released[ev.ref.name] = true
					case lockAcquire:
						f.retaken[ev.ref.name] = true
					}
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
	i := sort.Search(len(f.anchors), func(i int) bool { return f.n.places[f.anchors[i]].anchor >= lo })
	for ; i < len(f.anchors) && f.n.places[f.anchors[i]].anchor < hi; i++ {
		evs = append(evs, event{pos: f.n.places[f.anchors[i]].anchor, place: f.anchors[i]})
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
		return st.with(held{name: ev.ref.name, read: ev.op.read, pos: ev.pos})
	case lockRelease:
		i := st.index(ev.ref.name, ev.op.read)
		if i < 0 {
			// Releasing a lock not taken here, in a function called with
			// an unnamed lock held: that was the lock.
			i = st.index("", false)
		}
		if final {
			f.released[ev.ref.name] = true
			if (i < 0 || st[i].caller) && ev.ref.template != "" {
				f.releases[ev.ref.template] = ev.ref.name // the caller's lock
			}
		}
		if i >= 0 {
			st = st.without(i)
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
// or a function with a lock summary, its locks renamed to the caller's
// expressions.
func (f *lockFlow) lockEvents(call *ast.CallExpr) []event {
	fn := f.callee(call)
	if fn == nil {
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
	l := f.p.locks[fn]
	if l == nil {
		l = f.p.importedLocks(fn)
	}
	if l == nil {
		return nil
	}
	// A call's lock operations happen when it runs, after its arguments
	// are evaluated: at the closing parenthesis.
	var evs []event
	for _, list := range []struct {
		templates []string
		kind      lockKind
	}{{l.Acquires, lockAcquire}, {l.Releases, lockRelease}, {l.Drops, lockDrop}} {
		for _, t := range list.templates {
			if name := f.substitute(t, call, fn); name != "" {
				evs = append(evs, event{pos: call.Rparen, place: -1, op: lockOp{kind: list.kind}, ref: lockRef{name: name, template: f.templateFor(name)}})
			}
		}
	}
	return evs
}

func (f *lockFlow) callee(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(f.p.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// lockRef names the lock a sync method call operates on: its receiver
// expression, followed by the embedded fields a promoted method goes
// through (c.Lock() on a type embedding sync.Mutex names c.Mutex).
func (f *lockFlow) lockRef(call *ast.CallExpr) lockRef {
	sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return lockRef{}
	}
	name := f.receiverName(sel)
	return lockRef{name: name, template: f.templateFor(name)}
}

// receiverName names what a method call's selector operates on: the
// receiver expression, followed by the embedded fields a promoted method
// goes through.
func (f *lockFlow) receiverName(sel *ast.SelectorExpr) string {
	name := types.ExprString(stripAddr(sel.X))
	if s, ok := f.p.pass.TypesInfo.Selections[sel]; ok && len(s.Index()) > 1 {
		t := s.Recv()
		for _, idx := range s.Index()[:len(s.Index())-1] {
			st, ok := derefUnderlying(t).(*types.Struct)
			if !ok {
				break
			}
			field := st.Field(idx)
			name += "." + field.Name()
			t = field.Type()
		}
	}
	return name
}

func stripAddr(e ast.Expr) ast.Expr {
	e = astutil.Unparen(e)
	for {
		switch x := e.(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return e
			}
			e = astutil.Unparen(x.X)
		case *ast.StarExpr:
			e = astutil.Unparen(x.X)
		default:
			return e
		}
	}
}

func derefUnderlying(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return t.Underlying()
}

// substitute renames a summary's lock for a call site.
func (f *lockFlow) substitute(t string, call *ast.CallExpr, fn *types.Func) string {
	switch {
	case strings.HasPrefix(t, "$r"):
		sel, ok := astutil.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return ""
		}
		return f.receiverName(sel) + strings.TrimPrefix(t, "$r")
	case strings.HasPrefix(t, "$"):
		digits, rest, _ := strings.Cut(t[1:], ".")
		i, err := strconv.Atoi(digits)
		if err != nil || i < 1 || i > len(call.Args) {
			return ""
		}
		name := types.ExprString(stripAddr(call.Args[i-1]))
		if rest != "" {
			name += "." + rest
		}
		return name
	default:
		// A package-level lock: named as this package names it.
		if fn.Pkg() == f.p.pass.Pkg {
			return strings.TrimPrefix(t, f.p.pass.Pkg.Name()+".")
		}
		return t
	}
}

// summary returns the Locks fact of the function: the locks it returns
// holding and the caller's locks it releases, where they can be named
// relative to it. A lock counts as acquired only if the function never
// releases it: the lock-held analysis is path-insensitive, and a function
// that locks and unlocks on correlated branches must not be taken for a
// lock helper.
func (f *lockFlow) summary() *facts.Locks {
	var l facts.Locks
	for _, h := range f.exit {
		if h.caller || h.read || f.released[h.name] {
			continue
		}
		if t := f.templateFor(h.name); t != "" {
			l.Acquires = append(l.Acquires, t)
		}
	}
	// A caller's lock released and taken back before returning (directly
	// or by a deferred Lock) is dropped, not released: the caller still
	// holds it afterwards, but not while this function blocks.
	for t, name := range f.releases {
		if f.exit.index(name, false) >= 0 || f.retaken[name] {
			f.drops[t] = true
		} else {
			l.Releases = append(l.Releases, t)
		}
	}
	for t := range f.drops {
		l.Drops = append(l.Drops, t)
	}
	if len(l.Acquires) == 0 && len(l.Releases) == 0 && len(l.Drops) == 0 {
		return nil
	}
	sort.Strings(l.Acquires)
	sort.Strings(l.Releases)
	sort.Strings(l.Drops)
	return &l
}

// templateFor writes a lock relative to the function, for its summary:
// rooted at the receiver ($r.mu), a parameter ($1.mu, $2.mu, ...) or a
// package-level variable (pkg.mu). Locks rooted at locals have none: a
// caller could not name them.
func (f *lockFlow) templateFor(name string) string {
	root, rest, dotted := strings.Cut(name, ".")
	if rest != "" || dotted {
		rest = "." + rest
	}
	if root == "" || root == "_" {
		return ""
	}
	if f.sig != nil {
		if r := f.sig.Recv(); r != nil && r.Name() == root {
			return "$r" + rest
		}
		for i := 0; i < f.sig.Params().Len(); i++ {
			if f.sig.Params().At(i).Name() == root {
				return "$" + strconv.Itoa(i+1) + rest
			}
		}
	}
	if _, ok := f.p.pass.Pkg.Scope().Lookup(root).(*types.Var); ok {
		return f.p.pass.Pkg.Name() + "." + name
	}
	return ""
}

// reportPlace reports a place that may block while locks are held.
func (f *lockFlow) reportPlace(i int, st lockState) {
	if !f.report || len(st) == 0 {
		return
	}
	pl := &f.n.places[i]
	if pl.call != nil && pl.callee != nil {
		// A callee that lets go of a lock while it works does not block
		// with that lock held.
		for _, ev := range f.lockEvents(pl.call) {
			if ev.op.kind == lockDrop {
				if j := st.index(ev.ref.name, false); j >= 0 {
					st = st.without(j)
				}
			}
		}
		if len(st) == 0 {
			return
		}
	}
	cat, hops, sink, ok := f.p.explainPlace(pl)
	if !ok || sink.name == condWait || f.p.ignoredAt(pl.pos) {
		return
	}
	var msg strings.Builder
	if pl.deferred {
		msg.WriteString("deferred ")
	}
	msg.WriteString(pl.what)
	msg.WriteString(" may block [")
	msg.WriteString(string(cat))
	msg.WriteString("] while ")
	msg.WriteString(f.describe(st))
	msg.WriteString(" is held")
	msg.WriteString(chainSuffix(pl.what, hops, sink))
	f.p.diag(analysis.Diagnostic{Pos: pl.pos, Category: string(cat), Message: msg.String()})
}

// describe names the held locks for a message: the first taken, with
// where, and how many more.
func (f *lockFlow) describe(st lockState) string {
	first := st[0]
	for _, h := range st[1:] {
		if h.pos < first.pos {
			first = h
		}
	}
	var s string
	switch {
	case first.caller && first.name == "":
		s = "the caller's lock (" + f.n.name + " is called with it held, by its name)"
	case first.caller:
		s = first.name + " (held on entry, //blockcheck:locked)"
	default:
		verb := "locked"
		if first.read {
			verb = "read-locked"
		}
		posn := f.p.pass.Fset.Position(first.pos)
		s = fmt.Sprintf("%s (%s at %s:%d)", first.name, verb, filepath.Base(posn.Filename), posn.Line)
	}
	if len(st) > 1 {
		s += fmt.Sprintf(" and %d more lock", len(st)-1)
		if len(st) > 2 {
			s += "s"
		}
	}
	return s
}
