package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/profiles"
)

// Settings are the configuration as users write it. The same keys are used
// in a .blockcheck.yml file and in golangci-lint's
// linters.settings.custom.blockcheck.settings; flags of the same names
// take comma-separated lists. A setting left out keeps its default.
type Settings struct {
	// Categories edit or replace the enabled categories: "net", "+lock",
	// "-chan", "all", "none".
	Categories []string `yaml:"categories" json:"categories,omitempty"`
	// Profiles select the framework profiles: names, "all", "none".
	Profiles []string `yaml:"profiles" json:"profiles,omitempty"`
	// LockHeld turns the lock-held check on or off.
	LockHeld *bool `yaml:"lockheld" json:"lockheld,omitempty"`
	// LockHeldContended keeps only the lock-held findings whose lock a
	// root takes too.
	LockHeldContended *bool `yaml:"lockheldcontended" json:"lockheldcontended,omitempty"`
	// Verbose prints notes to standard error.
	Verbose *bool `yaml:"verbose" json:"verbose,omitempty"`
	// UnusedIgnores reports ignore directives that silence no finding.
	UnusedIgnores *bool `yaml:"unusedignores" json:"unusedignores,omitempty"`
	// Sinks declare functions or interface methods blocking.
	Sinks []Sink `yaml:"sinks" json:"sinks,omitempty"`
	// Trusted are functions that never block their caller.
	Trusted []string `yaml:"trusted" json:"trusted,omitempty"`
	// Roots are functions, methods, or interface methods (whose
	// implementations become roots) that must not block.
	Roots []string `yaml:"roots" json:"roots,omitempty"`
	// Exclude are package patterns whose findings are not reported.
	Exclude []string `yaml:"exclude" json:"exclude,omitempty"`
	// Levels grade findings by category in the SARIF and GitHub outputs:
	// category (or "directive", or "all") to error, warning or note.
	Levels map[string]string `yaml:"levels" json:"levels,omitempty"`
}

// A Sink declares the functions matching Name blocking, in Category.
type Sink struct {
	Name     string `yaml:"name" json:"name"`
	Category string `yaml:"category" json:"category"`
}

// UnmarshalJSON decodes settings as golangci-lint hands them over (its
// YAML, re-encoded as JSON). It is as strict as the file: a key must be
// spelled exactly, and a null value (lockheld: ~ in the YAML) is an error
// rather than the default.
func (s *Settings) UnmarshalJSON(data []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	keys := slices.Sorted(maps.Keys(raw))
	for _, k := range keys {
		if !slices.Contains(Keys, k) {
			return fmt.Errorf("unknown key %q (known: %s)", k, strings.Join(Keys, ", "))
		}
		if string(bytes.TrimSpace(raw[k])) == "null" {
			return fmt.Errorf("%s: empty value", k)
		}
	}
	type plain Settings // without this method
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var out plain
	if err := dec.Decode(&out); err != nil {
		return err
	}
	*s = Settings(out)
	return nil
}

// Keys are the settings' keys, in documentation order.
var Keys = []string{"categories", "profiles", "lockheld", "lockheldcontended", "verbose", "unusedignores", "sinks", "trusted", "roots", "exclude", "levels"}

// A Locator says where a setting came from, for error messages:
// ".blockcheck.yml:7", "flag -sinks", "settings sinks[1].category".
type Locator func(key string, index int) string

// ApplyTo validates the settings and applies those that are set to cfg. An
// error names the setting and where it came from. Nothing is applied
// unless everything is valid.
func (s *Settings) ApplyTo(cfg *Config, where Locator) error {
	next := *cfg
	if err := s.apply(&next, func(key string, i int) string {
		if loc := where(key, i); loc != "" {
			return loc + ": "
		}
		return ""
	}); err != nil {
		return err
	}
	*cfg = next
	return nil
}

func (s *Settings) apply(cfg *Config, where Locator) error {
	// An empty list is an error, as an empty -categories is: it is most
	// often a mistake, and "none" says "nothing" plainly.
	if s.Categories != nil {
		// Each element alone first, to point at the bad one.
		for i, c := range s.Categories {
			if _, err := facts.ParseCategorySet(c); err != nil && len(s.Categories) > 1 {
				return fmt.Errorf("%scategories: %v", where("categories", i), err)
			}
		}
		set, err := facts.ParseCategorySet(strings.Join(s.Categories, ","))
		if err != nil {
			return fmt.Errorf("%scategories: %v", where("categories", 0), err)
		}
		cfg.Categories = set
	}
	if s.Profiles != nil {
		for i, p := range s.Profiles {
			if _, err := profiles.Parse(p); err != nil && len(s.Profiles) > 1 {
				return fmt.Errorf("%sprofiles: %v", where("profiles", i), err)
			}
		}
		set, err := profiles.Parse(strings.Join(s.Profiles, ","))
		if err != nil {
			return fmt.Errorf("%sprofiles: %v", where("profiles", 0), err)
		}
		cfg.Profiles = set
	}
	if s.LockHeld != nil {
		cfg.LockHeld = *s.LockHeld
	}
	if s.LockHeldContended != nil {
		cfg.LockHeldContended = *s.LockHeldContended
	}
	if s.Verbose != nil {
		cfg.Verbose = *s.Verbose
	}
	if s.UnusedIgnores != nil {
		cfg.UnusedIgnores = *s.UnusedIgnores
	}
	if s.Sinks != nil {
		cfg.Sinks = nil
		for i, sink := range s.Sinks {
			p, err := CompilePattern(sink.Name)
			if err != nil {
				return fmt.Errorf("%ssinks[%d].name: %v", where("sinks.name", i), i, err)
			}
			c, err := facts.ParseCategory(sink.Category)
			if sink.Category == "" {
				err = fmt.Errorf("missing category")
			}
			if err != nil {
				return fmt.Errorf("%ssinks[%d].category: %v", where("sinks.category", i), i, err)
			}
			cfg.Sinks = append(cfg.Sinks, SinkRule{Pattern: p, Category: c})
		}
	}
	if s.Levels != nil {
		ls, err := applyLevels(cfg.Levels, s.Levels, where)
		if err != nil {
			return err
		}
		cfg.Levels = ls
	}
	for _, list := range []struct {
		key  string
		src  []string
		dest *[]Pattern
	}{
		{"trusted", s.Trusted, &cfg.Trusted},
		{"roots", s.Roots, &cfg.Roots},
		{"exclude", s.Exclude, &cfg.Exclude},
	} {
		if list.src == nil {
			continue
		}
		*list.dest = nil
		for i, text := range list.src {
			p, err := CompilePattern(text)
			if err != nil {
				return fmt.Errorf("%s%s[%d]: %v", where(list.key, i), list.key, i, err)
			}
			*list.dest = append(*list.dest, p)
		}
	}
	return nil
}
