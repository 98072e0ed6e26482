package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/facts"
)

// buildGraph creates a node for every function, method and function
// literal of the package and records, for each, the places in its body that
// may block. It walks the syntax tree with types (as ctrlflow does) rather
// than building SSA: that is enough to see calls, channel operations and
// selects, and costs a fraction of SSA on the hundreds of dependencies a
// go vet run visits.
func (p *packageRun) buildGraph() {
	var decls []*ast.FuncDecl
	for _, file := range p.pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, _ := p.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			n := p.nodeFor(fn)
			n.body = fd.Body
			p.addNode(n)
			if p.cfg.HasNameRules() {
				p.applyNameRules(n)
			}
			decls = append(decls, fd)
		}
	}
	p.applyProfiles()
	p.collectContracts()
	if len(p.contracts) > 0 {
		for _, n := range p.nodes {
			if n.root == "" {
				n.root = p.contractRoot(n.fn)
			}
		}
	}
	// Function literals and what local function variables hold must be
	// known before any body is walked: a call may come before the
	// assignment in source order, and a literal may be called before its
	// own body is reached.
	for i, fd := range decls {
		if fd.Body != nil {
			p.prepass(p.nodes[i], fd.Body)
		}
	}
	for _, n := range p.nodes[:len(decls)] {
		if n.body != nil {
			p.walk(n, n.body)
		}
	}
}

func (p *packageRun) addNode(n *node) {
	n.index = len(p.nodes)
	n.level, n.via = -1, -1
	p.nodes = append(p.nodes, n)
}

// prepass names the function literals of one declaration (Serve.func1,
// Serve.func2, ... in source order) and records the functions assigned to
// local variables, so that f := func() {...}; f() and m := s.Get; m() are
// followed like direct calls.
func (p *packageRun) prepass(decl *node, body *ast.BlockStmt) {
	count := 0
	var assigns [][2]ast.Expr // processed once every literal has its node
	var sends []sendSite
	var stack []ast.Node
	ast.Inspect(body, func(x ast.Node) bool {
		if x == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, x)
		switch x := x.(type) {
		case *ast.SendStmt:
			sends = append(sends, sendSite{x, inLoop(stack)})
		case *ast.FuncLit:
			count++
			n := &node{name: decl.name + ".func" + strconv.Itoa(count), body: x.Body}
			p.addNode(n)
			p.lits[x] = n
		case *ast.AssignStmt:
			if len(x.Lhs) == len(x.Rhs) {
				for i, lhs := range x.Lhs {
					assigns = append(assigns, [2]ast.Expr{lhs, x.Rhs[i]})
				}
			}
		case *ast.ValueSpec:
			if len(x.Names) == len(x.Values) {
				for i, name := range x.Names {
					assigns = append(assigns, [2]ast.Expr{name, x.Values[i]})
				}
			}
		}
		return true
	})
	for _, a := range assigns {
		p.assign(a[0], a[1])
	}
	if len(sends) > 0 {
		p.findRoomySends(assigns, sends)
	}
}

type sendSite struct {
	send   *ast.SendStmt
	inLoop bool
}

func inLoop(stack []ast.Node) bool {
	for _, n := range stack {
		switch n.(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		}
	}
	return false
}

// findRoomySends finds sends that cannot block: on a local channel made in
// this function with a constant buffer, assigned once, and sent to no more
// times than the buffer holds, none of them in a loop. ch := make(chan
// error, 1); ch <- err is the common case: a result handed back.
func (p *packageRun) findRoomySends(assigns [][2]ast.Expr, sends []sendSite) {
	info := p.pass.TypesInfo
	capacity := make(map[*types.Var]int64)
	assigned := make(map[*types.Var]int)
	for _, a := range assigns {
		id, ok := ast.Unparen(a[0]).(*ast.Ident)
		if !ok {
			continue
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		if v == nil {
			continue
		}
		assigned[v]++
		call, ok := ast.Unparen(a[1]).(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			continue
		}
		fun, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			continue
		}
		if b, ok := info.Uses[fun].(*types.Builtin); !ok || b.Name() != "make" {
			continue
		}
		if tv, ok := info.Types[call.Args[1]]; ok && tv.Value != nil {
			if n, ok := constant.Int64Val(tv.Value); ok && n > 0 {
				capacity[v] = n
			}
		}
	}
	count := make(map[*types.Var]int64)
	loops := make(map[*types.Var]bool)
	for _, s := range sends {
		if id, ok := ast.Unparen(s.send.Chan).(*ast.Ident); ok {
			if v, _ := info.Uses[id].(*types.Var); v != nil {
				count[v]++
				loops[v] = loops[v] || s.inLoop
			}
		}
	}
	for _, s := range sends {
		id, ok := ast.Unparen(s.send.Chan).(*ast.Ident)
		if !ok {
			continue
		}
		v, _ := info.Uses[id].(*types.Var)
		if c, ok := capacity[v]; ok && assigned[v] == 1 && !loops[v] && count[v] <= c {
			p.roomy[s.send] = true
		}
	}
}

// assign records that the local variable lhs may hold the function rhs.
func (p *packageRun) assign(lhs, rhs ast.Expr) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return
	}
	v, _ := p.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() || v.Parent() == p.pass.Pkg.Scope() {
		return
	}
	if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc {
		return
	}
	if t := p.funcValue(rhs); t != nil {
		p.vars[v] = append(p.vars[v], t)
	}
}

// funcValue returns the function an expression denotes, if it is one: a
// literal, a function or method name, a method value (s.Get) or a method
// expression ((*T).Get).
func (p *packageRun) funcValue(e ast.Expr) *target {
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.FuncLit); ok {
		if n := p.lits[lit]; n != nil {
			return &target{node: n}
		}
		return nil
	}
	var obj types.Object
	switch e := e.(type) {
	case *ast.Ident:
		obj = p.pass.TypesInfo.Uses[e]
	case *ast.SelectorExpr:
		if sel, ok := p.pass.TypesInfo.Selections[e]; ok {
			obj = sel.Obj()
		} else {
			obj = p.pass.TypesInfo.Uses[e.Sel]
		}
	case *ast.IndexExpr: // generic instantiation: F[int]
		return p.funcValue(e.X)
	case *ast.IndexListExpr:
		return p.funcValue(e.X)
	}
	fn, _ := obj.(*types.Func)
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if n := p.byFunc[fn]; n != nil && !isCgo(fn) {
		return &target{node: n}
	}
	return &target{fn: fn}
}

// walk records the places of body that may block into n. Function literals
// become nodes of their own: their bodies run when they are called, not
// where they are written.
func (p *packageRun) walk(n *node, body ast.Node) {
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			p.buildLit(x)
			return false
		case *ast.GoStmt:
			// The goroutine's function does not block the caller; its
			// operands are evaluated here and may.
			p.noteWhy(n, x.Go, "go "+exprText(ast.Unparen(x.Call.Fun))+": runs on another goroutine")
			p.walkOperands(n, x.Call)
			return false
		case *ast.DeferStmt:
			// A deferred call runs before the function returns: it blocks
			// the caller.
			p.addCall(n, x.Call, x.Defer, true)
			p.walkOperands(n, x.Call)
			return false
		case *ast.CallExpr:
			p.addCall(n, x, x.Pos(), false)
		case *ast.CompositeLit:
			if len(p.fieldRoots) > 0 {
				p.registerComposite(x)
			}
		case *ast.AssignStmt:
			if len(p.fieldRoots) > 0 {
				p.registerAssign(x)
			}
		case *ast.SendStmt:
			if !p.roomy[x] {
				p.addOp(n, x.Arrow, x.Pos(), "channel send")
			}
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				p.addOp(n, x.OpPos, x.OpPos, "channel receive")
			}
		case *ast.SelectStmt:
			p.walkSelect(n, x)
			return false
		case *ast.RangeStmt:
			if t := p.pass.TypesInfo.TypeOf(x.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					p.addOp(n, x.For, x.X.Pos(), "range over channel")
				}
			}
		}
		return true
	})
}

// buildLit walks a function literal's body once, into its own node.
func (p *packageRun) buildLit(lit *ast.FuncLit) {
	n := p.lits[lit]
	if n == nil || n.built {
		return
	}
	n.built = true
	p.walk(n, lit.Body)
}

// walkOperands walks what a go or defer statement evaluates at once: the
// function expression (unless it is a literal) and the arguments.
func (p *packageRun) walkOperands(n *node, call *ast.CallExpr) {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		p.buildLit(lit)
	} else {
		p.walk(n, call.Fun)
	}
	for _, arg := range call.Args {
		p.walk(n, arg)
	}
}

// walkSelect handles a select: without a default case it blocks as a
// whole; with one it does not, and its channel operations are not blocking
// places either. The operands of the cases and the bodies are walked.
func (p *packageRun) walkSelect(n *node, s *ast.SelectStmt) {
	hasDefault := false
	for _, c := range s.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			hasDefault = true
		}
	}
	if hasDefault {
		p.noteWhy(n, s.Select, "select has a default case: it does not wait")
	} else {
		// The control-flow graph has no node for the select itself: it
		// evaluates the first case's operands where the select starts.
		anchor := s.Select
		if len(s.Body.List) > 0 {
			anchor = s.Body.List[0].(*ast.CommClause).Comm.Pos()
		}
		p.addOp(n, s.Select, anchor, "select without default")
	}
	for _, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		switch comm := cc.Comm.(type) {
		case *ast.SendStmt:
			p.walk(n, comm.Chan)
			p.walk(n, comm.Value)
		case *ast.ExprStmt:
			p.walkRecvOperand(n, comm.X)
		case *ast.AssignStmt:
			for _, lhs := range comm.Lhs {
				p.walk(n, lhs)
			}
			for _, rhs := range comm.Rhs {
				p.walkRecvOperand(n, rhs)
			}
		}
		for _, stmt := range cc.Body {
			p.walk(n, stmt)
		}
	}
}

func (p *packageRun) walkRecvOperand(n *node, e ast.Expr) {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		p.walk(n, u.X)
		return
	}
	p.walk(n, e)
}

func (p *packageRun) addOp(n *node, pos, anchor token.Pos, what string) {
	if p.cfg.Categories.Has(facts.Chan) {
		n.places = append(n.places, place{pos: pos, anchor: anchor, what: what, op: facts.Chan})
	}
}

// addCall records a call if its callee may block or is a local function
// that might.
func (p *packageRun) addCall(n *node, call *ast.CallExpr, pos token.Pos, deferred bool) {
	info := p.pass.TypesInfo
	fun := ast.Unparen(call.Fun)
	pl := place{pos: pos, anchor: pos, deferred: deferred}
	if lit, ok := fun.(*ast.FuncLit); ok {
		t := p.lits[lit]
		if t == nil {
			return
		}
		pl.what = t.name
		pl.targets = []*node{t}
		n.places = append(n.places, pl)
		return
	}
	if tv, ok := info.Types[fun]; ok && tv.IsType() {
		return // a conversion
	}
	var targets []*target
	switch obj := typeutil.Callee(info, call).(type) {
	case *types.Func:
		if t := p.funcValue(fun); t != nil {
			targets = []*target{t}
		} else {
			targets = []*target{{fn: obj.Origin()}}
		}
		pl.call, pl.callee = call, obj.Origin()
		if len(p.paramRoots) > 0 {
			p.registerCall(call, pl.callee)
		}
	case *types.Var:
		targets = p.vars[obj]
		if i := paramIndex(n.fn, obj); i >= 0 {
			n.paramCalls = addInt(n.paramCalls, i)
		}
		if len(targets) == 0 {
			p.noteWhy(n, pos, exprText(fun)+": a function value whose target is not known here")
		}
	default:
		return // builtins, and calls of values whose origin is unknown
	}
	for _, t := range targets {
		if t.node != nil {
			pl.targets = append(pl.targets, t.node)
			continue
		}
		if pl.ext == nil {
			pl.ext = p.resolve(t.fn)
		}
		if p.cfg.LockHeld && !n.lockOps && (lockMethod(t.fn) != nil || p.importedLocks(t.fn) != nil) {
			n.lockOps = true
		}
	}
	if pl.ext != nil || len(pl.targets) > 0 || (pl.callee != nil && p.externalCallbacks(pl.callee) != nil) {
		pl.what = exprText(fun) // only for places kept: rendering allocates
		n.places = append(n.places, pl)
	}
}

// resolve says whether a function that has no body in this package may
// block: a cgo call, an interface method declared blocking here, an
// imported function with a Blocking fact, or a standard-library function in
// the table. Results are cached per pass: the same callee is usually called
// many times.
func (p *packageRun) resolve(fn *types.Func) *extBlock {
	if b, ok := p.external[fn]; ok {
		return b
	}
	b := p.resolveUncached(fn)
	if b != nil && !p.cfg.Categories.Has(b.category) {
		b = nil
	}
	p.external[fn] = b
	return b
}

func (p *packageRun) resolveUncached(fn *types.Func) *extBlock {
	if isCgo(fn) {
		name := qualifiedName(fn)
		return &extBlock{category: facts.Cgo, callee: name, sink: name}
	}
	// Full names allocate: compute one only when a rule may need it.
	full := ""
	fullName := func() string {
		if full == "" {
			full = fn.FullName()
		}
		return full
	}
	if p.cfg.HasNameRules() {
		if c, ok := p.cfg.Sink(fullName()); ok {
			name := qualifiedName(fn)
			return &extBlock{category: c, callee: name, sink: name}
		}
		if p.cfg.IsTrusted(fullName()) {
			return nil
		}
	}
	if c, ok := p.declaredIface[fn]; ok {
		name := qualifiedName(fn)
		return &extBlock{category: c, callee: name, sink: name}
	}
	if fn.Pkg() == p.pass.Pkg || fn.Pkg() == nil {
		return nil
	}
	path := fn.Pkg().Path()
	if p.trustedPkgs[path] && p.trusted[fullName()] {
		return nil
	}
	var f facts.Blocking
	if p.pass.ImportObjectFact(fn, &f) {
		return &extBlock{category: f.Category, callee: qualifiedName(fn), chain: f.Chain, sink: f.Sink}
	}
	if isStdPath(path) || path == "golang.org/x/sys/unix" {
		if c, ok := facts.LookupStd(fullName()); ok {
			name := qualifiedName(fn)
			return &extBlock{category: c, callee: name, sink: name}
		}
	}
	return nil
}

// applyNameRules applies the configuration's sinks, trusted functions and
// roots to a function of this package. Directives win over the
// configuration: they are next to the code.
func (p *packageRun) applyNameRules(n *node) {
	full := n.fn.FullName()
	if c, ok := p.cfg.Sink(full); ok && n.declared == "" && n.root == "" {
		n.declared = c
	}
	if p.cfg.IsTrusted(full) {
		n.trusted = true
	}
	if p.cfg.IsRoot(full) && n.root == "" && n.declared == "" {
		n.root = "configured root"
	}
}

// isCgo reports whether fn is a call into C. In cgo-processed files (what
// go vet and go/packages type-check) C.f is a generated Go function named
// _Cfunc_f; a driver without cgo processing shows package "C".
func isCgo(fn *types.Func) bool {
	return fn.Pkg() != nil && (fn.Pkg().Path() == "C" || strings.HasPrefix(fn.Name(), cgoPrefix))
}

const cgoPrefix = "_Cfunc_"

// exprText renders a callee expression for a message, clipped.
func exprText(e ast.Expr) string {
	s := types.ExprString(e)
	if strings.HasPrefix(s, cgoPrefix) {
		s = "C." + strings.TrimPrefix(s, cgoPrefix)
	}
	return clip(s)
}

// localName names a function as a reader of this package would:
// "Serve", "(*Server).flush", "Conn.Read".
func localName(fn *types.Func) string {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return fn.Name()
	}
	t := sig.Recv().Type()
	ptr := false
	if pt, ok := t.(*types.Pointer); ok {
		t, ptr = pt.Elem(), true
	}
	recv := "?"
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		recv = t.Obj().Name()
	case *types.Interface:
		recv = "interface"
	}
	if ptr {
		return "(*" + recv + ")." + fn.Name()
	}
	return recv + "." + fn.Name()
}

// qualifiedName names a function for readers of other packages:
// "store.Save", "store.(*DB).flush", "net.Conn.Read".
func qualifiedName(fn *types.Func) string {
	if name, ok := strings.CutPrefix(fn.Name(), cgoPrefix); ok {
		return "C." + name
	}
	if fn.Pkg() == nil {
		return localName(fn)
	}
	return fn.Pkg().Name() + "." + localName(fn)
}
