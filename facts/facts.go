// Package facts holds what blockcheck knows and passes between packages: the
// categories of blocking operations, the standard-library table of blocking
// functions, and the analysis facts exported for functions and packages.
//
// Facts cross process boundaries (go vet, Bazel nogo and golangci-lint
// serialise them with encoding/gob, and cache them by content), so every fact
// type here has exported fields only, no maps and no interfaces, and encodes
// to the same bytes every time.
package facts

import (
	"strconv"
	"strings"
)

// MaxChain bounds the number of hops a Blocking fact records. Longer chains
// keep their first hops and end in Ellipsis: the start of a chain is what a
// reader needs to find the path, and the sink is recorded on its own.
const MaxChain = 6

// Ellipsis marks a chain cut at MaxChain hops.
const Ellipsis = "…"

// Blocking is the fact exported for a function or method that may block,
// and for an interface method declared blocking by a directive.
//
// It holds one witness per category the function may block in: the first,
// in report order (Category.Rank), in Category, Chain and Sink, and the
// others, in report order, in Also. Chain holds the calls between the
// function and the sink, starting with the function's own callee, in
// qualified form ("store.(*DB).flush"); it is empty when the function calls
// the sink directly or is itself the sink (declared blocking). Sink is the
// final blocking operation ("os.WriteFile", "channel send").
type Blocking struct {
	Category Category
	Chain    []string
	Sink     string
	Also     []Witness
}

// A Witness is how a function blocks in one category: the calls down to
// the sink, as in Blocking.
type Witness struct {
	Category Category
	Chain    []string
	Sink     string
}

// AFact marks Blocking as an analysis fact.
func (*Blocking) AFact() {}

// Witnesses returns every witness, the first category first.
func (f *Blocking) Witnesses() []Witness {
	return append([]Witness{{f.Category, f.Chain, f.Sink}}, f.Also...)
}

// NewBlocking returns the fact for witnesses in report order, or nil if
// there are none.
func NewBlocking(ws []Witness) *Blocking {
	if len(ws) == 0 {
		return nil
	}
	f := &Blocking{Category: ws[0].Category, Chain: ws[0].Chain, Sink: ws[0].Sink}
	if len(ws) > 1 {
		f.Also = ws[1:]
	}
	return f
}

func (f *Blocking) String() string {
	var b strings.Builder
	for i, w := range f.Witnesses() {
		if i > 0 {
			b.WriteString("; ")
		}
		w.write(&b)
	}
	return b.String()
}

func (w Witness) write(b *strings.Builder) {
	b.WriteString("blocks[")
	b.WriteString(string(w.Category))
	b.WriteString("]: ")
	for _, h := range w.Chain {
		b.WriteString(h)
		b.WriteString(" → ")
	}
	b.WriteString(w.Sink)
}

// Contracts is the package fact exported by a package that declares
// interface methods whose implementations must not block, or function-typed
// struct fields whose functions must not block (//blockcheck:nonblocking on
// the method or field). Methods lists them as "Interface.Method", Fields as
// "Struct.Field", sorted. Downstream packages read it to find their roots.
//
// Imported carries the contracts of the package's dependencies that are
// still in view from it (their package is among its dependencies' types),
// sorted by path: go vet hands a package only its direct imports' package
// facts, and an implementation may import the interface's package only
// through another.
type Contracts struct {
	Methods  []string
	Fields   []string
	Imported []PackageContracts
}

// PackageContracts is one dependency's contracts, re-exported.
type PackageContracts struct {
	Path    string
	Methods []string
	Fields  []string
}

// AFact marks Contracts as an analysis fact.
func (*Contracts) AFact() {}

func (f *Contracts) String() string {
	s := "contracts(" + strings.Join(f.Methods, ", ")
	if len(f.Fields) > 0 {
		s += "; fields " + strings.Join(f.Fields, ", ")
	}
	for _, imp := range f.Imported {
		s += "; " + imp.Path + ": " + strings.Join(append(append([]string{}, imp.Methods...), imp.Fields...), ", ")
	}
	return s + ")"
}

// Locks is the fact exported for a function that returns with a lock held
// that its caller can name, releases one its caller holds, or drops one
// (releases it and takes it back before returning, as a flush that unlocks
// around its I/O does). Locks are written relative to the function: "$r.mu"
// is the receiver's field mu, "$2.mu" the second parameter's, "pkg.mu" a
// package-level mutex. The lists are sorted.
type Locks struct {
	Acquires []string
	Releases []string
	Drops    []string
}

// AFact marks Locks as an analysis fact.
func (*Locks) AFact() {}

func (f *Locks) String() string {
	s := "locks(acquires " + strings.Join(f.Acquires, ",") + "; releases " + strings.Join(f.Releases, ",")
	if len(f.Drops) > 0 {
		s += "; drops " + strings.Join(f.Drops, ",")
	}
	return s + ")"
}

// Returns is the fact exported for a function whose function-typed result
// calls some of the function's parameters when it is called (a wrapper:
// func Wrap(h func()) func() { return func() { ...; h() } }) or may block
// when it is called (an iterator that reads a file). Calls are parameter
// indices, from 0, not counting the receiver, and Receiver for a method of
// a function type whose result calls the receiver; sorted. Blocks are how
// calling the result blocks, one witness per category in report order
// (empty if it does not).
type Returns struct {
	Calls  []int
	Blocks []Witness
	// Methods say, for a function whose interface-typed result is always
	// one concrete type, how the methods of the result that may block do;
	// sorted by method.
	Methods []MethodWitnesses
}

// MethodWitnesses is how one method may block, one witness per category.
type MethodWitnesses struct {
	Method string
	Blocks []Witness
}

// AFact marks Returns as an analysis fact.
func (*Returns) AFact() {}

func (f *Returns) String() string {
	var b strings.Builder
	b.WriteString("returns(")
	for i, p := range f.Calls {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("calls ")
		b.WriteString(ParamName(p))
	}
	for i, w := range f.Blocks {
		if i > 0 || len(f.Calls) > 0 {
			b.WriteString("; ")
		}
		w.write(&b)
	}
	for i, m := range f.Methods {
		if i > 0 || len(f.Calls) > 0 || len(f.Blocks) > 0 {
			b.WriteString("; ")
		}
		b.WriteString("method ")
		b.WriteString(m.Method)
		for _, w := range m.Blocks {
			b.WriteString(" ")
			w.write(&b)
		}
	}
	b.WriteString(")")
	return b.String()
}

// Stores is the fact exported for a setter: a function that stores some of
// its function-typed parameters into struct fields (or package variables),
// directly or through another setter, so that calling it stores the
// arguments there. Fields are named "pkgpath.Type.field" (a package
// variable "pkgpath.var"); sorted by parameter, then field.
type Stores struct {
	Params []ParamStore
}

// A ParamStore is one parameter a setter stores, and where.
type ParamStore struct {
	Param int
	Field string
}

// AFact marks Stores as an analysis fact.
func (*Stores) AFact() {}

func (f *Stores) String() string {
	var b strings.Builder
	b.WriteString("stores(")
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("arg")
		b.WriteString(strconv.Itoa(p.Param))
		b.WriteString(" in ")
		b.WriteString(p.Field)
	}
	b.WriteString(")")
	return b.String()
}

// FieldCalls is the package fact exported by a package whose roots call
// function-typed fields synchronously: a function another package stores in
// one of them must not block, and is reported where it is stored. Fields
// are named "pkgpath.Type.field" (a package variable "pkgpath.var"), with
// the root that calls each (the first in name order); sorted by field.
//
// A package re-exports the field calls of its dependencies whose field is
// still in view from it, so that they reach a package that stores into
// the field under go vet, which hands a package only its direct imports'
// package facts.
type FieldCalls struct {
	Calls []FieldCall
}

// A FieldCall is one field called from a root.
type FieldCall struct {
	Field string
	Root  string
}

// AFact marks FieldCalls as an analysis fact.
func (*FieldCalls) AFact() {}

func (f *FieldCalls) String() string {
	var b strings.Builder
	b.WriteString("fieldcalls(")
	for i, c := range f.Calls {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.Field)
		b.WriteString(" by ")
		b.WriteString(c.Root)
	}
	b.WriteString(")")
	return b.String()
}
