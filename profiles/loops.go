package profiles

import "github.com/blockcheck/blockcheck/facts"

// Loops: where a library runs the callbacks it is given, what blocking
// there stalls, which work is normal there, and which calls from there can
// never return. A profile's Roots are one loop of the first severity with
// every category checked and no known deadlocks (AllLoops spells it out);
// a library with several loops, or with different rules, lists them in
// Loops.

// Severity says how much a root that blocks stalls: what else waits for
// it. The zero value is not a severity.
type Severity int

const (
	// SingleLoop: one goroutine runs the callbacks of the whole program
	// or engine, one after another, and everything else waits for it:
	// every key press and frame of a Bubble Tea, tview, Fyne or
	// Ebitengine program, every connection of a gnet, evio or nbio loop,
	// every finalizer of the process.
	SingleLoop Severity = iota + 1
	// SharedSerializer: an executor shared by many owners runs their
	// callbacks one after another (or on a few goroutines): a slow one
	// delays the others, but not the event loop itself (nbio's Async
	// executor, which runs OnClose; the runtime's cleanup goroutines).
	SharedSerializer
	// PerHandlerDispatcher: each registration has a goroutine of its own
	// that runs its callbacks in order: a slow one delays its own events
	// and makes its backlog grow, not the others' (client-go's shared
	// informer handlers, NATS subscriptions).
	PerHandlerDispatcher
	// CallerLatency: no loop, but a contract: the callback runs
	// synchronously on the caller's goroutine and must return promptly,
	// since every caller waits for it (OpenTelemetry span processors,
	// called in every Start and End).
	CallerLatency
)

// String names the severity as messages and SARIF show it.
func (s Severity) String() string {
	switch s {
	case SingleLoop:
		return "single shared loop"
	case SharedSerializer:
		return "shared serializer"
	case PerHandlerDispatcher:
		return "per-handler dispatcher"
	case CallerLatency:
		return "caller-latency contract"
	}
	return "unknown severity"
}

// A Loop is one goroutine, executor or contract that a library runs
// callbacks on, with the roots that run there.
type Loop struct {
	// Name says what runs the roots, as messages name it: "event loop",
	// "FSM goroutine", "Async executor".
	Name string
	// Where says where the library runs the loop, with file:line at the
	// profile's version: the evidence for Severity.
	Where string
	// Severity says what else waits while a root of this loop blocks.
	Severity Severity
	// Allowed are the categories the roots of this loop may block in by
	// design, and which are not reported there: a raft FSM writes its
	// own disk. Every other enabled category is checked, including ones
	// added later; nil checks every enabled category.
	Allowed []facts.Category
	// Roots are the callbacks the library runs on this loop.
	Roots []Root
	// Deadlocks are calls that wait for this very loop: made from one of
	// its roots, directly or through calls, they never return.
	Deadlocks []Deadlock
	// OffWhen are program settings under which the library runs this
	// loop's callbacks on goroutines of their own instead: where the
	// program makes one, the roots are not roots.
	OffWhen []Switch
}

// A Deadlock is a function or method that waits for the loop its caller
// runs on: the loop can only let it return after the caller returns, so
// from a root of that loop it hangs for good, not for a while.
type Deadlock struct {
	// Func is the full name, as types.Func.FullName spells it:
	// "(*github.com/rivo/tview.Application).QueueUpdate".
	Func string
	// From lists the roots ("Type.Member", as in Root) it hangs from;
	// empty means every root of the loop. tview's GetFocus hangs only
	// from the draw callbacks, which run with the application's lock
	// held.
	From []string
	// Where says why it waits for the loop, with file:line: what it
	// waits on and why only the loop could release it.
	Where string
}

// A Switch is a setting that takes a loop's callbacks off the loop: a
// call of Setter with the constant Value as its argument Param, or the
// constant Value stored in Field. paho's SetOrderMatters(false) runs
// each message handler on a goroutine of its own.
type Switch struct {
	// Setter is the full name of the method or function that sets it.
	Setter string
	// Param is the parameter of Setter that takes Value, from 0.
	Param int
	// Field is the struct field that holds the setting ("ClientOptions.Order"),
	// in the profile's package, or empty.
	Field string
	// Value is the constant, in Go syntax, that takes the callbacks off
	// the loop: "false".
	Value string
	// Where says where the library reads the setting, with file:line.
	Where string
}

// A Sink is a library function or interface method that blocks but whose
// body the analysis cannot see from the call: an interface method that
// user code calls on the library's interface (paho's Token.Wait). The
// library's concrete functions need no sink: their own code is analyzed.
type Sink struct {
	// Name is the full name, as types.Func.FullName spells it.
	Name string
	// Category is what kind of blocking it is.
	Category facts.Category
	// Where says what it waits for, with file:line.
	Where string
}

// AllLoops returns the profile's loops: its Roots, as one loop of
// severity SingleLoop with every category checked, then Loops.
func (p *Profile) AllLoops() []Loop {
	if len(p.Roots) == 0 {
		return p.Loops
	}
	loops := make([]Loop, 0, 1+len(p.Loops))
	loops = append(loops, Loop{Name: "event loop", Severity: SingleLoop, Roots: p.Roots})
	return append(loops, p.Loops...)
}
