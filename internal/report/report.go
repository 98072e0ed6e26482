// Package report turns the solution into what users read: a diagnostic
// for every place in a root that may block, for every imported function
// registered as a root that may, and for every malformed directive; the
// messages and chains of those diagnostics (shared with the lock-held
// check); and the explanations of -why.
//
// It owns the wording of messages, which baselines fingerprint and users
// search for: change it only on purpose. Diagnostics go through a
// Reporter, which applies //blockcheck:ignore and the configuration's
// excluded packages. It may read every earlier stage and may not import
// the lock-held check.
package report

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/nolint"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/sinks"
	"github.com/blockcheck/blockcheck/internal/solve"
)

// A Reporter emits diagnostics for one package.
type Reporter struct {
	Fset     *token.FileSet
	Report   func(analysis.Diagnostic)
	Ignores  *directive.Ignores
	Excluded bool        // the configuration excludes the package from reporting
	Files    []*ast.File // the package's files, for their //nolint comments

	quiet *nolint.Set // read at the first diagnostic
}

// Ignored reports whether an ignore directive silences a report at pos: on
// its line or the line above, or for its whole file.
func (r *Reporter) Ignored(pos token.Pos) bool {
	return r.Ignores != nil && r.Ignores.Silences(r.Fset, pos)
}

// Diag reports a diagnostic unless the package is excluded or a
// //nolint:blockcheck comment silences its line: golangci-lint's comments
// hold under every driver, go vet and nogo included.
func (r *Reporter) Diag(d analysis.Diagnostic) {
	if r.Excluded {
		return
	}
	if r.quiet == nil {
		r.quiet = nolint.Index(r.Fset, r.Files)
	}
	if !r.quiet.Suppressed(d.Pos) {
		r.Report(d)
	}
}

// Directives reports the malformed and misplaced directives.
func Directives(r *Reporter, problems []directive.Problem) {
	for _, p := range problems {
		r.Diag(analysis.Diagnostic{Pos: p.Pos, End: p.End, Category: "directive", Message: p.Message})
	}
}

// UnusedIgnores reports the ignore directives that silenced nothing: the
// finding they were written for is gone, or was never where they are.
func UnusedIgnores(r *Reporter) {
	if r.Ignores == nil {
		return
	}
	for _, i := range r.Ignores.All() {
		if i.Used {
			continue
		}
		where := "on its line or the next"
		if strings.Contains(i.Text, "file-ignore") {
			where = "in its file"
		}
		r.Diag(analysis.Diagnostic{Pos: i.Pos, End: i.End, Category: "directive",
			Message: fmt.Sprintf("unused directive %q: it silences no finding %s; remove it", names.Clip(i.Text), where)})
	}
}

// Roots emits one diagnostic for every place in a root's body that may
// block, unless a //blockcheck:ignore directive silences it.
func Roots(r *Reporter, g *graph.Graph, sol *solve.Solution, roles *roots.Roles) {
	for _, n := range g.Nodes {
		if !roles.IsRoot(n) {
			continue
		}
		for i := range n.Places {
			pl := &n.Places[i]
			chains, ok := sol.ExplainPlace(pl)
			if !ok || r.Ignored(pl.Pos) {
				continue
			}
			if chains = rootChains(chains, roles.Allowed[n.Index], roles.Deadlocks[n.Index]); len(chains) == 0 {
				continue
			}
			r.Diag(analysis.Diagnostic{
				Pos:      pl.Pos,
				End:      pl.End,
				Category: string(chains[0].Category),
				Message:  rootMessage(n, roles.RegisteredAs[n.Index], pl, chains) + RunsSuffix(roles.Runs[n.Index]),
				Related:  Related(r.Fset, sol, pl, pl.Pos, chains),
			})
		}
	}
}

// rootChains keeps the chains that are findings in a root: not of the
// categories it may block in by design (a raft FSM's disk writes), and
// deadlock chains only to the sinks that hang it (the deadlocks of its
// loop: tea.Program.Send hangs Update, not a gnet callback).
func rootChains(chains []solve.Chain, allowed facts.CategorySet, deadlocks map[string]bool) []solve.Chain {
	drop := func(c solve.Chain) bool {
		return allowed.Has(c.Category) || c.Category == facts.Deadlock && !deadlocks[c.Sink.Qualified]
	}
	n := 0
	for _, c := range chains {
		if c.Category == facts.Deadlock && !drop(c) {
			return []solve.Chain{c} // a certain hang: the rest does not matter
		}
		if drop(c) {
			n++
		}
	}
	if n == 0 {
		return chains
	}
	keep := make([]solve.Chain, 0, len(chains)-n)
	for _, c := range chains {
		if !drop(c) {
			keep = append(keep, c)
		}
	}
	return keep
}

// RunsSuffix ends the message of a profile root's finding with what the
// root runs on and how much stalls with it: "; runs on bubbletea's event
// loop (single shared loop)". SARIF output reads the severity from it.
func RunsSuffix(runs string) string {
	if runs == "" {
		return ""
	}
	return "; runs on " + runs
}

// rootMessage is "Root must not block: callee may block [categories]:
// chain of the first category".
func rootMessage(n *graph.Node, registeredAs string, pl *graph.Place, chains []solve.Chain) string {
	return RootPrefix(n.Name, registeredAs) + PlaceBlocks(pl, chains)
}

// RootPrefix is how a root's finding starts: "Root must not block: ", or
// "Root (registered as X) must not block: ".
func RootPrefix(name, registeredAs string) string {
	if registeredAs != "" {
		return name + " (registered as " + registeredAs + ") must not block: "
	}
	return name + " must not block: "
}

// PlaceBlocks is "callee may block [categories]: chain", the part of a
// message that says how a place blocks: every category, the chain of the
// first.
func PlaceBlocks(pl *graph.Place, chains []solve.Chain) string {
	var msg strings.Builder
	if pl.Deferred {
		msg.WriteString("deferred ")
	}
	msg.WriteString(pl.What)
	if chains[0].Category == facts.Deadlock {
		msg.WriteString(" never returns: it waits for the loop this root runs on [")
		msg.WriteString(Categories(chains))
		msg.WriteString("]")
		msg.WriteString(ChainSuffix(pl.What, chains[0]))
		return msg.String()
	}
	msg.WriteString(" may block [")
	msg.WriteString(Categories(chains))
	msg.WriteString("]")
	msg.WriteString(ChainSuffix(pl.What, chains[0]))
	return msg.String()
}

// Categories lists the chains' categories: "net, file".
func Categories(chains []solve.Chain) string {
	var b strings.Builder
	for i, c := range chains {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(c.Category))
	}
	return b.String()
}

// Related points at where, inside the package, the first chain continues
// (one entry per local hop), then where it leaves the package: the
// declaration of the imported function it calls, when that is analyzed
// code (not the table's), so that code flows cross packages. It gives
// each other category's chain at its first local hop's blocking place or
// at pos. pl is the reported place, or nil.
func Related(fset *token.FileSet, sol *solve.Solution, pl *graph.Place, pos token.Pos, chains []solve.Chain) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	first := chains[0]
	last, rest := pl, first.Hops // the last local place, and the hops after it
	for i, h := range append(first.Hops, first.Sink) {
		if h.Node == nil {
			continue
		}
		if wp := hopPlace(sol, h, first.Category); wp != nil {
			out = append(out, analysis.RelatedInformation{
				Pos:     wp.Pos,
				Message: h.Name + " may block here: " + wp.What,
			})
			last, rest = wp, nil
			if i+1 < len(first.Hops) {
				rest = first.Hops[i+1:]
			}
		}
	}
	if ri, ok := leaving(fset, last, rest, first); ok {
		out = append(out, ri)
	}
	for _, c := range chains[1:] {
		at := pos
		for _, h := range append(c.Hops, c.Sink) {
			if h.Node == nil {
				continue
			}
			if wp := hopPlace(sol, h, c.Category); wp != nil {
				at = wp.Pos
				break
			}
		}
		out = append(out, analysis.RelatedInformation{
			Pos:     at,
			Message: "also may block [" + string(c.Category) + "]" + ChainSuffix("", c),
		})
	}
	return out
}

// hopPlace is the place a local hop of a chain continues at.
func hopPlace(sol *solve.Solution, h solve.Hop, c facts.Category) *graph.Place {
	if h.Via != nil {
		return h.Via
	}
	return sol.Witness(h.Node, c)
}

// leaving is the related information at the declaration of the imported
// function through which a chain leaves the package at place pl: hops
// are the chain's hops from that function on. There is none when the
// place blocks by itself, calls a function the standard-library table
// answers for, or calls what its chain does not name first. It points at
// the start of the declaration's line: export data, which go vet's
// packages are read from, keeps lines but not always columns.
func leaving(fset *token.FileSet, pl *graph.Place, hops []solve.Hop, c solve.Chain) (analysis.RelatedInformation, bool) {
	if pl == nil || pl.Callee == nil || pl.Ext == nil || len(hops) == 0 || hops[0].Node != nil {
		return analysis.RelatedInformation{}, false
	}
	fn := pl.Callee
	if fn.Pkg() == nil || facts.InTable(fn.Pkg().Path()) || !fn.Pos().IsValid() || hops[0].Qualified != names.Qualified(fn) {
		return analysis.RelatedInformation{}, false
	}
	var b strings.Builder
	for _, h := range hops[1:] {
		b.WriteString(h.Name)
		b.WriteString(" → ")
	}
	b.WriteString(c.Sink.Name)
	at := fn.Pos()
	if tf := fset.File(at); tf != nil {
		at = tf.LineStart(tf.Line(at))
	}
	return analysis.RelatedInformation{Pos: at, Message: hops[0].Name + " may block in its package: " + b.String()}, true
}

// Registrations reports imported functions registered as roots that may
// block.
func Registrations(r *Reporter, g *graph.Graph, roles *roots.Roles, res *sinks.Resolver) {
	for _, reg := range roles.Imported {
		var b *sinks.Block
		if c := reg.Target.Result; c != nil {
			b = g.ResultBlocks(c)
		} else {
			b = res.Blocking(reg.Target.Fn)
		}
		if b == nil || r.Ignored(reg.Pos) {
			continue
		}
		chains := rootChains(solve.ExplainBlock(b), 0, nil)
		if len(chains) == 0 {
			continue
		}
		r.Diag(analysis.Diagnostic{
			Pos:      reg.Pos,
			End:      reg.End,
			Category: string(chains[0].Category),
			Message:  fmt.Sprintf("%s is registered as %s and must not block: it may block [%s]%s", b.Callee, reg.As, Categories(chains), ChainSuffix("", chains[0])) + RunsSuffix(roles.RunsAs(reg.As)),
		})
	}
}

// ChainSuffix renders a chain for a message: ": a → b → sink", or nothing
// when the place is the sink itself (time.Sleep needs no chain).
func ChainSuffix(what string, c solve.Chain) string {
	if len(c.Hops) == 0 && c.Sink.Name == what {
		return ""
	}
	var b strings.Builder
	b.WriteString(": ")
	for _, h := range c.Hops {
		b.WriteString(h.Name)
		b.WriteString(" → ")
	}
	b.WriteString(c.Sink.Name)
	return b.String()
}

// Stores reports functions stored in fields that another package's roots
// call, when they may block: at the store, naming the field and the root.
func Stores(r *Reporter, g *graph.Graph, sol *solve.Solution, res *sinks.Resolver) {
	for _, st := range g.Stored {
		var chains []solve.Chain
		var name string
		switch t := st.Target; {
		case t.Node != nil && sol.Blocks(t.Node):
			chains, name = sol.ExplainFrom(t.Node), t.Node.Name
		case t.Fn != nil:
			if b := res.Blocking(t.Fn); b != nil {
				chains, name = solve.ExplainBlock(b), b.Callee
			}
		}
		chains = rootChains(chains, 0, nil)
		if len(chains) == 0 || r.Ignored(st.Pos) {
			continue
		}
		r.Diag(analysis.Diagnostic{
			Pos:      st.Pos,
			End:      st.End,
			Category: string(chains[0].Category),
			Message:  fmt.Sprintf("%s is stored in %s, and must not block: it may block [%s]%s", name, st.As, Categories(chains), ChainSuffix("", chains[0])),
			Related:  Related(r.Fset, sol, nil, st.Pos, chains),
		})
	}
}
