package analyzer_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestProfileMismatch runs the gnet, bubbletea and tview profiles on
// stand-ins whose API has changed: the roots and deadlocks that no longer
// match are skipped with a note in -verbose output, the others still
// apply, and nothing crashes.
func TestProfileMismatch(t *testing.T) {
	for _, tc := range []struct {
		pkg        string
		notes      []string
		notSkipped []string
	}{
		{
			pkg: "example.com/gnetmismatch",
			notes: []string{
				"note: profile gnet does not match github.com/panjf2000/gnet/v2",
				"EventHandler.OnTraffic skipped",
				"EventHandler.OnClose skipped",
			},
			notSkipped: []string{"OnOpen skipped"},
		},
		{
			pkg: "example.com/teamismatch",
			notes: []string{
				"note: profile bubbletea does not match github.com/charmbracelet/bubbletea",
				"Model.Update skipped",
				"WithFilter skipped",
				"(no (*github.com/charmbracelet/bubbletea.Program).Send): deadlock skipped",
				"(no (*github.com/charmbracelet/bubbletea.Program).Println): deadlock skipped",
			},
			notSkipped: []string{"Model.View skipped", "Model.Init skipped", "Program).Quit): deadlock skipped"},
		},
		{
			pkg: "example.com/tviewmismatch",
			notes: []string{
				"note: profile tview does not match github.com/rivo/tview",
				"*Application.SetInputCapture skipped",
				"(no (*github.com/rivo/tview.Application).QueueUpdate): deadlock skipped",
			},
			notSkipped: []string{"SetAfterDrawFunc skipped"},
		},
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			out := verboseRun(t, tc.pkg)
			for _, want := range tc.notes {
				assert.Contains(t, out, want)
			}
			for _, not := range tc.notSkipped {
				assert.NotContains(t, out, not, "still matches and must not be skipped")
			}
		})
	}
}

// verboseRun runs blockcheck with -verbose on a package of testdata/src
// and returns what it printed on stderr.
func verboseRun(t *testing.T, pkg string) string {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	stderr := os.Stderr
	os.Stderr = w
	cfg := analyzer.DefaultConfig()
	cfg.Verbose = true
	analysistest.Run(t, testdata(t), analyzer.New(cfg), pkg)
	os.Stderr = stderr
	w.Close()
	out, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(out)
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

// TestEcosystem runs blockcheck, with its default profiles and no
// annotations, on a module that depends on the real Bubble Tea, tview,
// client-go, paho, memberlist, raft, OpenTelemetry, netpoll and nbio
// modules (testdata/ecosystem): one package per library, each with a root
// that blocks and the same work moved where the library runs it off the
// loop.
func TestEcosystem(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the ecosystem modules")
	}
	dir := filepath.Join(testdata(t), "ecosystem")
	download := exec.Command("go", "mod", "download")
	download.Dir = dir
	if out, err := download.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	pkgs := os.Getenv("BLOCKCHECK_ECOSYSTEM")
	if pkgs == "" {
		pkgs = "./..."
	}
	analysistest.Run(t, dir, analyzer.Analyzer, strings.Split(pkgs, ",")...)
}

// TestEcosystemFyne runs blockcheck on the Fyne application of
// testdata/ecosystem for GOOS=js GOARCH=wasm: on Linux Fyne needs cgo and
// the OpenGL and X11 headers, for js neither.
func TestEcosystemFyne(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the ecosystem modules")
	}
	dir := filepath.Join(testdata(t), "ecosystem")
	download := exec.Command("go", "mod", "download")
	download.Dir = dir
	if out, err := download.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	t.Setenv("GOOS", "js")
	t.Setenv("GOARCH", "wasm")
	analysistest.Run(t, dir, analyzer.Analyzer, "./fyneapp")
}
