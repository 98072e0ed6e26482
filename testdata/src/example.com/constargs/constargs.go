// Package constargs checks calls that pass constant booleans deciding
// which of the callee's branches run.
package constargs

import (
	"os"
	"sync"
	"time"
)

type conn struct {
	mu  sync.Mutex
	out []byte
	f   *os.File
}

func (c *conn) queue(p []byte) { c.out = append(c.out, p...) }

func (c *conn) flush() bool {
	_, err := c.f.Write(c.out)
	return err == nil
}

func (c *conn) signal() {}

// The flush runs only when doFlush is true: the right operand of an &&.
func (c *conn) enqueueAndFlush(p []byte, doFlush bool) {
	c.queue(p)
	if !(doFlush && c.flush()) {
		c.signal()
	}
}

// enqueue passes false: it never flushes.
func (c *conn) enqueue(p []byte) { c.enqueueAndFlush(p, false) }

// sendNow passes true: it does.
func (c *conn) sendNow(p []byte) { c.enqueueAndFlush(p, true) }

// An early return on the flag's value.
func write(path string, dryRun bool) {
	if dryRun {
		return
	}
	os.WriteFile(path, nil, 0o600)
}

func Plan(path string) { write(path, true) }

func Apply(path string) { write(path, false) } // want Apply:`blocks\[file\]: constargs.write → os.WriteFile`

// A parameter the callee assigns is not folded.
func reassigned(wait bool) {
	if os.Getenv("WAIT") != "" {
		wait = true
	}
	if wait {
		time.Sleep(time.Second)
	}
}

func Reassigned() { reassigned(false) } // want Reassigned:`blocks\[sleep\]: constargs.reassigned → time.Sleep`

// The || of a true flag skips its right operand, and a loop whose
// condition is false never runs its body.
func poll(once bool, quick bool) bool {
	if quick || slow() {
		return true
	}
	for !once {
		time.Sleep(time.Millisecond)
	}
	return false
}

func slow() bool { time.Sleep(time.Second); return false }

func Quick() bool { return poll(true, true) }

func Once() bool { return poll(true, false) } // want Once:`blocks\[sleep\]: constargs.poll → constargs.slow → time.Sleep`

// When the constant rules out the callee's closest blocking, the chain
// goes through what remains.
func pick(fast bool) {
	if !fast {
		time.Sleep(time.Millisecond)
	}
	pause()
}

func pause() { nap() }

func nap() { time.Sleep(time.Millisecond) }

func Fast() { pick(true) } // want Fast:`blocks\[sleep\]: constargs.pick → constargs.pause → constargs.nap → time.Sleep`

// A method expression passes the receiver first: not folded.
func MethodExpr(c *conn) { (*conn).enqueueAndFlush(c, nil, false) } // want MethodExpr:`blocks\[file\]: constargs.\(\*conn\).enqueueAndFlush → constargs.\(\*conn\).flush → os.\(\*File\).Write`

// The lock-held check sees the same: enqueue under the lock is quiet,
// sendNow is not.
func (c *conn) Send(p []byte, now bool) { // want Send:`blocks\[file\]: constargs.\(\*conn\).sendNow → constargs.\(\*conn\).enqueueAndFlush → constargs.\(\*conn\).flush → os.\(\*File\).Write` Send:`waits\(constargs.\(\*conn\).mu held by constargs.\(\*conn\).Send across os.\(\*File\).Write \[file\]\)`
	c.mu.Lock()
	defer c.mu.Unlock()
	c.enqueue(p)
	if now {
		c.sendNow(p) // want `c.sendNow may block \[file\] while c.mu \(locked at constargs.go:\d+\) is held`
	}
}

// A root calling the quiet variant is not reported.
//
//blockcheck:nonblocking
func OnEvent(c *conn, p []byte) {
	c.enqueue(p)
	Plan("x")
	Quick()
	Apply("x") // want `OnEvent must not block: Apply may block \[file\]: Apply → write → os.WriteFile`
}

// Integer and string constants decide comparisons.
func update(delta int64) {
	if delta < 0 {
		return
	}
	os.Truncate("x", delta)
}

func Drop() { update(-1) }

func Grow() { update(1) } // want Grow:`blocks\[file\]: constargs.update → os.Truncate`

func remove(mode string) {
	if mode == "dry" {
		return
	}
	os.Remove("x")
}

func Dry() { remove("dry") }

func Wet() { remove("wet") } // want Wet:`blocks\[file\]: constargs.remove → os.Remove`

// A constant the conditions do not read changes nothing.
func logged(msg string, n int) { // the body prints msg, n decides
	if n > 0 {
		println(msg)
	}
	time.Sleep(time.Duration(n))
}

func Logged() { logged("hello", 0) } // want Logged:`blocks\[sleep\]: constargs.logged → time.Sleep`
