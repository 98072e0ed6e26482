// Package baddirectives checks that malformed directives are reported and
// do not stop the analysis.
package baddirectives

import "time"

//blockcheck:nonblockin // want `unknown directive "//blockcheck:nonblockin": known directives are nonblocking, blocking, ignore`
func A() {}

//blockcheck:blocking disk // want `malformed directive "//blockcheck:blocking disk": unknown category "disk" \(known: net, file`
func B() {}

//blockcheck:blocking net file // want `malformed directive .*: usage is //blockcheck:blocking \[category\]`
func C() {}

//blockcheck:nonblocking please // want `malformed directive .*: usage is //blockcheck:nonblocking`
func D() {}

// blockcheck:nonblocking // want `write it without a space after //`
func E() {}

func F() { // want F:`blocks\[sleep\]: time.Sleep`
	//blockcheck:ignore // want `malformed directive "//blockcheck:ignore": usage is //blockcheck:ignore reason`
	time.Sleep(1)
}

//blockcheck:nonblocking // want `misplaced directive`

var G = 1

//blockcheck:nonblocking
//blockcheck:blocking // want `conflicting directive "//blockcheck:blocking": H already has a directive on line 31`
func H() {
	time.Sleep(1) // want `H must not block: time.Sleep may block \[sleep\]`
}

//blockcheck: // want `unknown directive "//blockcheck:"`
func I() {}

// After all these, the analysis still runs.
//
//blockcheck:nonblocking
func J() {
	time.Sleep(1) // want `J must not block`
}

// Generic interfaces cannot carry a contract.
type Handler[T any] interface {
	//blockcheck:nonblocking // want `unsupported directive "//blockcheck:nonblocking": On belongs to a generic interface`
	On(T)
}

// locked documents functions, not interface methods.
type Locker interface {
	//blockcheck:locked mu // want `misplaced directive "//blockcheck:locked mu": it must be in the doc comment of a function or a method`
	Flush()
}

//blockcheck:locked s.items[0].mu // want `"s.items\[0\].mu" is not a lock such as mu or c.mu`
func K() {}

//Blockcheck:nonblocking // want `malformed directive "//Blockcheck:nonblocking": write it in lower case, //blockcheck:nonblocking`
func L() {}

/*blockcheck:nonblocking*/ // want `malformed directive "/\*blockcheck:nonblocking\*/": write it as a line comment, //blockcheck:nonblocking`
func M() {}

// blockcheck: prose that names the tool is not a directive.
func N() {}

//blockcheck:nonblocking
func O() {
	//blockcheck:ignore nothing blocks here any more // want `unused directive "//blockcheck:ignore nothing blocks here any more": it silences no finding on its line or the next; remove it`
	_ = 1
	//lint:ignore blockcheck measured: a millisecond at most
	time.Sleep(1)
	//lint:ignore SA1000 not ours, so not reported unused
	_ = 2
	//lint:ignore blockcheck // want `malformed directive "//lint:ignore blockcheck": usage is //lint:ignore blockcheck reason`
	_ = 3
}
