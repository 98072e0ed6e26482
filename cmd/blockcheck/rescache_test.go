package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
)

// cacheModule writes a module whose packages have findings across
// packages (b calls a) and beside them (d calls c), and returns its
// directory.
func cacheModule(t *testing.T) string {
	t.Helper()
	return writeModule(t, map[string]string{
		"go.mod":      "module example.com/m\n\ngo 1.26\n",
		"a/a.go":      "package a\n\nimport \"time\"\n\n// Wait sleeps.\nfunc Wait() { time.Sleep(time.Second) }\n",
		"b/b.go":      "package b\n\nimport \"example.com/m/a\"\n\n// OnEvent runs on the event loop.\n//\n//blockcheck:nonblocking\nfunc OnEvent() {\n\ta.Wait()\n}\n",
		"b/b_test.go": "package b\n\nimport \"testing\"\n\nfunc TestOnEvent(t *testing.T) { OnEvent() }\n",
		"c/c.go":      "package c\n\nimport \"sync\"\n\n// Lock waits for a mutex.\nfunc Lock(mu *sync.Mutex) { mu.Lock(); mu.Unlock() }\n\n// Send sends.\nfunc Send(ch chan int) { ch <- 1 }\n",
		"d/d.go":      "package d\n\nimport \"example.com/m/c\"\n\n// Handle must not block.\n//\n//blockcheck:nonblocking\nfunc Handle(ch chan int) {\n\tc.Send(ch)\n}\n",
	})
}

// cachedRun is one run of the command with a results cache: what it
// printed in every format, and the packages it analyzed (its -verbose
// notes).
type cachedRun struct {
	r        result
	json     string
	sarif    string
	analyzed []string
	damaged  []string // packages whose entries were reported damaged
}

var (
	analyzedRE = regexp.MustCompile(`(?m)^blockcheck: cache: analyzed (.+)$`)
	damagedRE  = regexp.MustCompile(`(?m)^blockcheck: cache: the entry of (.+?) \(.*\) is damaged: `)
)

func runCached(t *testing.T, bin, mod, cache string, args ...string) cachedRun {
	t.Helper()
	out := t.TempDir()
	jsonFile, sarifFile := filepath.Join(out, "out.json"), filepath.Join(out, "out.sarif")
	all := append([]string{"-cache=" + cache, "-verbose", "-format=text,json=" + jsonFile + ",sarif=" + sarifFile}, args...)
	r := run(t, mod, bin, append(all, "./...")...)
	j, err := os.ReadFile(jsonFile)
	require.NoError(t, err, "%s", r)
	s, err := os.ReadFile(sarifFile)
	require.NoError(t, err, "%s", r)
	cr := cachedRun{r: r, json: string(j), sarif: string(s)}
	for _, m := range analyzedRE.FindAllStringSubmatch(r.stderr, -1) {
		cr.analyzed = append(cr.analyzed, m[1])
	}
	for _, m := range damagedRE.FindAllStringSubmatch(r.stderr, -1) {
		cr.damaged = append(cr.damaged, m[1])
	}
	sort.Strings(cr.damaged)
	return cr
}

// sameOutput checks that two runs printed the same findings in every
// format and exited alike.
func sameOutput(t *testing.T, want, got cachedRun, what string) {
	t.Helper()
	assert.Equal(t, want.r.code, got.r.code, "%s: exit status", what)
	assert.Equal(t, want.r.stdout, got.r.stdout, "%s: text", what)
	assert.Equal(t, want.json, got.json, "%s: JSON", what)
	assert.Equal(t, want.sarif, got.sarif, "%s: SARIF", what)
}

// TestCacheRerun: a rerun with nothing changed analyzes nothing and
// prints what the first run printed; after an edit of a leaf package
// exactly that package and those that import it are analyzed again, and
// the output is a cold run's.
func TestCacheRerun(t *testing.T) {
	mod := cacheModule(t)
	cache := filepath.Join(t.TempDir(), "cache")

	cold := runCached(t, blockcheckBin, mod, "off")
	checkExit(t, cold.r, exitFindings)
	assert.Contains(t, cold.r.stdout, "b.go:9:2: OnEvent must not block")
	assert.Contains(t, cold.r.stdout, "d.go:9:2: Handle must not block")
	assert.Empty(t, cold.analyzed, "-cache=off notes nothing")

	first := runCached(t, blockcheckBin, mod, cache)
	sameOutput(t, cold, first, "first run with the cache")
	assert.Equal(t, []string{"example.com/m/a", "example.com/m/b", "example.com/m/b [example.com/m/b.test]", "example.com/m/b.test", "example.com/m/c", "example.com/m/d"}, first.analyzed)

	warm := runCached(t, blockcheckBin, mod, cache)
	sameOutput(t, cold, warm, "rerun")
	assert.Empty(t, warm.analyzed, "a rerun with nothing changed analyzed packages")
	assert.Contains(t, warm.r.stderr, "6 packages from the cache, 0 analyzed")

	// A baseline recorded from the cache hides the findings it records.
	baseFile := filepath.Join(t.TempDir(), "baseline.json")
	wb := run(t, mod, blockcheckBin, "-cache="+cache, "-write-baseline="+baseFile, "./...")
	checkExit(t, wb, exitClean)
	withBase := run(t, mod, blockcheckBin, "-cache="+cache, "-baseline="+baseFile, "./...")
	checkExit(t, withBase, exitClean)
	assert.Empty(t, withBase.stdout)

	// An edit of leaf a: a and its importers, nothing else.
	f := filepath.Join(mod, "a", "a.go")
	orig, err := os.ReadFile(f)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(f, append(orig, "\n// Edited is new.\nfunc Edited(c chan int) { c <- 1 }\n"...), 0o666))
	editedCold := runCached(t, blockcheckBin, mod, "off")
	edited := runCached(t, blockcheckBin, mod, cache)
	sameOutput(t, editedCold, edited, "after an edit")
	assert.Equal(t, []string{"example.com/m/a", "example.com/m/b", "example.com/m/b [example.com/m/b.test]", "example.com/m/b.test"}, edited.analyzed)

	// Back to the first contents: the first entries answer again.
	require.NoError(t, os.WriteFile(f, orig, 0o666))
	back := runCached(t, blockcheckBin, mod, cache)
	sameOutput(t, cold, back, "after undoing the edit")
	assert.Empty(t, back.analyzed)
}

// TestCacheDamagedEntry: truncated and altered entries are reported,
// never trusted: their packages, and those that import them, are analyzed
// again, and the output is a cold run's.
func TestCacheDamagedEntry(t *testing.T) {
	mod := cacheModule(t)
	cache := filepath.Join(t.TempDir(), "cache")
	cold := runCached(t, blockcheckBin, mod, cache)
	checkExit(t, cold.r, exitFindings)

	var entries []string
	require.NoError(t, filepath.WalkDir(cache, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries = append(entries, path)
		}
		return err
	}))
	require.Len(t, entries, len(cold.analyzed), "one entry per package analyzed")
	sort.Strings(entries)

	// One damage at a time: an entry is read only when everything its
	// package imports is reused, so with one entry damaged it is always
	// read (two damaged entries, one of a package the other's imports,
	// would leave the second unread).
	for i, damage := range []struct {
		name string
		do   func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"one bit of the payload flipped", func(b []byte) []byte { b[len(b)-3] ^= 0x40; return b }},
	} {
		entry := entries[i*(len(entries)-1)] // the first, then the last
		data, err := os.ReadFile(entry)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(entry, damage.do(data), 0o666))

		again := runCached(t, blockcheckBin, mod, cache)
		sameOutput(t, cold, again, "with an entry "+damage.name)
		require.Len(t, again.damaged, 1, "%s: %s", damage.name, again.r.stderr)
		assert.Contains(t, again.r.stderr, "is damaged", damage.name)
		for _, p := range again.damaged {
			assert.Contains(t, again.analyzed, p, "a damaged entry was trusted")
		}
		// Recomputed, the entries answer the next run.
		fixed := runCached(t, blockcheckBin, mod, cache)
		sameOutput(t, cold, fixed, "after recomputing the "+damage.name+" entry")
		assert.Empty(t, fixed.analyzed, damage.name)
		assert.Empty(t, fixed.damaged, damage.name)
	}
}

// TestCacheKeys: another configuration, configuration file or build of
// blockcheck never reuses the entries.
func TestCacheKeys(t *testing.T) {
	mod := cacheModule(t)
	cache := filepath.Join(t.TempDir(), "cache")
	all := []string{"example.com/m/a", "example.com/m/b", "example.com/m/b [example.com/m/b.test]", "example.com/m/b.test", "example.com/m/c", "example.com/m/d"}
	first := runCached(t, blockcheckBin, mod, cache)
	require.Equal(t, all, first.analyzed)

	other := runCached(t, blockcheckBin, mod, cache, "-categories=-chan")
	assert.Equal(t, all, other.analyzed, "another configuration reused entries")
	otherCold := runCached(t, blockcheckBin, mod, "off", "-categories=-chan")
	sameOutput(t, otherCold, other, "another configuration")
	assert.NotContains(t, other.r.stdout, "Handle must not block")

	// -test and -tags are in the key: a package loaded without its tests
	// (or with other tags) may see other files.
	noTests := runCached(t, blockcheckBin, mod, cache, "-test=false")
	assert.Equal(t, []string{"example.com/m/a", "example.com/m/b", "example.com/m/c", "example.com/m/d"}, noTests.analyzed)
	tags := runCached(t, blockcheckBin, mod, cache, "-tags=integration")
	assert.Equal(t, all, tags.analyzed)

	// A configuration file: its contents are in the key.
	cfgFile := filepath.Join(mod, ".blockcheck.yml")
	require.NoError(t, os.WriteFile(cfgFile, []byte("categories: [sleep]\n"), 0o666))
	withFile := runCached(t, blockcheckBin, mod, cache)
	assert.Equal(t, all, withFile.analyzed, "a configuration file reused entries made without it")
	require.NoError(t, os.WriteFile(cfgFile, []byte("categories: [sleep, chan]\n"), 0o666))
	edited := runCached(t, blockcheckBin, mod, cache)
	assert.Equal(t, all, edited.analyzed, "an edited configuration file reused entries")
	assert.Contains(t, edited.r.stdout, "Handle must not block")
	require.NoError(t, os.Remove(cfgFile))

	// Another build of blockcheck: the same program with one more byte
	// (the loader ignores it), hence another SHA-256.
	data, err := os.ReadFile(blockcheckBin)
	require.NoError(t, err)
	rebuilt := filepath.Join(t.TempDir(), filepath.Base(blockcheckBin))
	require.NoError(t, os.WriteFile(rebuilt, append(data, 0), 0o777))
	newBuild := runCached(t, rebuilt, mod, cache)
	sameOutput(t, first, newBuild, "another build")
	assert.Equal(t, all, newBuild.analyzed, "another build of blockcheck reused entries")

	// And the first key still answers.
	again := runCached(t, blockcheckBin, mod, cache)
	assert.Empty(t, again.analyzed)
	assert.True(t, strings.Contains(again.r.stderr, "from the cache"), "%s", again.r.stderr)
}

// TestCacheDir: the -cache flag beats the environment, which beats the
// user cache directory; off disables the cache.
func TestCacheDir(t *testing.T) {
	t.Setenv(cacheEnv, "")
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	t.Setenv("HOME", home)
	t.Setenv("LocalAppData", home)
	dir, err := cacheDir("")
	require.NoError(t, err)
	base, err := os.UserCacheDir()
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(base, "blockcheck"), dir)

	env := filepath.Join(home, "env")
	t.Setenv(cacheEnv, env)
	dir, err = cacheDir("")
	require.NoError(t, err)
	assert.Equal(t, env, dir)
	flagDir := filepath.Join(home, "flag")
	dir, err = cacheDir(flagDir)
	require.NoError(t, err)
	assert.Equal(t, flagDir, dir)
	dir, err = cacheDir("off")
	require.NoError(t, err)
	assert.Empty(t, dir)
	t.Setenv(cacheEnv, "off")
	dir, err = cacheDir("")
	require.NoError(t, err)
	assert.Empty(t, dir)
}

// TestPrintJSONSchema: the JSON output printed from results (which the
// cache keeps) is byte for byte the go/analysis JSON of the same actions
// (checker.Graph's PrintJSON), related information and ends included.
func TestPrintJSONSchema(t *testing.T) {
	dir := moduleDir(t, "integration")
	cfg := &packages.Config{Dir: dir, Tests: true, Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")}
	pkgs, err := loadPackages(cfg, []string{"./..."})
	require.NoError(t, err)
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.New(analyzer.DefaultConfig())}, pkgs, nil)
	require.NoError(t, err)
	results := rootResults(graph)
	keep := make(map[*diagRecord]bool)
	n, related := 0, 0
	for _, r := range results {
		for i := range r.Diags {
			keep[&r.Diags[i]] = true
			n++
			related += len(r.Diags[i].Related)
		}
	}
	require.NotZero(t, n, "no findings to compare")
	require.NotZero(t, related, "no related information to compare")
	var want, got bytes.Buffer
	require.NoError(t, graph.PrintJSON(&want))
	require.NoError(t, printJSON(&got, results, keep, actionErrors(graph)))
	assert.Equal(t, want.String(), got.String())
}

// TestCacheErrors: a package that does not type-check, and those that
// import it, are never cached: a rerun reports the same error and exit
// status, analyzing them again.
func TestCacheErrors(t *testing.T) {
	mod := writeModule(t, map[string]string{
		"go.mod": "module example.com/e\n\ngo 1.26\n",
		"a/a.go": "package a\n\nfunc F() int { return \"x\" }\n",
		"b/b.go": "package b\n\nimport (\n\t\"time\"\n\n\t\"example.com/e/a\"\n)\n\n//blockcheck:nonblocking\nfunc G() { _ = a.F(); time.Sleep(1) }\n",
		"c/c.go": "package c\n\nimport \"time\"\n\n//blockcheck:nonblocking\nfunc H() { time.Sleep(1) }\n",
	})
	cache := filepath.Join(t.TempDir(), "cache")
	cold := runCached(t, blockcheckBin, mod, "off")
	checkExit(t, cold.r, exitError)
	assert.Contains(t, cold.r.stderr, "cannot use \"x\"")
	assert.Contains(t, cold.r.stdout, "H must not block")
	first := runCached(t, blockcheckBin, mod, cache)
	sameOutput(t, cold, first, "first run with the cache")
	again := runCached(t, blockcheckBin, mod, cache)
	sameOutput(t, cold, again, "rerun")
	assert.Contains(t, again.r.stderr, "cannot use \"x\"")
	assert.Equal(t, []string{"example.com/e/a", "example.com/e/b"}, again.analyzed, "only the package without errors is reused")
}
