package directive

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/blockcheck/blockcheck/internal/names"
)

// parser attaches the directives of a package to their declarations.
type parser struct {
	*Set
	fset *token.FileSet
	info *types.Info
	seen map[*types.Func]token.Pos // first nonblocking/blocking directive per object, to catch conflicts
}

// An attachment is what a directive documents.
type attachment struct {
	fn         *types.Func // the function, method or interface method
	iface      bool        // fn is an interface method
	field      *types.Var  // or a struct field
	structName string      // the field's struct type
}

// file reads the directives of one file.
func (p *parser) file(file *ast.File) {
	attached := p.attachments(file)
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			d, ok, err := parseDirective(c.Text)
			switch {
			case !ok:
			case err != nil:
				p.problem(c, err.Error())
			case d.verb == verbIgnore || d.verb == verbFileIgnore:
				p.Ignores.add(p.fset, c.Pos(), c.Pos()+token.Pos(len(withoutTrailingComment(c.Text))), withoutTrailingComment(c.Text), d.verb == verbFileIgnore)
			default:
				p.apply(c, d, attached)
			}
		}
	}
}

// attachments maps each doc comment of a declaration that a directive may
// document to that declaration.
func (p *parser) attachments(file *ast.File) map[*ast.Comment]attachment {
	attached := make(map[*ast.Comment]attachment)
	for _, decl := range file.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			fn, _ := p.info.Defs[decl.Name].(*types.Func)
			if fn != nil && decl.Doc != nil {
				for _, c := range decl.Doc.List {
					attached[c] = attachment{fn: fn}
				}
			}
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				if ts, ok := spec.(*ast.TypeSpec); ok {
					p.attachType(attached, ts)
				}
			}
		}
	}
	return attached
}

// attachType maps the comments of an interface's methods and a struct's
// fields.
func (p *parser) attachType(attached map[*ast.Comment]attachment, ts *ast.TypeSpec) {
	switch t := ts.Type.(type) {
	case *ast.InterfaceType:
		for _, field := range t.Methods.List {
			if len(field.Names) != 1 {
				continue // an embedded interface
			}
			if fn, _ := p.info.Defs[field.Names[0]].(*types.Func); fn != nil {
				attachField(attached, field, attachment{fn: fn, iface: true})
			}
		}
	case *ast.StructType:
		for _, field := range t.Fields.List {
			for _, name := range field.Names {
				if v, _ := p.info.Defs[name].(*types.Var); v != nil {
					attachField(attached, field, attachment{field: v, structName: ts.Name.Name})
				}
			}
		}
	}
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

// apply records a well-formed directive on what it documents, or reports
// it as misplaced or conflicting.
func (p *parser) apply(c *ast.Comment, d directive, attached map[*ast.Comment]attachment) {
	text := names.Clip(withoutTrailingComment(c.Text))
	at, ok := attached[c]
	switch {
	case ok && at.field != nil:
		p.fieldDirective(c, d, at)
		return
	case ok && d.verb == verbLocked:
		if at.iface {
			p.problem(c, fmt.Sprintf("misplaced directive %q: it must be in the doc comment of a function or a method", text))
		} else {
			p.funcFor(at.fn).Locked = d.lock
		}
		return
	case !ok:
		p.problem(c, fmt.Sprintf("misplaced directive %q: it must be in the doc comment of a function, a method or an interface method", text))
		return
	}
	if first, dup := p.seen[at.fn]; dup {
		p.problem(c, fmt.Sprintf("conflicting directive %q: %s already has a directive on line %d",
			text, at.fn.Name(), p.fset.Position(first).Line))
		return
	}
	p.seen[at.fn] = c.Pos()
	switch {
	case d.verb == verbBlocking && at.iface:
		p.IfaceBlocking[at.fn] = d.category
	case d.verb == verbBlocking:
		p.funcFor(at.fn).Blocking = d.category
	case d.verb == verbNonblocking && at.iface && isGenericMethod(at.fn):
		p.problem(c, fmt.Sprintf("unsupported directive %q: %s belongs to a generic interface, whose implementations cannot be found; mark the implementations instead",
			text, at.fn.Name()))
	case d.verb == verbNonblocking && at.iface:
		p.Contracts = append(p.Contracts, at.fn)
	case d.verb == verbNonblocking:
		p.funcFor(at.fn).Nonblocking = true
	}
}

// fieldDirective applies a directive on a struct field: nonblocking on a
// function-typed field makes every function stored there a root.
func (p *parser) fieldDirective(c *ast.Comment, d directive, at attachment) {
	text := names.Clip(withoutTrailingComment(c.Text))
	if d.verb != verbNonblocking {
		p.problem(c, fmt.Sprintf("misplaced directive %q: on a struct field only //blockcheck:nonblocking is allowed", text))
		return
	}
	if _, ok := at.field.Type().Underlying().(*types.Signature); !ok {
		p.problem(c, fmt.Sprintf("misplaced directive %q: %s is not a function-typed field", text, at.field.Name()))
		return
	}
	p.Fields = append(p.Fields, Field{Var: at.field, Struct: at.structName})
}

func (p *parser) funcFor(fn *types.Func) *Func {
	f := p.Funcs[fn]
	if f == nil {
		f = new(Func)
		p.Funcs[fn] = f
	}
	return f
}

func (p *parser) problem(c *ast.Comment, msg string) {
	p.Problems = append(p.Problems, Problem{Pos: c.Pos(), End: c.End(), Message: msg})
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

func hasDirective(file *ast.File) bool {
	for _, cg := range file.Comments {
		for _, c := range cg.List {
			// Directives, their near misses in another case, and
			// staticcheck's //lint: forms.
			if strings.Contains(c.Text, "lockcheck:") || strings.Contains(c.Text, "LOCKCHECK:") || strings.HasPrefix(c.Text, "//lint:") {
				return true
			}
		}
	}
	return false
}
