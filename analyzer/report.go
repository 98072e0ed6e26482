package analyzer

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// report emits one diagnostic for every place in a root's body that may
// block, unless a //blockcheck:ignore directive silences it.
func (p *packageRun) report() {
	for _, n := range p.nodes {
		if n.root == "" {
			continue
		}
		for i := range n.places {
			pl := &n.places[i]
			cat, hops, sink, ok := p.explainPlace(pl)
			if !ok || p.ignoredAt(pl.pos) {
				continue
			}
			what := pl.what
			if pl.deferred {
				what = "deferred " + what
			}
			var msg strings.Builder
			msg.WriteString(n.name)
			if n.registeredAs != "" {
				msg.WriteString(" (registered as ")
				msg.WriteString(n.registeredAs)
				msg.WriteString(")")
			}
			msg.WriteString(" must not block: ")
			msg.WriteString(what)
			msg.WriteString(" may block [")
			msg.WriteString(string(cat))
			msg.WriteString("]")
			msg.WriteString(chainSuffix(pl.what, hops, sink))
			var related []analysis.RelatedInformation
			for _, h := range append(hops, sink) {
				if h.node == nil || h.node.via < 0 {
					continue
				}
				wp := &h.node.places[h.node.via]
				related = append(related, analysis.RelatedInformation{
					Pos:     wp.pos,
					Message: h.name + " may block here: " + wp.what,
				})
			}
			p.diag(analysis.Diagnostic{
				Pos:      pl.pos,
				Category: string(cat),
				Message:  msg.String(),
				Related:  related,
			})
		}
	}
}

// ignoredAt reports whether a //blockcheck:ignore directive is on the
// line of pos or the line above.
func (p *packageRun) ignoredAt(at token.Pos) bool {
	if len(p.ignores) == 0 {
		return false
	}
	pos := p.pass.Fset.Position(at)
	return p.ignores[lineKey{pos.Filename, pos.Line}] || p.ignores[lineKey{pos.Filename, pos.Line - 1}]
}

// diag reports a diagnostic unless the package is excluded from reporting
// by the configuration.
func (p *packageRun) diag(d analysis.Diagnostic) {
	if !p.excluded {
		p.pass.Report(d)
	}
}

// chainSuffix renders a chain for a message: ": a → b → sink", or nothing
// when the place is the sink itself (time.Sleep needs no chain).
func chainSuffix(what string, hops []hop, sink hop) string {
	if len(hops) == 0 && sink.name == what {
		return ""
	}
	var b strings.Builder
	b.WriteString(": ")
	for _, h := range hops {
		b.WriteString(h.name)
		b.WriteString(" → ")
	}
	b.WriteString(sink.name)
	return b.String()
}
