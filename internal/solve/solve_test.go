package solve_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/solve"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

const src = `package p

import (
	"os"
	"time"
)

func A() { b() }
func b() { c() }
func c() { os.ReadFile("") }

// Short reaches a file read through A and a sleep through d: one chain each.
func Short() { A(); d() }
func d() { time.Sleep(0) }

// Rec is mutually recursive with rec2; only rec2 blocks.
func Rec() { rec2() }
func rec2() { Rec(); time.Sleep(0) }

//blockcheck:nonblocking
func Root() { c() }

// Above calls a root: roots are barriers.
func Above() { Root() }

//blockcheck:blocking
func Declared() {}

func UsesDeclared() { Declared() }

func Quiet() {}

func Once(f func()) { f() }

func ViaArg() { Once(d) }
`

func solved(t *testing.T, cats facts.CategorySet) (*testsrc.Package, *graph.Graph, *solve.Solution) {
	t.Helper()
	p := testsrc.Load(t, "solve"+cats.String(), src)
	cfg := config.Default()
	cfg.Categories = cats
	s := testsrc.Run(t, p, cfg, nil, nil)
	return p, s.Graph, s.Solution
}

func chain(c solve.Chain) []string {
	var out []string
	for _, h := range c.Hops {
		out = append(out, h.Qualified)
	}
	return append(out, c.Sink.Qualified)
}

func TestSolve(t *testing.T) {
	p, g, sol := solved(t, facts.DefaultCategories())
	node := func(name string) *graph.Node {
		n := g.ByFunc[p.Func(t, name)]
		require.NotNil(t, n, name)
		return n
	}
	for _, tc := range []struct {
		fn    string
		level int
		cat   facts.Category
		chain []string
	}{
		{"A", 2, facts.File, []string{"p.b", "p.c", "os.ReadFile"}},
		{"c", 0, facts.File, []string{"os.ReadFile"}},
		{"Short", 3, facts.File, []string{"p.A", "p.b", "p.c", "os.ReadFile"}},
		{"Rec", 1, facts.Sleep, []string{"p.rec2", "time.Sleep"}},
		{"Above", -1, "", nil},
		{"Quiet", -1, "", nil},
		{"UsesDeclared", 1, facts.User, []string{"p.Declared"}},
		{"ViaArg", 1, facts.Sleep, []string{"p.Once", "p.d", "time.Sleep"}},
	} {
		n := node(tc.fn)
		if tc.level < 0 {
			assert.False(t, sol.Blocks(n), tc.fn)
			continue
		}
		assert.Equal(t, tc.level, sol.Level(n, tc.cat), tc.fn)
		c := sol.Explain(n)[0]
		assert.Equal(t, tc.cat, c.Category, tc.fn)
		assert.Equal(t, tc.chain, chain(c), tc.fn)
	}
	// Short blocks in two categories, each with its own shortest chain, in
	// report order: file before sleep.
	short := node("Short")
	assert.Equal(t, []facts.Category{facts.File, facts.Sleep}, sol.Categories(short))
	both := sol.Explain(short)
	require.Len(t, both, 2)
	assert.Equal(t, []string{"p.d", "time.Sleep"}, chain(both[1]))
	assert.Equal(t, 1, sol.Level(short, facts.Sleep))

	// The root is not a blocking function itself, but its places block.
	root := node("Root")
	assert.False(t, sol.Blocks(root))
	cs, ok := sol.ExplainPlace(&root.Places[0])
	require.True(t, ok)
	assert.Equal(t, []string{"p.c", "os.ReadFile"}, chain(cs[0]))
}

func TestSolveCategories(t *testing.T) {
	p, g, sol := solved(t, facts.CategorySet(0).With(facts.File))
	short := g.ByFunc[p.Func(t, "Short")]
	assert.Equal(t, []string{"p.A", "p.b", "p.c", "os.ReadFile"}, chain(sol.Explain(short)[0]), "with sleep off, the file chain is the witness")
	assert.False(t, sol.Blocks(g.ByFunc[p.Func(t, "UsesDeclared")]), "user is disabled")
}

func TestBoundHops(t *testing.T) {
	var hops []solve.Hop
	for range facts.MaxChain + 3 {
		hops = append(hops, solve.Hop{Name: "f", Qualified: "p.f"})
	}
	b := solve.BoundHops(hops)
	require.Len(t, b, facts.MaxChain)
	assert.Equal(t, facts.Ellipsis, b[len(b)-1].Qualified)
	assert.Len(t, solve.BoundHops(hops[:2]), 2)
}
