package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInstall checks the README's install and run commands from a clone:
// blockcheck as a tool dependency of a module (go mod edit, go tool, go vet
// with go tool -n), and go install from the clone.
func TestInstall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds blockcheck twice")
	}
	clone, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/scratch\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(adhocSource), 0o644))
	const want = "main.go:6:17: handle must not block: time.Sleep may block [sleep]"

	step := func(name string, args ...string) result {
		t.Helper()
		r := run(t, dir, name, args...)
		require.Equal(t, 0, r.code, "%s", r)
		return r
	}
	step("go", "mod", "edit",
		"-replace=github.com/blockcheck/blockcheck="+clone,
		"-require=github.com/blockcheck/blockcheck@v0.0.0",
		"-tool=github.com/blockcheck/blockcheck/cmd/blockcheck")
	step("go", "mod", "tidy")

	r := run(t, dir, "go", "tool", "blockcheck", "./...")
	assert.Equal(t, exitFindings, r.code, "%s", r)
	assert.Equal(t, []string{want}, findings(t, dir, r.output()), "go tool blockcheck")

	vettool := strings.TrimSpace(step("go", "tool", "-n", "blockcheck").stdout)
	require.NotEmpty(t, vettool)
	v := run(t, dir, "go", "vet", "-vettool="+vettool, "./...")
	assert.Equal(t, 1, v.code, "go vet exits 1 on findings\n%s", v)
	assert.Equal(t, []string{want}, findings(t, dir, v.output()), "go vet -vettool=$(go tool -n blockcheck)")

	// go install from the clone.
	gobin := t.TempDir()
	in := runEnv(t, clone, []string{"GOBIN=" + gobin}, "go", "install", "./cmd/blockcheck")
	require.Equal(t, 0, in.code, "%s", in)
	installed := run(t, dir, filepath.Join(gobin, "blockcheck"), "./...")
	assert.Equal(t, exitFindings, installed.code, "%s", installed)
	assert.Equal(t, []string{want}, findings(t, dir, installed.output()), "an installed blockcheck")
}
