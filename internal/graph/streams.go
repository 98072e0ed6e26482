package graph

import (
	"go/ast"
	"go/types"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/sinks"
)

// Readers and writers: bufio.NewReader(conn).ReadString('\n'),
// json.NewDecoder(conn).Decode(&v) and io.Copy(dst, conn) block because
// what they end up reading is a connection, although the blocking Read
// happens inside a wrapper that only sees an io.Reader. The graph works out
// the origin of the value a stream call reads or writes — a connection, a
// file, an HTTP body, through the standard library's wrappers
// (facts.LookupStreamWrapper) and the function's own variables — and the
// call then blocks in that origin's category. Values that come from a
// parameter make the function a stream function (Node.StreamParams, a
// Streams fact): its callers block as the arguments they pass.

// An origin is where a reader or writer comes from.
type origin struct {
	kinds  []streamKind // concrete values, by category, first found first
	params []int        // parameters of the function it may come from
}

// A streamKind is one concrete value read or written: its category, and
// how the chain's sink names it ("net.Conn", "os.(*File)").
type streamKind struct {
	category facts.Category
	desc     string
}

func (o *origin) add(k streamKind) {
	for _, x := range o.kinds {
		if x.category == k.category {
			return
		}
	}
	o.kinds = append(o.kinds, k)
}

func (o *origin) merge(p origin) {
	for _, k := range p.kinds {
		o.add(k)
	}
	for _, i := range p.params {
		o.params = addInt(o.params, i)
	}
}

// originOf returns where the value of e, in function n, comes from.
func (g *Graph) originOf(n *Node, e ast.Expr, seen map[*types.Var]bool) origin {
	var o origin
	e = ast.Unparen(e)
	if k, ok := g.concreteStream(e); ok {
		if k.category != "" {
			o.add(k)
		}
		return o // a standard stream or an in-memory value: nothing to block on
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if tv, ok := g.in.Info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return g.originOf(n, e.Args[0], seen) // a conversion: io.Reader(conn)
		}
		fn := calleeOf(g.in.Info, e)
		if fn == nil || fn.Pkg() == nil || !facts.IsStdPath(fn.Pkg().Path()) {
			return o
		}
		args := g.stdStream(fn).wraps
		variadic := fn.Type().(*types.Signature).Variadic()
		for _, i := range args {
			last := i
			if variadic && i == fn.Type().(*types.Signature).Params().Len()-1 {
				last = len(e.Args) - 1 // every variadic argument
			}
			for j := i; j <= last && j < len(e.Args); j++ {
				o.merge(g.originOf(n, e.Args[j], seen))
			}
		}
	case *ast.TypeAssertExpr:
		return g.originOf(n, e.X, seen)
	case *ast.Ident:
		v, _ := g.in.Info.Uses[e].(*types.Var)
		if v == nil || seen[v] {
			return o
		}
		if i := paramIndex(n.sig, v); i >= 0 {
			o.params = addInt(o.params, i)
			return o
		}
		if seen == nil {
			seen = make(map[*types.Var]bool)
		}
		seen[v] = true
		for _, rhs := range g.streamVars[v] {
			o.merge(g.originOf(n, rhs, seen))
		}
	}
	return o
}

// concreteStream says what a value is by its type or by what it names: a
// connection or a file (blocking), a standard stream or an in-memory
// reader or writer (not blocking: category ""). ok is false when that is
// not known from the expression itself.
func (g *Graph) concreteStream(e ast.Expr) (streamKind, bool) {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if v, _ := g.in.Info.Uses[sel.Sel].(*types.Var); v != nil && v.Pkg() != nil && v.Pkg().Path() == "os" && v.Parent() == v.Pkg().Scope() {
			switch v.Name() {
			case "Stdin", "Stdout", "Stderr":
				return streamKind{}, true
			}
		}
		if s, ok := g.in.Info.Selections[sel]; ok && s.Kind() == types.FieldVal && sel.Sel.Name == "Body" {
			switch typeName(s.Recv()) {
			case "net/http.Response":
				return streamKind{facts.Net, "http.Response.Body"}, true
			case "net/http.Request":
				return streamKind{facts.Net, "http.Request.Body"}, true
			}
		}
	}
	t := g.in.Info.TypeOf(e)
	if t == nil {
		return streamKind{}, false
	}
	switch name := typeName(t); name {
	case "net.Conn", "net.PacketConn", "net.TCPConn", "net.UDPConn", "net.UnixConn", "net.IPConn", "crypto/tls.Conn":
		return streamKind{facts.Net, names.TypeString(t)}, true
	case "os.File":
		return streamKind{facts.File, names.TypeString(t)}, true
	case "bytes.Buffer", "bytes.Reader", "strings.Reader", "strings.Builder":
		return streamKind{}, true
	}
	return streamKind{}, false
}

// typeName is the full name of a (pointer to a) named type:
// "net/http.Response".
func typeName(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// streamOperands returns the operands a call of fn reads or writes, and
// whether it writes, from the standard-library table; for a function with
// a Streams summary (local or a fact), the arguments in its positions.
func (g *Graph) streamOperands(call *ast.CallExpr, fn *types.Func) (operands []ast.Expr, write, known bool) {
	if fn.Pkg() != nil && facts.IsStdPath(fn.Pkg().Path()) {
		io := g.stdStream(fn).io
		if io == nil {
			return nil, false, false
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && io.Receiver {
			if s, ok := g.in.Info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				operands = append(operands, sel.X)
			}
		}
		for _, i := range io.Args {
			if i < len(call.Args) {
				operands = append(operands, call.Args[i])
			}
		}
		return operands, io.Write, true
	}
	for _, i := range g.streamParams(fn) {
		if i < len(call.Args) {
			operands = append(operands, call.Args[i])
		}
	}
	return operands, false, len(operands) > 0
}

// streamParams returns the parameters fn reads or writes.
func (g *Graph) streamParams(fn *types.Func) []int {
	if n := g.ByFunc[fn]; n != nil {
		return n.StreamParams
	}
	return g.in.Callees.Streams(fn)
}

// streamBlock returns how a stream call of fn in n blocks, from what its
// operands are, and records the parameters of n it reads or writes.
func (g *Graph) streamBlock(n *Node, call *ast.CallExpr, fn *types.Func) (*sinks.Block, bool) {
	operands, write, known := g.streamOperands(call, fn)
	if !known {
		return nil, false
	}
	var o origin
	for _, e := range operands {
		o.merge(g.originOf(n, e, nil))
	}
	changed := false
	for _, i := range o.params {
		if !containsInt(n.StreamParams, i) {
			n.StreamParams = addInt(n.StreamParams, i)
			changed = true
		}
	}
	if len(o.kinds) == 0 {
		return nil, changed
	}
	callee := names.Qualified(fn)
	var ws []facts.Witness
	for _, k := range o.kinds {
		if !g.in.Categories.Has(k.category) {
			continue
		}
		sink := k.desc
		if facts.IsStdPath(fn.Pkg().Path()) {
			sink += map[bool]string{false: ".Read", true: ".Write"}[write]
		}
		ws = append(ws, facts.Witness{Category: k.category, Chain: []string{callee}, Sink: sink})
	}
	return sinks.NewBlock(callee, ws), changed
}

// stdStreamInfo is what the stream tables say of a standard-library
// function.
type stdStreamInfo struct {
	wraps []int
	io    *facts.StreamIO
}

// stdStream looks a standard-library function up in the stream tables,
// once per function: most calls of a package are to std, and full names
// allocate.
func (g *Graph) stdStream(fn *types.Func) stdStreamInfo {
	if info, ok := g.streamInfo[fn]; ok {
		return info
	}
	full := fn.FullName()
	info := stdStreamInfo{facts.LookupStreamWrapper(full), facts.LookupStreamIO(full)}
	g.streamInfo[fn] = info
	return info
}
