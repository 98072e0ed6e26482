package roots_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

// roles runs the stages up to roots.Assign.
func roles(t *testing.T, p *testsrc.Package, cfg config.Config, deps roots.Deps) (*roots.Points, *graph.Graph, *roots.Roles) {
	t.Helper()
	s := testsrc.Run(t, p, cfg, deps, nil)
	return s.Points, s.Graph, s.Roles
}

func rootOf(t *testing.T, p *testsrc.Package, g *graph.Graph, r *roots.Roles, name string) string {
	t.Helper()
	n := g.ByFunc[p.Func(t, name)]
	require.NotNil(t, n, name)
	return r.Root[n.Index]
}

func TestAssign(t *testing.T) {
	p := testsrc.Load(t, "rootsassign", `package rootsassign

type Handler interface {
	//blockcheck:nonblocking
	Serve()
}

type Loop struct {
	//blockcheck:nonblocking
	OnTick func()
}

type impl struct{}

func (impl) Serve() {}

//blockcheck:nonblocking
func Marked() {}

//blockcheck:blocking
func Declared() {}

func Configured() {}

func tick() {}

func Trusted() {}

func Plain() {}

func wire(l *Loop) {
	l.OnTick = tick
	l.OnTick = Marked
}
`)
	cfg := config.Default()
	s := config.Settings{
		Roots:   []string{"example.com/rootsassign.Configured", "example.com/rootsassign.Declared"},
		Trusted: []string{"example.com/rootsassign.Trusted"},
	}
	require.NoError(t, s.ApplyTo(&cfg, func(string, int) string { return "test" }))
	_, g, r := roles(t, p, cfg, nil)

	assert.Equal(t, "implements rootsassign.Handler.Serve", rootOf(t, p, g, r, "impl.Serve"))
	assert.Equal(t, "//blockcheck:nonblocking", rootOf(t, p, g, r, "Marked"), "a directive wins over a registration")
	assert.Equal(t, "configured root", rootOf(t, p, g, r, "Configured"))
	assert.Empty(t, rootOf(t, p, g, r, "Declared"), "a function declared blocking is not made a root by the configuration")
	assert.Equal(t, "rootsassign.Loop.OnTick", rootOf(t, p, g, r, "tick"))
	assert.Empty(t, rootOf(t, p, g, r, "Plain"))

	tick := g.ByFunc[p.Func(t, "tick")]
	assert.Equal(t, "rootsassign.Loop.OnTick", r.RegisteredAs[tick.Index])
	assert.Equal(t, facts.User, r.Declared[g.ByFunc[p.Func(t, "Declared")].Index])
	trusted := g.ByFunc[p.Func(t, "Trusted")]
	assert.True(t, r.Trusted[trusted.Index])
	assert.True(t, r.Barrier(trusted))
	assert.False(t, r.IsRoot(trusted))
}

func TestDepContracts(t *testing.T) {
	fw := testsrc.Load(t, "rootsfw", `package rootsfw

type Handler interface{ OnEvent() }

type Events struct{ Data func() }
`)
	app := testsrc.Load(t, "rootsapp", `package rootsapp

import "example.com/rootsfw"

type h struct{}

func (h) OnEvent() {}

func data() {}

var _ rootsfw.Handler = h{}

func wire() { _ = rootsfw.Events{Data: data} }
`)
	deps := roots.Deps{{Pkg: fw.Pkg, Contracts: &facts.Contracts{Methods: []string{"Handler.OnEvent"}, Fields: []string{"Events.Data"}}}}
	_, g, r := roles(t, app, config.Default(), deps)
	assert.Equal(t, "implements rootsfw.Handler.OnEvent", rootOf(t, app, g, r, "h.OnEvent"))
	assert.Equal(t, "rootsfw.Events.Data", rootOf(t, app, g, r, "data"))

	_, g, r = roles(t, app, config.Default(), nil)
	assert.Empty(t, rootOf(t, app, g, r, "h.OnEvent"), "without the fact, no contract")
}
