package lockheld

import (
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/report"
)

// reportPlace reports a place that may block while locks are held.
func (f *lockFlow) reportPlace(i int, st lockState) {
	if !f.reporting || len(st) == 0 {
		return
	}
	pl := &f.n.Places[i]
	if pl.Call != nil && pl.Callee != nil {
		// A callee that lets go of a lock while it works does not block
		// with that lock held.
		for _, ev := range f.lockEvents(pl.Call) {
			if ev.op.kind == lockDrop {
				if j := st.index(ev.ref.name, false); j >= 0 {
					st = st.without(j)
				}
			}
		}
		if len(st) == 0 {
			return
		}
	}
	all, ok := f.c.sol.ExplainPlace(pl)
	if !ok {
		return
	}
	// (*sync.Cond).Wait releases the lock it waits with: a direct Wait is
	// reported under the other locks held (see cond.go), one reached
	// through a callee not at all. A deadlock chain says the call waits
	// for the loop a root runs on: held locks know no loop, and the
	// call's own categories say how it waits.
	chains := all[:0:0]
	for _, c := range all {
		switch {
		case c.Category == facts.Deadlock:
		case c.Sink.Name != condWait:
			chains = append(chains, c)
		case len(c.Hops) == 0:
			if others := f.heldAcrossWait(st, pl.Pos); len(others) > 0 {
				st = others
				chains = append(chains, c)
			}
		}
	}
	if len(chains) == 0 || len(st) == 0 {
		return
	}
	// Whether or not this finding is silenced, the lock is held across
	// blocking: a root that takes it waits (contention.go).
	f.noteHolder(st, pl, chains)
	if f.c.rep.Ignored(pl.Pos) {
		return
	}
	var msg strings.Builder
	if pl.Deferred {
		msg.WriteString("deferred ")
	}
	msg.WriteString(pl.What)
	msg.WriteString(" may block [")
	msg.WriteString(report.Categories(chains))
	msg.WriteString("] while ")
	msg.WriteString(f.describe(st))
	msg.WriteString(" is held")
	msg.WriteString(report.ChainSuffix(pl.What, chains[0]))
	f.c.pending = append(f.c.pending, pendingDiag{
		d:     analysis.Diagnostic{Pos: pl.Pos, End: pl.End, Category: string(chains[0].Category), Message: msg.String()},
		locks: st,
	})
}

// describe names the held locks for a message: the first taken, with
// where, and how many more.
func (f *lockFlow) describe(st lockState) string {
	first := st[0]
	for _, h := range st[1:] {
		if h.pos < first.pos {
			first = h
		}
	}
	var s string
	switch {
	case first.caller && first.name == "":
		s = "the caller's lock (" + f.n.Name + " is called with it held, by its name)"
	case first.caller:
		s = first.name + " (held on entry, //blockcheck:locked)"
	case first.maybe != "":
		posn := f.c.fset.Position(first.pos)
		s = fmt.Sprintf("%s (possibly left locked by %s at %s:%d)", first.name, first.maybe, filepath.Base(posn.Filename), posn.Line)
	default:
		verb := "locked"
		if first.read {
			verb = "read-locked"
		}
		posn := f.c.fset.Position(first.pos)
		name := first.name
		if first.shown != "" {
			name = first.shown
		}
		s = fmt.Sprintf("%s (%s at %s:%d)", name, verb, filepath.Base(posn.Filename), posn.Line)
	}
	if len(st) > 1 {
		s += fmt.Sprintf(" and %d more lock", len(st)-1)
		if len(st) > 2 {
			s += "s"
		}
	}
	return s
}
