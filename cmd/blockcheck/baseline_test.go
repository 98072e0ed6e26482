package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func editFile(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	out := edit(string(data))
	require.NotEqual(t, string(data), out, "edit of %s changed nothing", path)
	require.NoError(t, os.WriteFile(path, []byte(out), 0o644))
}

// TestBaseline records a baseline, moves code around (findings change
// lines), adds a new finding and fixes an old one: only the new finding is
// reported, and the fixed one is listed as stale.
func TestBaseline(t *testing.T) {
	dir := copyModule(t, integrationDir(t))
	base := filepath.Join(dir, "blockcheck-baseline.json")

	r := blockcheck(t, dir, "-write-baseline="+base, "./...")
	checkExit(t, r, 0)
	r = blockcheck(t, dir, "-baseline="+base, "./...")
	checkExit(t, r, 0)
	require.NotContains(t, r.stdout, "must not block", "everything is in the baseline, yet:\n%s", r)

	server := filepath.Join(dir, "server", "server.go")
	editFile(t, server, func(s string) string {
		// Move every finding down by inserting lines at the top, and
		// move Shutdown above Tick.
		s = strings.Replace(s, "// Server is an event-loop handler.", "// Padding.\n\n\n\n// Server is an event-loop handler.", 1)
		i := strings.Index(s, "// Shutdown runs on the loop")
		j := strings.Index(s, "// Serve runs the loop")
		shutdown := s[i:j]
		s = s[:i] + s[j:]
		k := strings.Index(s, "// Tick runs on the loop's timer.")
		s = s[:k] + shutdown + s[k:]
		// A new finding.
		s = strings.Replace(s, "\ts.flush(-1) // FINDING shutdown", "\ts.flush(-1) // FINDING shutdown\n\ttime.Sleep(time.Second)", 1)
		// Fix one: the channel send becomes non-blocking.
		s = strings.Replace(s, "\ts.replies <- ev.Data // FINDING send", "\tselect {\n\tcase s.replies <- ev.Data:\n\tdefault:\n\t}", 1)
		return s
	})
	r = blockcheck(t, dir, "-baseline="+base, "./...")
	checkExit(t, r, 3)
	var findings []string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.Contains(l, "must not block") && strings.Contains(l, ".go:") {
			findings = append(findings, l)
		}
	}
	if assert.Len(t, findings, 1, "want exactly the new finding") {
		assert.Contains(t, findings[0], "(*Server).Shutdown must not block: time.Sleep may block [sleep]")
	}
	assert.Contains(t, r.stderr, "1 stale baseline entries", "the fixed finding should be listed as stale")
	assert.Contains(t, r.stderr, "channel send may block [chan]", "the fixed finding should be listed as stale")

	// A changed chain is a new finding: the fingerprint covers it.
	editFile(t, filepath.Join(dir, "store", "store.go"), func(s string) string {
		return strings.Replace(s, "os.WriteFile(", "writeAll(", 1) + "\nfunc writeAll(name string, b []byte, perm os.FileMode) error { return os.WriteFile(name, b, perm) }\n"
	})
	r = blockcheck(t, dir, "-baseline="+base, "./...")
	assert.Contains(t, r.stdout, "store.writeAll → os.WriteFile", "a finding whose chain changed should be reported again")
}

// TestCorruptBaseline checks that the command stops on a damaged
// baseline with status 1 and a message naming the file, never a silent
// suppression of findings.
func TestCorruptBaseline(t *testing.T) {
	dir := copyModule(t, integrationDir(t))
	valid := validBaseline(t)
	for name, content := range map[string]string{
		"not json":      "{\"version\": 1,",
		"other tool":    `{"version": 1, "tool": "other", "findings": []}`,
		"newer version": `{"version": 2, "tool": "blockcheck", "findings": []}`,
		"bad entry":     `{"version": 1, "tool": "blockcheck", "findings": [{"fingerprint": "zz", "package": "p", "category": "net", "message": "m", "count": 1}]}`,
		"unknown field": `{"version": 1, "tool": "blockcheck", "findings": [], "suppress": "all"}`,
		"no findings":   `{"version": 1, "tool": "blockcheck"}`,
		"garbage after": valid + "garbage\n",
		"two baselines": valid + valid,
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
		r := blockcheck(t, dir, "-baseline="+path, "./...")
		assert.Equal(t, exitError, r.code, "%s: %s", name, r)
		assert.Contains(t, r.stderr, "blockcheck: "+path+":", name)
		assert.NotContains(t, r.stderr, "must not block", "%s: the analysis ran", name)
	}
	r := blockcheck(t, dir, "-baseline="+filepath.Join(dir, "missing.json"), "./...")
	checkExit(t, r, 1)
}

// testFindings are findings as the analysis reports them, for baselines
// written by the tests.
func testFindings() []*finding {
	return []*finding{
		{pkg: "example.com/a", category: "net", message: "(*a.S).Serve must not block: c.Read may block [net]: (net.Conn).Read"},
		{pkg: "example.com/a", category: "file", message: "flush may block [file] while s.mu (locked at a.go:12) is held: os.WriteFile"},
		{pkg: "example.com/a", category: "file", message: "flush may block [file] while s.mu (locked at a.go:40) is held: os.WriteFile"},
		{pkg: "example.com/b", category: "directive", message: "unknown directive //blockcheck:nonblock"},
	}
}

// validBaseline returns the baseline -write-baseline writes for
// testFindings.
func validBaseline(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "baseline.json")
	require.NoError(tb, writeBaseline(path, testFindings()))
	data, err := os.ReadFile(path)
	require.NoError(tb, err)
	return string(data)
}

// A baselineCase is a damaged or unusual baseline and the error it gives.
type baselineCase struct {
	name, content string
	line          int
	want          string
}

// readBaselineCases returns the baselines TestReadBaseline checks. The
// comment on a group says what the reader did before they were errors.
func readBaselineCases(tb testing.TB) []baselineCase {
	valid := validBaseline(tb)
	b, err := parseBaseline([]byte(valid))
	require.NoError(tb, err)

	// entry returns one finding's entry as JSON, with edits.
	entry := func(edit func(map[string]any)) string {
		e := b.Findings[0]
		m := map[string]any{"fingerprint": e.Fingerprint, "package": e.Package, "category": e.Category, "message": e.Message, "count": e.Count}
		if edit != nil {
			edit(m)
		}
		data, err := json.Marshal(m)
		require.NoError(tb, err)
		return string(data)
	}
	wrap := func(entries ...string) string {
		return "{\n\"version\": 1,\n\"tool\": \"blockcheck\",\n\"findings\": [\n" + strings.Join(entries, ",\n") + "\n]\n}\n"
	}
	_, err = parseBaseline([]byte(wrap(entry(nil))))
	require.NoError(tb, err, "a baseline of one entry, as the cases write it")

	return []baselineCase{
		// Data after a valid baseline was ignored.
		{"garbage after", valid + "garbage\n", strings.Count(valid, "\n") + 1, "the baseline is broken: unexpected data after the baseline (two baselines in one file?)"},
		{"two baselines", valid + valid, strings.Count(valid, "\n") + 1, "unexpected data after the baseline"},
		{"two baselines on a line", `{"version": 1, "tool": "blockcheck", "findings": []}{"version": 1}`, 1, "unexpected data after the baseline"},
		{"stray bracket", valid + "]", strings.Count(valid, "\n") + 1, "unexpected data after the baseline"},

		// Two entries for one finding: their counts were added up.
		{"duplicate fingerprint", wrap(entry(nil), entry(nil)), 6, "findings[1]: the same finding as findings[0] (line 5): one entry per finding, with a count"},
		// Edited entries: a changed message or category kept the entry
		// suppressing the finding of its fingerprint.
		{"message edited", wrap(entry(func(m map[string]any) { m["message"] = "something else" })), 5, "findings[0]: fingerprint " + b.Findings[0].Fingerprint + " does not match the package, category and message (was the entry edited?)"},
		{"category edited", wrap(entry(func(m map[string]any) { m["category"] = "sleep" })), 5, "does not match the package, category and message"},
		{"unknown category", wrap(entry(func(m map[string]any) { m["category"] = "disk" })), 5, `findings[0]: unknown category "disk"`},
		{"empty category", wrap(entry(func(m map[string]any) { m["category"] = "" })), 5, `findings[0]: unknown category ""`},
		{"no message", wrap(entry(func(m map[string]any) { delete(m, "message") })), 5, "findings[0]: no message"},
		{"no package", wrap(entry(func(m map[string]any) { m["package"] = "" })), 5, "findings[0]: no package"},
		{"count zero", wrap(entry(func(m map[string]any) { m["count"] = 0 })), 5, "findings[0]: count 0, want 1 or more"},
		{"count negative", wrap(entry(func(m map[string]any) { m["count"] = -3 })), 5, "findings[0]: count -3, want 1 or more"},
		{"bad fingerprint", wrap(entry(func(m map[string]any) { m["fingerprint"] = "zz" })), 5, `findings[0]: fingerprint "zz" is not 32 lowercase hexadecimal digits`},
		{"upper-case fingerprint", wrap(entry(func(m map[string]any) { m["fingerprint"] = strings.ToUpper(b.Findings[0].Fingerprint) })), 5, "is not 32 lowercase hexadecimal digits"},

		// Numbers out of range or of the wrong kind.
		{"count overflows", strings.Replace(wrap(entry(nil)), `"count":1`, `"count":99999999999999999999`, 1), 5, "findings[0].count: want an integer, got number 99999999999999999999"},
		{"second count overflows", wrap(entry(nil), strings.Replace(entry(func(m map[string]any) { m["package"] = "example.com/c" }), `"count":1`, `"count":-99999999999999999999`, 1)), 6, "findings[1].count: want an integer, got number -99999999999999999999"},
		{"count float", strings.Replace(wrap(entry(nil)), `"count":1`, `"count":1.5`, 1), 5, "findings[0].count: want an integer, got number 1.5"},
		{"count exponent", strings.Replace(wrap(entry(nil)), `"count":1`, `"count":1e3`, 1), 5, "findings[0].count: want an integer, got number 1e3"},
		{"count string", strings.Replace(wrap(entry(nil)), `"count":1`, `"count":"1"`, 1), 5, "findings[0].count: want an integer, got string"},
		{"entry not an object", wrap("1"), 5, "findings[0]: want an object, got number"},
		{"findings not a list", `{"version": 1, "tool": "blockcheck", "findings": {}}`, 1, "findings: want a list, got object"},

		// Keys and values JSON decoding accepts but -write-baseline never
		// writes: the last of two keys won, keys matched in any case,
		// nulls were zero values.
		{"key twice", "{\"version\": 1,\n\"tool\": \"blockcheck\",\n\"findings\": [],\n\"findings\": []}", 4, `top level: key "findings" appears twice`},
		{"entry key twice", strings.Replace(wrap(entry(nil)), `"count":1`, `"count":1,"count":5`, 1), 5, `findings[0]: key "count" appears twice`},
		{"key case", strings.Replace(valid, `"findings"`, `"Findings"`, 1), 4, `top level: unknown key "Findings" (known: version, tool, findings)`},
		{"entry key case", strings.Replace(wrap(entry(nil)), `"count"`, `"Count"`, 1), 5, `findings[0]: unknown key "Count" (known: fingerprint, package, category, message, count)`},
		{"unknown field", `{"version": 1, "tool": "blockcheck", "findings": [], "suppress": "all"}`, 1, `unknown key "suppress"`},
		{"null findings", "{\"version\": 1, \"tool\": \"blockcheck\",\n\"findings\": null}", 2, "findings: null is not allowed"},
		{"null entry", wrap("null"), 5, "findings[0]: null is not allowed"},
		{"null count", strings.Replace(wrap(entry(nil)), `"count":1`, `"count":null`, 1), 5, "findings[0].count: null is not allowed"},
		{"no findings", `{"version": 1, "tool": "blockcheck"}`, 1, "no findings list"},

		// Not a baseline, or not this one.
		{"empty", "", 1, "the baseline is broken: the file is empty"},
		{"blank", "\n\n", 1, "the file is empty"},
		{"truncated", valid[:len(valid)/2], strings.Count(valid[:len(valid)/2], "\n") + 1, "the JSON ends early (a truncated file?)"},
		{"not json", "findings: []\n", 1, "invalid JSON"},
		{"list", "[]", 1, "want a JSON object with version, tool and findings"},
		{"bom", "\ufeff" + valid, 1, "the file starts with a byte order mark (JSON has none)"},
		{"other tool", `{"version": 1, "tool": "golangci-lint", "findings": []}`, 1, `not a blockcheck baseline of version 1 (tool "golangci-lint", version 1); write a new one with -write-baseline`},
		{"no tool", `{"version": 1, "findings": []}`, 1, `not a blockcheck baseline of version 1 (no tool, version 1)`},
		{"newer version", `{"version": 2, "tool": "blockcheck", "findings": []}`, 1, `(tool "blockcheck", version 2)`},
		{"version as text", `{"version": "1", "tool": "blockcheck", "findings": []}`, 1, `(tool "blockcheck", version "1")`},
		{"version float", `{"version": 1.0, "tool": "blockcheck", "findings": []}`, 1, `version 1.0)`},
		{"SARIF", `{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []}`, 1, `not a blockcheck baseline of version 1 (no tool, version "2.1.0")`},
	}
}

// TestReadBaseline checks the baseline reader on damaged and unusual
// files: each damage is an error naming the file and the line.
func TestReadBaseline(t *testing.T) {
	valid := validBaseline(t)
	b, err := parseBaseline([]byte(valid))
	require.NoError(t, err)
	require.Len(t, b.Findings, 3)
	fresh, stale := b.filter(testFindings())
	assert.Empty(t, fresh)
	assert.Empty(t, stale)

	for _, tc := range readBaselineCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "baseline.json")
			require.NoError(t, os.WriteFile(path, []byte(tc.content), 0o644))
			_, err := readBaseline(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), path+":"+strconv.Itoa(tc.line)+": "), "error %q does not start with %s:%d: ", err, path, tc.line)
		})
	}

	dir := t.TempDir()
	_, err = readBaseline(dir)
	assert.EqualError(t, err, dir+": cannot read the baseline: is a directory")
	_, err = readBaseline(filepath.Join(dir, "missing.json"))
	assert.EqualError(t, err, filepath.Join(dir, "missing.json")+": cannot read the baseline: no such file or directory")
}

// FuzzBaseline feeds the reader arbitrary files. A file is either an error
// naming one of its lines, or a baseline whose every entry matches its
// fingerprint, no two alike, and which survives a round trip: the
// findings it records match it exactly (nothing new, nothing stale; one
// more is new), and written again they give the same baseline.
func FuzzBaseline(f *testing.F) {
	f.Add([]byte(validBaseline(f)))
	for _, tc := range readBaselineCases(f) {
		f.Add([]byte(tc.content))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parseBaseline(data)
		if err != nil {
			var be *baselineError
			require.ErrorAs(t, err, &be)
			require.True(t, be.line >= 1 && be.line <= 1+strings.Count(string(data), "\n"), "line %d: %v", be.line, err)
			require.NotEmpty(t, be.msg)
			return
		}
		total := 0
		seen := make(map[string]bool)
		for _, e := range b.Findings {
			require.Equal(t, e.Fingerprint, fingerprintOf(e.Package, e.Category, e.Message), "%+v", e)
			require.False(t, seen[e.Fingerprint], "two entries for %s", e.Fingerprint)
			seen[e.Fingerprint] = true
			require.Positive(t, e.Count)
			total += min(e.Count, 1001) // no overflow
		}
		if total > 1000 {
			return // too many findings to build
		}
		var fs []*finding
		for _, e := range b.Findings {
			for range e.Count {
				fs = append(fs, &finding{pkg: e.Package, category: e.Category, message: e.Message})
			}
		}
		fresh, stale := b.filter(fs)
		require.Empty(t, fresh)
		require.Empty(t, stale)
		if len(fs) > 0 {
			fresh, _ = b.filter(append(fs, fs[0]))
			require.Len(t, fresh, 1)
		}

		data2, err := encodeBaseline(fs)
		require.NoError(t, err)
		b2, err := parseBaseline(data2)
		require.NoError(t, err, "%s", data2)
		key := func(e baselineEntry) string { return e.Fingerprint }
		require.ElementsMatch(t, mapSlice(b.Findings, key), mapSlice(b2.Findings, key))
		for _, e2 := range b2.Findings {
			i := slices.IndexFunc(b.Findings, func(e baselineEntry) bool { return e.Fingerprint == e2.Fingerprint })
			e := b.Findings[i]
			require.Equal(t, []any{e.Package, e.Category, e.Count}, []any{e2.Package, e2.Category, e2.Count})
		}
		slices.Reverse(fs)
		data3, err := encodeBaseline(fs)
		require.NoError(t, err)
		require.Equal(t, string(data2), string(data3), "the baseline depends on the order of the findings")
	})
}

func mapSlice[T, U any](s []T, f func(T) U) []U {
	var out []U
	for _, x := range s {
		out = append(out, f(x))
	}
	return out
}

// FuzzWriteBaseline checks that every baseline -write-baseline writes is
// read back, and accounts for exactly the findings it was written from,
// whatever their messages hold: positions (a.go:1:2), quotes, escapes,
// any text a directive finding quotes from a comment.
func FuzzWriteBaseline(f *testing.F) {
	for _, fd := range testFindings() {
		f.Add(fd.pkg, fd.category, fd.message, 1)
	}
	f.Add("example.com/a", "directive", `malformed directive "//blockcheck:ignore a.go:1:2"`, 2)
	f.Add("example.com/a", "directive", "unknown verb in \"//blockcheck:x.go:3\" \u2028 \\ é \xff", 1)
	f.Add("example.com/a", "chan", "f may block [chan] while m.mu (locked at m.go:7) is held: channel send", 3)
	f.Fuzz(func(t *testing.T, pkg, category, message string, n int) {
		if pkg == "" || message == "" || category != "directive" && !validCategory(category) || n < 1 || n > 5 {
			return // not a finding blockcheck reports
		}
		other := &finding{pkg: pkg, category: category, message: message + " (another)"}
		var fs []*finding
		for range n {
			fs = append(fs, &finding{pkg: pkg, category: category, message: message}, other)
		}
		data, err := encodeBaseline(fs)
		require.NoError(t, err)
		b, err := parseBaseline(data)
		require.NoError(t, err, "%s", data)
		fresh, stale := b.filter(fs)
		require.Empty(t, fresh)
		require.Empty(t, stale)
		fresh, stale = b.filter(append(fs[:len(fs)-2:len(fs)-2], other))
		require.Equal(t, []*finding(nil), fresh)
		require.Len(t, stale, 1)
		require.Equal(t, 1, stale[0].Count)
	})
}
