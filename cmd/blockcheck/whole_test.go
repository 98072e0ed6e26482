package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wholeFindings are what -whole reports on testdata/whole, and the modular
// mode does not: a handler reached through an interface with several
// implementations, of which the one stored blocks; a function a downstream
// package registers in a map that an upstream loop calls; a wrapper that
// returns a closure calling the registered callback; a pool made by a
// generic constructor and kept as an interface (an instance's call).
var wholeFindings = []string{
	"loop/loop.go:29:10: (*Server).Handle must not block: s.backend.Fetch may block [file]: via interface call s.backend.Fetch → backends.(*Disk).Fetch → os.ReadFile",
	"loop/loop.go:50:3: Dispatch must not block: h may block [file]: via call of function value h → plugins.audit → os.WriteFile",
	"loop/loop.go:66:2: (*Engine).Loop must not block: e.onData may block [sleep]: via call of function value e.onData → wrap.Data.func1 → wrap.(*conn).data → via call of function value c.h → main.onPlain → time.Sleep",
	"loop/tasks.go:18:2: (*Tasks).Submit must not block: t.pool.Push may block [chan]: via interface call t.pool.Push → pool.(*Dyn).Push → channel send",
	"wrap/wrap.go:12:2: \tvia call of function value c.h → main.onPlain (whole-program call graph)",
}

func TestWholeProgram(t *testing.T) {
	dir := moduleDir(t, "whole")

	modular := blockcheck(t, dir, "./...")
	assert.NotContains(t, modular.stdout, "must not block", "the modular mode does not see these calls\n%s", modular)

	r := blockcheck(t, dir, "-whole", "./...")
	checkExit(t, r, exitFindings)
	assert.Equal(t, wholeFindings, findings(t, dir, r.stdout), "%s", r)
	// Only *backends.Fast is ever stored as the cache: VTA proves that
	// *backends.Slow, which sleeps, never gets there.
	assert.NotContains(t, r.stdout, "Peek", "%s", r)
	// Replay's call is silenced by an ignore directive, which is then
	// used (the modular mode reports it unused); Retry's by //nolint.
	assert.NotContains(t, r.stdout, "Replay", "%s", r)
	assert.NotContains(t, r.stdout, "unused directive", "%s", r)
	assert.NotContains(t, r.stdout, "Retry", "%s", r)
	// The graph merges the functions every caller passes to each's
	// parameter; Tick's call of each calls Tick's own quiet closure, not
	// Drain's, which waits.
	assert.NotContains(t, r.stdout, "Tick", "%s", r)
	// Likewise for an interface-typed parameter: the handler the poller
	// calls with a *polled reads no dialed connection, which sleeps.
	assert.NotContains(t, r.stdout, "(*poller).poll", "%s", r)
}

func TestWholeProgramConfiguration(t *testing.T) {
	dir := moduleDir(t, "whole")
	r := blockcheck(t, dir, "-whole", "-categories=-file", "./...")
	checkExit(t, r, exitFindings)
	got := findings(t, dir, r.stdout)
	require.Len(t, got, 3, "%s", r)
	assert.Contains(t, got[0], "(*Engine).Loop must not block: e.onData may block [sleep]")
}

func TestWholeProgramOutputs(t *testing.T) {
	dir := moduleDir(t, "whole")
	tmp := t.TempDir()
	sarif := filepath.Join(tmp, "out.sarif")
	r := blockcheck(t, dir, "-whole", "-format=json,sarif="+sarif, "./...")
	checkExit(t, r, exitFindings)
	var tree map[string]map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tree), "%s", r)
	assert.Contains(t, string(tree["example.com/whole/loop"]["blockcheck"]), "via interface call s.backend.Fetch → backends.(*Disk).Fetch", "%s", r)
	data, err := os.ReadFile(sarif)
	require.NoError(t, err)
	var log struct {
		Runs []struct {
			Results []struct {
				Message struct{ Text string }
			}
		}
	}
	require.NoError(t, json.Unmarshal(data, &log))
	require.Len(t, log.Runs, 1)
	require.Len(t, log.Runs[0].Results, 4, "one SARIF result per finding:\n%s", data)
	assert.True(t, strings.HasPrefix(log.Runs[0].Results[0].Message.Text, "(*Server).Handle must not block"), "%s", data)

	base := filepath.Join(tmp, "baseline.json")
	r = blockcheck(t, dir, "-whole", "-write-baseline="+base, "./...")
	checkExit(t, r, exitClean)
	assert.Contains(t, r.stderr, "recorded 4 findings", "%s", r)
	r = blockcheck(t, dir, "-whole", "-baseline="+base, "./...")
	checkExit(t, r, exitClean)
	assert.Empty(t, r.stdout, "%s", r)
}

func TestWholeProgramWhy(t *testing.T) {
	dir := moduleDir(t, "whole")
	r := blockcheck(t, dir, "-whole", "-why", "(*example.com/whole/loop.Server).Handle", "./...")
	checkExit(t, r, exitClean)
	assert.Contains(t, r.stdout, "must not block (//blockcheck:nonblocking): it is a root", "%s", r)
	assert.Contains(t, r.stdout, "whole program: ", "%s", r)
	assert.Contains(t, r.stdout, "loop.go:29:10: s.backend.Fetch may block [file]: via interface call s.backend.Fetch → backends.(*Disk).Fetch → os.ReadFile", "%s", r)

	r = blockcheck(t, dir, "-why", "(*example.com/whole/loop.Server).Handle", "./...")
	checkExit(t, r, exitClean)
	assert.NotContains(t, r.stdout, "whole program", "without -whole, -why is the modular explanation\n%s", r)

	r = blockcheck(t, dir, "-whole", "-why", "(*example.com/whole/loop.Server).Peek", "./...")
	checkExit(t, r, exitClean)
	assert.Contains(t, r.stdout, "whole-program call graph: no further path through dynamic calls", "%s", r)
}

// TestWholeProgramMatchesModular checks that on modules without stalls
// through dynamic calls (the bundled example, the test modules) -whole
// reports exactly what the modular mode reports.
func TestWholeProgramMatchesModular(t *testing.T) {
	if testing.Short() {
		t.Skip("two runs of every test module skipped in -short mode")
	}
	for _, mod := range vetModules {
		t.Run(filepath.Base(mod), func(t *testing.T) {
			dir := repoDir(t, mod)
			modular := blockcheck(t, dir, "./...")
			w := blockcheck(t, dir, "-whole", "./...")
			assert.Equal(t, modular.code, w.code, "%s\n%s", modular, w)
			assert.Equal(t, modular.stdout, w.stdout, "%s\n%s", modular, w)
		})
	}
}
