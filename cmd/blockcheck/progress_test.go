package main

import (
	"bytes"
	"go/token"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for the progress goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// TestProgressLine: nothing during the first seconds, then one line
// redrawn in place with the packages analyzed and the findings (each
// once), and the line cleared when the phase ends.
func TestProgressLine(t *testing.T) {
	var out syncBuffer
	var mu sync.Mutex
	clock := time.Unix(1000, 0)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); clock = clock.Add(d) }
	p := &progress{w: &out, start: now(), now: now, seen: make(map[progressKey]bool)}

	p.begin("loading packages", 0)
	p.draw()
	assert.Empty(t, out.String(), "a short run shows nothing")
	advance(progressDelay + time.Second)
	p.draw()
	p.draw()
	assert.Equal(t, "\r\x1b[Kblockcheck: loading packages (4s)", out.String(), "drawn once while it does not change")
	p.end()
	assert.True(t, strings.HasSuffix(out.String(), "\r\x1b[K"), "the line is cleared: %q", out.String())

	p.begin("analyzing", 3)
	p.analyzed.Add(2)
	posn := token.Position{Filename: "a.go", Line: 1, Column: 1}
	p.found(posn, "F must not block")
	p.found(posn, "F must not block") // the test variant's copy
	p.found(token.Position{Filename: "a.go", Line: 2, Column: 1}, "F must not block")
	p.draw()
	assert.True(t, strings.HasSuffix(out.String(), "\r\x1b[Kblockcheck: 3 packages loaded, 2 analyzed, 2 findings (4s)"), "%q", out.String())
	p.end()
	assert.True(t, strings.HasSuffix(out.String(), "\r\x1b[K"))

	// The ticker draws by itself.
	before := out.String()
	p.analyzed.Add(1)
	p.begin("analyzing", 3)
	require.Eventually(t, func() bool { return out.String() != before }, 5*time.Second, 10*time.Millisecond)
	p.end()
	assert.True(t, strings.HasSuffix(out.String(), "\r\x1b[K"))

	// A nil progress (not a terminal, or off) does nothing.
	var none *progress
	none.begin("loading packages", 0)
	none.end()
}

// TestNoProgressOffTerminal: a pipe or a file is not a terminal, and
// -progress=false or TERM=dumb turn progress off even on one.
func TestNoProgressOffTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()
	assert.False(t, isTerminal(w))
	assert.Nil(t, newProgress(w, true))
	f, err := os.Create(t.TempDir() + "/file")
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, isTerminal(f))
	assert.Nil(t, newProgress(f, true))
}
