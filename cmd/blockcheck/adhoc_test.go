package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// adhocSource is a file with a root that sleeps: package main, with no
// module and no dot in its path, as the go command names files given on
// the command line (command-line-arguments).
const adhocSource = `package main

import "time"

//blockcheck:nonblocking
func handle() { time.Sleep(1) }

func main() { handle() }
`

// TestFileArguments checks that files named on the command line are
// analyzed, standalone and under go vet, inside a module and outside any:
// such a package has no module and no dot in its path, and must not be
// taken for the standard library.
func TestFileArguments(t *testing.T) {
	const want = "f.go:6:17: handle must not block: time.Sleep may block [sleep]"
	outside := t.TempDir()
	inModule := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(inModule, "go.mod"), []byte("module example.com/adhoc\n\ngo 1.26\n"), 0o644))
	for _, dir := range []string{outside, inModule} {
		dir, err := filepath.EvalSymlinks(dir)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "f.go"), []byte(adhocSource), 0o644))

		r := blockcheck(t, dir, "f.go")
		checkExit(t, r, exitFindings)
		assert.Equal(t, []string{want}, findings(t, dir, r.output()), "standalone in %s", dir)

		v := goVet(t, dir, "f.go")
		assert.Equal(t, 1, v.code, "go vet exits 1 on findings\n%s", v)
		assert.Equal(t, []string{want}, findings(t, dir, v.output()), "go vet in %s", dir)
	}
}
