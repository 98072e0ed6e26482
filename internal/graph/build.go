package graph

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/sinks"
)

// Build creates a node for every function, method and function literal of
// the package and records, for each, the places in its body that may
// block.
func Build(in Input) *Graph {
	g := &Graph{
		Pkg:        in.Pkg,
		ByFunc:     make(map[*types.Func]*Node),
		Lits:       make(map[*ast.FuncLit]*Node),
		in:         in,
		vars:       make(map[*types.Var][]*Target),
		streamVars: make(map[*types.Var][]ast.Expr),
		slots:      make(map[Slot][]*Target),
		streamInfo: make(map[*types.Func]stdStreamInfo),
		SlotKeys:   make(map[*types.Var]string),
		roomy:      make(map[*ast.SendStmt]bool),
	}
	var decls []*ast.FuncDecl
	for _, file := range in.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			fn, _ := in.Info.Defs[fd.Name].(*types.Func)
			if fn == nil {
				continue
			}
			n := &Node{Name: names.Local(fn), Fn: fn, Body: fd.Body, sig: fn.Type().(*types.Signature)}
			g.ByFunc[fn] = n
			g.addNode(n)
			decls = append(decls, fd)
		}
	}

	// Function literals and what local function variables hold must be
	// known before any body is walked: a call may come before the
	// assignment in source order, and a literal may be called before its
	// own body is reached.
	g.oneShot, g.madeOnce = g.oneShotFields()
	for i, fd := range decls {
		if fd.Body != nil {
			g.prepass(g.Nodes[i], fd.Body)
		}
	}
	g.storePackageVars()
	g.resolveSetterCalls()
	for _, n := range g.Nodes[:len(decls)] {
		if n.Body != nil {
			g.walk(n, n.Body)
		}
	}
	g.linkConstArgs()
	return g
}

func (g *Graph) addNode(n *Node) {
	n.Index = len(g.Nodes)
	g.Nodes = append(g.Nodes, n)
}

// prepass names the function literals of one declaration (Serve.func1,
// Serve.func2, ... in source order) and records the functions assigned to
// local variables, so that f := func() {...}; f() and m := s.Get; m() are
// followed like direct calls.
func (g *Graph) prepass(decl *Node, body *ast.BlockStmt) {
	count := 0
	var assigns [][2]ast.Expr // processed once every literal has its node
	var owners []*Node        // the function each assignment is in
	var composites []pendingComposite
	var ranges []*ast.RangeStmt
	var sends []sendSite
	stack := g.stack[:0]
	outers := append(g.outers[:0], decl) // the function each literal is written in
	defer func() { g.stack, g.outers = stack[:0], outers[:0] }()
	ast.Inspect(body, func(x ast.Node) bool {
		if x == nil {
			if _, ok := stack[len(stack)-1].(*ast.FuncLit); ok {
				outers = outers[:len(outers)-1]
			}
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, x)
		switch x := x.(type) {
		case *ast.SendStmt:
			sends = append(sends, sendSite{send: x, inLoop: inLoop(stack), next: nextStmt(stack)})
		case *ast.FuncLit:
			count++
			n := &Node{Name: decl.Name + ".func" + strconv.Itoa(count), Body: x.Body, Outer: outers[len(outers)-1]}
			n.sig, _ = g.in.Info.TypeOf(x).(*types.Signature)
			g.addNode(n)
			g.Lits[x] = n
			outers = append(outers, n)
		case *ast.AssignStmt:
			if len(x.Lhs) == 2 && len(x.Rhs) == 1 {
				if _, ok := ast.Unparen(x.Rhs[0]).(*ast.IndexExpr); ok {
					// fn, ok := m[k]: fn holds what the map holds.
					assigns = append(assigns, [2]ast.Expr{x.Lhs[0], x.Rhs[0]})
					owners = append(owners, outers[len(outers)-1])
				}
			}
			if len(x.Lhs) == len(x.Rhs) {
				for i, lhs := range x.Lhs {
					assigns = append(assigns, [2]ast.Expr{lhs, x.Rhs[i]})
					owners = append(owners, outers[len(outers)-1])
				}
			}
		case *ast.ValueSpec:
			if len(x.Names) == len(x.Values) {
				for i, name := range x.Names {
					assigns = append(assigns, [2]ast.Expr{name, x.Values[i]})
					owners = append(owners, outers[len(outers)-1])
				}
			}
		case *ast.CompositeLit:
			composites = append(composites, pendingComposite{outers[len(outers)-1], x})
		case *ast.RangeStmt:
			ranges = append(ranges, x)
		case *ast.CallExpr:
			if g.passesFunc(x) {
				g.setterCalls = append(g.setterCalls, setterCall{outers[len(outers)-1], x})
			}
		}
		return true
	})
	for i, a := range assigns {
		g.assign(a[0], a[1])
		g.storeAssign(owners[i], a[0], a[1])
	}
	for _, c := range composites {
		g.storeComposite(c.owner, c.lit)
	}
	for _, r := range ranges {
		g.rangeSlot(r)
	}
	if len(sends) > 0 {
		g.findRoomySends(assigns, sends)
	}
}

// assign records that the local variable lhs may hold the function rhs.
func (g *Graph) assign(lhs, rhs ast.Expr) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok {
		return
	}
	v, _ := g.in.Info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() || v.Parent() == g.in.Pkg.Scope() {
		return
	}
	switch v.Type().Underlying().(type) {
	case *types.Interface, *types.Pointer:
		// Readers and writers are interfaces and pointers: what they
		// hold decides what reading them blocks on (streams.go).
		g.streamVars[v] = append(g.streamVars[v], rhs)
		return
	case *types.Signature:
	default:
		return
	}
	if t := g.funcValue(rhs); t != nil {
		g.vars[v] = append(g.vars[v], t)
	} else if sl, ok := g.slotOf(rhs); ok {
		// fn := s.handlers[k], h := e.onMsg: a local copy of a slot
		// holds what the slot holds.
		g.vars[v] = append(g.vars[v], &Target{Slot: &sl})
	}
}

// funcValue returns the function an expression denotes, if it is one: a
// literal, a function or method name, a method value (s.Get) or a method
// expression ((*T).Get).
func (g *Graph) funcValue(e ast.Expr) *Target {
	e = ast.Unparen(e)
	if lit, ok := e.(*ast.FuncLit); ok {
		if n := g.Lits[lit]; n != nil {
			return &Target{Node: n}
		}
		return nil
	}
	var obj types.Object
	switch e := e.(type) {
	case *ast.Ident:
		obj = g.in.Info.Uses[e]
	case *ast.SelectorExpr:
		if sel, ok := g.in.Info.Selections[e]; ok {
			obj = sel.Obj()
		} else {
			obj = g.in.Info.Uses[e.Sel]
		}
	case *ast.IndexExpr: // generic instantiation: F[int]
		return g.funcValue(e.X)
	case *ast.IndexListExpr:
		return g.funcValue(e.X)
	case *ast.CallExpr:
		if tv, ok := g.in.Info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return g.funcValue(e.Args[0]) // a conversion: HandlerFunc(f)
		}
		// What a call returns, when it returns a function: resolved
		// once the summaries of its callee are known.
		if isFuncType(g.in.Info.TypeOf(e)) && calleeOf(g.in.Info, e) != nil {
			return &Target{Result: e}
		}
		return nil
	}
	fn, _ := obj.(*types.Func)
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if n := g.ByFunc[fn]; n != nil && !names.IsCgo(fn) {
		return &Target{Node: n}
	}
	return &Target{Fn: fn}
}

// walk records the places of body that may block into n. Function literals
// become nodes of their own: their bodies run when they are called, not
// where they are written.
func (g *Graph) walk(n *Node, body ast.Node) {
	ast.Inspect(body, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.FuncLit:
			g.buildLit(x)
			return false
		case *ast.GoStmt:
			// The goroutine's function does not block the caller; its
			// operands are evaluated here and may.
			g.noteWhy(n, x.Go, "go "+names.Expr(ast.Unparen(x.Call.Fun))+": runs on another goroutine")
			g.walkOperands(n, x.Call)
			return false
		case *ast.DeferStmt:
			// A deferred call runs before the function returns: it blocks
			// the caller.
			g.addCall(n, x.Call, x.Defer, true)
			g.walkOperands(n, x.Call)
			return false
		case *ast.CallExpr:
			g.addCall(n, x, x.Pos(), false)
		case *ast.CompositeLit:
			if len(g.in.Watch.Fields) > 0 {
				g.registerComposite(x)
			}
		case *ast.AssignStmt:
			if len(g.in.Watch.Fields) > 0 {
				g.registerAssign(x)
			}
		case *ast.SendStmt:
			if !g.roomy[x] {
				g.addOp(n, x.Arrow, x.Pos(), x.End(), "channel send")
			}
		case *ast.UnaryExpr:
			if x.Op == token.ARROW {
				g.addOp(n, x.OpPos, x.OpPos, x.End(), "channel receive")
			}
		case *ast.IfStmt:
			if constFalse(g.in.Info, x.Cond) {
				// The body never runs (a debug switch off by a
				// build tag): only the rest of the statement does.
				for _, part := range []ast.Node{x.Init, x.Cond, x.Else} {
					if part != nil {
						g.walk(n, part)
					}
				}
				return false
			}
		case *ast.SelectStmt:
			g.walkSelect(n, x)
			return false
		case *ast.RangeStmt:
			if t := g.in.Info.TypeOf(x.X); t != nil {
				switch t.Underlying().(type) {
				case *types.Chan:
					g.addOp(n, x.For, x.X.Pos(), x.X.End(), "range over channel")
				case *types.Signature:
					// A range-over-func loop calls the iterator, with the
					// loop body as its yield function.
					g.addRangeFunc(n, x)
				}
			}
		case *ast.ReturnStmt:
			g.addReturn(n, x)
			g.addConcreteResult(n, x)
		}
		return true
	})
}

// addRangeFunc records a range over an iterator function as a call of it.
func (g *Graph) addRangeFunc(n *Node, r *ast.RangeStmt) {
	pl := Place{Pos: r.For, Anchor: r.X.Pos(), End: r.X.End()}
	g.addTargets(n, &pl, g.argTargets(r.X))
	if pl.Ext != nil || len(pl.Targets) > 0 || len(pl.Results) > 0 {
		pl.What = "range over " + names.Expr(r.X)
		n.Places = append(n.Places, pl)
	}
}

// isStdStreamCall reports whether a call is a method of *os.File on one of
// the standard streams, os.Stdout, os.Stderr or os.Stdin: those do not
// count as file I/O, as fmt.Println to the same stream does not.
func isStdStreamCall(info *types.Info, fun ast.Expr, fn *types.Func) bool {
	if fn.Pkg() == nil || fn.Pkg().Path() != "os" {
		return false
	}
	sel, ok := fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	recv, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, _ := info.Uses[recv.Sel].(*types.Var)
	if v == nil || v.Pkg() == nil || v.Pkg().Path() != "os" || v.Parent() != v.Pkg().Scope() {
		return false
	}
	switch v.Name() {
	case "Stdout", "Stderr", "Stdin":
		return true
	}
	return false
}

// isFuncType reports whether t is a function type (iter.Seq[T] is one).
func isFuncType(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Signature)
	return ok
}

// addReturn records the functions a return statement returns: local
// functions and literals, the function's own parameters (calling the
// result calls them), and the results of calls (return wrap(h)).
func (g *Graph) addReturn(n *Node, r *ast.ReturnStmt) {
	for _, e := range r.Results {
		if !isFuncType(g.in.Info.TypeOf(e)) {
			continue
		}
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := g.in.Info.Uses[id].(*types.Var); ok {
				if i := paramIndex(n.sig, v); i != notParam {
					n.ReturnCalls = addInt(n.ReturnCalls, i)
				}
			}
		}
		for _, t := range g.argTargets(e) {
			switch {
			case t.Node != nil:
				n.ReturnTargets = appendNode(n.ReturnTargets, t.Node)
			case t.Result != nil:
				n.returnCalls = append(n.returnCalls, t.Result)
			}
		}
	}
}

// buildLit walks a function literal's body once, into its own node.
func (g *Graph) buildLit(lit *ast.FuncLit) {
	n := g.Lits[lit]
	if n == nil || n.built {
		return
	}
	n.built = true
	g.walk(n, lit.Body)
}

// walkOperands walks what a go or defer statement evaluates at once: the
// function expression (unless it is a literal) and the arguments.
func (g *Graph) walkOperands(n *Node, call *ast.CallExpr) {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		g.buildLit(lit)
	} else {
		g.walk(n, call.Fun)
	}
	for _, arg := range call.Args {
		g.walk(n, arg)
	}
}

// walkSelect handles a select: without a default case it blocks as a
// whole; with one it does not, and its channel operations are not blocking
// places either. The operands of the cases and the bodies are walked.
func (g *Graph) walkSelect(n *Node, s *ast.SelectStmt) {
	hasDefault := false
	for _, c := range s.Body.List {
		if c.(*ast.CommClause).Comm == nil {
			hasDefault = true
		}
	}
	if hasDefault {
		g.noteWhy(n, s.Select, "select has a default case: it does not wait")
	} else {
		// The control-flow graph has no node for the select itself: it
		// evaluates the first case's operands where the select starts.
		anchor := s.Select
		if len(s.Body.List) > 0 {
			anchor = s.Body.List[0].(*ast.CommClause).Comm.Pos()
		}
		g.addOp(n, s.Select, anchor, s.Select+token.Pos(len("select")), "select without default")
	}
	for _, c := range s.Body.List {
		cc := c.(*ast.CommClause)
		switch comm := cc.Comm.(type) {
		case *ast.SendStmt:
			g.walk(n, comm.Chan)
			g.walk(n, comm.Value)
		case *ast.ExprStmt:
			g.walkRecvOperand(n, comm.X)
		case *ast.AssignStmt:
			for _, lhs := range comm.Lhs {
				g.walk(n, lhs)
			}
			for _, rhs := range comm.Rhs {
				g.walkRecvOperand(n, rhs)
			}
		}
		for _, stmt := range cc.Body {
			g.walk(n, stmt)
		}
	}
}

func (g *Graph) walkRecvOperand(n *Node, e ast.Expr) {
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		g.walk(n, u.X)
		return
	}
	g.walk(n, e)
}

func (g *Graph) addOp(n *Node, pos, anchor, end token.Pos, what string) {
	if g.in.Categories.Has(facts.Chan) {
		n.Places = append(n.Places, Place{Pos: pos, Anchor: anchor, End: end, What: what, Op: facts.Chan})
	}
}

// addCall records a call if its callee may block or is a local function
// that might.
func (g *Graph) addCall(n *Node, call *ast.CallExpr, pos token.Pos, deferred bool) {
	fun := ast.Unparen(call.Fun)
	pl := Place{Pos: pos, Anchor: pos, End: call.End(), Deferred: deferred}
	if lit, ok := fun.(*ast.FuncLit); ok {
		t := g.Lits[lit]
		if t == nil {
			return
		}
		pl.What = t.Name
		pl.Targets = []*Node{t}
		n.Places = append(n.Places, pl)
		return
	}
	if tv, ok := g.in.Info.Types[fun]; ok && tv.IsType() {
		return // a conversion
	}
	var buf [1]*Target // most calls have one target: keep it off the heap
	targets, ok := g.callTargets(n, call, fun, &pl, buf[:0])
	if !ok {
		return // builtins, and calls of values whose origin is unknown
	}
	g.addTargets(n, &pl, targets)
	if pl.Callee != nil {
		if b, _ := g.streamBlock(n, call, pl.Callee); b != nil {
			pl.Ext = sinks.Merge(pl.Ext, b)
		}
	}
	if pl.Ext != nil || len(pl.Targets) > 0 || len(pl.Results) > 0 || pl.iface != nil || (pl.Callee != nil && g.in.Callees.Callbacks(pl.Callee) != nil) {
		pl.What = names.Expr(fun) // only for places kept: rendering allocates
		n.Places = append(n.Places, pl)
	}
}

// addTargets adds the functions a place may call: local ones are followed,
// imported ones are resolved, results of calls are resolved later.
func (g *Graph) addTargets(n *Node, pl *Place, targets []*Target) {
	for _, t := range targets {
		switch {
		case t.Slot != nil:
			g.addTargets(n, pl, g.slotTargets(*t.Slot))
		case t.Node != nil:
			pl.Targets = append(pl.Targets, t.Node)
		case t.Result != nil:
			pl.Results = append(pl.Results, t.Result)
		default:
			b := g.in.Callees.Blocking(t.Fn)
			if pl.AllOf && b == nil {
				pl.allOfQuiet = true // one instantiation does not block
			}
			pl.Ext = sinks.Merge(pl.Ext, b)
			if g.in.LockOps != nil && !n.LockOps && g.in.LockOps(t.Fn) {
				n.LockOps = true
			}
		}
	}
	if pl.allOfQuiet {
		pl.Ext, pl.Targets = nil, nil
	}
}

// callTargets returns the functions a call may call: its static callee, or
// what a local function variable may hold. A call of a function-typed
// parameter adds to the caller's callback summary. ok is false for calls
// that are not of a function or variable (builtins, results of calls). A
// static callee is appended to buf.
func (g *Graph) callTargets(n *Node, call *ast.CallExpr, fun ast.Expr, pl *Place, buf []*Target) (targets []*Target, ok bool) {
	switch obj := typeutil.Callee(g.in.Info, call).(type) {
	case *types.Func:
		if isStdStreamCall(g.in.Info, fun, obj) {
			return nil, false
		}
		if ts, ok := g.constraintTargets(fun, obj, buf); ok {
			pl.AllOf = true
			targets = ts
		} else if sel, ok := fun.(*ast.SelectorExpr); ok && isInterfaceMethod(obj) && g.mayKnowConcrete(sel.X) {
			pl.iface = &pendingIface{sel.X, obj}
			targets = append(buf, &Target{Fn: obj.Origin()})
		} else if t := g.funcValue(fun); t != nil {
			targets = append(buf, t)
		} else {
			targets = append(buf, &Target{Fn: obj.Origin()})
		}
		pl.Call, pl.Callee = call, obj.Origin()
		if len(g.in.Watch.Params) > 0 {
			g.registerCall(call, pl.Callee)
		}
	case *types.Var:
		targets = g.vars[obj]
		for _, t := range targets {
			if t.Slot != nil {
				n.addSlotCall(t.Slot.Var) // a local copy of a field or variable
			}
		}
		if s, ok := g.slotOf(fun); ok {
			// A field or package variable: what is stored there.
			targets = append(append(buf, targets...), g.slotTargets(s)...)
			n.addSlotCall(s.Var)
		}
		if i := paramIndex(n.sig, obj); i != notParam {
			n.ParamCalls = addInt(n.ParamCalls, i)
		} else if owner, i := outerParam(n, obj); owner != nil {
			n.Captured = addCaptured(n.Captured, Captured{owner, i})
		}
		if len(targets) == 0 {
			g.noteWhy(n, pl.Pos, names.Expr(fun)+": a function value whose target is not known here")
		}
	default:
		// An element of a map or slice of functions: routes[k](b).
		if ix, ok := fun.(*ast.IndexExpr); ok {
			if s, ok := g.containerOf(ix.X); ok {
				return append(buf, g.slotTargets(s)...), true
			}
		}
		// A call of what a call returns: wrap(h)().
		if t := g.funcValue(fun); t != nil && t.Result != nil {
			return append(buf, t), true
		}
		return nil, false
	}
	return targets, true
}

// noteWhy records a note for -why; a no-op otherwise.
func (g *Graph) noteWhy(n *Node, pos token.Pos, text string) {
	if g.in.Notes {
		n.Notes = append(n.Notes, Note{pos, text})
	}
}

// constFalse reports whether a condition is false whatever the values:
// it folds to false with no variable known (constargs.go).
func constFalse(info *types.Info, cond ast.Expr) bool {
	return (&constEval{info: info}).eval(cond) == triFalse
}
