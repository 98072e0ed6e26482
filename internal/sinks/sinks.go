// Package sinks answers what blockcheck knows about the functions a package
// calls but does not analyze: whether a call to one may block (the
// standard-library table, the facts of dependencies, the configuration's
// sinks and trusted functions, the profiles' trusted functions, interface
// methods declared blocking by a directive, calls into C), and which of its
// function arguments it calls synchronously (callback summaries from facts
// and the standard-library table).
//
// A Resolver caches its answers for one package. It reads facts through
// the function it is given, so it works without them too (the table and
// the configuration still answer). It may not import the analysis stages.
package sinks

import (
	"go/types"
	"sort"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/names"
)

// A Block says how a called function blocks: one witness per enabled
// category, in report order. A witness's chain starts with the callee
// itself, unless the callee is the sink.
type Block struct {
	Callee    string // qualified name of the callee
	Witnesses []facts.Witness
}

// NewBlock returns the Block of a callee with these witnesses, put in
// report order; nil if there are none.
func NewBlock(callee string, ws []facts.Witness) *Block {
	if len(ws) == 0 {
		return nil
	}
	b := &Block{Callee: callee, Witnesses: ws}
	sortWitnesses(b.Witnesses)
	return b
}

// Primary is the witness of the first category in report order.
func (b *Block) Primary() facts.Witness { return b.Witnesses[0] }

// In returns the witness of category c, if there is one.
func (b *Block) In(c facts.Category) (facts.Witness, bool) {
	for _, w := range b.Witnesses {
		if w.Category == c {
			return w, true
		}
	}
	return facts.Witness{}, false
}

// Merge returns the blocks of two calls of one place (a function variable
// holding either): per category, a's witness if it has one, else b's.
func Merge(a, b *Block) *Block {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	out := &Block{Callee: a.Callee, Witnesses: append([]facts.Witness(nil), a.Witnesses...)}
	for _, w := range b.Witnesses {
		if _, ok := out.In(w.Category); !ok {
			out.Witnesses = append(out.Witnesses, w)
		}
	}
	sortWitnesses(out.Witnesses)
	return out
}

func sortWitnesses(ws []facts.Witness) {
	sort.SliceStable(ws, func(i, j int) bool { return ws[i].Category.Rank() < ws[j].Category.Rank() })
}

// enabled keeps a Block's witnesses of enabled categories; nil if none is
// left.
func (r *Resolver) enabled(b *Block) *Block {
	if b == nil {
		return nil
	}
	all := true
	for _, w := range b.Witnesses {
		all = all && r.cfg.Categories.Has(w.Category)
	}
	if all {
		return b
	}
	keep := b.Witnesses[:0:0]
	for _, w := range b.Witnesses {
		if r.cfg.Categories.Has(w.Category) {
			keep = append(keep, w)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	if len(keep) < len(b.Witnesses) {
		b = &Block{Callee: b.Callee, Witnesses: keep}
	}
	return b
}

// fromFact is the Block of a callee with these witnesses, keeping the
// enabled categories; nil if none is left.
func (r *Resolver) fromFact(fn *types.Func, ws []facts.Witness) *Block {
	callee := names.Qualified(fn)
	b := &Block{Callee: callee, Witnesses: make([]facts.Witness, 0, len(ws))}
	for _, w := range ws {
		if !r.cfg.Categories.Has(w.Category) {
			continue
		}
		chain := w.Chain
		if callee != w.Sink {
			chain = make([]string, 0, len(w.Chain)+1)
			chain = append(append(chain, callee), w.Chain...)
		}
		b.Witnesses = append(b.Witnesses, facts.Witness{Category: w.Category, Chain: chain, Sink: w.Sink})
	}
	if len(b.Witnesses) == 0 {
		return nil
	}
	return b
}

// ImportFact reads an object fact, as analysis.Pass.ImportObjectFact does.
type ImportFact func(obj types.Object, fact analysis.Fact) bool

// A Resolver answers for the callees of one package.
type Resolver struct {
	pkg           *types.Package
	cfg           *config.Config
	ifaceBlocking map[*types.Func]facts.Category
	trusted       map[string]bool           // functions the profiles trust not to block, by full name
	trustedPkgs   map[string]bool           // the packages of those functions: a cheap filter
	profileSinks  map[string]facts.Category // the profiles' blocking interface methods (profiles.Sink), by full name
	deadlocks     map[string]bool           // the profiles' deadlocks (profiles.Deadlock), by full name
	deadlockPkgs  map[string]bool           // their packages
	importFact    ImportFact

	blocks    map[*types.Func]*Block
	streams   map[*types.Func][]int
	stores    map[*types.Func][]Store
	slots     map[string]*types.Var // fields named by Stores facts, resolved once
	callbacks map[*types.Func][]int
	returns   map[*types.Func]*returns
}

// returns is what calling an imported function's result does.
type returns struct {
	calls   []int
	blocks  *Block
	methods map[string][]*Block
}

// New returns a Resolver for the callees of pkg. ifaceBlocking are the
// interface methods this package declares blocking; importFact may be nil.
func New(pkg *types.Package, cfg *config.Config, ifaceBlocking map[*types.Func]facts.Category, importFact ImportFact) *Resolver {
	r := &Resolver{
		pkg:           pkg,
		cfg:           cfg,
		ifaceBlocking: ifaceBlocking,
		importFact:    importFact,
		blocks:        make(map[*types.Func]*Block),
		callbacks:     make(map[*types.Func][]int),
		returns:       make(map[*types.Func]*returns),
		streams:       make(map[*types.Func][]int),
		stores:        make(map[*types.Func][]Store),
		slots:         make(map[string]*types.Var),
	}
	if selected := cfg.Profiles.Selected(); len(selected) > 0 {
		r.trusted = make(map[string]bool)
		r.trustedPkgs = make(map[string]bool)
		for _, prof := range selected {
			for _, t := range prof.Trusted {
				r.trusted[t] = true
				r.trustedPkgs[facts.PackageOf(t)] = true
			}
			for _, l := range prof.Loops {
				for _, d := range l.Deadlocks {
					if r.deadlocks == nil {
						r.deadlocks = make(map[string]bool)
						r.deadlockPkgs = make(map[string]bool)
					}
					r.deadlocks[d.Func] = true
					r.deadlockPkgs[facts.PackageOf(d.Func)] = true
				}
			}
			for _, s := range prof.Sinks {
				if r.profileSinks == nil {
					r.profileSinks = make(map[string]facts.Category)
				}
				r.profileSinks[s.Name] = s.Category
				r.trustedPkgs[facts.PackageOf(s.Name)] = true
			}
		}
	}
	return r
}

// Blocking says whether a function that has no body in this package may
// block, in an enabled category: a cgo call, an interface method declared
// blocking here, an imported function with a Blocking fact, or a
// standard-library function in the table. Answers are cached: the same
// callee is usually called many times.
func (r *Resolver) Blocking(fn *types.Func) *Block {
	if b, ok := r.blocks[fn]; ok {
		return b
	}
	b := r.blocking(fn)
	if fn.Pkg() != nil && r.deadlockPkgs[fn.Pkg().Path()] && r.deadlocks[fn.FullName()] {
		b = withDeadlock(fn, b)
	}
	b = r.enabled(b)
	r.blocks[fn] = b
	return b
}

func (r *Resolver) blocking(fn *types.Func) *Block {
	if names.IsCgo(fn) {
		return sink(fn, facts.Cgo)
	}
	// Full names allocate: compute one only when a rule may need it.
	full := ""
	fullName := func() string {
		if full == "" {
			full = fn.FullName()
		}
		return full
	}
	if r.cfg.HasNameRules() {
		if c, ok := r.cfg.Sink(fullName()); ok {
			return sink(fn, c)
		}
		if r.cfg.IsTrusted(fullName()) {
			return nil
		}
	}
	if c, ok := r.ifaceBlocking[fn]; ok {
		return sink(fn, c)
	}
	if fn.Pkg() == r.pkg || fn.Pkg() == nil {
		return nil
	}
	path := fn.Pkg().Path()
	if r.trustedPkgs[path] {
		if r.trusted[fullName()] {
			return nil
		}
		if c, ok := r.profileSinks[fullName()]; ok {
			return sink(fn, c)
		}
	}
	var f facts.Blocking
	if r.importFact != nil && r.importFact(fn, &f) {
		if len(f.Also) == 0 {
			return r.fromFact(fn, []facts.Witness{{Category: f.Category, Chain: f.Chain, Sink: f.Sink}})
		}
		return r.fromFact(fn, f.Witnesses())
	}
	if facts.InTable(path) {
		if c, ok := facts.LookupStd(fullName()); ok {
			return sink(fn, c)
		}
	}
	return nil
}

// Trusted reports whether a function is trusted never to block its
// caller, by the configuration or by a profile: waiting for a lock it
// takes is then the library's business, not the caller's.
func (r *Resolver) Trusted(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	if r.cfg.HasNameRules() && r.cfg.IsTrusted(fn.FullName()) {
		return true
	}
	return r.trustedPkgs[fn.Pkg().Path()] && r.trusted[fn.FullName()]
}

// withDeadlock adds to the Block of a profile's deadlock (a call that
// waits for the loop its caller runs on) a witness of category deadlock:
// the report keeps it only in the roots of that loop, and the call's own
// blocking everywhere.
func withDeadlock(fn *types.Func, b *Block) *Block {
	d := sink(fn, facts.Deadlock)
	if b == nil {
		return d
	}
	return Merge(d, b)
}

// sink is a Block for a function that is itself the blocking operation.
func sink(fn *types.Func, c facts.Category) *Block {
	name := names.Qualified(fn)
	return &Block{Callee: name, Witnesses: []facts.Witness{{Category: c, Sink: name}}}
}

// Callbacks returns the parameters an imported function calls
// synchronously, from its Callbacks fact or the standard-library table.
// It returns nil for the package's own functions: their summaries are
// computed from their bodies.
func (r *Resolver) Callbacks(fn *types.Func) []int {
	if fn.Pkg() == r.pkg {
		return nil
	}
	if ps, ok := r.callbacks[fn]; ok {
		return ps
	}
	var ps []int
	var f facts.Callbacks
	if r.importFact != nil && r.importFact(fn, &f) {
		ps = f.Params
	} else if fn.Pkg() != nil && facts.IsStdPath(fn.Pkg().Path()) {
		ps = facts.LookupStdCallbacks(fn.FullName())
	}
	r.callbacks[fn] = ps
	return ps
}

// Returns says what calling the function-typed result of an imported
// function does: the parameters the result calls synchronously, and how
// the result itself blocks (nil if it does not), from its Returns fact or
// the standard-library table. It returns nothing for the package's own
// functions: their results are summarized from their bodies.
func (r *Resolver) Returns(fn *types.Func) (calls []int, blocks *Block) {
	if fn.Pkg() == r.pkg {
		return nil, nil
	}
	if ret, ok := r.returns[fn]; ok {
		return ret.calls, ret.blocks
	}
	ret := new(returns)
	var f facts.Returns
	if r.importFact != nil && r.importFact(fn, &f) {
		ret.calls = f.Calls
		ret.blocks = r.fromFact(fn, f.Blocks)
		for _, m := range f.Methods {
			if b := r.fromWitnesses(m.Blocks); b != nil {
				if ret.methods == nil {
					ret.methods = make(map[string][]*Block)
				}
				ret.methods[m.Method] = []*Block{b}
			}
		}
	} else if fn.Pkg() != nil && facts.IsStdPath(fn.Pkg().Path()) {
		ret.calls = facts.LookupStdReturns(fn.FullName())
	}
	r.returns[fn] = ret
	return ret.calls, ret.blocks
}

// Streams returns the reader and writer parameters an imported function
// reads or writes synchronously, from its Streams fact. (The standard
// library's are in the stream tables, read by the graph.)
func (r *Resolver) Streams(fn *types.Func) []int {
	if fn.Pkg() == r.pkg || r.importFact == nil {
		return nil
	}
	if ps, ok := r.streams[fn]; ok {
		return ps
	}
	var ps []int
	var f facts.Streams
	if r.importFact(fn, &f) {
		ps = f.Params
	}
	r.streams[fn] = ps
	return ps
}

// A Store is a parameter a setter stores into a field or package variable.
type Store struct {
	Param int
	Var   *types.Var
	Key   string // as facts name it
}

// Stores returns the parameters an imported setter stores, from its Stores
// fact, with the fields resolved among the package's dependencies.
func (r *Resolver) Stores(fn *types.Func) []Store {
	if fn.Pkg() == r.pkg || r.importFact == nil {
		return nil
	}
	if s, ok := r.stores[fn]; ok {
		return s
	}
	var out []Store
	var f facts.Stores
	if r.importFact(fn, &f) {
		for _, p := range f.Params {
			if v := r.Slot(p.Field); v != nil {
				out = append(out, Store{p.Param, v, p.Field})
			}
		}
	}
	r.stores[fn] = out
	return out
}

// Slot resolves a field or variable named as facts name them
// (names.SlotKey), among the package and its dependencies; cached.
func (r *Resolver) Slot(key string) *types.Var {
	if v, ok := r.slots[key]; ok {
		return v
	}
	v := names.LookupSlot(r.pkg, key)
	r.slots[key] = v
	return v
}

// ResultMethods says how the methods of an imported function's result
// block, when its interface-typed result is always one concrete type (a
// Returns fact's Methods); nil if the fact does not say.
func (r *Resolver) ResultMethods(fn *types.Func) map[string][]*Block {
	if fn.Pkg() == r.pkg {
		return nil
	}
	r.Returns(fn)
	return r.returns[fn].methods
}

// fromWitnesses is the Block of witnesses whose chains already start with
// the function called (a method of another package's result), keeping the
// enabled categories.
func (r *Resolver) fromWitnesses(ws []facts.Witness) *Block {
	var keep []facts.Witness
	for _, w := range ws {
		if r.cfg.Categories.Has(w.Category) {
			keep = append(keep, w)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	callee := keep[0].Sink
	if len(keep[0].Chain) > 0 {
		callee = keep[0].Chain[0]
	}
	return NewBlock(callee, keep)
}
