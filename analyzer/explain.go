package analyzer

import (
	"fmt"
	"go/token"
	"strings"
)

// Explanations say, for each function and method of a package (by full
// name, as types.Func.FullName spells it), why it may block, hop by hop
// with positions, or why it does not.
type Explanations struct {
	Funcs map[string]string
}

// A whyNote is something a body does that does not block, and why.
type whyNote struct {
	pos  token.Pos
	text string
}

// noteWhy records a note for -why; a no-op otherwise.
func (p *packageRun) noteWhy(n *node, pos token.Pos, text string) {
	if p.explaining {
		n.notes = append(n.notes, whyNote{pos, text})
	}
}

func (p *packageRun) explanations() *Explanations {
	e := &Explanations{Funcs: make(map[string]string)}
	for _, n := range p.nodes {
		if n.fn != nil {
			e.Funcs[n.fn.FullName()] = p.why(n)
		}
	}
	return e
}

// why explains one function.
func (p *packageRun) why(n *node) string {
	var b strings.Builder
	posn := func(pos token.Pos) string { return p.pass.Fset.Position(pos).String() }
	name := n.fn.FullName()
	switch {
	case n.trusted:
		fmt.Fprintf(&b, "%s does not block: the configuration trusts it\n", name)
	case n.root != "":
		fmt.Fprintf(&b, "%s must not block (%s): it is a root, and its callers do not inherit its blocking\n", name, n.root)
		for i := range n.places {
			if c, hops, sink, ok := p.explainPlace(&n.places[i]); ok {
				fmt.Fprintf(&b, "  %s: %s may block [%s]%s\n", posn(n.places[i].pos), n.places[i].what, c, chainSuffix(n.places[i].what, hops, sink))
			}
		}
	case n.level < 0:
		fmt.Fprintf(&b, "%s does not block\n", name)
	case n.via < 0:
		fmt.Fprintf(&b, "%s may block [%s]: declared blocking by //blockcheck:blocking or the configuration\n", name, n.declared)
	default:
		c, hops, sink := p.explain(n)
		fmt.Fprintf(&b, "%s may block [%s]%s\n", name, c, chainSuffix("", hops, sink))
		// Hop by hop inside the package, with positions.
		for cur := n; cur != nil && cur.via >= 0; {
			pl := &cur.places[cur.via]
			fmt.Fprintf(&b, "  %s: %s calls %s\n", posn(pl.pos), cur.name, pl.what)
			next := targetAt(pl.targets, cur.level-1)
			if next == nil {
				next = targetAt(pl.cbTargets, cur.level-1)
			}
			if next == nil || next.via < 0 {
				break
			}
			cur = next
		}
	}
	if n.level < 0 {
		for i := range n.places {
			pl := &n.places[i]
			for _, t := range pl.targets {
				if t.root != "" {
					fmt.Fprintf(&b, "  %s: %s is a root (%s): its blocking is reported there\n", posn(pl.pos), t.name, t.root)
				}
			}
		}
		for _, note := range n.notes {
			fmt.Fprintf(&b, "  %s: %s\n", posn(note.pos), note.text)
		}
		if !p.cfg.Categories.Has("lock") {
			b.WriteString("  (mutex acquisition is category lock, off unless enabled)\n")
		}
		b.WriteString("  (calls through interfaces count only when the table, a directive or the configuration declares the method blocking)\n")
	}
	return b.String()
}
