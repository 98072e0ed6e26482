package lockheld

import "github.com/blockcheck/blockcheck/internal/graph"

// calleesFirst returns the package's nodes with every function after the
// functions it calls, except around a call cycle (the strongly connected
// components of the call graph, in Tarjan's order, which finishes a
// component after the ones it reaches). Summaries computed in this order
// settle in one round along any chain of helpers; only a cycle needs more,
// about one round for each of its members that is reached before the one
// its summary comes from (nats-server's flushOutbound → collapsePtoNB →
// wsCollapsePtoNB → markConnAsClosed → flushAndClose → flushOutbound).
func calleesFirst(nodes []*graph.Node) []*graph.Node {
	const unvisited = -1
	index := make([]int, len(nodes))
	low := make([]int, len(nodes))
	onStack := make([]bool, len(nodes))
	for i := range index {
		index[i] = unvisited
	}
	out := make([]*graph.Node, 0, len(nodes))
	var stack []*graph.Node
	next := 0
	var visit func(n *graph.Node)
	visit = func(n *graph.Node) {
		index[n.Index], low[n.Index] = next, next
		next++
		stack = append(stack, n)
		onStack[n.Index] = true
		for _, pl := range n.Places {
			for _, t := range pl.Targets {
				switch {
				case index[t.Index] == unvisited:
					visit(t)
					low[n.Index] = min(low[n.Index], low[t.Index])
				case onStack[t.Index]:
					low[n.Index] = min(low[n.Index], index[t.Index])
				}
			}
		}
		if low[n.Index] != index[n.Index] {
			return
		}
		for {
			m := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[m.Index] = false
			out = append(out, m)
			if m == n {
				return
			}
		}
	}
	for _, n := range nodes {
		if index[n.Index] == unvisited {
			visit(n)
		}
	}
	return out
}
