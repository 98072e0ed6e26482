// Package propagation checks how blocking travels through calls.
package propagation

import (
	"io"
	"net"
	"os"
	"time"
)

func sleep() { time.Sleep(time.Millisecond) }

// Direct calls propagate, through unexported helpers.
func Helper() { sleep() } // want Helper:`blocks\[sleep\]: propagation.sleep → time.Sleep`

// A go statement does not make the caller block; its operands do.
func Spawn() {
	go sleep()
	go func() { sleep() }()
}

func value() int { sleep(); return 1 }

func use(int) {}

// Operands of a go statement are evaluated by the caller.
func SpawnArg() { go use(value()) } // want SpawnArg:`blocks\[sleep\]: propagation.value → propagation.sleep → time.Sleep`

// A deferred call blocks the caller.
func Deferred() { defer sleep() } // want Deferred:`blocks\[sleep\]: propagation.sleep → time.Sleep`

// A select with a default case does not block.
func Poll(ch chan int) {
	select {
	case <-ch:
	default:
	}
}

// A select without one does.
func Wait(ch chan int) { // want Wait:`blocks\[chan\]: select without default`
	select {
	case <-ch:
	}
}

// A closure called in the body is followed.
func Closure() { // want Closure:`blocks\[sleep\]: propagation.Closure.func1 → propagation.sleep → time.Sleep`
	f := func() { sleep() }
	f()
}

// A closure called in place is followed.
func ClosureInPlace() { // want ClosureInPlace:`blocks\[sleep\]: propagation.ClosureInPlace.func1 → time.Sleep`
	func() { time.Sleep(1) }()
}

// A closure that is only defined is not.
func ClosureUnused() {
	f := func() { sleep() }
	_ = f
}

type T struct{ f *os.File }

func (t *T) Get() { t.f.Read(nil) } // want Get:`blocks\[file\]: os.\(\*File\).Read`

func (T) Pure() {}

// A method value is followed.
func MethodValue(t *T) { // want MethodValue:`blocks\[file\]: propagation.\(\*T\).Get → os.\(\*File\).Read`
	m := t.Get
	m()
}

// A method expression is followed.
func MethodExpr(t *T) { // want MethodExpr:`blocks\[file\]: propagation.\(\*T\).Get → os.\(\*File\).Read`
	(*T).Get(t)
}

// A promoted method of an embedded field is followed.
type Outer struct{ *T }

func Promoted(o Outer) { o.Get() } // want Promoted:`blocks\[file\]: propagation.\(\*T\).Get → os.\(\*File\).Read`

// So is one promoted from an embedded interface that the table knows.
type wrapped struct{ net.Conn }

func PromotedConn(w wrapped) { w.Read(nil) } // want PromotedConn:`blocks\[net\]: net.Conn.Read`

// Generic functions are followed through their instantiations.
func Gen[X any](x X) X { sleep(); return x } // want Gen:`blocks\[sleep\]: propagation.sleep → time.Sleep`

func CallGen() { Gen(1) } // want CallGen:`blocks\[sleep\]: propagation.Gen → propagation.sleep → time.Sleep`

func CallGenExplicit() { Gen[string]("") } // want CallGenExplicit:`blocks\[sleep\]: propagation.Gen → propagation.sleep → time.Sleep`

type Box[X any] struct{ x X }

func (b *Box[X]) Load() X { sleep(); return b.x } // want Load:`blocks\[sleep\]: propagation.sleep → time.Sleep`

func CallBox(b *Box[int]) { b.Load() } // want CallBox:`blocks\[sleep\]: propagation.\(\*Box\).Load → propagation.sleep → time.Sleep`

// Recursion reaches a fixed point, and the witness is the shortest path.
func Recurse(n int) { // want Recurse:`blocks\[sleep\]: time.Sleep`
	if n > 0 {
		Recurse(n - 1)
	}
	time.Sleep(1)
}

func Ping(n int) { // want Ping:`blocks\[sleep\]: propagation.Pong → propagation.sleep → time.Sleep`
	if n > 0 {
		Pong(n - 1)
	}
}

func Pong(n int) { // want Pong:`blocks\[sleep\]: propagation.sleep → time.Sleep`
	if n > 0 {
		Ping(n - 1)
	}
	sleep()
}

// Recursion without any blocking operation does not block.
func Even(n int) bool { return n == 0 || Odd(n-1) }

func Odd(n int) bool { return n != 0 && Even(n-1) }

// Interface calls with an unknown target do not block (a function that
// calls its parameter gets a callback summary instead, one that writes to
// its io.Writer parameter a stream summary)...
func Unknown(w io.Writer, f func()) { // want Unknown:`calls\(arg1\)` Unknown:`streams\(arg0\)`
	w.Write(nil)
	f()
}

// ...except interface methods the table declares blocking.
func Known(c net.Conn) { c.Read(nil) } // want Known:`blocks\[net\]: net.Conn.Read`

// Long chains are cut in facts, keeping the first hops.
func c1() { c2() }
func c2() { c3() }
func c3() { c4() }
func c4() { c5() }
func c5() { c6() }
func c6() { c7() }
func c7() { sleep() }

func Long() { c1() } // want Long:`blocks\[sleep\]: propagation.c1 → propagation.c2 → propagation.c3 → propagation.c4 → propagation.c5 → … → time.Sleep`

//blockcheck:nonblocking
func Root(t *T, o Outer, ch chan int) {
	Spawn()
	Poll(ch)
	ClosureUnused()
	Even(2)
	t.Pure()
	Helper()      // want `Root must not block: Helper may block \[sleep\]: Helper → sleep → time.Sleep`
	Deferred()    // want `Deferred may block`
	defer sleep() // want `Root must not block: deferred sleep may block \[sleep\]: sleep → time.Sleep`
	go sleep()
	go func() { time.Sleep(1) }()
	f := func() { <-ch }
	f()               // want `f may block \[chan\]: Root.func2 → channel receive`
	o.Get()           // want `o.Get may block \[file\]: \(\*T\).Get → os.\(\*File\).Read`
	CallGen()         // want `CallGen may block`
	Ping(1)           // want `Ping may block \[sleep\]: Ping → Pong → sleep → time.Sleep`
	var w io.Writer = os.Stdout
	w.Write(nil)
}

// Callers of a root do not inherit its blocking: it is reported at the root.
func CallsRoot(t *T, o Outer, ch chan int) { Root(t, o, ch) }
