package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/facts"
)

// analyzeWith loads the module in dir with load and runs blockcheck on it
// as the standalone command does; it returns the findings as the command
// prints them, with their enclosing functions and related information,
// and the packages with syntax.
func analyzeWith(t *testing.T, dir string, patterns []string, load func(*packages.Config, []string) ([]*packages.Package, error)) (found []string, withSyntax map[string]bool) {
	t.Helper()
	cfg := &packages.Config{Dir: dir, Tests: true, Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")}
	pkgs, err := load(cfg, patterns)
	require.NoError(t, err)
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.New(analyzer.DefaultConfig())}, pkgs, nil)
	require.NoError(t, err)
	withSyntax = make(map[string]bool)
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		assert.Empty(t, p.Errors, "%s", p.ID)
		if len(p.Syntax) > 0 {
			withSyntax[p.ID] = true
		}
	})
	for act := range graph.All() {
		assert.NoError(t, act.Err, "%s", act.Package.ID)
	}
	for _, f := range collect(graph) {
		s := fmt.Sprintf("%s %s:%d:%d-%d:%d %s [%s] in %q #%d", f.pkg, f.posn.Filename, f.posn.Line, f.posn.Column, f.end.Line, f.end.Column, f.message, f.category, f.function, f.occurrence)
		for _, r := range f.related {
			s += fmt.Sprintf("\n\t%s:%d:%d-%d:%d %s", r.posn.Filename, r.posn.Line, r.posn.Column, r.end.Line, r.end.Column, r.message)
		}
		found = append(found, s)
	}
	return found, withSyntax
}

func loadAllSyntax(cfg *packages.Config, patterns []string) ([]*packages.Package, error) {
	c := *cfg
	c.Mode = packages.LoadAllSyntax | packages.NeedModule
	return packages.Load(&c, patterns...)
}

// TestLoadFromExportData runs blockcheck on each test module with the
// packages the table answers for read from export data, and with every
// package from source, as before: the findings are the same, with the
// same positions, ends, enclosing functions and related information; only
// the table's packages come without syntax.
func TestLoadFromExportData(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks every test module's dependencies from source")
	}
	for _, mod := range vetModules {
		t.Run(filepath.Base(mod), func(t *testing.T) {
			dir := repoDir(t, mod)
			want, srcAll := analyzeWith(t, dir, []string{"./..."}, loadAllSyntax)
			got, srcSome := analyzeWith(t, dir, []string{"./..."}, loadPackages)
			assert.Equal(t, want, got)
			if mod != "testdata/ecosystem" {
				assert.NotEmpty(t, got, "the module has findings")
			}
			std := 0
			for id := range srcAll {
				path, _, _ := strings.Cut(id, " ")
				if !srcSome[id] {
					assert.True(t, facts.InTable(path), "only the table's packages lose their syntax: %s", id)
					std++
				}
			}
			for id := range srcSome {
				assert.True(t, srcAll[id], "%s", id)
			}
			assert.Positive(t, std, "standard-library packages were read from export data")
			t.Logf("%d packages from source before, %d now", len(srcAll), len(srcSome))
		})
	}
}

// TestLoadStdRootsWithTests loads standard-library packages as roots, with
// their tests (as the bench's net corpus does): their test variants are
// loaded from source, since export data has no test files, and everything
// type-checks.
func TestLoadStdRootsWithTests(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks std packages and their tests from source")
	}
	dir := repoDir(t, ".")
	patterns := []string{"net/url", "strings"}
	want, _ := analyzeWith(t, dir, patterns, loadAllSyntax)
	got, withSyntax := analyzeWith(t, dir, patterns, loadPackages)
	assert.Equal(t, want, got)
	for _, id := range []string{"net/url [net/url.test]", "net/url_test [net/url.test]", "strings [strings.test]", "strings_test [strings.test]"} {
		assert.True(t, withSyntax[id], "%s is loaded from source", id)
	}
	assert.False(t, withSyntax["net/url"], "net/url is read from export data")
}
