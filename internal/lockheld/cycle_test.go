package lockheld_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The drop comes from the last member of a cycle declared callers first,
// entered at the first (nats-server's flushOutbound → collapsePtoNB → …).
const cycleSrc = `package p

import (
	"os"
	"sync"
)

type conn struct {
	mu  sync.Mutex
	out []byte
}

func (c *conn) a(k int) { c.b(k) }
func (c *conn) b(k int) { c.c(k) }
func (c *conn) c(k int) { c.d(k) }
func (c *conn) d(k int) { c.e(k) }

func (c *conn) e(k int) {
	if k > 0 {
		c.a(k - 1)
	}
	c.mu.Unlock()
	os.WriteFile("out", c.out, 0o600)
	c.mu.Lock()
}

func (c *conn) write() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.a(2)
}
`

func TestDropThroughCycle(t *testing.T) {
	p, s, sums := checkPackage(t, "lockcycle", cycleSrc)
	drop := "locks(acquires ; releases ; drops $r.mu)"
	assert.Equal(t, []string{"a: " + drop, "b: " + drop, "c: " + drop, "d: " + drop, "e: " + drop}, summaryStrings(sums),
		"every member of the cycle lets go of the caller's lock")
	assert.Empty(t, s.Messages(p), "write's call of a does not block with c.mu held")
}
