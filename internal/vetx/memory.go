package vetx

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The go command runs one driver process per package, several at a time,
// and a large package's process is the one that sets a machine's peak
// memory. Type-checking leaves the package's syntax and types live; the
// analysis then allocates, and with the runtime's default pacing
// (GOGC=100) the heap may grow to twice what is live before the collector
// runs again: on nats-server's server package, past what type-checking
// itself needed. So once the package is type-checked, the heap is bounded
// to a margin over what is live then (boundHeap): the collector runs
// earlier during the analysis, for a little CPU time, and the process
// stays near the size type-checking gave it. A GOGC or GOMEMLIMIT set in
// the environment is the user's choice and is left alone.

const (
	// boundMin is the heap below which nothing is done: small packages
	// are most packages, and their peaks do not matter. At 32 MiB the
	// bound reaches client-go's largest processes (k8s.io/api/core/v1,
	// the informers package and its 83 imports): 9-15 % less peak memory
	// there for about 5 % more CPU (docs/performance.md).
	boundMin = 32 << 20
	// boundMargin is the room the analysis gets over the live heap, as a
	// fraction of it.
	boundMargin = 1.0
)

// boundHeap sets a soft memory limit over the live heap, for a package
// whose type-checked heap is large.
func boundHeap() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[0].Value.Uint64() < boundMin {
		return
	}
	runtime.GC() // what is live now, not what has been allocated
	s[0].Name = "/gc/heap/live:bytes"
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := s[0].Value.Uint64()
	debug.SetMemoryLimit(int64(float64(live) * (1 + boundMargin)))
}
