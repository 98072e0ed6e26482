package sinks_test

import (
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/sinks"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

const src = `package p

import (
	"net"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

type Store interface{ Get() }

func uses(c net.Conn, s Store) {
	time.Sleep(0)
	os.ReadFile("")
	_ = strings.ToUpper("")
	c.Read(nil)
	s.Get()
	sort.Slice(nil, nil)
	var once sync.Once
	once.Do(nil)
}
`

// callee returns the function a package-level selector names, as the
// package's body uses it.
func callee(t *testing.T, p *testsrc.Package, pkg, name string) *types.Func {
	t.Helper()
	for _, imp := range p.Pkg.Imports() {
		if imp.Path() != pkg {
			continue
		}
		if typ, method, ok := strings.Cut(name, "."); ok {
			obj, _, _ := types.LookupFieldOrMethod(imp.Scope().Lookup(typ).Type(), true, imp, method)
			return obj.(*types.Func)
		}
		return imp.Scope().Lookup(name).(*types.Func)
	}
	t.Fatalf("no import %s", pkg)
	return nil
}

func TestTable(t *testing.T) {
	p := testsrc.Load(t, "sinkstable", src)
	cfg := config.Default()
	r := sinks.New(p.Pkg, &cfg, nil, nil)

	b := r.Blocking(callee(t, p, "time", "Sleep"))
	require.NotNil(t, b)
	assert.Equal(t, sinks.Block{Callee: "time.Sleep", Witnesses: []facts.Witness{{Category: facts.Sleep, Sink: "time.Sleep"}}}, *b)
	assert.Equal(t, facts.File, r.Blocking(callee(t, p, "os", "ReadFile")).Primary().Category)
	assert.Equal(t, facts.Net, r.Blocking(callee(t, p, "net", "Conn.Read")).Primary().Category, "an interface method the table lists")
	assert.Nil(t, r.Blocking(callee(t, p, "strings", "ToUpper")))
	assert.Nil(t, r.Blocking(p.Func(t, "Store.Get")), "a local interface method nobody declares blocking")

	assert.Equal(t, []int{1}, r.Callbacks(callee(t, p, "sort", "Slice")))
	assert.Equal(t, []int{0}, r.Callbacks(callee(t, p, "sync", "Once.Do")))
	assert.Nil(t, r.Callbacks(callee(t, p, "strings", "ToUpper")))
	assert.Nil(t, r.Callbacks(p.Func(t, "uses")), "the package's own functions are summarized from their bodies")
}

func TestCategoriesAndRules(t *testing.T) {
	p := testsrc.Load(t, "sinksrules", src)
	cfg := config.Default()
	cfg.Categories = cfg.Categories.Without(facts.Sleep)
	s := config.Settings{
		Sinks:   []config.Sink{{Name: "strings.ToUpper", Category: "user"}},
		Trusted: []string{"os.ReadFile"},
	}
	require.NoError(t, s.ApplyTo(&cfg, func(string, int) string { return "test" }))
	get := p.Func(t, "Store.Get")
	r := sinks.New(p.Pkg, &cfg, map[*types.Func]facts.Category{get: facts.SQL}, nil)

	assert.Nil(t, r.Blocking(callee(t, p, "time", "Sleep")), "sleep is disabled")
	assert.Nil(t, r.Blocking(callee(t, p, "os", "ReadFile")), "trusted by the configuration")
	assert.Equal(t, facts.User, r.Blocking(callee(t, p, "strings", "ToUpper")).Primary().Category, "a configured sink")
	assert.Equal(t, facts.SQL, r.Blocking(get).Primary().Category, "declared blocking by a directive")
}

func TestFacts(t *testing.T) {
	dep := testsrc.Load(t, "sinksdep", `package sinksdep

func Save(func()) {}
func Helper() {}
`)
	p := testsrc.Load(t, "sinksuser", `package sinksuser

import "example.com/sinksdep"

func use() { sinksdep.Save(nil); sinksdep.Helper() }
`)
	save := dep.Func(t, "Save")
	helper := dep.Func(t, "Helper")
	calls := 0
	importFact := func(obj types.Object, f analysis.Fact) bool {
		calls++
		switch f := f.(type) {
		case *facts.Blocking:
			if obj == save {
				*f = facts.Blocking{Category: facts.File, Chain: []string{"sinksdep.write"}, Sink: "os.WriteFile"}
				return true
			}
		case *facts.Callbacks:
			if obj == save {
				*f = facts.Callbacks{Params: []int{0}}
				return true
			}
		}
		return false
	}
	cfg := config.Default()
	r := sinks.New(p.Pkg, &cfg, nil, importFact)
	b := r.Blocking(save)
	require.NotNil(t, b)
	assert.Equal(t, sinks.Block{Callee: "sinksdep.Save", Witnesses: []facts.Witness{{Category: facts.File, Chain: []string{"sinksdep.Save", "sinksdep.write"}, Sink: "os.WriteFile"}}}, *b)
	assert.Nil(t, r.Blocking(helper))
	assert.Equal(t, []int{0}, r.Callbacks(save))
	n := calls
	r.Blocking(save)
	r.Callbacks(save)
	assert.Equal(t, n, calls, "answers are cached")
}
