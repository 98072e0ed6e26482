package main

import (
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/vetx"
)

// loadPackages loads the packages matching patterns, and all their
// dependencies, for the analysis: what packages.Load with
// packages.LoadAllSyntax returns, except for the packages the
// standard-library table answers for (facts.AnsweredByTable), which the
// analyzer does not analyze: their types are read from the go command's
// export data (compiled once and cached by the go command) instead of
// being parsed and type-checked from source, and they have no syntax.
// Every other package, test variants of the table's packages included, is
// parsed and type-checked from source, as before.
func loadPackages(cfg *packages.Config, patterns []string) ([]*packages.Package, error) {
	roots, err := listPackages(cfg, patterns)
	if err != nil {
		return nil, err
	}
	loadTypes(cfg, roots)
	return roots, nil
}

// listPackages lists the packages matching patterns and all their
// dependencies, without types: their names, files, imports and modules.
func listPackages(cfg *packages.Config, patterns []string) ([]*packages.Package, error) {
	list := *cfg
	list.Mode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
		packages.NeedDeps | packages.NeedModule | packages.NeedTypesSizes
	return packages.Load(&list, patterns...)
}

// loadTypes gives the listed packages roots, and all their dependencies,
// their types and (outside the table) their syntax, as loadPackages
// describes.
func loadTypes(cfg *packages.Config, roots []*packages.Package) {
	var all []*packages.Package
	packages.Visit(roots, nil, func(p *packages.Package) { all = append(all, p) })

	// The export data of the table's packages, in one go list run that
	// builds (or finds in the build cache) only those.
	table := make(map[*packages.Package]bool)
	var paths []string
	seen := make(map[string]bool)
	for _, p := range all {
		// A test variant (a package recompiled with test files, or one
		// recompiled because it imports one) has no export data of its
		// own: it is loaded from source.
		if p.PkgPath != "unsafe" && p.ID == p.PkgPath && p.ForTest == "" && len(p.Errors) == 0 && answeredPkg(p) {
			table[p] = true
			if !seen[p.PkgPath] {
				seen[p.PkgPath] = true
				paths = append(paths, p.PkgPath)
			}
		}
	}
	exports := make(map[string]string)
	if len(paths) > 0 {
		ex := *cfg
		ex.Mode = packages.NeedName | packages.NeedExportFile
		ex.Tests = false
		// Without export data (the go command failed to build them), the
		// packages are loaded from source, as before.
		eps, _ := packages.Load(&ex, paths...)
		for _, p := range eps {
			if p.ExportFile != "" {
				exports[p.PkgPath] = p.ExportFile
			}
		}
	}

	l := &loader{
		fset:    token.NewFileSet(),
		exports: exports,
		fromExp: make(map[string]*types.Package),
		done:    make(map[*packages.Package]chan struct{}, len(all)),
		cpu:     make(chan struct{}, runtime.GOMAXPROCS(0)),
	}
	if cfg.Fset != nil {
		l.fset = cfg.Fset
	}
	for _, p := range all {
		l.done[p] = make(chan struct{})
	}
	var wg sync.WaitGroup
	for _, p := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(l.done[p])
			for _, imp := range p.Imports {
				<-l.done[imp]
			}
			p.Fset = l.fset
			if p.PkgPath == "unsafe" {
				p.Types = types.Unsafe
				return
			}
			if table[p] && exports[p.PkgPath] != "" {
				l.fromExport(p)
				return
			}
			l.fromSource(p)
		}()
	}
	wg.Wait()
}

// answeredPkg reports whether the table answers for a listed package.
func answeredPkg(p *packages.Package) bool {
	var module string
	if p.Module != nil {
		module = p.Module.Path
	}
	var dirs []string
	for _, f := range p.GoFiles {
		dirs = append(dirs, filepath.Dir(f))
	}
	return facts.AnsweredByTable(p.PkgPath, module, dirs)
}

type loader struct {
	fset    *token.FileSet
	exports map[string]string // package path → export data file
	mu      sync.Mutex        // guards fromExp
	fromExp map[string]*types.Package
	done    map[*packages.Package]chan struct{}
	cpu     chan struct{} // limits parsing and type-checking to the CPUs
}

// fromExport sets the package's types from its export data.
func (l *loader) fromExport(p *packages.Package) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t := l.fromExp[p.PkgPath]; t != nil && t.Complete() {
		p.Types = t
		return
	}
	t, err := vetx.ReadExport(l.fset, l.fromExp, p.PkgPath, l.exports[p.PkgPath])
	if err != nil {
		p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		p.IllTyped = true
		return
	}
	p.Types = t
}

// fromSource parses and type-checks the package, as go/packages does:
// every error is recorded, and a package with errors, or importing one,
// is ill-typed.
func (l *loader) fromSource(p *packages.Package) {
	l.cpu <- struct{}{}
	defer func() { <-l.cpu }()
	addErr := func(err error) {
		switch err := err.(type) {
		case scanner.ErrorList:
			for _, e := range err {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		case *scanner.Error:
			p.Errors = append(p.Errors, packages.Error{Pos: err.Pos.String(), Msg: err.Msg, Kind: packages.ParseError})
		case *os.PathError:
			p.Errors = append(p.Errors, packages.Error{Pos: err.Path + ":1", Msg: err.Err.Error(), Kind: packages.ParseError})
		case types.Error:
			p.TypeErrors = append(p.TypeErrors, err)
			p.Errors = append(p.Errors, packages.Error{Pos: err.Fset.Position(err.Pos).String(), Msg: err.Msg, Kind: packages.TypeError})
		default:
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		}
	}
	for _, name := range p.CompiledGoFiles {
		f, err := parser.ParseFile(l.fset, name, nil, parser.AllErrors|parser.ParseComments)
		if f != nil {
			p.Syntax = append(p.Syntax, f)
		}
		if err != nil {
			addErr(err)
		}
	}
	p.Types = types.NewPackage(p.PkgPath, p.Name)
	p.TypesInfo = vetx.NewInfo()
	tc := &types.Config{
		Importer: vetx.ImporterFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			imp := p.Imports[path]
			if imp == nil {
				return nil, fmt.Errorf("no metadata for %s", path)
			}
			if imp.Types == nil || !imp.Types.Complete() {
				return nil, fmt.Errorf("could not load %s", path)
			}
			return imp.Types, nil
		}),
		Error: addErr,
		Sizes: p.TypesSizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	had := len(p.Errors)
	err := types.NewChecker(tc, l.fset, p.Types, p.TypesInfo).Files(p.Syntax)
	if err != nil && len(p.Errors) == had {
		addErr(err)
	}
	p.IllTyped = len(p.Errors) > 0
	for _, imp := range p.Imports {
		p.IllTyped = p.IllTyped || imp.IllTyped
	}
}
