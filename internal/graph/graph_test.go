package graph_test

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/sinks"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

const src = `package p

import (
	"os"
	"sync"
	"time"
)

type S struct {
	mu sync.Mutex
	OnData func()
}

func (s *S) Get() int { return 0 }

func Serve(s *S, ch chan int) {
	f := func() { time.Sleep(0) }
	f()
	m := s.Get
	m()
	go os.ReadFile("")
	defer os.Remove("")
	ch <- 1
	done := make(chan error, 1)
	done <- nil
	select {
	case <-ch:
	default:
	}
	s.mu.Lock()
	s.mu.Unlock()
	Retry(func() { os.ReadFile("") })
	s.OnData = handle
	Register(handle)
}

func Retry(op func()) { op() }

func Register(h func()) {}

func handle() {}
`

func build(t *testing.T, name string, watch graph.Watch) (*testsrc.Package, *graph.Graph) {
	t.Helper()
	p := testsrc.Load(t, name, src)
	cfg := config.Default()
	res := sinks.New(p.Pkg, &cfg, nil, nil)
	lockOps := func(fn *types.Func) bool { return fn.Pkg() != nil && fn.Pkg().Path() == "sync" }
	g := graph.Build(graph.Input{
		Fset: p.Fset, Files: p.Files, Info: p.Info, Pkg: p.Pkg,
		Categories: cfg.Categories, Callees: res, LockOps: lockOps, Watch: watch, Notes: true,
	})
	g.LinkCallbacks()
	return p, g
}

func whats(n *graph.Node) []string {
	var out []string
	for _, pl := range n.Places {
		what := pl.What
		if pl.Deferred {
			what = "deferred " + what
		}
		out = append(out, what)
	}
	return out
}

func TestBuild(t *testing.T) {
	p, g := build(t, "graphbuild", graph.Watch{})
	var nodes []string
	for _, n := range g.Nodes {
		nodes = append(nodes, n.Name)
	}
	assert.Equal(t, []string{"(*S).Get", "Serve", "Retry", "Register", "handle", "Serve.func1", "Serve.func2"}, nodes,
		"declarations in source order, then the literals of each")

	serve := g.ByFunc[p.Func(t, "Serve")]
	require.NotNil(t, serve)
	// The go statement's call, the roomy send and the select with a default
	// are not places; the deferred call, the send on ch, the local literal,
	// the method value and the calls of local functions are.
	assert.Equal(t, []string{"f", "m", "deferred os.Remove", "channel send", "Retry", "Register"}, whats(serve))
	assert.True(t, serve.LockOps, "Serve locks s.mu")
	assert.Equal(t, facts.File, serve.Places[2].Ext.Primary().Category)
	assert.Equal(t, []*graph.Node{g.Nodes[5]}, serve.Places[0].Targets, "f() calls the literal")
	assert.Equal(t, []*graph.Node{g.ByFunc[p.Func(t, "S.Get")]}, serve.Places[1].Targets, "m() calls the method value")

	retry := g.ByFunc[p.Func(t, "Retry")]
	assert.Equal(t, []int{0}, retry.ParamCalls, "Retry calls its parameter")
	assert.Equal(t, []*graph.Node{g.Nodes[6]}, serve.Places[4].CbTargets, "the literal passed to Retry is called")

	var notes []string
	for _, n := range serve.Notes {
		notes = append(notes, n.Text)
	}
	assert.Equal(t, []string{"go os.ReadFile: runs on another goroutine", "select has a default case: it does not wait"}, notes)
}

func TestRegistrations(t *testing.T) {
	p := testsrc.Load(t, "graphwatchtypes", src)
	onData, _, _ := types.LookupFieldOrMethod(p.Pkg.Scope().Lookup("S").Type(), true, p.Pkg, "OnData")
	register := p.Func(t, "Register")
	// Build against the same types, watching the field and the parameter.
	cfg := config.Default()
	g := graph.Build(graph.Input{
		Fset: p.Fset, Files: p.Files, Info: p.Info, Pkg: p.Pkg,
		Categories: cfg.Categories, Callees: sinks.New(p.Pkg, &cfg, nil, nil),
		Watch: graph.Watch{
			Fields: map[*types.Var]string{onData.(*types.Var): "p.S.OnData"},
			Params: map[*types.Func][]graph.Param{register: {{Index: 0, As: "p.Register"}}},
		},
	})
	handle := g.ByFunc[p.Func(t, "handle")]
	require.Len(t, g.Registered, 2)
	assert.Equal(t, "p.S.OnData", g.Registered[0].As)
	assert.Equal(t, handle, g.Registered[0].Target.Node)
	assert.Equal(t, "p.Register", g.Registered[1].As)
	assert.Equal(t, handle, g.Registered[1].Target.Node)
}
