package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeConvModule writes a one-package module and returns its directory.
func writeConvModule(t *testing.T, src string) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/conv\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "conv.go"), []byte(src), 0o644))
	return dir
}

// TestNolint checks that the standalone command honours golangci-lint's
// //nolint comments that name blockcheck (or all linters), and only those.
func TestNolint(t *testing.T) {
	dir := writeConvModule(t, `package conv

import "time"

//blockcheck:nonblocking
func Handle() {
	time.Sleep(1) //nolint:blockcheck // measured: a microsecond
	time.Sleep(2) //nolint:errcheck
	time.Sleep(3) //nolint
}

//nolint:blockcheck
//
//blockcheck:nonblocking
func Quiet() {
	time.Sleep(4)
}
`)
	r := blockcheck(t, dir, "./...")
	checkExit(t, r, exitFindings)
	assert.Equal(t, []string{"conv.go:8:2: Handle must not block: time.Sleep may block [sleep]"}, findings(t, dir, r.output()))
}

// TestNoMalformedDirectiveInProse checks that comments naming the tool in
// prose, as go/analysis doc comments do, are not directives.
func TestNoMalformedDirectiveInProse(t *testing.T) {
	dir := writeConvModule(t, `// Package conv is documented as analyzers are.
//
// # Analyzer blockcheck
//
// blockcheck: report blocking operations reachable from code that must not block
package conv

/* blockcheck: a block comment of prose */

// Blockcheck is a tool; blockcheck:s name is lower case.
func F() {}
`)
	r := blockcheck(t, dir, "./...")
	checkExit(t, r, exitClean)
	assert.Empty(t, findings(t, dir, r.output()))
}

// TestRepositoryHasNoMalformedDirective runs blockcheck on this repository:
// its own doc comments (analyzer/doc.go is written in the go/analysis
// convention) and code must have no malformed directive.
func TestRepositoryHasNoMalformedDirective(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes the whole repository")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	r := blockcheck(t, root, "-format=json", "./...")
	require.Equal(t, 0, r.code, "%s", r)
	var tree map[string]map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tree), "%s", r.stdout)
	for pkg, byAnalyzer := range tree {
		var diags []jsonDiagnostic
		if raw, ok := byAnalyzer["blockcheck"]; ok && json.Unmarshal(raw, &diags) == nil {
			for _, d := range diags {
				assert.False(t, d.Category == "directive" || strings.Contains(d.Message, "directive"), "%s: %s: %s", pkg, d.Posn, d.Message)
			}
		}
	}
}
