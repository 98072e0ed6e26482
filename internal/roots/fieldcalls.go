package roots

import (
	"sort"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/graph"
)

// Fields called from roots: a root that calls a function-typed field (or
// package variable) synchronously, directly or through the package's own
// functions, makes every function stored there one that must not block.
// Stores in this package are followed as calls; stores in packages that
// depend on this one learn of the field from a FieldCalls fact and are
// reported where they store.

// FieldCalls returns, for each field or package variable slot that a root
// of the graph calls synchronously, the first root (in name order) that
// does, sorted by field.
func FieldCalls(g *graph.Graph, roles *Roles) []facts.FieldCall {
	byField := make(map[string]string)
	for _, n := range g.Nodes {
		if !roles.IsRoot(n) {
			continue
		}
		label := g.Pkg.Name() + "." + n.Name
		if as := roles.RegisteredAs[n.Index]; as != "" {
			label += " (registered as " + as + ")"
		}
		seen := map[*graph.Node]bool{n: true}
		work := []*graph.Node{n}
		for len(work) > 0 {
			cur := work[len(work)-1]
			work = work[:len(work)-1]
			for _, v := range cur.SlotCalls {
				if key := g.SlotKeys[v]; key != "" {
					if old, ok := byField[key]; !ok || label < old {
						byField[key] = label
					}
				}
			}
			for i := range cur.Places {
				pl := &cur.Places[i]
				for _, ts := range [][]*graph.Node{pl.Targets, pl.CbTargets} {
					for _, t := range ts {
						if !seen[t] && !roles.IsRoot(t) {
							seen[t] = true
							work = append(work, t)
						}
					}
				}
			}
		}
	}
	out := make([]facts.FieldCall, 0, len(byField))
	for f, r := range byField {
		out = append(out, facts.FieldCall{Field: f, Root: r})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}
