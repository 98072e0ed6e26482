package analyzer

import (
	"flag"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/profiles"
)

// Name is the analyzer's name. Drivers key cached facts and //nolint
// comments by it, so it never changes.
const Name = "blockcheck"

// Config is everything that changes what blockcheck reports. The zero
// Config enables no category; start from DefaultConfig.
type Config struct {
	// Categories are the kinds of blocking operation that count. Facts are
	// computed for these only, so a disabled category neither propagates
	// nor is reported.
	Categories facts.CategorySet

	// LockHeld enables the lock-held check: every place that may block
	// while a sync.Mutex or sync.RWMutex is held in the same function.
	LockHeld bool

	// Profiles are the frameworks and pools whose knowledge is used: their
	// event-loop callbacks are roots, their offloading calls are trusted.
	Profiles profiles.Set

	// Verbose prints notes to standard error: profiles that do not match
	// the framework version analyzed.
	Verbose bool
}

// DefaultConfig returns the configuration used when the user sets nothing:
// every category but lock and cgo.
func DefaultConfig() Config {
	return Config{Categories: facts.DefaultCategories(), LockHeld: true, Profiles: profiles.Default()}
}

// Analyzer is blockcheck with the default configuration and its flags.
// Drivers that need a package-level variable (Bazel nogo, go vet through
// unitchecker) use it.
var Analyzer = New(DefaultConfig())

// New returns a blockcheck analyzer for cfg. Its flags are bound to a copy
// of cfg, so each analyzer has its own configuration and there is no global
// state.
func New(cfg Config) *analysis.Analyzer {
	c := &checker{cfg: cfg}
	a := &analysis.Analyzer{
		Name:      Name,
		Doc:       doc,
		URL:       "https://pkg.go.dev/github.com/blockcheck/blockcheck/analyzer",
		Run:       c.run,
		FactTypes: []analysis.Fact{new(facts.Blocking), new(facts.Contracts), new(facts.Locks), new(facts.Callbacks)},
	}
	a.Flags.Var((*categoriesFlag)(&c.cfg.Categories), "categories",
		"comma-separated categories to check: a list ("+
			strings.Join(categoryStrings(), ",")+
			") replaces the defaults; +name and -name add to or remove from them; all and none are shorthands")
	a.Flags.Var((*profilesFlag)(&c.cfg.Profiles), "profiles",
		"comma-separated framework profiles to use ("+strings.Join(profiles.Names(), ",")+"); all and none are shorthands")
	a.Flags.BoolVar(&c.cfg.Verbose, "verbose", c.cfg.Verbose, "print notes, such as profiles that do not match the framework version, to standard error")
	a.Flags.BoolVar(&c.cfg.LockHeld, "lockheld", c.cfg.LockHeld,
		"report places that may block while a sync.Mutex or sync.RWMutex is held")
	return a
}

func categoryStrings() []string {
	var out []string
	for _, c := range facts.AllCategories() {
		out = append(out, string(c))
	}
	return out
}

// categoriesFlag is the -categories flag: a facts.CategorySet parsed and
// validated by facts.ParseCategorySet, the one place that does so.
type categoriesFlag facts.CategorySet

var _ flag.Value = (*categoriesFlag)(nil)

func (f *categoriesFlag) String() string {
	if f == nil {
		return ""
	}
	return facts.CategorySet(*f).String()
}

func (f *categoriesFlag) Set(s string) error {
	set, err := facts.ParseCategorySet(s)
	if err != nil {
		return err
	}
	*f = categoriesFlag(set)
	return nil
}

// profilesFlag is the -profiles flag, parsed by profiles.Parse.
type profilesFlag profiles.Set

func (f *profilesFlag) String() string {
	if f == nil {
		return ""
	}
	return profiles.Set(*f).String()
}

func (f *profilesFlag) Set(s string) error {
	set, err := profiles.Parse(s)
	if err != nil {
		return err
	}
	*f = profilesFlag(set)
	return nil
}

// checker holds one analyzer's configuration. It has no mutable state of
// its own: everything computed for a package lives in a per-pass value.
type checker struct {
	cfg Config
}

func (c *checker) run(pass *analysis.Pass) (any, error) {
	if answeredByTable(pass) {
		return nil, nil
	}
	p := newPackageRun(pass, c.cfg)
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
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
