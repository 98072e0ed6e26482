package main

import (
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"
)

// A syntaxIndex finds the syntax tree of every file loaded, in any package:
// a diagnostic's related information may point into another package.
type syntaxIndex map[*token.File]*ast.File

func newSyntaxIndex(graph *checker.Graph) syntaxIndex {
	var roots []*packages.Package
	for _, act := range graph.Roots {
		roots = append(roots, act.Package)
	}
	ix := make(syntaxIndex)
	packages.Visit(roots, nil, func(p *packages.Package) {
		for _, f := range p.Syntax {
			if tf := p.Fset.File(f.FileStart); tf != nil {
				ix[tf] = f
			}
		}
	})
	return ix
}

// end returns where a diagnostic (or related information) that starts at
// pos ends: its own End when the analyzer set it, else the end of the
// expression that starts at pos (a call, a receive), of the send statement
// whose arrow pos is, or of the comment pos is in (a malformed directive).
// It returns token.NoPos when nothing is known.
func (ix syntaxIndex) end(fset *token.FileSet, pos, end token.Pos) token.Pos {
	if end.IsValid() && end > pos {
		return end
	}
	tf := fset.File(pos)
	if tf == nil {
		return token.NoPos
	}
	f := ix[tf]
	if f == nil {
		return token.NoPos
	}
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if c.Pos() <= pos && pos < c.End() {
				return c.End()
			}
		}
	}
	path, _ := astutil.PathEnclosingInterval(f, pos, pos)
	var best ast.Node
	for _, n := range path {
		if n.Pos() != pos {
			break
		}
		if _, ok := n.(ast.Expr); ok {
			best = n // the outermost expression starting at pos
		}
	}
	if best == nil && len(path) > 0 {
		if s, ok := path[0].(*ast.SendStmt); ok && s.Arrow == pos {
			best = s
		}
	}
	if best == nil {
		return token.NoPos
	}
	return best.End()
}

// enclosingFunc names the function declaration that contains pos, as
// "F", "T.M" or "(*T).M"; "" at package level or when the file is unknown.
// Function literals belong to the declaration they are written in.
func (ix syntaxIndex) enclosingFunc(fset *token.FileSet, pos token.Pos) string {
	tf := fset.File(pos)
	if tf == nil || ix[tf] == nil {
		return ""
	}
	// Declarations are in source order: the first that ends after pos is
	// the only one that can contain it.
	decls := ix[tf].Decls
	i := sort.Search(len(decls), func(i int) bool { return decls[i].End() > pos })
	if i == len(decls) {
		return ""
	}
	fd, ok := decls[i].(*ast.FuncDecl)
	if !ok || pos < fd.Pos() {
		return ""
	}
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	return recvName(fd.Recv.List[0].Type) + "." + fd.Name.Name
}

// recvName renders a receiver type as Go prints methods: T or (*T), type
// parameters left out.
func recvName(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "(*" + recvName(t.X) + ")"
	case *ast.ParenExpr:
		return recvName(t.X)
	case *ast.IndexExpr:
		return recvName(t.X)
	case *ast.IndexListExpr:
		return recvName(t.X)
	case *ast.Ident:
		return t.Name
	}
	return "?"
}

// paths renders file names: relative to the working directory in text,
// relative to the source root in SARIF, the GitHub format and the summary.
// A file outside the directory stays absolute.
type paths struct {
	wd   string
	root string // absolute, cleaned
}

// text returns name relative to the working directory when it is inside
// it, in the system's form (the text output is for people and editors).
func (p paths) text(name string) string {
	if rel, ok := within(p.wd, name); ok {
		return rel
	}
	return name
}

// source returns name relative to the source root, with forward slashes,
// and whether it is inside the root; outside it, the absolute name.
func (p paths) source(name string) (string, bool) {
	if rel, ok := within(p.root, name); ok {
		return filepath.ToSlash(rel), true
	}
	return filepath.ToSlash(name), false
}

// within returns name relative to dir when it is inside dir, trying the
// names with symbolic links resolved when the plain ones disagree.
func within(dir, name string) (string, bool) {
	if dir == "" || name == "" || !filepath.IsAbs(name) {
		return name, false
	}
	if rel, ok := relInside(dir, name); ok {
		return rel, true
	}
	rdir, err1 := filepath.EvalSymlinks(dir)
	rname, err2 := filepath.EvalSymlinks(name)
	if err1 == nil && err2 == nil {
		return relInside(rdir, rname)
	}
	return name, false
}

func relInside(dir, name string) (string, bool) {
	rel, err := filepath.Rel(dir, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return name, false
	}
	return rel, true
}

// defaultSourceRoot is the root SARIF URIs and GitHub annotation paths are
// relative to when -source-root is not given: the repository root when the
// main module sits in a git repository (a module in a subfolder is
// annotated with its path in the repository), else the main module's
// root, else the working directory.
func defaultSourceRoot(pkgs []*packages.Package, wd string) string {
	dir := wd
	for _, p := range pkgs {
		if p.Module != nil && p.Module.Main && p.Module.Dir != "" {
			dir = p.Module.Dir
			break
		}
	}
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d // a directory, or a file in a worktree or submodule
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}
