package lockheld_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/lockheld"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

const src = `package p

import (
	"os"
	"sync"
)

type Cache struct {
	mu sync.Mutex
	data map[string]string
}

func (c *Cache) Save() {
	c.mu.Lock()
	defer c.mu.Unlock()
	os.WriteFile("", nil, 0)
}

func (c *Cache) Get(k string) string {
	c.mu.Lock()
	v := c.data[k]
	c.mu.Unlock()
	os.ReadFile("")
	return v
}

// Lock is a lock helper: it returns holding c.mu.
func (c *Cache) Lock() { c.mu.Lock() }

// Unlock releases the caller's lock.
func (c *Cache) Unlock() { c.mu.Unlock() }

func (c *Cache) ViaHelpers() {
	c.Lock()
	os.Remove("")
	c.Unlock()
	os.Remove("")
}

func (c *Cache) flushLocked() { os.Stat("") }

//blockcheck:nonblocking
func (c *Cache) Root() {
	c.mu.Lock()
	os.Remove("")
	c.mu.Unlock()
}
`

func TestCheck(t *testing.T) {
	p, s, sums := checkPackage(t, "lockheld", src)
	assert.Equal(t, []lockheld.Summary{
		{Fn: p.Func(t, "Cache.Lock"), Locks: &facts.Locks{Acquires: []string{"$r.mu"}}},
		{Fn: p.Func(t, "Cache.Unlock"), Locks: &facts.Locks{Releases: []string{"$r.mu"}}},
	}, sums)
	assert.Equal(t, []string{
		"16:2: os.WriteFile may block [file] while c.mu (locked at file0.go:14) is held",
		"35:2: os.Remove may block [file] while c.mu (locked at file0.go:34) is held",
		"40:33: os.Stat may block [file] while the caller's lock ((*Cache).flushLocked is called with it held, by its name) is held",
	}, s.Messages(p), "Get unlocks before its I/O, and the root's places are reported by the root check, not here")
}

// checkPackage loads src as one package and runs the lock-held check on it
// with the default configuration: the package, its stages, the summaries.
func checkPackage(t *testing.T, name, src string) (*testsrc.Package, *testsrc.Stages, []lockheld.Summary) {
	t.Helper()
	p := testsrc.Load(t, name, src)
	s := testsrc.Run(t, p, config.Default(), nil, nil)
	sums, _ := lockheld.Check(lockheld.Input{
		Fset: p.Fset, Info: p.Info, Pkg: p.Pkg, Graph: s.Graph, Solution: s.Solution,
		Roles: s.Roles, Dirs: s.Dirs, Imports: s.Locks, Reporter: s.Reporter,
	})
	return p, s, sums
}
