// Package testsrc type-checks small Go sources for the unit tests of the
// engine's stages, which take syntax and types rather than an analysis
// pass. Imports are read from the go command's export data.
package testsrc

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"sync"
	"testing"
)

// A Package is a type-checked package.
type Package struct {
	Fset  *token.FileSet
	Files []*ast.File
	Info  *types.Info
	Pkg   *types.Package
}

var (
	mu     sync.Mutex
	std    types.Importer
	fset   = token.NewFileSet()
	loaded = make(map[string]*types.Package) // example.com packages loaded so far, importable by later ones
)

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// Load parses and type-checks one package made of the given files' sources,
// as example.com/<name>. Each source is one file; a type error fails the
// test. Packages loaded earlier in the test binary can be imported by
// their path.
func Load(t testing.TB, name string, srcs ...string) *Package {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if std == nil {
		std = importer.ForCompiler(fset, "gc", nil)
	}
	p := &Package{Fset: fset, Info: &types.Info{
		Types:      make(map[ast.Expr]types.TypeAndValue),
		Defs:       make(map[*ast.Ident]types.Object),
		Uses:       make(map[*ast.Ident]types.Object),
		Implicits:  make(map[ast.Node]types.Object),
		Selections: make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:     make(map[ast.Node]*types.Scope),
		Instances:  make(map[*ast.Ident]types.Instance),
	}}
	for i, src := range srcs {
		f, err := parser.ParseFile(fset, name+"/file"+string(rune('0'+i))+".go", src, parser.ParseComments)
		if err != nil {
			t.Fatalf("parsing %s: %v", name, err)
		}
		p.Files = append(p.Files, f)
	}
	conf := types.Config{Importer: importerFunc(func(path string) (*types.Package, error) {
		if pkg, ok := loaded[path]; ok {
			return pkg, nil
		}
		return std.Import(path)
	})}
	pkg, err := conf.Check("example.com/"+name, fset, p.Files, p.Info)
	if err != nil {
		t.Fatalf("type-checking %s: %v", name, err)
	}
	loaded[pkg.Path()] = pkg
	p.Pkg = pkg
	return p
}

// Func returns the package-level function or the method ("T.M") named.
func (p *Package) Func(t testing.TB, name string) *types.Func {
	t.Helper()
	if typ, method, ok := strings.Cut(name, "."); ok {
		tn, _ := p.Pkg.Scope().Lookup(typ).(*types.TypeName)
		if tn == nil {
			t.Fatalf("no type %s", typ)
		}
		obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, p.Pkg, method)
		fn, _ := obj.(*types.Func)
		if fn == nil {
			t.Fatalf("no method %s", name)
		}
		return fn
	}
	fn, _ := p.Pkg.Scope().Lookup(name).(*types.Func)
	if fn == nil {
		t.Fatalf("no function %s", name)
	}
	return fn
}
