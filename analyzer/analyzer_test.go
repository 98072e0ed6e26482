package analyzer_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
)

func TestCategories(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/categories")
}

func TestPropagation(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/propagation")
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/directives", "example.com/baddirectives")
}

// TestChain checks that facts travel two hops: downstream imports only
// middle, which imports upstream.
func TestChain(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/downstream")
}

// TestContracts checks that a nonblocking interface method makes its
// implementations roots in a downstream package.
func TestContracts(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/framework", "example.com/app")
}

// testdata is the repository's shared testdata directory.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestOptInCategories checks lock and cgo, which are off by default, with a
// configuration that enables them, and that the default configuration does
// not report them.
func TestOptInCategories(t *testing.T) {
	cfg := analyzer.DefaultConfig()
	cfg.Categories = cfg.Categories.With(facts.Lock).With(facts.Cgo)
	analysistest.Run(t, testdata(t), analyzer.New(cfg), "example.com/lockcgo")

	// By default, each of the three expectations (two lock, one cgo) is
	// missing, and nothing else is reported.
	for _, tc := range []struct {
		cats    facts.CategorySet
		missing int
	}{
		{analyzer.DefaultConfig().Categories, 3},
		{analyzer.DefaultConfig().Categories.With(facts.Lock), 1},
		{analyzer.DefaultConfig().Categories.With(facts.Cgo), 2},
	} {
		cfg := analyzer.DefaultConfig()
		cfg.Categories = tc.cats
		ft := &recordingT{}
		analysistest.Run(ft, testdata(t), analyzer.New(cfg), "example.com/lockcgo")
		assert.Len(t, ft.errs, tc.missing, "categories %s: %q", tc.cats, ft.errs)
		for _, e := range ft.errs {
			assert.Contains(t, e, "no diagnostic was reported", "categories %s", tc.cats)
		}
	}
}

// TestLockHeld checks each lock region shape and its negative twin.
func TestLockHeld(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/lockhelpers", "example.com/lockheld", "example.com/lockwrapper")
}

// TestLockOrder checks nested acquisition, reported only with the lock
// category enabled, and that -lockheld=false turns the check off.
func TestLockOrder(t *testing.T) {
	cfg := analyzer.DefaultConfig()
	cfg.Categories = cfg.Categories.With(facts.Lock)
	analysistest.Run(t, testdata(t), analyzer.New(cfg), "example.com/lockorder")

	off := analyzer.DefaultConfig()
	off.LockHeld = false
	off.Categories = off.Categories.With(facts.Lock)
	ft := &recordingT{}
	analysistest.Run(ft, testdata(t), analyzer.New(off), "example.com/lockorder")
	if len(ft.errs) != 2 {
		t.Errorf("with -lockheld=false, want the 2 expected diagnostics missing, got %d errors: %q", len(ft.errs), ft.errs)
	}
}

// recordingT collects analysistest's errors instead of failing.
type recordingT struct{ errs []string }

func (r *recordingT) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCallbacks checks callback summaries, local and across packages.
func TestCallbacks(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/callbacks")
}

// TestConfiguredRules checks the configuration's sinks, trusted functions,
// roots and excluded packages.
func TestConfiguredRules(t *testing.T) {
	cfg := analyzer.DefaultConfig()
	s := config.Settings{
		Sinks:   []config.Sink{{Name: "(*example.com/configured.Client).Query", Category: "sql"}},
		Trusted: []string{"(*example.com/configured.Pool).Submit"},
		Roots:   []string{"example.com/configured.Handle*", "(example.com/configured.Handler).Serve"},
		Exclude: []string{"example.com/configured/gen"},
	}
	if err := s.ApplyTo(&cfg, func(string, int) string { return "test" }); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, testdata(t), analyzer.New(cfg), "example.com/configured", "example.com/configured/gen")
}

// TestWrapped checks callbacks called inside wrapping closures, results
// that call their arguments, and range-over-func iterators, across
// packages.
func TestWrapped(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/wrapped", "example.com/wrappeduser")
}

// TestShapes checks calls through type parameters and the standard
// streams.
func TestShapes(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/shapes")
}

// TestEveryReason checks that a call is reported with every category it
// blocks in, and that enabling lock adds to a finding instead of hiding it.
func TestEveryReason(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/reasons")
	cfg := analyzer.DefaultConfig()
	cfg.Categories = cfg.Categories.With(facts.Lock)
	analysistest.Run(t, testdata(t), analyzer.New(cfg), "example.com/reasonslock")
}

// TestStreams checks readers and writers, in a package and across
// packages.
func TestStreams(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/streams", "example.com/streamuser")
}

// TestFieldSlots checks function values in fields, package variables and
// maps: called in the package that stores them, and stored three packages
// away through setters.
func TestFieldSlots(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/fieldsfw", "example.com/fieldsmid", "example.com/fieldsapp")
}

// TestKnownInterfaceTargets checks interface calls whose concrete type is
// known: in the package, and through a Returns fact.
func TestKnownInterfaceTargets(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/future", "example.com/futureuser")
}

// TestReceiverCalls checks methods of function types that call their
// receiver.
func TestReceiverCalls(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/handlerfunc")
}

// TestContention checks that a Lock in a root (direct or through a callee)
// is reported when another function holds that lock across blocking, by
// default; with the lock category on, every Lock of a root is reported by
// the root check instead, and these messages are not.
func TestContention(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/contention", "example.com/contentionapp")

	cfg := analyzer.DefaultConfig()
	cfg.Categories = cfg.Categories.With(facts.Lock)
	ft := &recordingT{}
	analysistest.Run(ft, testdata(t), analyzer.New(cfg), "example.com/contention", "example.com/contentionapp")
	var missing int
	for _, e := range ft.errs {
		if strings.Contains(e, "no diagnostic was reported matching") && strings.Contains(e, "waits for") {
			missing++
		}
	}
	assert.Equal(t, 7, missing, "with lock on, the contention messages give way to the root check's: %q", ft.errs)

	// -lockheldcontended keeps the lock-held findings whose lock a root
	// takes, and leaves out the journal's.
	cfg = analyzer.DefaultConfig()
	cfg.LockHeldContended = true
	ft = &recordingT{}
	analysistest.Run(ft, testdata(t), analyzer.New(cfg), "example.com/contention")
	require.Len(t, ft.errs, 1, "%q", ft.errs)
	assert.Contains(t, ft.errs[0], "j.mu")
}

// TestConstantFalseConditions requires the body of an if whose condition
// is constant false (a debug constant, alone or in &&) not to be followed,
// and its else branch to be.
func TestConstantFalseConditions(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/deadcode")
}

// TestNolint: //nolint:blockcheck silences a finding under the analyzer;
// for a driver that applies the comments itself, nothing is silenced.
func TestNolint(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/nolint")
	analysistest.Run(t, testdata(t), analyzer.NewForNolintDriver(analyzer.DefaultConfig()), "example.com/nolintdriver")
}

// TestRewrap: a callback reassigned through a wrapper twice once sent the
// graph from one assignment to the other without end (a stack overflow on
// nats-server); the analysis ends and reports the call.
func TestRewrap(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/rewrap")
}

// TestConstArgs checks calls that pass constant booleans: the callee's
// places that cannot run with them do not make the call block.
func TestConstArgs(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/constargs")
}
