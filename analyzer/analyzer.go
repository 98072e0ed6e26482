package analyzer

import (
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
)

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
		FactTypes: []analysis.Fact{new(facts.Blocking), new(facts.Contracts), new(facts.Locks), new(facts.Callbacks)},
	}
	config.BindFlags(&a.Flags, &c.cfg)
	return a
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
	cfg     Config
	explain bool
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	if answeredByTable(pass) {
		if c.explain {
			return &Explanations{}, nil
		}
		return nil, nil
	}
	cfg := c.cfg
	if cfg.Profiles.NonBlockingFDs(pass.Pkg.Path()) {
		cfg.Categories = cfg.Categories.Without(facts.Syscall)
	}
	p := newPackageRun(pass, cfg)
	p.explaining = c.explain
	p.parseDirectives()
	p.buildGraph()
	p.linkCallbacks()
	p.solve()
	p.exportFacts()
	p.report()
	p.reportRegistrations()
	if c.cfg.LockHeld {
		p.checkLockHeld()
	}
	if c.explain {
		return p.explanations(), nil
	}
	return nil, nil
}

// answeredByTable reports whether the package is one whose blocking
// operations the standard-library table describes: the standard library and
// golang.org/x/sys/unix. Such packages are not analyzed at all, which keeps
// go vet fast (it runs blockcheck on every dependency, std included) and
// keeps blockcheck correct where std is never analyzed (Bazel nogo).
//
// A package belongs to the standard library when it belongs to no module and
// the first element of its path has no dot. Code in a module is always
// analyzed, even in a module named without a dot ("module myapp").
func answeredByTable(pass *analysis.Pass) bool {
	path := pass.Pkg.Path()
	if path == "golang.org/x/sys/unix" {
		return true
	}
	if pass.Module != nil && pass.Module.Path != "" {
		return false
	}
	return isStdPath(path)
}
