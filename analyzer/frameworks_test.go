package analyzer_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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

// TestProfileMismatch runs the gnet profile on a stand-in gnet whose API
// has changed: the roots that no longer match are skipped with a note in
// -verbose output, the others still apply, and nothing crashes.
func TestProfileMismatch(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	cfg := analyzer.DefaultConfig()
	cfg.Verbose = true
	analysistest.Run(t, testdata(t), analyzer.New(cfg), "example.com/gnetmismatch")
	os.Stderr = stderr
	w.Close()
	out, _ := io.ReadAll(r)
	for _, want := range []string{
		"note: profile gnet does not match github.com/panjf2000/gnet/v2",
		"EventHandler.OnTraffic skipped",
		"EventHandler.OnClose skipped",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("verbose output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "OnOpen skipped") {
		t.Errorf("OnOpen still matches and must not be skipped:\n%s", out)
	}
}

// TestRealRetryModules runs blockcheck on a module that calls the real
// github.com/cenkalti/backoff/v4 and github.com/avast/retry-go/v4 from
// roots: both wrap the operation in a closure of their own before their
// retry loop calls it, and the operation is followed through the wrapping.
func TestRealRetryModules(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the retry modules")
	}
	dir := filepath.Join(testdata(t), "retries")
	download := exec.Command("go", "mod", "download")
	download.Dir = dir
	if out, err := download.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	analysistest.Run(t, dir, analyzer.Analyzer, "./...")
}
