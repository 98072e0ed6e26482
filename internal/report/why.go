package report

import (
	"fmt"
	"go/token"
	"strings"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/solve"
)

// Explanations say, for each function and method of a package (by full
// name, as types.Func.FullName spells it), why it may block, hop by hop
// with positions, or why it does not.
type Explanations struct {
	Funcs map[string]string
}

// Explain explains every declared function of the graph. The graph must
// have been built with Input.Notes.
func Explain(fset *token.FileSet, g *graph.Graph, sol *solve.Solution, roles *roots.Roles, cfg *config.Config) *Explanations {
	e := &Explanations{Funcs: make(map[string]string)}
	w := &why{fset: fset, sol: sol, roles: roles, cfg: cfg}
	for _, n := range g.Nodes {
		if n.Fn != nil {
			e.Funcs[n.Fn.FullName()] = w.explain(n)
		}
	}
	return e
}

type why struct {
	fset  *token.FileSet
	sol   *solve.Solution
	roles *roots.Roles
	cfg   *config.Config
}

func (w *why) posn(pos token.Pos) string { return w.fset.Position(pos).String() }

// explain explains one function.
func (w *why) explain(n *graph.Node) string {
	var b strings.Builder
	name := n.Fn.FullName()
	i := n.Index
	switch {
	case w.roles.Trusted[i]:
		fmt.Fprintf(&b, "%s does not block: the configuration trusts it\n", name)
	case w.roles.Root[i] != "":
		fmt.Fprintf(&b, "%s must not block (%s): it is a root, and its callers do not inherit its blocking\n", name, w.roles.Root[i])
		for j := range n.Places {
			pl := &n.Places[j]
			if chains, ok := w.sol.ExplainPlace(pl); ok {
				fmt.Fprintf(&b, "  %s: %s\n", w.posn(pl.Pos), PlaceBlocks(pl, chains))
				for _, c := range chains[1:] {
					fmt.Fprintf(&b, "    also [%s]%s\n", c.Category, ChainSuffix("", c))
				}
			}
		}
	case !w.sol.Blocks(n):
		fmt.Fprintf(&b, "%s does not block\n", name)
	default:
		for _, c := range w.sol.Explain(n) {
			if w.sol.Via(n, c.Category) < 0 {
				fmt.Fprintf(&b, "%s may block [%s]: declared blocking by //blockcheck:blocking or the configuration\n", name, c.Category)
				continue
			}
			fmt.Fprintf(&b, "%s may block [%s]%s\n", name, c.Category, ChainSuffix("", c))
			w.hops(&b, n, c)
		}
	}
	if !w.sol.Blocks(n) {
		w.whyNot(&b, n)
	}
	return b.String()
}

// hops writes a category's chain hop by hop inside the package, with
// positions: where n calls on, then where each local hop does.
func (w *why) hops(b *strings.Builder, n *graph.Node, c solve.Chain) {
	pl := w.sol.Witness(n, c.Category)
	if pl == nil {
		return
	}
	fmt.Fprintf(b, "  %s: %s calls %s\n", w.posn(pl.Pos), n.Name, pl.What)
	for _, h := range c.Hops {
		if h.Node == nil {
			break // the chain leaves the package
		}
		if h.Via != nil {
			fmt.Fprintf(b, "  %s: %s calls %s\n", w.posn(h.Via.Pos), h.Name, h.Via.What)
		}
	}
}

// whyNot writes what a function that does not block does instead.
func (w *why) whyNot(b *strings.Builder, n *graph.Node) {
	for i := range n.Places {
		pl := &n.Places[i]
		for _, t := range pl.Targets {
			if r := w.roles.Root[t.Index]; r != "" {
				fmt.Fprintf(b, "  %s: %s is a root (%s): its blocking is reported there\n", w.posn(pl.Pos), t.Name, r)
			}
		}
	}
	for _, note := range n.Notes {
		fmt.Fprintf(b, "  %s: %s\n", w.posn(note.Pos), note.Text)
	}
	if !w.cfg.Categories.Has("lock") {
		b.WriteString("  (mutex acquisition is category lock, off unless enabled)\n")
	}
	b.WriteString("  (calls through interfaces count only when the table, a directive or the configuration declares the method blocking)\n")
}
