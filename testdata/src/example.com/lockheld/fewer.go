package lockheld

// What does not wait under a lock: metadata, channels with room, paths
// that end in a panic.

import (
	"errors"
	"log"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"example.com/lockhelpers"
)

// Metadata of an open file and of the process does not wait for a device.
func (c *cache) metadata() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.f.Seek(0, 0)
	_ = c.f.Fd()
	_ = c.f.Name()
	filepath.Abs("x")
	c.f.Stat()
	c.f.Sync() // want `c.f.Sync may block \[file\] while c.mu`
}

// A one-shot reply channel: the field only ever holds a buffered channel,
// and its one send is followed by close, so the send has room.
type pending struct {
	done chan error
}

func newPending() *pending { return &pending{done: make(chan error, 1)} }

func (p *pending) finish(err error) {
	p.done <- err
	close(p.done)
}

type tracker struct {
	mu      sync.Mutex
	entries []*pending
}

func (t *tracker) fail(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, p := range t.entries {
		p.finish(err)
	}
}

// The channel made by the caller and handed to the one sender.
type waiter struct{ res chan int }

func addWaiter(ch chan int) *waiter { return &waiter{res: ch} }

func newWaiter() *waiter { return addWaiter(make(chan int, 1)) }

func (w *waiter) reply(v int) {
	w.res <- v
	close(w.res)
}

func (t *tracker) replyTo(w *waiter) {
	t.mu.Lock()
	w.reply(1)
	t.mu.Unlock()
}

// An unbuffered channel stored in the field somewhere: the send waits.
type stream struct{ out chan int }

func newStream() *stream { return &stream{out: make(chan int)} }

func (s *stream) last(v int) {
	s.out <- v
	close(s.out)
}

func (t *tracker) flush(s *stream) {
	t.mu.Lock()
	s.last(1) // want `s.last may block \[chan\] while t.mu`
	t.mu.Unlock()
}

// Buffered, but sent to without closing: a second send may find it full.
func (p *pending) again(err error) { p.done <- err }

func (t *tracker) retry(p *pending) {
	t.mu.Lock()
	p.again(nil) // want `p.again may block \[chan\] while t.mu`
	t.mu.Unlock()
}

// A path that ends in a panic: the goroutine is going down.
func (c *cache) mustSave(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		os.WriteFile("crash", nil, 0)
		panic(err)
	}
	os.WriteFile("x", nil, 0) // want `os.WriteFile may block \[file\] while c.mu`
}

// A function that never returns: every path ends in log.Fatal.
func fatal(err error) {
	os.WriteFile("crash", nil, 0)
	log.Fatal(err)
}

// Its negative twin returns when err is nil.
func maybeFatal(err error) {
	os.WriteFile("crash", nil, 0)
	if err != nil {
		log.Fatal(err)
	}
}

func (c *cache) check(err error) {
	c.mu.Lock()
	if err != nil {
		fatal(err)
	}
	maybeFatal(err) // want `maybeFatal may block \[file\] while c.mu`
	c.mu.Unlock()
}

func (c *cache) exits() {
	c.mu.Lock()
	os.Remove("x")
	os.Exit(1)
}

// One lock, one name: a local pointer to the mutex, or to what holds it,
// is the same lock as the field path it was set to. Messages name it as
// the Lock call wrote it.
type shard struct {
	mu    sync.Mutex
	store *store
}

type store struct{ mu sync.Mutex }

func (s *shard) alias() {
	mu := &s.mu
	mu.Lock()
	os.Remove("a") // want `os.Remove may block \[file\] while mu \(locked at fewer.go:\d+\) is held$`
	s.mu.Unlock()
	os.Remove("b")
}

func (s *shard) twoPaths() {
	st := s.store
	st.mu.Lock()
	defer s.store.mu.Unlock()
	s.mu.Lock()
	os.Remove("c") // want `os.Remove may block \[file\] while st.mu \(locked at fewer.go:\d+\) and 1 more lock is held$`
	s.mu.Unlock()
}

// A copy is another lock.
type plain struct{ mu sync.Mutex }

func (s *shard) copied(p plain) {
	q := p
	q.mu.Lock()
	p.mu.Unlock()
	os.Remove("d") // want `os.Remove may block \[file\] while q.mu`
	q.mu.Unlock()
}

// Read-locked twice, through two access paths: one lock in the message
// (it used to say "and 1 more lock").
type table struct {
	rw   sync.RWMutex
	rows []string
}

func (t *table) readTwice() {
	t.rw.RLock()
	defer t.rw.RUnlock()
	p := &t.rw
	p.RLock()
	defer p.RUnlock()
	os.Remove("e") // want `os.Remove may block \[file\] while t.rw \(read-locked at fewer.go:\d+\) is held$`
}

// (*sync.Cond).Wait releases its own lock only: waiting while another
// mutex is held keeps it held for as long as the wait lasts.
type queue struct {
	mu    sync.Mutex
	other sync.Mutex
	cond  *sync.Cond
	items []int
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *queue) pop() {
	q.mu.Lock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	q.mu.Unlock()
}

func (q *queue) popHolding() {
	q.other.Lock()
	defer q.other.Unlock()
	q.mu.Lock()
	for len(q.items) == 0 {
		q.cond.Wait() // want `q.cond.Wait may block \[sync\] while q.other \(locked at fewer.go:\d+\) is held: sync`
	}
	q.mu.Unlock()
}

func (q *queue) popL() {
	q.cond.L.Lock()
	q.cond.Wait()
	q.cond.L.Unlock()
}

func (q *queue) popLHolding() {
	q.other.Lock()
	q.cond.L.Lock()
	q.cond.Wait() // want `q.cond.Wait may block \[sync\] while q.other \(locked at fewer.go:\d+\) is held: sync`
	q.cond.L.Unlock()
	q.other.Unlock()
}

// A local Cond made here.
func waitLocal(a, b *sync.Mutex) {
	cond := sync.NewCond(a)
	b.Lock()
	a.Lock()
	cond.Wait() // want `cond.Wait may block \[sync\] while`
	a.Unlock()
	b.Unlock()
}

// The Cond's lock unknown: with one lock held, it is taken to be L; with
// two, one of them is not.
func waitOn(c *sync.Cond, a, b *sync.Mutex) {
	a.Lock()
	c.Wait()
	b.Lock()
	c.Wait() // want `c.Wait may block \[sync\] while a \(locked at fewer.go:\d+\) and 1 more lock is held: sync`
	b.Unlock()
	a.Unlock()
}

// A helper that returns holding the lock on some paths leaves it possibly
// held in its callers, across packages.
func forgot(s *lockhelpers.Store) {
	s.Get(1)
	time.Sleep(1) // want `time.Sleep may block \[sleep\] while s.mu \(possibly left locked by s.Get at fewer.go:\d+\) is held$`
}

func correlated(s *lockhelpers.Store) {
	s.Maybe(true)
	time.Sleep(1)
}

// A lock kept on success only.
func (t *table) lockOpen() error {
	t.rw.Lock()
	if t.rows == nil {
		t.rw.Unlock()
		return errors.New("closed")
	}
	return nil
}

func (t *table) write() {
	if err := t.lockOpen(); err != nil {
		return
	}
	defer t.rw.Unlock()
	os.Remove("f") // want `os.Remove may block \[file\] while t.rw \(possibly left locked by t.lockOpen at fewer.go:\d+\) is held$`
}

// Its callers' callers: a helper of the helper may acquire too.
func (t *table) lockOpenAgain() error { return t.lockOpen() }

func (t *table) writeAgain() {
	if t.lockOpenAgain() != nil {
		return
	}
	os.Remove("g") // want `os.Remove may block \[file\] while t.rw \(possibly left locked by t.lockOpenAgain`
	t.rw.Unlock()
}

// A select without default falls into a block no path leaves when no case
// is chosen: that is not a return holding the lock.
func (t *table) offer(ch chan int, stop chan struct{}) {
	t.rw.Lock()
	for range t.rows {
		select { // want `select without default may block \[chan\] while t.rw`
		case <-stop:
			continue
		case ch <- 1:
		}
	}
	t.rw.Unlock()
}

func (t *table) offerThenSleep(ch chan int, stop chan struct{}) {
	t.offer(ch, stop)
	time.Sleep(1)
}

// A helper that unlocks through a local closure leaves nothing held.
func applied(s *lockhelpers.Store) {
	if s.Apply(true) != nil {
		time.Sleep(1)
	}
}

// A helper that lets go of the lock around its sleeps, in a loop, does not
// sleep with it held; a loop that sleeps with it held does.
func settled(s *lockhelpers.Store) bool {
	s.Lock()
	defer s.Unlock()
	return s.Settle()
}

func (t *table) settleHeld() {
	t.rw.Lock()
	for i := 0; i < 10; i++ {
		if t.rows != nil {
			t.rw.Unlock()
			return
		}
		t.rw.Unlock()
		t.rw.Lock()
		time.Sleep(1) // want `time.Sleep may block \[sleep\] while t.rw \(locked at fewer.go:\d+\) is held$`
	}
	t.rw.Unlock()
}

// A drop reached through a chain of helpers, deeper than a few calls
// (nats-server's flushOutbound, five calls down a cycle): the summaries
// settle at any depth.
type chainConn struct {
	mu  sync.Mutex
	out []byte
}

// Callers first: one round of summaries in source order sees none of
// the callees' summaries yet.
func (c *chainConn) close5() { c.close4() }
func (c *chainConn) close4() { c.close3() }
func (c *chainConn) close3() { c.close2() }
func (c *chainConn) close2() { c.close1() }
func (c *chainConn) close1() { c.flush() }

func (c *chainConn) flush() {
	c.mu.Unlock()
	os.WriteFile("out", c.out, 0o600)
	c.mu.Lock()
	c.out = nil
}

func (c *chainConn) shutdown() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.close5()
}

// A one-shot reply guarded by an atomic flag instead of a close: the
// CompareAndSwap from false to true wins once per request, and nothing
// sets the flag back, so each request sends once into its own buffer of
// one.
type slotReq struct {
	done atomic.Bool
	resp chan int
}

func newSlotReq() *slotReq { return &slotReq{resp: make(chan int, 1)} }

func (r *slotReq) finish(v int) {
	if r.done.CompareAndSwap(false, true) {
		r.resp <- v
	}
}

func (r *slotReq) finished() bool { return r.done.Load() }

func (t *tracker) failSlot(r *slotReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1)
}

// The guard as an early return.
type earlyReq struct {
	resp chan int
	done atomic.Bool
}

func newEarlyReq() *earlyReq { return &earlyReq{resp: make(chan int, 1)} }

func (r *earlyReq) finish(v int) bool {
	if r == nil || !r.done.CompareAndSwap(false, true) {
		return false
	}
	r.resp <- v
	return true
}

func (t *tracker) failEarly(r *earlyReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1)
}

// The same with an integer flag.
type countedReq struct {
	state atomic.Int32
	resp  chan int
}

func newCountedReq() *countedReq { return &countedReq{resp: make(chan int, 1)} }

func (r *countedReq) finish(v int) {
	if r.state.CompareAndSwap(0, 1) {
		r.resp <- v
	}
}

func (t *tracker) failCounted(r *countedReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1)
}

// Unbuffered: the one send waits for its receiver.
type syncReq struct {
	done atomic.Bool
	resp chan int
}

func newSyncReq() *syncReq { return &syncReq{resp: make(chan int)} }

func (r *syncReq) finish(v int) {
	if r.done.CompareAndSwap(false, true) {
		r.resp <- v
	}
}

func (t *tracker) failSync(r *syncReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1) // want `r.finish may block \[chan\] while t.mu`
}

// No guard: a second call finds the buffer full.
type bareReq struct {
	resp chan int
}

func newBareReq() *bareReq { return &bareReq{resp: make(chan int, 1)} }

func (r *bareReq) finish(v int) { r.resp <- v }

func (t *tracker) failBare(r *bareReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1) // want `r.finish may block \[chan\] while t.mu`
}

// A Load then a Store is no guard: two callers may both see false.
type loadReq struct {
	done atomic.Bool
	resp chan int
}

func newLoadReq() *loadReq { return &loadReq{resp: make(chan int, 1)} }

func (r *loadReq) finish(v int) {
	if !r.done.Load() {
		r.done.Store(true)
		r.resp <- v
	}
}

func (t *tracker) failLoad(r *loadReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1) // want `r.finish may block \[chan\] while t.mu`
}

// A flag set back lets the guard win again.
type resetReq struct {
	done atomic.Bool
	resp chan int
}

func newResetReq() *resetReq { return &resetReq{resp: make(chan int, 1)} }

func (r *resetReq) finish(v int) {
	if r.done.CompareAndSwap(false, true) {
		r.resp <- v
	}
}

func (r *resetReq) reset() { r.done.Store(false) }

func (t *tracker) failReset(r *resetReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1) // want `r.finish may block \[chan\] while t.mu`
}

// Set back by another CompareAndSwap.
type toggleReq struct {
	done atomic.Bool
	resp chan int
}

func newToggleReq() *toggleReq { return &toggleReq{resp: make(chan int, 1)} }

func (r *toggleReq) finish(v int) {
	if r.done.CompareAndSwap(false, true) {
		r.resp <- v
	}
}

func (r *toggleReq) rearm() bool { return r.done.CompareAndSwap(true, false) }

func (t *tracker) failToggle(r *toggleReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1) // want `r.finish may block \[chan\] while t.mu`
}

// An early return that does not return on a lost CompareAndSwap.
type lateReq struct {
	resp chan int
	done atomic.Bool
}

func newLateReq() *lateReq { return &lateReq{resp: make(chan int, 1)} }

func (r *lateReq) finish(v int) {
	if r == nil || r.done.CompareAndSwap(false, true) {
		return
	}
	r.resp <- v
}

func (t *tracker) failLate(r *lateReq) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r.finish(1) // want `r.finish may block \[chan\] while t.mu`
}

// A drop through a call cycle (nats-server's flushOutbound →
// collapsePtoNB → wsCollapsePtoNB → markConnAsClosed → flushAndClose →
// flushOutbound): every member lets go of the lock, the one entered first
// too.
type wsConn struct {
	mu     sync.Mutex
	out    []byte
	ws     bool
	closed bool
}

func (c *wsConn) collapse() []byte {
	if c.ws {
		return c.wsCollapse()
	}
	return c.out
}

func (c *wsConn) wsCollapse() []byte {
	if len(c.out) > 10 {
		c.markClosed()
		return nil
	}
	return c.out
}

func (c *wsConn) markClosed() {
	if c.closed {
		return
	}
	c.closed = true
	c.flushAndClose()
}

func (c *wsConn) flushAndClose() {
	if len(c.out) > 0 {
		c.flushOut()
	}
	c.out = nil
}

func (c *wsConn) flushOut() {
	b := c.collapse()
	c.mu.Unlock()
	os.WriteFile("out", b, 0o600)
	c.mu.Lock()
}

func (c *wsConn) frames() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.collapse()
}

// A cycle longer than the rounds of summaries, declared callers first:
// callees first, the drop comes around in one round.
func (c *wsConn) ring1(k int)  { c.ring2(k) }
func (c *wsConn) ring2(k int)  { c.ring3(k) }
func (c *wsConn) ring3(k int)  { c.ring4(k) }
func (c *wsConn) ring4(k int)  { c.ring5(k) }
func (c *wsConn) ring5(k int)  { c.ring6(k) }
func (c *wsConn) ring6(k int)  { c.ring7(k) }
func (c *wsConn) ring7(k int)  { c.ring8(k) }
func (c *wsConn) ring8(k int)  { c.ring9(k) }
func (c *wsConn) ring9(k int)  { c.ring10(k) }
func (c *wsConn) ring10(k int) { c.ring11(k) }
func (c *wsConn) ring11(k int) { c.ring12(k) }
func (c *wsConn) ring12(k int) { c.ring13(k) }
func (c *wsConn) ring13(k int) { c.ring14(k) }
func (c *wsConn) ring14(k int) { c.ring15(k) }
func (c *wsConn) ring15(k int) { c.ring16(k) }
func (c *wsConn) ring16(k int) { c.ring17(k) }
func (c *wsConn) ring17(k int) { c.ring18(k) }
func (c *wsConn) ring18(k int) { c.ring19(k) }
func (c *wsConn) ring19(k int) { c.ring20(k) }

func (c *wsConn) ring20(k int) {
	if k > 0 {
		c.ring1(k - 1)
	}
	c.mu.Unlock()
	os.WriteFile("ring", c.out, 0o600)
	c.mu.Lock()
}

func (c *wsConn) ringFrames() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ring1(3)
}
