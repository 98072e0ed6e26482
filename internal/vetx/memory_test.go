package vetx

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// noLimit is what debug.SetMemoryLimit reports when no limit is set.
const noLimit = int64(^uint64(0) >> 1)

func TestBoundHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	// A small heap: no bound.
	debug.SetMemoryLimit(noLimit)
	runtime.GC()
	boundHeap()
	assert.Equal(t, noLimit, debug.SetMemoryLimit(-1), "no bound under boundMin")

	// A live heap over boundMin: a soft limit of about twice it.
	live := make([][]byte, 0, 64)
	for range 48 {
		live = append(live, make([]byte, 1<<20))
	}
	boundHeap()
	limit := debug.SetMemoryLimit(-1)
	assert.Greater(t, limit, int64(2*48<<20*9/10), "the bound leaves the analysis room over the live heap")
	assert.Less(t, limit, int64(2*(48<<20)+64<<20), "the bound is near twice the live heap")
	runtime.KeepAlive(live)

	// The user's GOGC is left alone.
	debug.SetMemoryLimit(noLimit)
	t.Setenv("GOGC", "200")
	boundHeap()
	assert.Equal(t, noLimit, debug.SetMemoryLimit(-1), "GOGC set: no bound")
}
