package report_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/report"
	"github.com/blockcheck/blockcheck/internal/solve"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

const src = `package p

import (
	"os"
	"syscall"
	"time"
)

type Events struct {
	//blockcheck:nonblocking
	OnData func()
}

//blockcheck:nonblocking
func Handle() {
	save()
	time.Sleep(0)
	//blockcheck:ignore measured: under a millisecond
	time.Sleep(0)
	defer save()
}

func save() { write() }
func write() { os.WriteFile("", nil, 0) }

func onData() { save() }

func wire(e *Events) { e.OnData = onData; e.OnData = syscall.Sync }

func Fine() {}

//blockcheck:bogus
func bad() {}
`

func TestReports(t *testing.T) {
	p := testsrc.Load(t, "reports", src)
	s := testsrc.Run(t, p, config.Default(), nil, nil)
	report.Directives(s.Reporter, s.Dirs.Problems)
	report.Roots(s.Reporter, s.Graph, s.Solution, s.Roles)
	report.Registrations(s.Reporter, s.Graph, s.Roles, s.Callees)
	assert.Equal(t, []string{
		`32:1: unknown directive "//blockcheck:bogus": known directives are nonblocking, blocking, ignore, file-ignore, locked`,
		"16:2: Handle must not block: save may block [file]: save → write → os.WriteFile",
		"17:2: Handle must not block: time.Sleep may block [sleep]",
		// The second time.Sleep is ignored.
		"20:2: Handle must not block: deferred save may block [file]: save → write → os.WriteFile",
		"26:17: onData (registered as p.Events.OnData) must not block: save may block [file]: save → write → os.WriteFile",
		"28:54: syscall.Sync is registered as p.Events.OnData and must not block: it may block [syscall]: syscall.Sync",
	}, s.Messages(p))
	// Related information points at each local hop's blocking place.
	d := s.Diagnostics[1]
	require.Len(t, d.Related, 2)
	assert.Equal(t, "save may block here: write", d.Related[0].Message)
	assert.Equal(t, "write may block here: os.WriteFile", d.Related[1].Message)
	assert.Equal(t, string(facts.File), d.Category)
}

func TestExcluded(t *testing.T) {
	p := testsrc.Load(t, "reportsexcluded", strings.Replace(src, "package p", "package reportsexcluded", 1))
	s := testsrc.Run(t, p, config.Default(), nil, nil)
	s.Reporter.Excluded = true
	report.Directives(s.Reporter, s.Dirs.Problems)
	report.Roots(s.Reporter, s.Graph, s.Solution, s.Roles)
	assert.Empty(t, s.Diagnostics)
}

func TestChainSuffix(t *testing.T) {
	sink := solve.Hop{Name: "time.Sleep"}
	assert.Empty(t, report.ChainSuffix("time.Sleep", solve.Chain{Sink: sink}), "the place is the sink")
	assert.Equal(t, ": time.Sleep", report.ChainSuffix("pause", solve.Chain{Sink: sink}))
	assert.Equal(t, ": a → b → time.Sleep", report.ChainSuffix("a", solve.Chain{Hops: []solve.Hop{{Name: "a"}, {Name: "b"}}, Sink: sink}))
}

func TestExplain(t *testing.T) {
	p := testsrc.Load(t, "reportswhy", strings.Replace(src, "package p", "package reportswhy", 1))
	cfg := config.Default()
	s := testsrc.Run(t, p, cfg, nil, nil)
	e := report.Explain(p.Fset, s.Graph, s.Solution, s.Roles, &cfg)
	why := e.Funcs["example.com/reportswhy.save"]
	assert.True(t, strings.HasPrefix(why, "example.com/reportswhy.save may block [file]: write → os.WriteFile\n"), why)
	assert.Contains(t, why, ": save calls write\n")
	assert.Contains(t, why, ": write calls os.WriteFile\n")
	assert.Contains(t, e.Funcs["example.com/reportswhy.Handle"], "must not block (//blockcheck:nonblocking): it is a root")
	assert.True(t, strings.HasPrefix(e.Funcs["example.com/reportswhy.Fine"], "example.com/reportswhy.Fine does not block\n"))
}
