// Package config is blockcheck's configuration: the settings users write
// (in a .blockcheck.yml file, as golangci-lint plugin settings, as flags),
// decoded and validated in one place into the Config the analyzer runs
// with.
package config

import (
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/profiles"
)

// Config is a validated configuration. The zero Config enables nothing;
// start from Default.
type Config struct {
	// Categories are the kinds of blocking operation that count. Facts are
	// computed for these only, so a disabled category neither propagates
	// nor is reported.
	Categories facts.CategorySet

	// LockHeld enables the lock-held check.
	LockHeld bool

	// LockHeldContended keeps only the lock-held findings whose lock a
	// root of the package takes too (a stall of the loop).
	LockHeldContended bool

	// Profiles are the frameworks and pools whose knowledge is used.
	Profiles profiles.Set

	// Verbose prints notes to standard error.
	Verbose bool

	// UnusedIgnores reports ignore directives that silence no finding.
	UnusedIgnores bool

	// Sinks are extra blocking functions and interface methods, with
	// their categories; Trusted are functions that never block the
	// caller (calls to them are not followed); Roots are extra functions
	// that must not block (an interface method makes its implementations
	// roots); Exclude are packages whose findings are not reported (their
	// facts are still computed, so packages that call them are right).
	Sinks   []SinkRule
	Trusted []Pattern
	Roots   []Pattern
	Exclude []Pattern

	// Levels grade findings by category in the outputs that grade them
	// (SARIF, GitHub annotations); a category not listed is an error.
	// They change nothing the analyzer does.
	Levels Levels
}

// A SinkRule declares the functions matching a pattern blocking.
type SinkRule struct {
	Pattern  Pattern
	Category facts.Category
}

// Default is the configuration used when the user sets nothing: every
// category but lock and cgo, the lock-held check, every profile.
func Default() Config {
	return Config{Categories: facts.DefaultCategories(), LockHeld: true, Profiles: profiles.Default(), UnusedIgnores: true}
}

// HasNameRules reports whether any rule matches functions by name: only
// then does the analyzer compute full names of the package's own functions.
func (c *Config) HasNameRules() bool {
	return len(c.Sinks) > 0 || len(c.Trusted) > 0 || len(c.Roots) > 0
}

// Sink returns the category of a function declared blocking by the
// configuration. The first matching rule wins.
func (c *Config) Sink(fullName string) (facts.Category, bool) {
	for _, r := range c.Sinks {
		if r.Pattern.Match(fullName) {
			return r.Category, true
		}
	}
	return "", false
}

// IsTrusted reports whether a function is trusted not to block.
func (c *Config) IsTrusted(fullName string) bool { return matchAny(c.Trusted, fullName) }

// IsRoot reports whether a function is configured as a root.
func (c *Config) IsRoot(fullName string) bool { return matchAny(c.Roots, fullName) }

// Excluded reports whether a package's findings are not reported.
func (c *Config) Excluded(pkgPath string) bool { return matchAny(c.Exclude, pkgPath) }

func matchAny(ps []Pattern, s string) bool {
	for _, p := range ps {
		if p.Match(s) {
			return true
		}
	}
	return false
}
