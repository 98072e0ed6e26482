package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStandaloneAndVetAgree runs the standalone command and go vet with
// blockcheck on every test module and on the bundled example, and
// requires the same findings, related lines included. go vet reports a
// finding once per package variant (the package and the package with its
// tests); the standalone command once: duplicates are compared once.
func TestStandaloneAndVetAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet runs skipped in -short mode")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	cases := []struct {
		name, dir string
		pattern   string
		findings  bool // the module has findings: an empty agreement proves nothing
	}{
		{"integration", moduleDir(t, "integration"), "./...", true},
		{"frameworks", moduleDir(t, "frameworks"), "./...", true},
		{"retries", moduleDir(t, "retries"), "./...", true},
		{"ecosystem", moduleDir(t, "ecosystem"), "./...", true},
		{"golangci", moduleDir(t, "golangci"), "./...", true},
		{"transitive", moduleDir(t, "transitive"), "./...", true},
		{"chatserver example", repo, "./examples/chatserver/...", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			standalone := blockcheck(t, tc.dir, tc.pattern)
			checkNoCrash(t, standalone)
			require.Contains(t, []int{exitClean, exitFindings}, standalone.code, "%s", standalone)
			got := slices.Compact(findings(t, tc.dir, standalone.output()))

			vetFlags := blockcheck(t, tc.dir, "-vetflags")
			require.Equal(t, exitClean, vetFlags.code, "%s", vetFlags)
			args := append(strings.Fields(vetFlags.stdout), tc.pattern)
			vet := goVet(t, tc.dir, args...)
			checkNoCrash(t, vet)
			vetGot := slices.Compact(findings(t, tc.dir, vet.output()))

			if tc.findings {
				require.NotEmpty(t, got, "no findings: the comparison proves nothing\n%s", standalone)
			}
			assert.Equal(t, got, vetGot, "standalone and go vet differ\n%s\n%s", standalone, vet)
		})
	}
}
