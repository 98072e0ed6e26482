package graph

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strconv"

	"golang.org/x/tools/go/cfg"
)

// Constant arguments that decide a callee's branches.
//
// A function often takes a flag or a value that selects the slow path:
//
//	func (c *client) enqueueAndFlush(p []byte, doFlush bool) {
//		c.queue(p)
//		if !(doFlush && c.flush()) { c.signal() }
//	}
//	func (c *client) enqueue(p []byte) { c.enqueueAndFlush(p, false) }
//
// enqueue never reaches flush. For a call of a local function that passes
// constants to parameters that the callee's conditions read and that it
// never assigns, the places of the callee that cannot run with those
// values are Place.Skip: the solution does not let the call block through
// them. Reachability is decided on the callee's control-flow graph, with
// the values folded into the conditions of if and for statements (!p,
// p && x, p || x, n < 0, s == "") and into the operands of && and || that
// short-circuit. Only the first hop is specialized: the callee's own
// callees block as they do for every caller.

// condParams is what a callee's conditions read: the parameters (by
// index) that appear in a condition and that the body never assigns, and
// the body's control-flow graph, built once when first needed.
type condParams struct {
	params []int
	vars   []*types.Var
	cfg    *cfg.CFG
}

// linkConstArgs sets Place.Skip on the calls of local functions that pass
// constants to parameters their conditions read.
func (g *Graph) linkConstArgs() {
	var (
		conds map[*Node]*condParams
		memo  map[string][]int32
		key   []byte
	)
	for _, n := range g.Nodes {
		for i := range n.Places {
			pl := &n.Places[i]
			if pl.Call == nil || pl.AllOf || len(pl.Targets) != 1 {
				continue
			}
			t := pl.Targets[0]
			if t.Fn == nil || t.Fn != pl.Callee || t.Body == nil || !g.passesConstant(pl.Call) || isMethodExpr(g.in.Info, pl.Call) {
				continue
			}
			if conds == nil {
				conds, memo = make(map[*Node]*condParams), make(map[string][]int32)
			}
			cp, ok := conds[t]
			if !ok {
				cp = g.conditionParams(t)
				conds[t] = cp
			}
			if cp == nil {
				continue
			}
			env := map[*types.Var]constant.Value(nil)
			key = strconv.AppendInt(key[:0], int64(t.Index), 10)
			for k, pi := range cp.params {
				if pi >= len(pl.Call.Args) {
					continue
				}
				tv, ok := g.in.Info.Types[pl.Call.Args[pi]]
				if !ok || tv.Value == nil {
					continue
				}
				if env == nil {
					env = make(map[*types.Var]constant.Value)
				}
				env[cp.vars[k]] = tv.Value
				key = append(strconv.AppendInt(append(key, ' '), int64(pi), 10), '=')
				key = append(key, tv.Value.ExactString()...)
			}
			if env == nil {
				continue
			}
			skip, ok := memo[string(key)]
			if !ok {
				if cp.cfg == nil {
					cp.cfg = cfg.New(t.Body, func(*ast.CallExpr) bool { return true })
				}
				skip = unreachablePlaces(g.in.Info, t, cp.cfg, env)
				memo[string(key)] = skip
			}
			pl.Skip = skip
		}
	}
}

// passesConstant reports whether some argument of a call is a constant.
func (g *Graph) passesConstant(call *ast.CallExpr) bool {
	for _, a := range call.Args {
		if tv, ok := g.in.Info.Types[a]; ok && tv.Value != nil {
			return true
		}
	}
	return false
}

// isMethodExpr reports whether a call is of a method expression
// ((*T).m(x, ...)): its arguments start with the receiver.
func isMethodExpr(info *types.Info, call *ast.CallExpr) bool {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s != nil && s.Kind() == types.MethodExpr {
			return true
		}
	}
	return false
}

// conditionParams returns what t's conditions read, or nil when they
// read no parameter.
func (g *Graph) conditionParams(t *Node) *condParams {
	params := t.sig.Params()
	n := params.Len()
	if t.sig.Variadic() {
		n--
	}
	index := make(map[*types.Var]int)
	for i := 0; i < n; i++ {
		index[params.At(i)] = i
	}
	read := make(map[*types.Var]bool)
	ast.Inspect(t.Body, func(x ast.Node) bool {
		var cond ast.Expr
		switch x := x.(type) {
		case *ast.FuncLit:
			return false
		case *ast.IfStmt:
			cond = x.Cond
		case *ast.ForStmt:
			cond = x.Cond
		case *ast.BinaryExpr:
			if x.Op == token.LAND || x.Op == token.LOR {
				cond = x.X
			}
		}
		if cond != nil {
			ast.Inspect(cond, func(y ast.Node) bool {
				if id, ok := y.(*ast.Ident); ok {
					if v, ok := g.in.Info.Uses[id].(*types.Var); ok {
						if _, ok := index[v]; ok {
							read[v] = true
						}
					}
				}
				return true
			})
		}
		return true
	})
	for v := range assignedVars(g.in.Info, t.Body, read) {
		delete(read, v) // its value may change
	}
	if len(read) == 0 {
		return nil
	}
	cp := new(condParams)
	for i := 0; i < n; i++ {
		if v := params.At(i); read[v] {
			cp.params = append(cp.params, i)
			cp.vars = append(cp.vars, v)
		}
	}
	return cp
}

// unreachablePlaces returns the places of t (indices, sorted) that cannot
// run when its parameters have the values env gives, or nil.
func unreachablePlaces(info *types.Info, t *Node, c *cfg.CFG, env map[*types.Var]constant.Value) []int32 {
	if len(c.Blocks) == 0 {
		return nil
	}
	ev := constEval{info: info, env: env}
	live := ev.liveBlocks(c)

	// A place runs if some live node holds it and it is not the operand
	// of an && or || that short-circuits there.
	runs := make([]bool, len(t.Places))
	held := make([]bool, len(t.Places))
	order := make([]int, len(t.Places))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return t.Places[order[i]].Anchor < t.Places[order[j]].Anchor })
	for _, b := range c.Blocks {
		for _, nd := range b.Nodes {
			lo, hi := nd.Pos(), nd.End()
			k := sort.Search(len(order), func(k int) bool { return t.Places[order[k]].Anchor >= lo })
			for ; k < len(order) && t.Places[order[k]].Anchor < hi; k++ {
				p := order[k]
				held[p] = true
				if live[b.Index] && !runs[p] && !ev.shortCircuited(nd, t.Places[p].Anchor) {
					runs[p] = true
				}
			}
		}
	}
	var skip []int32
	for i := range t.Places {
		if held[i] && !runs[i] { // a place no node holds is kept: it may run
			skip = append(skip, int32(i))
		}
	}
	return skip
}

// assignedVars returns which of vars the body assigns or takes the
// address of, in it or in its literals.
func assignedVars(info *types.Info, body *ast.BlockStmt, vars map[*types.Var]bool) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	mark := func(e ast.Expr) {
		if id, ok := ast.Unparen(e).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok {
				if _, watched := vars[v]; watched {
					out[v] = true
				}
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			for _, l := range x.Lhs {
				mark(l)
			}
		case *ast.RangeStmt:
			if x.Tok == token.ASSIGN {
				mark(x.Key)
				if x.Value != nil {
					mark(x.Value)
				}
			}
		case *ast.UnaryExpr:
			if x.Op == token.AND {
				mark(x.X)
			}
		}
		return true
	})
	return out
}

// constEval folds conditions with some variables' values known.
type constEval struct {
	info *types.Info
	env  map[*types.Var]constant.Value
}

// tri is a folded boolean: false, true, or not known.
type tri int8

const (
	triUnknown tri = iota
	triFalse
	triTrue
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// value returns the constant an expression has, or nil.
func (ev *constEval) value(e ast.Expr) constant.Value {
	e = ast.Unparen(e)
	if tv, ok := ev.info.Types[e]; ok && tv.Value != nil {
		return tv.Value
	}
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := ev.info.Uses[id].(*types.Var); ok {
			return ev.env[v]
		}
	}
	return nil
}

func (ev *constEval) eval(e ast.Expr) tri {
	e = ast.Unparen(e)
	if v := ev.value(e); v != nil {
		if v.Kind() == constant.Bool {
			return triOf(constant.BoolVal(v))
		}
		return triUnknown
	}
	switch x := e.(type) {
	case *ast.UnaryExpr:
		if x.Op == token.NOT {
			switch ev.eval(x.X) {
			case triTrue:
				return triFalse
			case triFalse:
				return triTrue
			}
		}
	case *ast.BinaryExpr:
		switch x.Op {
		case token.LAND:
			l, r := ev.eval(x.X), ev.eval(x.Y)
			switch {
			case l == triFalse || r == triFalse:
				return triFalse
			case l == triTrue:
				return r
			}
		case token.LOR:
			l, r := ev.eval(x.X), ev.eval(x.Y)
			switch {
			case l == triTrue || r == triTrue:
				return triTrue
			case l == triFalse:
				return r
			}
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			l, r := ev.value(x.X), ev.value(x.Y)
			if l != nil && r != nil && comparableConsts(l, r, x.Op) {
				return triOf(constant.Compare(l, x.Op, r))
			}
		}
	}
	return triUnknown
}

// comparableConsts reports whether constant.Compare is defined for l op r.
func comparableConsts(l, r constant.Value, op token.Token) bool {
	lk, rk := l.Kind(), r.Kind()
	switch {
	case lk == constant.Unknown || rk == constant.Unknown:
		return false
	case lk == constant.Int || lk == constant.Float:
		return rk == constant.Int || rk == constant.Float
	case lk == constant.Bool:
		return rk == constant.Bool && (op == token.EQL || op == token.NEQ)
	}
	return lk == rk && lk == constant.String
}

// liveBlocks returns the blocks reachable from the entry when conditions
// that fold to a constant take one branch only: those of if and for
// statements (a case expression is compared with the switch's tag, and
// is not a condition by itself).
func (ev *constEval) liveBlocks(c *cfg.CFG) []bool {
	live := make([]bool, len(c.Blocks))
	work := []*cfg.Block{c.Blocks[0]}
	live[0] = true
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		succs := b.Succs
		if len(succs) == 2 && len(b.Nodes) > 0 && (succs[0].Kind == cfg.KindIfThen || succs[0].Kind == cfg.KindForBody) {
			if cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr); ok {
				switch ev.eval(cond) {
				case triTrue:
					succs = succs[:1]
				case triFalse:
					succs = succs[1:]
				}
			}
		}
		for _, s := range succs {
			if !live[s.Index] {
				live[s.Index] = true
				work = append(work, s)
			}
		}
	}
	return live
}

// shortCircuited reports whether the operation at pos inside nd is the
// right operand (or inside it) of an && whose left operand folds to false,
// or of an || whose left operand folds to true.
func (ev *constEval) shortCircuited(nd ast.Node, pos token.Pos) bool {
	cut := false
	ast.Inspect(nd, func(n ast.Node) bool {
		if cut || n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if b, ok := n.(*ast.BinaryExpr); ok && (b.Op == token.LAND || b.Op == token.LOR) && pos >= b.Y.Pos() {
			l := ev.eval(b.X)
			if (b.Op == token.LAND && l == triFalse) || (b.Op == token.LOR && l == triTrue) {
				cut = true
				return false
			}
		}
		return true
	})
	return cut
}
