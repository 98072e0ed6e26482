package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBrokenConfigFile checks that the command stops on a broken -config
// file with the usage status (2) and an error naming the file and the line,
// for the cases the loader once let through.
func TestBrokenConfigFile(t *testing.T) {
	dir := integrationDir(t)
	for name, tc := range map[string]struct{ yaml, want string }{
		"second document": {"categories: [net]\n---\ncategories: [none]\n", ":2: a second YAML document"},
		"lockheld null":   {"lockheld: ~\n", ":1: lockheld: empty value"},
		"empty list":      {"roots: [a.B]\ncategories: []\n", ":2: categories: empty category list"},
		"directory":       {"", ": cannot read the configuration: is a directory"},
	} {
		t.Run(name, func(t *testing.T) {
			path := t.TempDir()
			if tc.yaml != "" {
				path = filepath.Join(path, ".blockcheck.yml")
				require.NoError(t, os.WriteFile(path, []byte(tc.yaml), 0o644))
			}
			r := blockcheck(t, dir, "-config="+path, "./metrics")
			assert.Equal(t, exitUsage, r.code, "%s", r)
			assert.Contains(t, r.stderr, path+tc.want)
		})
	}
}
