package analyzer

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/graph"
	"github.com/blockcheck/blockcheck/internal/lockheld"
	"github.com/blockcheck/blockcheck/internal/report"
	"github.com/blockcheck/blockcheck/internal/roots"
	"github.com/blockcheck/blockcheck/internal/sinks"
	"github.com/blockcheck/blockcheck/internal/solve"
)

// Explanations say why each function of a package may block, or why not:
// the result of NewExplaining.
type Explanations = report.Explanations

// Name is the analyzer's name. Drivers key cached facts and //nolint
// comments by it, so it never changes.
const Name = "blockcheck"

// Config is everything that changes what blockcheck reports; see package
// config, which decodes and validates it from files, flags and plugin
// settings.
type Config = config.Config

// DefaultConfig returns the configuration used when the user sets nothing:
// every category but lock and cgo, the lock-held check, every profile.
func DefaultConfig() Config { return config.Default() }

// Analyzer is blockcheck with the default configuration and its flags.
// Drivers that need a package-level variable (Bazel nogo, go vet through
// unitchecker) use it.
var Analyzer = New(DefaultConfig())

// New returns a blockcheck analyzer for cfg. Its flags are bound to a copy
// of cfg, so each analyzer has its own configuration and there is no global
// state.
func New(cfg Config) *analysis.Analyzer {
	return newAnalyzer(&checker{cfg: cfg})
}

func newAnalyzer(c *checker) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:      Name,
		Doc:       doc,
		URL:       "https://pkg.go.dev/github.com/blockcheck/blockcheck/analyzer",
		Run:       c.run,
		FactTypes: []analysis.Fact{new(facts.Blocking), new(facts.Contracts), new(facts.Locks), new(facts.Waits), new(facts.Callbacks), new(facts.Returns), new(facts.Streams), new(facts.Stores), new(facts.FieldCalls)},
	}
	config.BindFlags(&a.Flags, &c.cfg)
	return a
}

// NewForNolintDriver returns blockcheck for cfg for a driver that applies
// //nolint comments itself (golangci-lint): it reports what they silence,
// so that the driver's unused-nolint check sees them used. Every other
// analyzer applies them.
func NewForNolintDriver(cfg Config) *analysis.Analyzer {
	return newAnalyzer(&checker{cfg: cfg, driverNolint: true})
}

// NewExplaining returns blockcheck for cfg, whose result for each package
// is an *Explanations: why each of its functions may block, or why not.
// The command's -why flag uses it; it costs more than New.
func NewExplaining(cfg Config) *analysis.Analyzer {
	a := newAnalyzer(&checker{cfg: cfg, explain: true})
	a.ResultType = reflect.TypeFor[*Explanations]()
	return a
}

// checker holds one analyzer's configuration. It has no mutable state of
// its own: everything computed for a package lives in a per-pass value.
type checker struct {
	cfg          Config
	explain      bool
	program      bool // the result is a *Program, for the whole-program mode
	driverNolint bool // the driver applies //nolint comments itself
}

func (c *checker) run(pass *analysis.Pass) (result any, err error) {
	// A bug in blockcheck must not take the driver down with a stack
	// trace: it is an error of this package's analysis, reported as such.
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, fmt.Errorf("internal error analyzing %s: %v (please report it, with this package)", pass.Pkg.Path(), r)
		}
	}()
	if len(pass.Files) == 0 || answeredByTable(pass) {
		// Nothing to analyze: no files (a package a driver read from
		// export data), or the table answers for the package.
		return c.empty(), nil
	}
	cfg := c.cfg
	if cfg.Profiles.NonBlockingFDs(pass.Pkg.Path()) {
		cfg.Categories = cfg.Categories.Without(facts.Syscall)
	}
	rep := &report.Reporter{
		Fset:     pass.Fset,
		Report:   pass.Report,
		Excluded: len(cfg.Exclude) > 0 && cfg.Excluded(pass.Pkg.Path()),
	}
	if !c.driverNolint {
		rep.Files = pass.Files // their //nolint comments apply
	}

	// What the package's directives say, and the functions that must not
	// block without saying so themselves (contracts, profiles,
	// registration points).
	dirs := directive.Parse(pass.Fset, pass.Files, pass.TypesInfo)
	rep.Ignores = dirs.Ignores
	report.Directives(rep, dirs.Problems)
	deps := depContracts(pass)
	off := roots.Switches(pass.Fset, pass.Files, pass.TypesInfo, pass.Pkg, &cfg)
	points := roots.Find(pass.Pkg, dirs, &cfg, deps, off)
	c.notes(pass, points.Notes)

	// What the package's functions call, and what each is.
	callees := sinks.New(pass.Pkg, &cfg, dirs.IfaceBlocking, pass.ImportObjectFact)
	locks := lockheld.NewImports(pass.Pkg, pass.ImportObjectFact)
	g := graph.Build(graphInput(pass, &cfg, callees, locks, points, c.explain))
	g.LinkCallbacks()
	roles := roots.Assign(g, dirs, &cfg, points)

	// Which of them may block, what other packages learn of it, and what
	// is reported.
	sol := solve.Solve(g, roles, cfg.Categories)
	exportFacts(pass, &cfg, g, sol, dirs, roles, deps)
	report.Roots(rep, g, sol, roles)
	report.Registrations(rep, g, roles, callees)
	report.Stores(rep, g, sol, callees)
	if cfg.LockHeld {
		summaries, waits := lockheld.Check(lockheld.Input{
			Fset: pass.Fset, Info: pass.TypesInfo, Pkg: pass.Pkg,
			Graph: g, Solution: sol, Roles: roles, Dirs: dirs, Imports: locks, Reporter: rep, Trusted: callees.Trusted,
			Contention:    !cfg.Categories.Has(facts.Lock),
			ContendedOnly: cfg.LockHeldContended,
		})
		exportLocks(pass, summaries, waits)
	}
	if reportsUnusedIgnores(&c.cfg) {
		report.UnusedIgnores(rep)
	}
	return c.result(pass, &cfg, g, sol, roles, rep, callees), nil
}

// graphInput is what the graph is built from.
func graphInput(pass *analysis.Pass, cfg *Config, callees *sinks.Resolver, locks *lockheld.Imports, points *roots.Points, notes bool) graph.Input {
	in := graph.Input{
		Fset: pass.Fset, Files: pass.Files, Info: pass.TypesInfo, Pkg: pass.Pkg,
		Categories: cfg.Categories, Callees: callees, Watch: points.Watch, Notes: notes,
	}
	if cfg.LockHeld {
		in.LockOps = locks.TouchesLocks
	}
	return in
}

// reportsUnusedIgnores says whether unused ignore directives are reported:
// when the configuration asks for it and checks at least what the default
// configuration checks. With a category, a profile or the lock-held check
// switched off, an ignore may be waiting for a finding that is off.
func reportsUnusedIgnores(cfg *Config) bool {
	def := DefaultConfig()
	return cfg.UnusedIgnores && cfg.LockHeld &&
		cfg.Categories&def.Categories == def.Categories &&
		cfg.Profiles&def.Profiles == def.Profiles
}

// notes prints messages of -verbose.
func (c *checker) notes(pass *analysis.Pass, notes []string) {
	if c.cfg.Verbose {
		for _, n := range notes {
			fmt.Fprintf(os.Stderr, "blockcheck: %s: note: %s\n", pass.Pkg.Path(), n)
		}
	}
}

// answeredByTable reports whether the package is one whose blocking
// operations the standard-library table describes (facts.AnsweredByTable):
// the standard library and golang.org/x/sys/unix. Such packages are not
// analyzed at all, which keeps go vet fast (it runs blockcheck on every
// dependency, std included) and keeps blockcheck correct where std is never
// analyzed (Bazel nogo).
func answeredByTable(pass *analysis.Pass) bool {
	var module string
	if pass.Module != nil {
		module = pass.Module.Path
	}
	var dirs []string
	for _, f := range pass.Files {
		if tf := pass.Fset.File(f.Pos()); tf != nil {
			dirs = append(dirs, filepath.Dir(tf.Name()))
		}
	}
	return facts.AnsweredByTable(pass.Pkg.Path(), module, dirs)
}
