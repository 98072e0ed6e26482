package vetx

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/types"
	"reflect"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// factSet holds the facts one package's analysis sees: those decoded from
// its direct imports' facts files and those it exports. It implements the
// fact methods of analysis.Pass.
//
// The encoding is the one go/analysis drivers (unitchecker) use: a gob
// stream of one []gobFact, sorted by package path, object path and fact
// type; no bytes for no facts. A package's facts file carries the facts of
// its own objects and package, and those imported facts its importers
// cannot get from their own direct imports: facts about types and about
// fields and methods (reachable from the package's API). Facts about
// another package, or about another package's functions and variables,
// are learnt only from that package's own file.
type factSet struct {
	pkg *types.Package
	mu  sync.Mutex
	m   map[factKey]analysis.Fact
}

type factKey struct {
	pkg *types.Package
	obj types.Object // nil for a package fact
	t   reflect.Type
}

// gobFact is one fact in the encoding. The names of the type and of its
// fields are part of the encoding.
type gobFact struct {
	PkgPath string          // the package the fact is about, or whose object it is about
	Object  objectpath.Path // the object, relative to the package; "" for a package fact
	Fact    analysis.Fact
}

// registerFacts registers the fact types with gob, as decoding needs.
func registerFacts(a *analysis.Analyzer) {
	for _, f := range a.FactTypes {
		gob.Register(f)
	}
}

// decodeFacts reads the facts of pkg's direct imports. read returns the
// encoded facts of one import; lookup returns the package with a path, for
// the facts an import carries about packages it depends on (nil when this
// package does not see that package: its facts are dropped).
func decodeFacts(pkg *types.Package, read func(path string) ([]byte, error), lookup func(path string) *types.Package) (*factSet, error) {
	s := &factSet{pkg: pkg, m: make(map[factKey]analysis.Fact)}
	for _, imp := range pkg.Imports() {
		data, err := read(imp.Path())
		if err != nil {
			return nil, err
		}
		if len(data) == 0 {
			continue
		}
		var list []gobFact
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&list); err != nil {
			return nil, fmt.Errorf("decoding the facts of %s: %v", imp.Path(), err)
		}
		for _, f := range list {
			if f.Fact == nil {
				return nil, fmt.Errorf("decoding the facts of %s: a fact without a value", imp.Path())
			}
			p := lookup(f.PkgPath)
			if p == nil {
				continue
			}
			k := factKey{pkg: p, t: reflect.TypeOf(f.Fact)}
			if f.Object != "" {
				obj, err := objectpath.Object(p, f.Object)
				if err != nil {
					continue // an object this package's types do not reach
				}
				k.obj = obj
			}
			s.m[k] = f.Fact
		}
	}
	return s, nil
}

func (s *factSet) ImportObjectFact(obj types.Object, ptr analysis.Fact) bool {
	if obj == nil {
		panic("ImportObjectFact of a nil object")
	}
	return s.get(factKey{pkg: obj.Pkg(), obj: obj, t: reflect.TypeOf(ptr)}, ptr)
}

func (s *factSet) ImportPackageFact(pkg *types.Package, ptr analysis.Fact) bool {
	if pkg == nil {
		panic("ImportPackageFact of a nil package")
	}
	return s.get(factKey{pkg: pkg, t: reflect.TypeOf(ptr)}, ptr)
}

func (s *factSet) get(k factKey, ptr analysis.Fact) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	if ok {
		reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
	}
	return ok
}

func (s *factSet) ExportObjectFact(obj types.Object, fact analysis.Fact) {
	if obj.Pkg() != s.pkg {
		panic(fmt.Sprintf("in package %s: ExportObjectFact(%s, %T): the object belongs to another package", s.pkg.Path(), obj, fact))
	}
	s.put(factKey{pkg: s.pkg, obj: obj, t: reflect.TypeOf(fact)}, fact)
}

func (s *factSet) ExportPackageFact(fact analysis.Fact) {
	s.put(factKey{pkg: s.pkg, t: reflect.TypeOf(fact)}, fact)
}

func (s *factSet) put(k factKey, fact analysis.Fact) {
	s.mu.Lock()
	s.m[k] = fact
	s.mu.Unlock()
}

// objectFacts and packageFacts implement AllObjectFacts and
// AllPackageFacts for an analyzer's fact types.
func (s *factSet) objectFacts(types map[reflect.Type]bool) []analysis.ObjectFact {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []analysis.ObjectFact
	for k, v := range s.m {
		if k.obj != nil && types[k.t] {
			out = append(out, analysis.ObjectFact{Object: k.obj, Fact: v})
		}
	}
	return out
}

func (s *factSet) packageFacts(types map[reflect.Type]bool) []analysis.PackageFact {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []analysis.PackageFact
	for k, v := range s.m {
		if k.obj == nil && types[k.t] {
			out = append(out, analysis.PackageFact{Package: k.pkg, Fact: v})
		}
	}
	return out
}

// encode returns the facts the package's importers are to see.
func (s *factSet) encode() ([]byte, error) {
	enc := new(objectpath.Encoder)
	var list []gobFact
	s.mu.Lock()
	for k, fact := range s.m {
		if k.pkg != s.pkg && !reexported(k) {
			continue
		}
		var path objectpath.Path
		if k.obj != nil {
			p, err := enc.For(k.obj)
			if err != nil {
				continue // not reachable from the package's API
			}
			path = p
		}
		list = append(list, gobFact{PkgPath: k.pkg.Path(), Object: path, Fact: fact})
	}
	s.mu.Unlock()
	if len(list) == 0 {
		return nil, nil
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.PkgPath != b.PkgPath {
			return a.PkgPath < b.PkgPath
		}
		if a.Object != b.Object {
			return a.Object < b.Object
		}
		return reflect.TypeOf(a.Fact).String() < reflect.TypeOf(b.Fact).String()
	})
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(list); err != nil {
		return nil, fmt.Errorf("encoding the facts of %s: %v", s.pkg.Path(), err)
	}
	return buf.Bytes(), nil
}

// reexported reports whether an imported fact is passed on to importers:
// one about a type, or about a field or method (not package-level).
func reexported(k factKey) bool {
	if k.obj == nil {
		return false
	}
	if _, ok := k.obj.(*types.TypeName); ok {
		return true
	}
	return k.obj.Parent() != k.obj.Pkg().Scope()
}
