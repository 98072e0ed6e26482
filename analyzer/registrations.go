package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/profiles"
)

// Registration roots: functions a framework runs on its event loop because
// the application registered them, by storing them in a struct field
// (evio's events.Data = f) or passing them to a registration method (nbio's
// engine.OnData(f)). The fields and parameters come from the framework
// profiles and from //blockcheck:nonblocking on function-typed fields.

// A paramRoot is a registration method's parameter whose argument is a root.
type paramRoot struct {
	param int
	name  string // "nbio.(*Engine).OnData"
}

// A registration is an imported function registered as a root: it was
// analyzed in its own package, so it is checked where it is registered.
type registration struct {
	pos  token.Pos
	fn   *types.Func
	name string // what it was registered as
}

// applyProfiles reads the selected profiles: the roots of the frameworks
// this package imports, and the functions they trust not to block.
func (p *packageRun) applyProfiles() {
	selected := p.cfg.Profiles.Selected()
	if len(selected) == 0 {
		return
	}
	p.trusted = make(map[string]bool)
	p.trustedPkgs = make(map[string]bool)
	imports := make(map[string]*types.Package, len(p.pass.Pkg.Imports())+1)
	for _, imp := range p.pass.Pkg.Imports() {
		imports[imp.Path()] = imp
	}
	imports[p.pass.Pkg.Path()] = p.pass.Pkg
	for _, prof := range selected {
		for _, t := range prof.Trusted {
			p.trusted[t] = true
			p.trustedPkgs[facts.PackageOf(t)] = true
		}
		pkg := imports[prof.Path]
		if pkg == nil {
			continue
		}
		for _, r := range prof.Roots {
			if err := p.applyRoot(prof, pkg, r); err != nil {
				p.note("profile %s does not match %s (%v): %s.%s skipped", prof.Name, pkg.Path(), err, r.Type, r.Member)
			}
		}
	}
}

// applyRoot installs one profile root, checking that the framework still
// declares it as the profile says: a renamed interface or a changed
// signature skips the root rather than making a wrong one.
func (p *packageRun) applyRoot(prof *profiles.Profile, pkg *types.Package, r profiles.Root) error {
	typeName := strings.TrimPrefix(r.Type, "*")
	tn, _ := pkg.Scope().Lookup(typeName).(*types.TypeName)
	if tn == nil {
		return fmt.Errorf("no type %s", typeName)
	}
	recv := tn.Type()
	if strings.HasPrefix(r.Type, "*") {
		recv = types.NewPointer(recv)
	}
	obj, _, _ := types.LookupFieldOrMethod(recv, true, pkg, r.Member)
	label := pkg.Name() + "." + r.Type + "." + r.Member
	switch r.Kind {
	case profiles.InterfaceMethod:
		fn, ok := obj.(*types.Func)
		if _, isIface := tn.Type().Underlying().(*types.Interface); !ok || !isIface {
			return fmt.Errorf("%s is not an interface method", label)
		}
		p.addContract(fn)
	case profiles.FuncField:
		v, ok := obj.(*types.Var)
		if !ok || !v.IsField() {
			return fmt.Errorf("%s is not a field", label)
		}
		if _, isFunc := v.Type().Underlying().(*types.Signature); !isFunc {
			return fmt.Errorf("%s is not a function-typed field", label)
		}
		p.fieldRoots[v] = label
	case profiles.FuncParam:
		fn, ok := obj.(*types.Func)
		if !ok {
			return fmt.Errorf("%s is not a method", label)
		}
		params := fn.Type().(*types.Signature).Params()
		if r.Param >= params.Len() {
			return fmt.Errorf("%s has no parameter %d", label, r.Param)
		}
		if _, isFunc := params.At(r.Param).Type().Underlying().(*types.Signature); !isFunc {
			return fmt.Errorf("parameter %d of %s is not a function", r.Param, label)
		}
		p.paramRoots[fn] = append(p.paramRoots[fn], paramRoot{param: r.Param, name: label})
	}
	return nil
}

// note prints a message of -verbose.
func (p *packageRun) note(format string, args ...any) {
	if p.cfg.Verbose {
		fmt.Fprintf(os.Stderr, "blockcheck: %s: note: %s\n", p.pass.Pkg.Path(), fmt.Sprintf(format, args...))
	}
}

// lookupField returns the field of a package's struct type.
func lookupField(pkg *types.Package, typeName, field string) *types.Var {
	tn, _ := pkg.Scope().Lookup(typeName).(*types.TypeName)
	if tn == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, pkg, field)
	v, _ := obj.(*types.Var)
	if v == nil || !v.IsField() {
		return nil
	}
	return v
}

// registerComposite and registerAssign find functions stored in root
// fields, by a composite literal or an assignment.
func (p *packageRun) registerComposite(lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if v, ok := p.pass.TypesInfo.Uses[id].(*types.Var); ok {
			if name, ok := p.fieldRoots[v]; ok {
				p.register(kv.Value, name)
			}
		}
	}
}

func (p *packageRun) registerAssign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		s, ok := p.pass.TypesInfo.Selections[sel]
		if !ok || s.Kind() != types.FieldVal {
			continue
		}
		if name, ok := p.fieldRoots[s.Obj().(*types.Var)]; ok {
			p.register(as.Rhs[i], name)
		}
	}
}

func (p *packageRun) registerCall(call *ast.CallExpr, callee *types.Func) {
	for _, r := range p.paramRoots[callee] {
		if r.param < len(call.Args) {
			p.register(call.Args[r.param], r.name)
		}
	}
}

// register makes the functions an expression may denote roots: local ones
// are checked in their bodies, imported ones here.
func (p *packageRun) register(value ast.Expr, name string) {
	for _, t := range p.argTargets(value) {
		if t.node != nil {
			if t.node.root == "" {
				t.node.root = name
				t.node.registeredAs = name
			}
			continue
		}
		p.registered = append(p.registered, registration{pos: value.Pos(), fn: t.fn, name: name})
	}
}

// reportRegistrations reports imported functions registered as roots that
// may block.
func (p *packageRun) reportRegistrations() {
	for _, r := range p.registered {
		b := p.resolve(r.fn)
		if b == nil || p.ignoredAt(r.pos) {
			continue
		}
		c, hops, sink := explainExt(b)
		p.diag(analysis.Diagnostic{
			Pos:      r.pos,
			Category: string(c),
			Message:  fmt.Sprintf("%s is registered as %s and must not block: it may block [%s]%s", b.callee, r.name, c, chainSuffix("", hops, sink)),
		})
	}
}
