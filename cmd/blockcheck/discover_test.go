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

// configModule writes a module whose one root both reads a file and
// sleeps, with the configuration yml (none when empty) at its root, and
// returns the module's directory.
func configModule(t *testing.T, yml string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/cfg\n\ngo 1.22\n",
		"pkg/pkg.go": `package pkg

import (
	"os"
	"time"
)

//blockcheck:nonblocking
func Handle() {
	os.ReadFile("state")
	time.Sleep(time.Second)
}
`,
	}
	if yml != "" {
		files[".blockcheck.yml"] = yml
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	dir, err := filepath.EvalSymlinks(dir)
	require.NoError(t, err)
	return dir
}

// categoriesIn returns the categories of the findings in text output.
func categoriesIn(out string) []string {
	var cats []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "must not block") {
			for _, c := range []string{"[file]", "[sleep]"} {
				if strings.Contains(line, c) {
					cats = append(cats, c)
				}
			}
		}
	}
	return cats
}

// TestConfigFound: .blockcheck.yml at the module root applies to a run in
// a subdirectory; -config replaces it; a broken one found by itself stops
// the run with the usage status and its name.
func TestConfigFound(t *testing.T) {
	t.Parallel()
	dir := configModule(t, "categories: [-file]\n")

	r := blockcheck(t, filepath.Join(dir, "pkg"), ".")
	assert.Equal(t, exitFindings, r.code, "%s", r)
	assert.Equal(t, []string{"[sleep]"}, categoriesIn(r.stdout), "%s", r)

	r = blockcheck(t, filepath.Join(dir, "pkg"), "-verbose", ".")
	assert.Contains(t, r.stderr, "configuration "+filepath.Join(dir, ".blockcheck.yml"))

	other := filepath.Join(t.TempDir(), "other.yml")
	require.NoError(t, os.WriteFile(other, []byte("categories: [-sleep]\n"), 0o644))
	r = blockcheck(t, dir, "-config="+other, "./...")
	assert.Equal(t, []string{"[file]"}, categoriesIn(r.stdout), "-config replaces the file found: %s", r)

	// Flags override the file found.
	r = blockcheck(t, dir, "-categories=+file", "./...")
	assert.Equal(t, []string{"[file]", "[sleep]"}, categoriesIn(r.stdout), "%s", r)

	broken := configModule(t, "categories: [nosuch]\n")
	r = blockcheck(t, filepath.Join(broken, "pkg"), ".") // found in the parent
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Contains(t, r.stderr, filepath.Join(broken, ".blockcheck.yml")+":1:")
	r = blockcheck(t, broken, "./...")
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Contains(t, r.stderr, filepath.Join(broken, ".blockcheck.yml")+":1:")

	require.NoError(t, os.WriteFile(filepath.Join(broken, ".blockcheck.yaml"), []byte("lockheld: false\n"), 0o644))
	r = blockcheck(t, broken, "./...")
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Contains(t, r.stderr, "two configuration files in one directory")
}

// TestVetConfigEdit: under go vet, the configuration goes in as the flags
// -vetflags prints, and an edit between two runs gives the new results,
// never the cached ones. A configuration that go vet would not pass is an
// error, not ignored.
func TestVetConfigEdit(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet runs skipped in -short mode")
	}
	t.Parallel()
	dir := configModule(t, "categories: [-file]\n")
	vetFlags := func() []string {
		r := blockcheck(t, dir, "-vetflags")
		require.Equal(t, exitClean, r.code, "%s", r)
		f := strings.Fields(r.stdout)
		require.Len(t, f, 2, "%s", r)
		return f
	}
	cache := []string{"GOCACHE=" + filepath.Join(t.TempDir(), "cache")}
	vet := func(flags []string) result {
		args := append([]string{"vet", "-vettool=" + blockcheckBin}, flags...)
		return runEnv(t, dir, cache, "go", append(args, "./...")...)
	}

	first := vetFlags()
	r := vet(first)
	assert.Equal(t, []string{"[sleep]"}, categoriesIn(r.stderr), "%s", r)

	require.NoError(t, os.WriteFile(filepath.Join(dir, ".blockcheck.yml"), []byte("categories: [-sleep]\n"), 0o644))
	r = vet(vetFlags())
	assert.Equal(t, []string{"[file]"}, categoriesIn(r.stderr), "after the edit, same cache: %s", r)

	// The old flags are answered from the cache where their results are
	// (hence the flags are computed on every run); a run of the tool
	// with them fails. The unit runs below are what go vet starts for a
	// package, with the flags before the .cfg file.
	unit := filepath.Join(t.TempDir(), "vet.cfg")
	require.NoError(t, os.WriteFile(unit, []byte(`{"ImportPath":"example.com/cfg/pkg","Dir":"`+filepath.Join(dir, "pkg")+`","GoFiles":["`+filepath.Join(dir, "pkg", "pkg.go")+`"]}`), 0o644))
	r = blockcheck(t, filepath.Join(dir, "pkg"), append(first, unit)...)
	assert.Equal(t, exitError, r.code, "%s", r)
	assert.Contains(t, r.stderr, "changed since -vetflags printed its hash")

	r = blockcheck(t, filepath.Join(dir, "pkg"), unit)
	assert.Equal(t, exitError, r.code, "%s", r)
	assert.Contains(t, r.stderr, "go vet does not read it by itself")

	r = blockcheck(t, filepath.Join(dir, "pkg"), "-config="+filepath.Join(dir, ".blockcheck.yml"), unit)
	assert.Equal(t, exitError, r.code, "%s", r)
	assert.Contains(t, r.stderr, "-config needs the -confighash")

	// A dependency's own configuration is none of the run's business.
	dep := filepath.Join(t.TempDir(), "vet.cfg")
	require.NoError(t, os.WriteFile(dep, []byte(`{"ImportPath":"example.com/cfg/pkg","ModuleVersion":"v1.0.0","Dir":"`+filepath.Join(dir, "pkg")+`","GoFiles":["`+filepath.Join(dir, "pkg", "pkg.go")+`"]}`), 0o644))
	r = blockcheck(t, filepath.Join(dir, "pkg"), dep)
	assert.NotContains(t, r.stderr, "go vet does not read it by itself", "%s", r)

	// Through go vet, the error reaches the user.
	r = vet(nil)
	assert.Equal(t, 1, r.code, "%s", r)
	assert.Contains(t, r.stderr, "go vet does not read it by itself")
}

// TestVetRebuiltTool: go vet keys its cache on the -V=full line, which
// carries the executable's hash: a run with the same tool is answered
// from the cache, a run after the tool is rebuilt differently is not.
func TestVetRebuiltTool(t *testing.T) {
	if testing.Short() {
		t.Skip("builds blockcheck twice and runs go vet: skipped in -short mode")
	}
	t.Parallel()
	dir := configModule(t, "")
	bin := filepath.Join(t.TempDir(), "blockcheck")
	build := func(flags ...string) {
		args := append(append([]string{"build", "-o", bin}, flags...), ".")
		out, err := exec.Command("go", args...).CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	cache := []string{"GOCACHE=" + filepath.Join(t.TempDir(), "cache")}
	ran := func() bool {
		r := runEnv(t, dir, cache, "go", "vet", "-x", "-vettool="+bin, "./...")
		require.Contains(t, r.stderr, "[sleep]", "%s", r)
		return strings.Contains(r.stderr, "vet.cfg")
	}

	build()
	full, err := exec.Command(bin, "-V=full").Output()
	require.NoError(t, err)
	assert.Regexp(t, `^blockcheck version \S+ buildID=[0-9a-f]{64}\n$`, string(full))
	require.True(t, ran(), "the first run analyzes")
	require.False(t, ran(), "a second run with the same tool is cached: the test can see a cache hit")

	build("-trimpath") // other content, same path
	full2, err := exec.Command(bin, "-V=full").Output()
	require.NoError(t, err)
	assert.NotEqual(t, string(full), string(full2))
	assert.True(t, ran(), "a rebuilt tool must not replay the older build's results")
}

func TestVersionFlag(t *testing.T) {
	t.Parallel()
	r := blockcheck(t, t.TempDir(), "-version")
	assert.Equal(t, exitClean, r.code, "%s", r)
	assert.Regexp(t, `^blockcheck \S+ go\S+\n$`, r.stdout)
}

// TestVetBrokenConfigOnce: under go vet, a broken configuration found in
// the directory go vet runs in stops the run before any package, with
// one error, not one per package (go vet asks -V=full once, there).
func TestVetBrokenConfigOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet runs skipped in -short mode")
	}
	t.Parallel()
	dir := configModule(t, "categories: [nosuch]\n")
	r := run(t, dir, "go", "vet", "-vettool="+blockcheckBin, "./...")
	assert.Equal(t, 1, r.code, "%s", r)
	assert.Equal(t, 1, strings.Count(r.stderr, `unknown category "nosuch"`), "%s", r)
	assert.Contains(t, r.stderr, filepath.Join(dir, ".blockcheck.yml")+":1:")

	r = blockcheck(t, dir, "-vetflags")
	assert.Equal(t, exitUsage, r.code, "%s", r)
	assert.Empty(t, r.stdout)
	assert.Equal(t, 1, strings.Count(r.stderr, `unknown category "nosuch"`), "%s", r)
}
