// Package directive reads blockcheck's directives, the //blockcheck:
// comments of a package, and attaches each to the declaration it
// documents: a function or method, an interface method, or a struct field.
//
// It owns the directive syntax (the verbs, their arguments, the trailing
// " //" comment) and the rules for where each directive may stand. It
// reports malformed and misplaced directives as Problems and does nothing
// else: what a directive means for the analysis (a root, a sink, a lock
// held on entry, a silenced line) is decided by the stages that read the
// Set. It may not import the analysis stages.
package directive

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/blockcheck/blockcheck/facts"
)

// A Set is what a package's directives say.
type Set struct {
	// Funcs holds the directives on functions and methods with a body
	// (declared in this package), by function.
	Funcs map[*types.Func]*Func

	// IfaceBlocking holds the interface methods declared blocking, with
	// their categories.
	IfaceBlocking map[*types.Func]facts.Category

	// Contracts are the interface methods declared nonblocking, in source
	// order: their implementations are roots.
	Contracts []*types.Func

	// Fields are the function-typed struct fields declared nonblocking, in
	// source order: every function stored in one is a root.
	Fields []Field

	// Ignores are the reports silenced by ignore directives.
	Ignores *Ignores

	// Problems are the malformed and misplaced directives, in source order.
	Problems []Problem
}

// Func is what the directives on one function or method say.
type Func struct {
	Nonblocking bool           // //blockcheck:nonblocking: a root
	Blocking    facts.Category // //blockcheck:blocking [category]; "" if not declared
	Locked      string         // //blockcheck:locked lock: the lock held on entry
}

// A Field is a function-typed struct field declared nonblocking.
type Field struct {
	Var    *types.Var
	Struct string // the struct type's name
}

// Name is the field as a Contracts fact records it: "Struct.Field".
func (f Field) Name() string { return f.Struct + "." + f.Var.Name() }

// A Problem is a malformed or misplaced directive.
type Problem struct {
	Pos, End token.Pos
	Message  string
}

// Ignores are the reports silenced by //blockcheck:ignore (on its line and
// the next), //blockcheck:file-ignore (the whole file), and staticcheck's
// //lint:ignore and //lint:file-ignore naming blockcheck. Each records
// whether it silenced anything, so that unused ones can be reported.
type Ignores struct {
	lines map[lineKey]*Ignore
	files map[string]*Ignore
	order []*Ignore // in source order
}

// An Ignore is one ignore directive.
type Ignore struct {
	Pos  token.Pos
	End  token.Pos
	Text string // the directive as written, without its trailing comment
	Used bool   // it silenced a report
}

type lineKey struct {
	file string
	line int
}

func (ig *Ignores) add(fset *token.FileSet, pos, end token.Pos, text string, file bool) {
	if ig.lines == nil {
		ig.lines = make(map[lineKey]*Ignore)
		ig.files = make(map[string]*Ignore)
	}
	i := &Ignore{Pos: pos, End: end, Text: text}
	p := fset.Position(pos)
	if file {
		if ig.files[p.Filename] == nil {
			ig.files[p.Filename] = i
		}
	} else {
		ig.lines[lineKey{p.Filename, p.Line}] = i
	}
	ig.order = append(ig.order, i)
}

// Silences reports whether a report at pos is silenced: by an ignore
// directive on its line or on the line above, or in its file. The
// directives that silence it are marked used.
func (ig *Ignores) Silences(fset *token.FileSet, at token.Pos) bool {
	if len(ig.order) == 0 {
		return false
	}
	pos := fset.Position(at)
	silenced := false
	for _, i := range []*Ignore{ig.lines[lineKey{pos.Filename, pos.Line}], ig.lines[lineKey{pos.Filename, pos.Line - 1}], ig.files[pos.Filename]} {
		if i != nil {
			i.Used = true
			silenced = true
		}
	}
	return silenced
}

// All returns every ignore directive, in source order.
func (ig *Ignores) All() []*Ignore { return ig.order }

// Func returns the directives on fn, or nil.
func (s *Set) Func(fn *types.Func) *Func { return s.Funcs[fn] }

// Parse reads every //blockcheck: comment of the files, attaches each to
// the declaration it documents and records the malformed and misplaced
// ones as Problems.
func Parse(fset *token.FileSet, files []*ast.File, info *types.Info) *Set {
	s := &Set{
		Funcs:         make(map[*types.Func]*Func),
		IfaceBlocking: make(map[*types.Func]facts.Category),
		Ignores:       new(Ignores),
	}
	p := &parser{Set: s, fset: fset, info: info, seen: make(map[*types.Func]token.Pos)}
	for _, file := range files {
		// Cheap pre-check: most files have no directive at all.
		if hasDirective(file) {
			p.file(file)
		}
	}
	return s
}
