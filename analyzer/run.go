package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	gocfg "golang.org/x/tools/go/cfg"

	"github.com/blockcheck/blockcheck/facts"
)

// packageRun is the state of one analysis pass over one package. It is
// built, solved, reported and dropped; nothing outlives the pass.
type packageRun struct {
	pass *analysis.Pass
	cfg  Config

	nodes  []*node                  // every function and literal, in source order
	byFunc map[*types.Func]*node    // declared functions and methods
	lits   map[*ast.FuncLit]*node   // function literals
	vars   map[*types.Var][]*target // what local function variables are assigned
	roomy  map[*ast.SendStmt]bool   // sends on local channels with room for them

	declaredIface  map[*types.Func]facts.Category // interface methods declared blocking here
	localContracts []*types.Func                  // interface methods declared nonblocking here
	contracts      map[string][]contract          // by method name: interface methods whose implementations are roots
	ignores        map[lineKey]bool               // lines silenced by //blockcheck:ignore
	localFields    []string                       // "Struct.Field": function-typed fields declared nonblocking here
	fieldRoots     map[*types.Var]string          // function-typed fields whose functions are roots, and their names
	paramRoots     map[*types.Func][]paramRoot    // registration functions whose function arguments are roots
	registered     []registration                 // imported functions registered as roots, checked after solving
	trusted        map[string]bool                // functions the profiles trust not to block, by full name
	trustedPkgs    map[string]bool                // the packages of those functions: a cheap filter
	excluded       bool                           // the configuration excludes this package from reporting
	explaining     bool                           // collect notes for -why
	external       map[*types.Func]*extBlock      // imported callees, resolved once
	externalLocks  map[*types.Func]*facts.Locks   // imported callees' lock summaries, resolved once
	externalCbs    map[*types.Func][]int          // imported callees' callback parameters, resolved once
	locks          map[*types.Func]*facts.Locks   // this package's lock summaries
	cfgs           map[*node]*gocfg.CFG           // control-flow graphs, built once per function
}

// A node is a function body of this package: a declared function or
// method, or a function literal.
type node struct {
	index int
	name  string      // display name in this package: "Serve", "(*Server).flush", "Serve.func1"
	fn    *types.Func // nil for literals
	body  *ast.BlockStmt
	built bool

	places []place

	// Set from directives and contracts before solving.
	root     string         // why it must not block; "" if it is not a root
	declared facts.Category // declared blocking by //blockcheck:blocking
	trusted  bool           // trusted by the configuration never to block
	lockedBy string         // the lock held on entry, from //blockcheck:locked

	registeredAs string // for a literal registered as a root: what as ("evio.Events.Data")

	notes []whyNote // with -why only: what the body does that does not block, and why

	// paramCalls are the parameters (indices from 0, receiver not
	// counted) the function calls synchronously, directly or by passing
	// them to a function that does: a Callbacks fact.
	paramCalls []int

	// lockOps is set when the body takes or releases a lock, directly or
	// through a function whose Locks fact says so: only such bodies, and
	// those called with a lock held, need the lock-held check.
	lockOps bool

	// The solution: level is the length of the shortest path to a blocking
	// operation (-1: may not block); via is the place it goes through (-1
	// when the function is declared blocking).
	level int
	via   int
}

// A place is one point in a function body that may block: a channel
// operation, a select, or a call.
type place struct {
	pos      token.Pos
	anchor   token.Pos // where the control-flow graph evaluates it; pos unless that is outside every statement
	what     string    // the operation ("channel send") or the callee as written ("s.flush")
	deferred bool

	op      facts.Category // a blocking operation of this category, or ""
	targets []*node        // local functions it may call
	ext     *extBlock      // an imported function it calls that may block, or nil

	// Calls of functions that call their function arguments: the callee,
	// and the arguments it calls, local and imported.
	call      *ast.CallExpr
	callee    *types.Func
	cbTargets []*node
	cbExt     *extBlock
}

// A target is one value a function variable may hold.
type target struct {
	node *node       // a local function or literal
	fn   *types.Func // an imported function or an interface method
}

// extBlock says how an imported callee blocks.
type extBlock struct {
	category facts.Category
	callee   string   // qualified name of the callee
	chain    []string // hops after the callee
	sink     string
}

// A contract is an interface method whose implementations are roots.
type contract struct {
	iface *types.Interface
	name  string // "pkg.Iface.Method"
}

type lineKey struct {
	file string
	line int
}

func newPackageRun(pass *analysis.Pass, cfg Config) *packageRun {
	return &packageRun{
		pass:          pass,
		cfg:           cfg,
		excluded:      len(cfg.Exclude) > 0 && cfg.Excluded(pass.Pkg.Path()),
		byFunc:        make(map[*types.Func]*node),
		lits:          make(map[*ast.FuncLit]*node),
		vars:          make(map[*types.Var][]*target),
		roomy:         make(map[*ast.SendStmt]bool),
		declaredIface: make(map[*types.Func]facts.Category),
		contracts:     make(map[string][]contract),
		ignores:       make(map[lineKey]bool),
		fieldRoots:    make(map[*types.Var]string),
		paramRoots:    make(map[*types.Func][]paramRoot),
		external:      make(map[*types.Func]*extBlock),
		externalLocks: make(map[*types.Func]*facts.Locks),
		externalCbs:   make(map[*types.Func][]int),
		locks:         make(map[*types.Func]*facts.Locks),
		cfgs:          make(map[*node]*gocfg.CFG),
	}
}

// parseDirectives reads every //blockcheck: comment of the package,
// attaches each to the declaration it documents and reports the malformed
// and misplaced ones.
func (p *packageRun) parseDirectives() {

	seen := make(map[*types.Func]token.Pos) // first nonblocking/blocking directive per object, to catch conflicts
	for _, file := range p.pass.Files {
		// Cheap pre-check: most files have no directive at all.
		if !hasDirective(file) {
			continue
		}
		attached := make(map[*ast.Comment]attachment)
		for _, decl := range file.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				fn, _ := p.pass.TypesInfo.Defs[decl.Name].(*types.Func)
				if fn != nil && decl.Doc != nil {
					for _, c := range decl.Doc.List {
						attached[c] = attachment{fn: fn}
					}
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok {
						continue
					}
					switch t := ts.Type.(type) {
					case *ast.InterfaceType:
						for _, field := range t.Methods.List {
							if len(field.Names) != 1 {
								continue // an embedded interface
							}
							if fn, _ := p.pass.TypesInfo.Defs[field.Names[0]].(*types.Func); fn != nil {
								attachField(attached, field, attachment{fn: fn, iface: true})
							}
						}
					case *ast.StructType:
						for _, field := range t.Fields.List {
							for _, name := range field.Names {
								if v, _ := p.pass.TypesInfo.Defs[name].(*types.Var); v != nil {
									attachField(attached, field, attachment{field: v, structName: ts.Name.Name})
								}
							}
						}
					}
				}
			}
		}
		for _, cg := range file.Comments {
			for _, c := range cg.List {
				d, ok, err := parseDirective(c.Text)
				if !ok {
					continue
				}
				if err != nil {
					p.reportDirective(c.Pos(), err.Error())
					continue
				}
				if d.verb == verbIgnore {
					pos := p.pass.Fset.Position(c.Pos())
					p.ignores[lineKey{pos.Filename, pos.Line}] = true
					continue
				}
				at, ok := attached[c]
				if ok && at.field != nil {
					p.fieldDirective(c, d, at)
					continue
				}
				if ok && d.verb == verbLocked {
					if at.iface {
						p.reportDirective(c.Pos(), fmt.Sprintf("misplaced directive %q: it must be in the doc comment of a function or a method", clip(withoutTrailingComment(c.Text))))
					} else {
						p.nodeFor(at.fn).lockedBy = d.lock
					}
					continue
				}
				if !ok {
					p.reportDirective(c.Pos(), fmt.Sprintf("misplaced directive %q: it must be in the doc comment of a function, a method or an interface method", clip(withoutTrailingComment(c.Text))))
					continue
				}
				if first, dup := seen[at.fn]; dup {
					p.reportDirective(c.Pos(), fmt.Sprintf("conflicting directive %q: %s already has a directive on line %d",
						clip(withoutTrailingComment(c.Text)), at.fn.Name(), p.pass.Fset.Position(first).Line))
					continue
				}
				seen[at.fn] = c.Pos()
				switch {
				case d.verb == verbBlocking && at.iface:
					p.declaredIface[at.fn] = d.category
				case d.verb == verbBlocking:
					p.nodeFor(at.fn).declared = d.category
				case d.verb == verbNonblocking && at.iface && isGenericMethod(at.fn):
					p.reportDirective(c.Pos(), fmt.Sprintf("unsupported directive %q: %s belongs to a generic interface, whose implementations cannot be found; mark the implementations instead",
						clip(withoutTrailingComment(c.Text)), at.fn.Name()))
				case d.verb == verbNonblocking && at.iface:
					p.localContracts = append(p.localContracts, at.fn)
				case d.verb == verbNonblocking:
					p.nodeFor(at.fn).root = "//blockcheck:nonblocking"
				}
			}
		}
	}
}

// An attachment is what a directive documents.
type attachment struct {
	fn         *types.Func // the function, method or interface method
	iface      bool        // fn is an interface method
	field      *types.Var  // or a struct field
	structName string      // the field's struct type
}

// attachField attaches the comments of a field list entry.
func attachField(attached map[*ast.Comment]attachment, field *ast.Field, at attachment) {
	for _, cg := range []*ast.CommentGroup{field.Doc, field.Comment} {
		if cg != nil {
			for _, c := range cg.List {
				attached[c] = at
			}
		}
	}
}

// fieldDirective applies a directive on a struct field: nonblocking on a
// function-typed field makes every function stored there a root.
func (p *packageRun) fieldDirective(c *ast.Comment, d directive, at attachment) {
	text := clip(withoutTrailingComment(c.Text))
	if d.verb != verbNonblocking {
		p.reportDirective(c.Pos(), fmt.Sprintf("misplaced directive %q: on a struct field only //blockcheck:nonblocking is allowed", text))
		return
	}
	if _, ok := at.field.Type().Underlying().(*types.Signature); !ok {
		p.reportDirective(c.Pos(), fmt.Sprintf("misplaced directive %q: %s is not a function-typed field", text, at.field.Name()))
		return
	}
	p.localFields = append(p.localFields, at.structName+"."+at.field.Name())
	p.fieldRoots[at.field] = p.pass.Pkg.Name() + "." + at.structName + "." + at.field.Name()
}

// isGenericMethod reports whether fn is a method of a generic type.
func isGenericMethod(fn *types.Func) bool {
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.TypeParams().Len() > 0
}

// nodeFor returns the node of a declared function, creating it if needed:
// directives are read before buildGraph walks the bodies.
func (p *packageRun) nodeFor(fn *types.Func) *node {
	n := p.byFunc[fn]
	if n == nil {
		n = &node{name: localName(fn), fn: fn, level: -1, via: -1}
		p.byFunc[fn] = n
	}
	return n
}

func hasDirective(file *ast.File) bool {
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			if strings.Contains(c.Text, "blockcheck:") {
				return true
			}
		}
	}
	return false
}

func (p *packageRun) reportDirective(pos token.Pos, msg string) {
	p.diag(analysis.Diagnostic{Pos: pos, Category: "directive", Message: msg})
}

// collectContracts gathers the interface methods whose implementations are
// roots: this package's, and those of every package it depends on (carried
// by Contracts package facts).
func (p *packageRun) collectContracts() {
	for _, m := range p.localContracts {
		p.addContract(m)
	}
	if len(p.cfg.Roots) > 0 {
		p.configuredContracts(p.pass.Pkg)
		for _, imp := range p.pass.Pkg.Imports() {
			p.configuredContracts(imp)
		}
	}
	for _, pf := range p.pass.AllPackageFacts() {
		cf, ok := pf.Fact.(*facts.Contracts)
		if !ok || pf.Package == p.pass.Pkg {
			continue
		}
		for _, f := range cf.Fields {
			typeName, field, _ := strings.Cut(f, ".")
			if v := lookupField(pf.Package, typeName, field); v != nil {
				p.fieldRoots[v] = pf.Package.Name() + "." + f
			}
		}
		for _, m := range cf.Methods {
			ifaceName, method, _ := strings.Cut(m, ".")
			tn, _ := pf.Package.Scope().Lookup(ifaceName).(*types.TypeName)
			if tn == nil {
				continue
			}
			iface, _ := tn.Type().Underlying().(*types.Interface)
			if iface == nil {
				continue
			}
			obj, _, _ := types.LookupFieldOrMethod(tn.Type(), false, pf.Package, method)
			if fn, ok := obj.(*types.Func); ok {
				p.addContract(fn)
			}
		}
	}
}

// configuredContracts adds the interface methods of pkg that the
// configuration's roots name: their implementations are roots.
func (p *packageRun) configuredContracts(pkg *types.Package) {
	prefix := "(" + pkg.Path() + "."
	may := false
	for _, r := range p.cfg.Roots {
		if r.MayMatchPrefix(prefix) {
			may = true
		}
	}
	if !may {
		return
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for i := 0; i < iface.NumMethods(); i++ {
			if m := iface.Method(i); p.cfg.IsRoot(m.FullName()) {
				p.addContract(m)
			}
		}
	}
}

func (p *packageRun) addContract(m *types.Func) {
	recv := m.Type().(*types.Signature).Recv()
	if recv == nil {
		return
	}
	named, _ := types.Unalias(recv.Type()).(*types.Named)
	if named == nil || named.TypeParams().Len() > 0 {
		return // generic interfaces are not supported as contracts
	}
	iface, _ := named.Underlying().(*types.Interface)
	if iface == nil {
		return
	}
	p.contracts[m.Name()] = append(p.contracts[m.Name()], contract{
		iface: iface,
		name:  m.Pkg().Name() + "." + named.Obj().Name() + "." + m.Name(),
	})
}

// contractRoot returns the contract a method satisfies, if any.
func (p *packageRun) contractRoot(fn *types.Func) string {
	cs := p.contracts[fn.Name()]
	if len(cs) == 0 {
		return ""
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return ""
	}
	t := recv.Type()
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, _ := types.Unalias(t).(*types.Named)
	if named == nil || named.TypeParams().Len() > 0 {
		return ""
	}
	if _, isIface := named.Underlying().(*types.Interface); isIface {
		return ""
	}
	for _, c := range cs {
		if types.Implements(named, c.iface) || types.Implements(types.NewPointer(named), c.iface) {
			return "implements " + c.name
		}
	}
	return ""
}

// exportFacts exports a Blocking fact for every function and method of the
// package that may block and that another package can name, and a Contracts
// fact when the package declares nonblocking interface methods. Unexported
// helpers get no fact of their own: their blocking is folded into the
// chains of the exported functions that call them.
func (p *packageRun) exportFacts() {
	for _, n := range p.nodes {
		if n.fn == nil || n.level < 0 || !p.factWorthy(n.fn) {
			continue
		}
		cat, hops, sink := p.explain(n)
		var chain []string // nil when empty: gob decodes an empty slice as nil
		for _, h := range boundHops(hops) {
			chain = append(chain, h.qualified)
		}
		p.pass.ExportObjectFact(n.fn, &facts.Blocking{Category: cat, Chain: chain, Sink: sink.qualified})
	}
	for _, n := range p.nodes {
		if n.fn != nil && len(n.paramCalls) > 0 && p.factWorthy(n.fn) {
			p.pass.ExportObjectFact(n.fn, &facts.Callbacks{Params: n.paramCalls})
		}
	}
	// Interface methods declared blocking, in source order for determinism.
	var ifaceMethods []*types.Func
	for fn := range p.declaredIface {
		ifaceMethods = append(ifaceMethods, fn)
	}
	sort.Slice(ifaceMethods, func(i, j int) bool { return ifaceMethods[i].Pos() < ifaceMethods[j].Pos() })
	for _, fn := range ifaceMethods {
		c := p.declaredIface[fn]
		if p.cfg.Categories.Has(c) {
			p.pass.ExportObjectFact(fn, &facts.Blocking{Category: c, Sink: qualifiedName(fn)})
		}
	}
	if len(p.localContracts) > 0 || len(p.localFields) > 0 {
		var ms []string
		for _, m := range p.localContracts {
			recv := m.Type().(*types.Signature).Recv()
			if named, ok := types.Unalias(recv.Type()).(*types.Named); ok {
				ms = append(ms, named.Obj().Name()+"."+m.Name())
			}
		}
		sort.Strings(ms)
		fields := append([]string(nil), p.localFields...)
		sort.Strings(fields)
		p.pass.ExportPackageFact(&facts.Contracts{Methods: ms, Fields: fields})
	}
}

// factWorthy reports whether another package could call fn, so that a
// fact about it is worth its bytes: exported, and not a test entry point
// (TestX, BenchmarkX, FuzzX, ExampleX in a _test.go file), which only the
// testing package calls. On large packages with large tests, test entry
// points were most of the facts.
func (p *packageRun) factWorthy(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	return !isTestEntryName(fn.Name()) || !strings.HasSuffix(p.pass.Fset.File(fn.Pos()).Name(), "_test.go")
}

// isTestEntryName reports whether a name is one the testing package calls
// (TestX, BenchmarkX, FuzzX, ExampleX).
func isTestEntryName(name string) bool {
	for _, prefix := range []string{"Test", "Benchmark", "Fuzz", "Example"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}
