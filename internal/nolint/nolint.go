// Package nolint applies golangci-lint's //nolint comments for every
// driver that does not apply them itself (the standalone command, go vet,
// nogo), so that a //nolint:blockcheck written for golangci-lint silences
// the same finding everywhere. The analyzer applies them when it reports
// (internal/report), except for golangci-lint, which applies them itself
// and must see what they silence for its unused-nolint check.
//
// A comment //nolint, //nolint:all or //nolint:a,blockcheck,b (with an
// optional explanation after " //") silences blockcheck's findings: on its
// own line when it ends a line of code, and when it stands alone on a line,
// on the next line and through the end of the declaration, statement or
// field that starts there. It owns no analysis state and imports no stage.
package nolint

import (
	"go/ast"
	"go/token"
	"strings"
)

// Name is the linter name the comments must name (or all).
const Name = "blockcheck"

// A Set is the lines //nolint comments silence, by file.
type Set struct {
	fset  *token.FileSet
	lines map[string][]span // by file name
}

type span struct{ from, to int }

// Index reads the //nolint comments of the files.
func Index(fset *token.FileSet, files []*ast.File) *Set {
	s := &Set{fset: fset, lines: make(map[string][]span)}
	for _, f := range files {
		s.file(f)
	}
	return s
}

// Suppressed reports whether a finding at pos is silenced.
func (s *Set) Suppressed(pos token.Pos) bool {
	if s == nil || len(s.lines) == 0 {
		return false
	}
	p := s.fset.Position(pos)
	for _, sp := range s.lines[p.Filename] {
		if sp.from <= p.Line && p.Line <= sp.to {
			return true
		}
	}
	return false
}

func (s *Set) file(f *ast.File) {
	tf := s.fset.File(f.FileStart)
	if tf == nil {
		return
	}
	var comments []*ast.Comment
	groupEnd := make(map[*ast.Comment]int) // the last line of each comment's group
	for _, cg := range f.Comments {
		for _, c := range cg.List {
			if names(c.Text) {
				comments = append(comments, c)
				groupEnd[c] = tf.Line(cg.End())
			}
		}
	}
	if len(comments) == 0 {
		return
	}
	// One walk: where code starts or ends on each line (a comment after
	// code is inline), and the last line of the widest declaration,
	// statement or field starting on each line.
	code := make(map[int]token.Pos) // line → the earliest code position on it
	ends := make(map[int]int)
	mark := func(p token.Pos) {
		if !p.IsValid() {
			return
		}
		l := tf.Line(p)
		if old, ok := code[l]; !ok || p < old {
			code[l] = p
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		if _, ok := n.(*ast.CommentGroup); ok {
			return false
		}
		mark(n.Pos())
		mark(n.End() - 1)
		switch n.(type) {
		case ast.Decl, ast.Stmt, *ast.Field, *ast.ValueSpec, *ast.TypeSpec:
			from, to := tf.Line(n.Pos()), tf.Line(n.End())
			if to > ends[from] {
				ends[from] = to
			}
		}
		return true
	})
	for _, c := range comments {
		line := tf.Line(c.Pos())
		if p, ok := code[line]; ok && p < c.Pos() {
			s.lines[tf.Name()] = append(s.lines[tf.Name()], span{line, line}) // after code: this line
			continue
		}
		// Alone: the node right after its comment group (a doc comment's
		// declaration), through its end.
		next := groupEnd[c] + 1
		to := next
		if end, ok := ends[next]; ok && end > to {
			to = end
		}
		s.lines[tf.Name()] = append(s.lines[tf.Name()], span{line, to})
	}
}

// names reports whether a comment is a //nolint naming blockcheck.
func names(text string) bool {
	rest, ok := strings.CutPrefix(text, "//nolint")
	if !ok {
		return false
	}
	if i := strings.Index(rest, " //"); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return true // every linter
	}
	list, ok := strings.CutPrefix(rest, ":")
	if !ok {
		return false // //nolintfoo
	}
	for _, l := range strings.Split(list, ",") {
		if l = strings.TrimSpace(l); l == Name || l == "all" {
			return true
		}
	}
	return false
}
