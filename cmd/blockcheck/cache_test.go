package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSharedCache runs go vet -vettool=blockcheck on one "machine" (its
// own GOCACHE) and then on another (a fresh GOCACHE), both backed by the
// same GOCACHEPROG program (testdata/cacheprog, which keeps the cache in a
// directory standing for shared storage). The second machine runs no
// blockcheck action, with -json or in text: every result, facts and
// findings, comes from the shared cache, and go vet exits as it did.
func TestSharedCache(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the standard library into a fresh cache")
	}
	tmp := t.TempDir()
	prog := filepath.Join(tmp, "cacheprog")
	out, err := exec.Command("go", "build", "-o", prog, "./testdata/cacheprog").CombinedOutput()
	require.NoError(t, err, "%s", out)
	shared := filepath.Join(tmp, "shared")

	mod := filepath.Join(tmp, "m")
	for name, text := range map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"a/a.go": "package a\n\nimport \"time\"\n\n// Wait sleeps.\nfunc Wait() { time.Sleep(time.Second) }\n",
		"b/b.go": "package b\n\nimport \"example.com/m/a\"\n\n// OnEvent runs on the event loop.\n//\n//blockcheck:nonblocking\nfunc OnEvent() {\n\ta.Wait()\n}\n",
	} {
		require.NoError(t, os.MkdirAll(filepath.Join(mod, filepath.Dir(name)), 0o777))
		require.NoError(t, os.WriteFile(filepath.Join(mod, name), []byte(text), 0o666))
	}
	const finding = "b.go:9:2: OnEvent must not block: a.Wait may block [sleep]: a.Wait → time.Sleep"

	type run struct {
		r     result
		trace []string
	}
	vetOn := func(machine string, args ...string) run {
		t.Helper()
		trace := filepath.Join(tmp, machine+"-trace")
		os.Remove(trace)
		env := []string{
			"GOCACHE=" + filepath.Join(tmp, machine+"-gocache"),
			"GOCACHEPROG=" + prog + " " + shared,
			"BLOCKCHECK_VET_TRACE=" + trace,
		}
		r := runEnv(t, mod, env, "go", append([]string{"vet", "-vettool=" + blockcheckBin}, append(args, "./...")...)...)
		data, err := os.ReadFile(trace)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		var lines []string
		if s := strings.TrimSpace(string(data)); s != "" {
			lines = strings.Split(s, "\n")
		}
		return run{r, lines}
	}

	first := vetOn("one", "-json")
	checkExit(t, first.r, 0)
	assert.Contains(t, first.r.stdout, `"message": "OnEvent must not block: a.Wait may block [sleep]: a.Wait → time.Sleep"`)
	assert.Contains(t, first.trace, "check example.com/m/b")
	assert.Contains(t, first.trace, "table time")
	firstText := vetOn("one")
	checkExit(t, firstText.r, 1)
	assert.Contains(t, firstText.r.stderr, finding)

	second := vetOn("two", "-json")
	checkExit(t, second.r, 0)
	assert.Equal(t, first.r.stdout, second.r.stdout, "the findings, from the shared cache")
	assert.Empty(t, second.trace, "blockcheck ran on the second machine")
	secondText := vetOn("two")
	checkExit(t, secondText.r, 1)
	assert.Contains(t, secondText.r.stderr, finding)
	assert.Empty(t, secondText.trace, "blockcheck ran on the second machine (text)")

	log, err := os.ReadFile(filepath.Join(shared, "log"))
	require.NoError(t, err)
	assert.Contains(t, string(log), "hit ", "the second machine read the shared cache")
}
