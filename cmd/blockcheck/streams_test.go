package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noProgress requires that a run's standard error carries no progress
// line: the tests' standard error is a pipe, never a terminal.
func noProgress(t *testing.T, r result) {
	t.Helper()
	assert.NotContains(t, r.stderr, "\r", "progress on a standard error that is not a terminal")
	assert.NotContains(t, r.stderr, "\x1b[", "progress on a standard error that is not a terminal")
}

// TestStreams checks what goes where: findings to standard output,
// errors, notes and the usage hint to standard error, -help's usage to
// standard output; and the exit statuses README.md documents.
func TestStreams(t *testing.T) {
	t.Parallel()
	dir := integrationDir(t)

	t.Run("findings", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir, "./...")
		checkExit(t, r, 3)
		assert.Empty(t, r.stderr)
		assert.Contains(t, r.stdout, "server/server.go:")
		checkFindings(t, "stdout", dir, findings(t, dir, r.stdout), all)
		noProgress(t, r)
	})
	t.Run("clean", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir, "./metrics")
		checkExit(t, r, 0)
		assert.Empty(t, r.stdout)
		assert.Empty(t, r.stderr)
	})
	t.Run("type-error", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, moduleDir(t, "brokenmod"), "./...")
		checkExit(t, r, 1)
		assert.Contains(t, r.stderr, "undefined: undefinedHelper")
		assert.NotContains(t, r.stdout, "undefinedHelper")
	})
	t.Run("help", func(t *testing.T) {
		t.Parallel()
		for _, flag := range []string{"-h", "-help", "--help"} {
			r := blockcheck(t, dir, flag)
			checkExit(t, r, 0)
			assert.Empty(t, r.stderr, flag)
			assert.True(t, strings.HasPrefix(r.stdout, "blockcheck: "), "%s: the usage starts with a hint line or is not on standard output:\n%s", flag, r)
			assert.NotContains(t, r.stdout, "Run 'blockcheck -help'", flag)
			for _, f := range []string{"-format", "-tags", "-source-root", "-levels", "-progress", "Exit status"} {
				assert.Contains(t, r.stdout, f, flag)
			}
		}
	})
	t.Run("bad-flag", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir, "-nosuchflag", "./...")
		checkExit(t, r, 2)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "flag provided but not defined: -nosuchflag")
		assert.Contains(t, r.stderr, "Run 'blockcheck -help' for usage.")
		assert.NotContains(t, r.stderr, "-categories", "a bad flag prints a hint, not the usage")
	})
	t.Run("no-arguments", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir)
		checkExit(t, r, 2)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, "usage: blockcheck")
	})
	t.Run("no-packages", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir, "-test=false", "./nosuchdir/...")
		assert.Equal(t, 1, r.code, r.String())
		assert.Empty(t, r.stdout)
	})
}

// TestTextPaths: text positions are relative to the working directory
// inside it, absolute outside it.
func TestTextPaths(t *testing.T) {
	t.Parallel()
	dir := integrationDir(t)
	r := blockcheck(t, filepath.Join(dir, "server"), ".", "../baddirective")
	checkExit(t, r, 3)
	line, _ := locate(t, dir, "server/server.go", "// FINDING send", "")
	assert.Contains(t, r.stdout, "\nserver.go:"+fmt.Sprint(line)+":", "inside the working directory: relative")
	assert.Contains(t, r.stdout, filepath.Join(dir, "baddirective", "bad.go")+":", "outside it: absolute")
	assert.NotContains(t, r.stdout, "../baddirective")
}

// TestOutputs runs several outputs at once, in one flag and in repeated
// flags, and checks each is what it would be alone.
func TestOutputs(t *testing.T) {
	t.Parallel()
	dir := copyModule(t, integrationDir(t))
	text := blockcheck(t, dir, "./...")
	checkExit(t, text, 3)
	want := findings(t, dir, text.stdout)

	for name, args := range map[string][]string{
		"one flag":       {"-format=text,sarif=out.sarif,json=out.json,summary=out.md"},
		"repeated flags": {"-format=text", "-format=sarif=out.sarif", "-json=false", "-format", "json=out.json,summary=out.md"},
	} {
		r := blockcheck(t, dir, append(args, "./...")...)
		checkExit(t, r, 3)
		assert.Equal(t, want, findings(t, dir, r.stdout), "%s: the text output", name)
		assert.Empty(t, r.stderr, name)

		sarif, err := os.ReadFile(filepath.Join(dir, "out.sarif"))
		require.NoError(t, err)
		assert.Len(t, parseSARIF(t, string(sarif)).Runs[0].Results, strings.Count(text.stdout, "must not block")+strings.Count(text.stdout, "malformed directive"), name)
		js, err := os.ReadFile(filepath.Join(dir, "out.json"))
		require.NoError(t, err)
		got, _, failed := parseJSON(t, dir, string(js))
		assert.Empty(t, failed)
		assert.Equal(t, want, got, "%s: the JSON output", name)
		md, err := os.ReadFile(filepath.Join(dir, "out.md"))
		require.NoError(t, err)
		assert.True(t, strings.HasPrefix(string(md), "## blockcheck: 6 findings\n"), "%s: summary:\n%s", name, md)
		for _, f := range []string{"out.sarif", "out.json", "out.md"} {
			require.NoError(t, os.Remove(filepath.Join(dir, f)))
		}
	}

	// JSON alone: findings do not change the exit status. With another
	// output they do.
	r := blockcheck(t, dir, "-format=json=out.json", "./...")
	checkExit(t, r, 0)
	assert.Empty(t, r.stdout)
	r = blockcheck(t, dir, "-format=json=out.json,sarif=out.sarif", "./...")
	checkExit(t, r, 3)
}

// TestOutputErrors: outputs that cannot be written, or that would mix, are
// errors before any analysis, naming the output.
func TestOutputErrors(t *testing.T) {
	t.Parallel()
	dir := integrationDir(t)
	tmp := t.TempDir()
	notDir := filepath.Join(tmp, "file")
	require.NoError(t, os.WriteFile(notDir, nil, 0o644))
	for _, tc := range []struct {
		format string
		code   int
		want   string
	}{
		{"text,sarif=" + filepath.Join(tmp, "missing", "out.sarif"), 1, "-format sarif=" + filepath.Join(tmp, "missing", "out.sarif") + ": cannot write the output: open "},
		{"summary=" + filepath.Join(notDir, "out.md"), 1, "-format summary=" + filepath.Join(notDir, "out.md") + ": cannot write the output"},
		{"text,json", 2, "-format: text and json both write to standard output; give all but one a file, as in json=json.out"},
		{"text,json,github", 2, "-format: text, json and github all write to standard output"},
		{"sarif=x.out,json=x.out", 2, "-format: sarif and json both write x.out"},
		{"sarif=", 2, "sarif=: missing file name"},
		{"", 2, "empty format"},
		{"text,,sarif", 2, `unknown format ""`},
	} {
		r := blockcheck(t, dir, "-format="+tc.format, "./...")
		assert.Equal(t, tc.code, r.code, "-format=%s: exit status\n%s", tc.format, r)
		assert.Contains(t, r.stderr, tc.want, "-format=%s", tc.format)
		assert.Empty(t, r.stdout, "-format=%s: output before the error", tc.format)
		assert.NoFileExists(t, filepath.Join(dir, "x.out"))
	}

	// A write that fails after the analysis (a full disk) is an error too.
	if _, err := os.Stat("/dev/full"); err == nil {
		r := blockcheck(t, dir, "-format=sarif=/dev/full", "./...")
		assert.Equal(t, 1, r.code, r.String())
		assert.Contains(t, r.stderr, "-format sarif=/dev/full: writing the output: ")
		assert.Contains(t, r.stderr, "no space left on device")
	}
}

// TestStepSummary: in GitHub Actions, -format=github appends a Markdown
// summary to $GITHUB_STEP_SUMMARY that counts every finding and lists the
// first ones with their chains and links, and says on standard error how
// many annotations GitHub will drop.
func TestStepSummary(t *testing.T) {
	t.Parallel()
	var body strings.Builder
	for range 55 {
		body.WriteString("\ttime.Sleep(time.Millisecond)\n")
	}
	dir := writeModule(t, map[string]string{
		"go.mod": "module example.com/many\n\ngo 1.26\n",
		"p/p.go": "package p\n\nimport \"time\"\n\n//blockcheck:nonblocking\nfunc F() {\n\tg()\n" + body.String() + "}\n\nfunc g() { time.Sleep(1) }\n",
	})
	summary := filepath.Join(t.TempDir(), "step_summary.md")
	require.NoError(t, os.WriteFile(summary, []byte("# an earlier command's summary\n"), 0o644))
	env := []string{"GITHUB_STEP_SUMMARY=" + summary, "GITHUB_SERVER_URL=https://github.com", "GITHUB_REPOSITORY=o/r", "GITHUB_SHA=abc123"}

	r := runEnv(t, dir, env, blockcheckBin, "-format=github", "./...")
	checkExit(t, r, 3)
	assert.Equal(t, 56, strings.Count(r.stdout, "::error "))
	assert.Contains(t, r.stderr, "GitHub shows 10 annotations of each level per step: 46 findings will not be annotated; the summary in "+summary+" lists them")

	data, err := os.ReadFile(summary)
	require.NoError(t, err)
	md := string(data)
	assert.True(t, strings.HasPrefix(md, "# an earlier command's summary\n## blockcheck: 56 findings\n"), "the summary is appended:\n%s", md)
	assert.Contains(t, md, "| `sleep` | error | 56 |")
	assert.Contains(t, md, "| `example.com/many/p` | 56 |")
	assert.Contains(t, md, "### The first 50 findings")
	assert.Equal(t, 50, strings.Count(md, "\n- [`p/p.go:"), "each of the first findings, linked")
	assert.Contains(t, md, "(https://github.com/o/r/blob/abc123/p/p.go#L7)")
	assert.Contains(t, md, "… and 6 more")
	assert.Contains(t, md, "F must not block: g may block \\[sleep\\]: g → time.Sleep\n  - [`p/p.go:", "a chain's related lines")

	// Outside GitHub Actions the note says how to get a summary; a text
	// run in GitHub Actions writes none.
	r = blockcheck(t, dir, "-format=github", "./...")
	assert.Contains(t, r.stderr, "add -format=summary=FILE")
	r = runEnv(t, dir, env, blockcheckBin, "./...")
	checkExit(t, r, 3)
	after, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.Equal(t, md, string(after), "a run without -format=github wrote the summary")

	// A clean run's summary says so.
	clean := filepath.Join(t.TempDir(), "clean.md")
	r = blockcheck(t, integrationDir(t), "-format=summary="+clean, "./metrics")
	checkExit(t, r, 0)
	data, err = os.ReadFile(clean)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(data), "## blockcheck: no findings\n"), string(data))
}

// TestJSONOnceEach: a package with tests is analyzed twice (with and
// without its test files); the JSON output lists each finding once, like
// the text output.
func TestJSONOnceEach(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{
		"go.mod":        "module example.com/withtests\n\ngo 1.26\n",
		"p/p.go":        "package p\n\nimport \"time\"\n\n//blockcheck:nonblocking\nfunc F() { time.Sleep(1) }\n",
		"p/p_test.go":   "package p\n\nimport (\n\t\"testing\"\n\t\"time\"\n)\n\n//blockcheck:nonblocking\nfunc helper() { time.Sleep(2) }\n\nfunc TestF(t *testing.T) { F(); helper() }\n",
		"p/ext_test.go": "package p_test\n\nimport (\n\t\"testing\"\n\t\"time\"\n)\n\n//blockcheck:nonblocking\nfunc ext() { time.Sleep(3) }\n\nfunc TestExt(t *testing.T) { ext() }\n",
	})
	text := blockcheck(t, dir, "./...")
	checkExit(t, text, 3)
	want := findings(t, dir, text.stdout)
	require.Len(t, want, 3, "a finding in p.go, one in p_test.go, one in ext_test.go")
	r := blockcheck(t, dir, "-json", "./...")
	checkExit(t, r, 0)
	got, _, failed := parseJSON(t, dir, r.stdout)
	assert.Empty(t, failed)
	assert.Equal(t, want, got)
	assert.True(t, slices.IsSorted(got) && len(slices.Compact(slices.Clone(got))) == len(got), "duplicates: %v", got)

	// The package itself keeps the finding of p.go.
	var tree map[string]map[string][]jsonDiagnostic
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tree))
	require.Len(t, tree["example.com/withtests/p"]["blockcheck"], 1)
	assert.Contains(t, tree["example.com/withtests/p"]["blockcheck"][0].Message, "F must not block")
}

// TestTags: -tags selects the files the packages are loaded with.
func TestTags(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{
		"go.mod":    "module example.com/tags\n\ngo 1.26\n",
		"p/p.go":    "package p\n\nfunc F() {}\n",
		"p/slow.go": "//go:build slow\n\npackage p\n\nimport \"time\"\n\n//blockcheck:nonblocking\nfunc G() { time.Sleep(1) }\n",
	})
	r := blockcheck(t, dir, "./...")
	checkExit(t, r, 0)
	r = blockcheck(t, dir, "-tags=slow", "./...")
	checkExit(t, r, 3)
	assert.Contains(t, r.stdout, "p/slow.go:8:12: G must not block: time.Sleep may block [sleep]")
	r = blockcheck(t, dir, "-tags=other,slow", "./...")
	checkExit(t, r, 3)
}
