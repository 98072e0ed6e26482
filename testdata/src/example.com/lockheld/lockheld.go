// Package lockheld checks each shape of lock region, each with a negative
// twin: the same code with the blocking call moved out of the region.
package lockheld

import (
	"os"
	"sync"
	"time"

	"example.com/lockhelpers"
	"example.com/middle"
)

type cache struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	cond *sync.Cond
	data map[string]string
	f    *os.File
	ch   chan int
}

func (c *cache) simple() {
	c.mu.Lock()
	os.WriteFile("x", nil, 0) // want `os.WriteFile may block \[file\] while c.mu \(locked at lockheld.go:24\) is held$`
	c.mu.Unlock()
}

func (c *cache) simpleAfter() {
	c.mu.Lock()
	c.data["k"] = "v"
	c.mu.Unlock()
	os.WriteFile("x", nil, 0)
}

func (c *cache) deferred() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data["k"] = "v"
	time.Sleep(1) // want `time.Sleep may block \[sleep\] while c.mu \(locked at lockheld.go:37\) is held`
}

func (c *cache) deferredBefore() {
	time.Sleep(1)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data["k"] = "v"
}

func (c *cache) earlyReturn(x bool) {
	c.mu.Lock()
	if x {
		c.mu.Unlock()
		return
	}
	c.f.Sync() // want `c.f.Sync may block \[file\] while c.mu`
	c.mu.Unlock()
}

func (c *cache) earlyReturnAfter(x bool) {
	c.mu.Lock()
	if x {
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	c.f.Sync()
}

func (c *cache) loop(keys []string) {
	for range keys {
		c.mu.Lock()
		c.ch <- 1 // want `channel send may block \[chan\] while c.mu`
		c.mu.Unlock()
	}
}

func (c *cache) loopAfter(keys []string) {
	for range keys {
		c.mu.Lock()
		c.data["k"] = "v"
		c.mu.Unlock()
		c.ch <- 1
	}
}

// Released on one path only: still held after the join.
func (c *cache) onePath(x bool) {
	c.mu.Lock()
	if x {
		c.mu.Unlock()
	}
	<-c.ch // want `channel receive may block \[chan\] while c.mu`
	if !x {
		c.mu.Unlock()
	}
}

func (c *cache) bothPaths(x bool) {
	c.mu.Lock()
	if x {
		c.mu.Unlock()
	} else {
		c.mu.Unlock()
	}
	<-c.ch
}

func (c *cache) read() string {
	c.rw.RLock()
	defer c.rw.RUnlock()
	select { // want `select without default may block \[chan\] while c.rw \(read-locked at lockheld.go:110\) is held`
	case <-c.ch:
	case <-time.After(time.Second):
	}
	return c.data["k"]
}

func (c *cache) readAfter() string {
	c.rw.RLock()
	v := c.data["k"]
	c.rw.RUnlock()
	select {
	case <-c.ch:
	default:
	}
	<-c.ch
	return v
}

// Embedded mutexes are named through the embedded field.
type counter struct {
	sync.Mutex
	n int
}

func (c *counter) embedded() {
	c.Lock()
	c.n++
	time.Sleep(1) // want `time.Sleep may block \[sleep\] while c.Mutex \(locked at`
	c.Unlock()
}

func (c *counter) embeddedAfter() {
	c.Lock()
	c.n++
	c.Unlock()
	time.Sleep(1)
}

func (c *cache) try() {
	if c.mu.TryLock() {
		time.Sleep(1) // want `time.Sleep may block \[sleep\] while c.mu`
		c.mu.Unlock()
	}
}

func (c *cache) tryNegated() {
	if !c.mu.TryLock() {
		time.Sleep(1)
		return
	}
	defer c.mu.Unlock()
	time.Sleep(2) // want `time.Sleep may block \[sleep\] while c.mu`
}

func (c *cache) tryAfter() {
	if c.mu.TryLock() {
		c.mu.Unlock()
	}
	time.Sleep(1)
}

// Three calls deep into another package.
func (c *cache) deep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	middle.Save() // want `middle.Save may block \[file\] while c.mu \(locked at lockheld.go:176\) is held: middle.Save → upstream.Persist → upstream.write → os.WriteFile`
}

func (c *cache) deepAfter() {
	c.mu.Lock()
	c.data["k"] = "v"
	c.mu.Unlock()
	middle.Save()
}

// A deferred call runs at exit, before a lock released by an earlier
// deferred Unlock.
func (c *cache) deferredClose() {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.f.Close() // want `deferred c.f.Close may block \[file\] while c.mu`
}

func (c *cache) deferredCloseAfter() {
	defer c.f.Close()
	c.mu.Lock()
	c.data["k"] = "v"
	c.mu.Unlock()
}

// A goroutine started under the lock does not block it.
func (c *cache) spawn() {
	c.mu.Lock()
	go os.WriteFile("x", nil, 0)
	c.mu.Unlock()
}

// Waiting on a Cond releases its lock: the idiom is not reported.
func (c *cache) wait() {
	c.mu.Lock()
	for len(c.data) == 0 {
		c.cond.Wait()
	}
	c.mu.Unlock()
}

// Lock helpers of this package extend the region into the caller.
func (c *cache) lock()   { c.mu.Lock() }
func (c *cache) unlock() { c.mu.Unlock() }

func (c *cache) helpers() {
	c.lock()
	time.Sleep(1) // want `time.Sleep may block \[sleep\] while c.mu \(locked at lockheld.go:224\) is held`
	c.unlock()
	time.Sleep(2)
}

// So do those of another package, by fact.
func imported(s *lockhelpers.Store) {
	s.Lock()
	time.Sleep(1) // want `time.Sleep may block \[sleep\] while s.mu \(locked at lockheld.go:232\) is held`
	s.Unlock()
	time.Sleep(2)
	lockhelpers.LockBoth(s)
	time.Sleep(3) // want `time.Sleep may block \[sleep\] while s.mu`
	s.Inc()
}

// A function named ...Locked is called with its caller's lock held.
func (c *cache) flushLocked() {
	c.f.Sync() // want `c.f.Sync may block \[file\] while the caller's lock \(\(\*cache\).flushLocked is called with it held, by its name\) is held`
}

// One that releases the lock first no longer holds it.
func (c *cache) releaseLocked() {
	c.mu.Unlock()
	c.f.Sync()
	c.mu.Lock()
}

// The directive names the lock.
//
//blockcheck:locked c.mu
func (c *cache) persist() {
	c.f.Sync() // want `c.f.Sync may block \[file\] while c.mu \(held on entry, //blockcheck:locked\) is held`
}

// An ignore directive silences a report.
func (c *cache) ignored() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.f.Sync() //blockcheck:ignore the file is on tmpfs
}

// A helper calling a helper is summarized too, whatever the source order.
func (c *cache) lockAll() { c.lockOuter() }

func (c *cache) lockOuter() { c.lock() }

func (c *cache) nestedHelpers() {
	c.lockAll()
	time.Sleep(1) // want `time.Sleep may block \[sleep\] while c.mu`
	c.unlock()
	time.Sleep(2)
}

// A callee that unlocks around its I/O and locks again drops the lock: the
// I/O is not under it, but what follows the call is.
type client struct {
	mu sync.Mutex
	f  *os.File
	ch chan int
}

func (c *client) flush() { c.mu.Unlock(); c.f.Write(nil); c.mu.Lock() }

func (c *client) wait() {
	c.mu.Unlock()
	defer c.mu.Lock()
	<-c.ch
}

func (c *client) enqueue(doFlush bool) {
	if doFlush {
		c.flush()
	}
}

func (c *client) send() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.flush()
	c.wait()
	c.enqueue(true)
	time.Sleep(time.Second) // want `time.Sleep may block \[sleep\] while c.mu`
}

// An unlock in a deferred closure ends the region at return.
type registry struct {
	mtx sync.Mutex
	n   int
}

func (r *registry) register(x int) {
	r.mtx.Lock()
	defer func() { r.mtx.Unlock() }()
	r.n += x
}

func size(name string) int { b, _ := os.ReadFile(name); return len(b) }

func initRegistry(r *registry) {
	r.register(size("/etc/hosts")) // the argument runs before the lock is taken
	os.Remove("/tmp/x")
}

// A lock taken by a promoted helper is named through the embedded field.
type batchTx struct{ sync.Mutex }

func (t *batchTx) lock()   { t.Mutex.Lock() }
func (t *batchTx) unlock() { t.Mutex.Unlock() }

type bufferedTx struct{ *batchTx }

func (t *bufferedTx) commit() { t.lock(); t.batchTx.unlock() }

func (t *bufferedTx) run(stop chan int) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(time.Second):
		}
		t.commit()
	}
}

// Test functions named ...Locked are called by the testing package.
func TestOpenLocked(f *os.File) { f.Sync() } // want TestOpenLocked:`blocks\[file\]`

// A send on a channel made here with room for it does not block.
func (c *cache) reply() chan error {
	c.mu.Lock()
	defer c.mu.Unlock()
	done := make(chan error, 1)
	done <- nil
	full := make(chan error, 1)
	full <- nil // want `channel send may block \[chan\] while c.mu`
	full <- nil // want `channel send may block \[chan\] while c.mu`
	return done
}

func newCh() chan int { return make(chan int) }

// Channels from elsewhere, or made in a loop, are not assumed to have room.
func (c *cache) elsewhere(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := newCh()
	ch <- 1 // want `channel send may block \[chan\] while c.mu`
	for i := 0; i < n; i++ {
		buf := make(chan int, 1)
		buf <- i // want `channel send may block \[chan\] while c.mu`
	}
}
