package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
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
}
