package analyzer_test

import (
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
)

// TestFrameworks runs blockcheck, with its default profiles and no
// annotations, on a module that depends on the real gnet (v1 and v2),
// evio, nbio, ants and errgroup modules.
func TestFrameworks(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the framework modules")
	}
	dir := filepath.Join(testdata(t), "frameworks")
	// analysistest runs the go command with GOPROXY=off: fetch first.
	download := exec.Command("go", "mod", "download")
	download.Dir = dir
	if out, err := download.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	analysistest.Run(t, dir, analyzer.Analyzer, "./...")
}
