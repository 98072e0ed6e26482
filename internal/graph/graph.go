// Package graph is what a package's functions are and what they call: a
// node for every function, method and function literal, and for each the
// places in its body that may block (channel operations, selects, calls of
// functions that may block or of the package's own functions), the
// function values it calls (local variables holding functions, callback
// arguments), the parameters it calls synchronously (its callback
// summary), and the functions it stores in registration fields or passes
// to registration functions.
//
// It walks the syntax tree with types, as ctrlflow does, rather than
// building SSA: that sees calls, channel operations and selects, and costs
// a fraction of SSA on the hundreds of dependencies a go vet run visits.
//
// A Graph is built once and not changed afterwards by other stages: the
// solution, the roots and the reports are computed from it and kept
// elsewhere. It knows about imported functions only through the Callees it
// is given, and may not import the later stages (roots, solve, lockheld,
// report).
package graph

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/sinks"
)

// A Graph is the functions of one package and what they call.
type Graph struct {
	Pkg    *types.Package
	Nodes  []*Node                // every function and literal: declarations in source order, then each one's literals
	ByFunc map[*types.Func]*Node  // declared functions and methods
	Lits   map[*ast.FuncLit]*Node // function literals

	// Registered are the functions stored in watched fields or passed to
	// watched parameters (Input.Watch), in source order.
	Registered []Registration

	// Stored are the functions stored into fields that another package's
	// roots call (Input.Watch.Called), in source order (slots.go).
	Stored []Registration

	// SlotKeys are the cross-package names of the field and variable
	// slots the package stores into or calls (names.SlotKey).
	SlotKeys map[*types.Var]string

	in             Input
	vars           map[*types.Var][]*Target  // what local function variables are assigned
	streamVars     map[*types.Var][]ast.Expr // what local interface and pointer variables are assigned
	roomy          map[*ast.SendStmt]bool    // sends on local channels with room for them
	oneShot        map[*types.Var]bool       // channel fields that only ever hold buffered channels (or nil)
	madeOnce       map[*types.Var]bool       // of those, the ones every store fills with a channel made there
	casSends       map[*ast.SendStmt]bool    // sends on those made at most once per channel, by a CompareAndSwap guard (casguard.go); nil until needed
	bufferedParams map[paramKey]bool         // parameters every call passes a buffered channel, see oneshot.go
	instances      map[*types.TypeParam][]types.Type
	slots          map[Slot][]*Target // what function values slots may hold (slots.go)
	setterCalls    []setterCall
	streamInfo     map[*types.Func]stdStreamInfo
	stack          []ast.Node // scratch for prepass, reused across declarations
	outers         []*Node
}

// A Node is a function body of the package: a declared function or method,
// or a function literal.
type Node struct {
	Index int
	Name  string      // display name in this package: "Serve", "(*Server).flush", "Serve.func1"
	Fn    *types.Func // nil for literals
	Body  *ast.BlockStmt

	Places []Place

	// ParamCalls are the parameters (indices from 0, receiver not counted)
	// the function calls synchronously, directly or by passing them to a
	// function that does: its callback summary. Sorted.
	ParamCalls []int

	// ParamStores are the parameters the function stores into slots: a
	// setter (slots.go).
	ParamStores []ParamStore

	// SlotCalls are the fields and variables the body calls through, in
	// order of first call (slots.go).
	SlotCalls []*types.Var

	// StreamParams are the io.Reader and io.Writer parameters the function
	// reads or writes synchronously (sorted): a call blocks as the
	// arguments passed there do.
	StreamParams []int

	// Outer is the function a literal is written in (a declaration or
	// another literal); nil for declarations.
	Outer *Node

	// Captured are the parameters of enclosing functions that a literal
	// calls synchronously: when the literal itself is called
	// synchronously in its owner, the owner calls that parameter.
	Captured []Captured

	// The function-typed results: the local functions the function may
	// return (ReturnTargets), and the parameters a function it returns
	// calls synchronously (ReturnCalls, sorted): a call of the result
	// calls those. returnCalls are the calls whose results it returns.
	ReturnTargets []*Node
	ReturnCalls   []int
	returnCalls   []*ast.CallExpr

	// LockOps is set when the body takes or releases a lock, directly or
	// through a function Input.LockOps recognises: only such bodies, and
	// those called with a lock held, need the lock-held check.
	LockOps bool

	// Notes say what the body does that does not block, and why; only
	// with Input.Notes.
	Notes []Note

	// Concrete is the one concrete type the function's interface-typed
	// first result always has, or nil (ifaces.go).
	Concrete        types.Type
	concreteUnknown bool

	sig   *types.Signature
	built bool
}

// Captured is a parameter of an enclosing function called in a literal.
type Captured struct {
	Owner *Node
	Param int
}

// A Place is one point in a function body that may block: a channel
// operation, a select, or a call.
type Place struct {
	Pos      token.Pos
	End      token.Pos // the end of the operation or call, for reports
	Anchor   token.Pos // where the control-flow graph evaluates it; Pos unless that is outside every statement
	What     string    // the operation ("channel send") or the callee as written ("s.flush")
	Deferred bool

	Op      facts.Category // a blocking operation of this category, or ""
	Targets []*Node        // local functions it may call
	Ext     *sinks.Block   // an imported function it calls that may block, or nil

	// AllOf says the place calls one of its targets but blocks only if
	// every one of them blocks, in some category (Ext then stands for the
	// imported ones, which all block): a call through a type parameter,
	// one target per instantiation.
	AllOf bool

	// Calls of functions that call their function arguments: the callee,
	// and the arguments it calls, local and imported.
	Call      *ast.CallExpr
	Callee    *types.Func
	CbTargets []*Node
	CbExt     *sinks.Block

	// Results are the calls whose function-typed results this place
	// calls (g := wrap(h); g(), or wrap(h)()); LinkCallbacks resolves
	// them into Targets and Ext.
	Results []*ast.CallExpr

	// Skip are the places of the one target (Targets[0], a declared
	// function) that cannot run with the constant booleans this call
	// passes it, sorted: the call does not block through them
	// (constargs.go).
	Skip []int32

	allOfQuiet bool
	iface      *pendingIface // an interface call whose receiver may be known (ifaces.go)
}

// A Target is one function a function value may hold.
type Target struct {
	Node   *Node         // a local function or literal
	Fn     *types.Func   // or an imported function or an interface method
	Result *ast.CallExpr // or what a call returns
	Slot   *Slot         // or what a slot holds
}

// A Registration is a function stored in a watched field or passed to a
// watched parameter.
type Registration struct {
	Pos    token.Pos // the registered value
	End    token.Pos
	As     string // the name of the field or parameter
	Target Target
}

// A Note is something a body does that does not block, and why.
type Note struct {
	Pos  token.Pos
	Text string
}

// Callees is what the graph needs to know about functions with no body in
// the package.
type Callees interface {
	// Blocking says how a call to fn may block, or nil.
	Blocking(fn *types.Func) *sinks.Block
	// Callbacks returns the parameters an imported fn calls synchronously.
	Callbacks(fn *types.Func) []int
	// Returns says what calling the function-typed result of an imported
	// fn does: the parameters it calls, and how it blocks (or nil).
	Returns(fn *types.Func) (calls []int, blocks *sinks.Block)
	// Streams returns the reader and writer parameters an imported fn
	// reads or writes.
	Streams(fn *types.Func) []int
	// Stores returns the parameters an imported fn stores into fields
	// or package variables.
	Stores(fn *types.Func) []sinks.Store
	// ResultMethods says, for an imported fn whose interface-typed result
	// is always one concrete type, how each method of the result blocks.
	ResultMethods(fn *types.Func) map[string][]*sinks.Block
}

// Input is what Build reads.
type Input struct {
	Fset       *token.FileSet
	Files      []*ast.File
	Info       *types.Info
	Pkg        *types.Package
	Categories facts.CategorySet
	Callees    Callees

	// LockOps, if set, tells whether a call of fn takes or releases a
	// lock; nil when the lock-held check is off.
	LockOps func(fn *types.Func) bool

	// Watch says which stores and arguments are registrations.
	Watch Watch

	// Notes collects Node.Notes, for -why.
	Notes bool
}

// Watch names the registration points: function-typed struct fields whose
// stored functions, and parameters of functions whose arguments, are
// recorded in Graph.Registered under the given names.
type Watch struct {
	Fields map[*types.Var]string
	Params map[*types.Func][]Param

	// Called are fields that roots of other packages call synchronously,
	// with what calls them: stores into them are recorded in Stored.
	Called map[*types.Var]string
}

// A Param is a watched parameter of a registration function.
type Param struct {
	Index int
	As    string
}
