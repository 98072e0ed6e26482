package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/blockcheck/blockcheck/facts"
)

// A Level grades a finding in the outputs that grade findings: a SARIF
// result's level, a GitHub annotation's command. It changes nothing else:
// every finding is reported and counts for the exit status.
type Level string

// The levels, most severe first: SARIF's names (GitHub's annotation
// commands are error, warning and notice).
const (
	LevelError   Level = "error"
	LevelWarning Level = "warning"
	LevelNote    Level = "note"
)

var levels = []Level{LevelError, LevelWarning, LevelNote}

// DirectiveCategory is the category of malformed-directive findings: it
// takes a level like the blocking categories.
const DirectiveCategory = "directive"

// AllLevelKey sets the level of every category at once; the categories
// named next to it override it.
const AllLevelKey = "all"

// ParseLevel returns the level named s.
func ParseLevel(s string) (Level, error) {
	for _, l := range levels {
		if string(l) == s {
			return l, nil
		}
	}
	if s == "" {
		return "", fmt.Errorf("missing level (known: %s)", levelNames())
	}
	return "", fmt.Errorf("unknown level %q (known: %s)", s, levelNames())
}

func levelNames() string {
	names := make([]string, len(levels))
	for i, l := range levels {
		names[i] = string(l)
	}
	return strings.Join(names, ", ")
}

// A CategoryLevel is the level of one category's findings.
type CategoryLevel struct {
	Category string // a blocking category or "directive"
	Level    Level
}

// Levels are the levels set by the configuration, sorted by category: a
// category that is not listed is an error.
type Levels []CategoryLevel

// levelCategories are the categories a level can be set for, in
// documentation order.
func levelCategories() []string {
	out := categoryNames()
	return append(out, DirectiveCategory)
}

// Of returns the level of a category's findings.
func (ls Levels) Of(category string) Level {
	for _, cl := range ls {
		if cl.Category == category {
			return cl.Level
		}
	}
	return LevelError
}

// String lists the levels as the -levels flag takes them:
// "chan=warning,net=error".
func (ls Levels) String() string {
	parts := make([]string, len(ls))
	for i, cl := range ls {
		parts[i] = cl.Category + "=" + string(cl.Level)
	}
	return strings.Join(parts, ",")
}

// with returns the levels with category's set to l.
func (ls Levels) with(category string, l Level) Levels {
	out := slices.DeleteFunc(slices.Clone(ls), func(cl CategoryLevel) bool { return cl.Category == category })
	out = append(out, CategoryLevel{category, l})
	slices.SortFunc(out, func(a, b CategoryLevel) int { return strings.Compare(a.Category, b.Category) })
	return out
}

// applyLevels validates a levels setting and applies it on top of ls, in
// sorted order ("all" first), so the result does not depend on the order
// of a map.
func applyLevels(ls Levels, set map[string]string, where Locator) (Levels, error) {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	slices.Sort(keys) // "all" sorts before every category
	known := levelCategories()
	for _, k := range keys {
		loc := where("levels."+k, -1)
		if k != AllLevelKey && !slices.Contains(known, k) {
			return nil, fmt.Errorf("%slevels: unknown category %q (known: %s, %s)", loc, k, strings.Join(known, ", "), AllLevelKey)
		}
		l, err := ParseLevel(set[k])
		if err != nil {
			return nil, fmt.Errorf("%slevels.%s: %v", loc, k, err)
		}
		if k == AllLevelKey {
			for _, c := range known {
				ls = ls.with(c, l)
			}
			continue
		}
		ls = ls.with(k, l)
	}
	return ls, nil
}

// categoryNames are the blocking categories' names, in documentation order.
func categoryNames() []string {
	var out []string
	for _, c := range facts.AllCategories() {
		out = append(out, string(c))
	}
	return out
}
