package main

// Integration tests: they build the blockcheck command once and run it, on
// its own and under go vet, on the small modules in testdata/integration
// and testdata/brokenmod.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// blockcheckBin is the command built by TestMain.
var blockcheckBin string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "blockcheck-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "blockcheck")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building blockcheck: %v\n%s", err, out)
		return 1
	}
	blockcheckBin = bin
	// Every run of the command shares one results cache, in the temporary
	// directory: reruns of a module with other flags check that the
	// cache changes nothing, and no test writes the user's cache.
	os.Setenv(cacheEnv, filepath.Join(dir, "cache"))
	return m.Run()
}

// result is what one run of a command did.
type result struct {
	args   []string
	stdout string
	stderr string
	code   int
}

func (r result) output() string { return r.stdout + r.stderr }

func (r result) String() string {
	return fmt.Sprintf("$ %s\nexit status %d\n--- stdout:\n%s--- stderr:\n%s", strings.Join(r.args, " "), r.code, r.stdout, r.stderr)
}

// run runs name with args in dir and returns what it did. It fails the
// test only if the command could not be run at all.
func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	return runEnv(t, dir, nil, name, args...)
}

// runEnv is run with more environment variables. GITHUB_STEP_SUMMARY is
// unset unless env sets it: tests run in GitHub Actions must not write
// the job's summary.
func runEnv(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "PWD="+dir, "GITHUB_STEP_SUMMARY="), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{args: append([]string{filepath.Base(name)}, args...), stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr) && exitErr.ExitCode() >= 0:
		r.code = exitErr.ExitCode()
	default:
		t.Fatalf("running %s: %v\n%s", strings.Join(r.args, " "), err, r)
	}
	checkNoCrash(t, r)
	return r
}

// blockcheck runs the command built by TestMain.
func blockcheck(t *testing.T, dir string, args ...string) result {
	t.Helper()
	return run(t, dir, blockcheckBin, args...)
}

// goVet runs go vet with blockcheck as its tool. It skips the test in
// -short mode: the first run after a change to the command analyzes every
// standard-library dependency.
func goVet(t *testing.T, dir string, args ...string) result {
	t.Helper()
	if testing.Short() {
		t.Skip("go vet runs skipped in -short mode")
	}
	return run(t, dir, "go", append([]string{"vet", "-vettool=" + blockcheckBin}, args...)...)
}

// crashRE matches what a Go program prints when it crashes: a panic, a
// goroutine's stack header, a fatal signal. Messages may speak of
// goroutines ("runs on runtime's finalizer goroutine").
var crashRE = regexp.MustCompile(`(?m)^panic: |^goroutine \d+ \[|^\[signal |^fatal error: `)

func checkNoCrash(t *testing.T, r result) {
	t.Helper()
	if m := crashRE.FindString(r.output()); m != "" {
		t.Errorf("output contains %q: the command crashed\n%s", m, r)
	}
}

func checkExit(t *testing.T, r result, want int) {
	t.Helper()
	if r.code != want {
		t.Fatalf("exit status %d, want %d\n%s", r.code, want, r)
	}
}

// moduleDir returns the absolute, symlink-free path of a module under the
// repository's testdata directory.
func moduleDir(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if dir, err = filepath.EvalSymlinks(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// findingRE matches one diagnostic line: file:line:col: message. Related
// information lines have the same form, their message starting with a tab.
var findingRE = regexp.MustCompile(`^(.+?\.go):(\d+):(\d+): (.*)$`)

// findings parses the diagnostic lines of out into "file:line:col: message"
// strings with file relative to dir, slash-separated: blockcheck and go vet
// print paths relative to their working directory (go vet with or without
// "./"), absolute ones outside it. Other lines ("# pkg" headers from go vet) are skipped.
func findings(t *testing.T, dir, out string) []string {
	t.Helper()
	var got []string
	for line := range strings.SplitSeq(out, "\n") {
		line = strings.TrimSuffix(line, "\r")
		m := findingRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		got = append(got, relPosn(t, dir, m[1]+":"+m[2]+":"+m[3])+": "+m[4])
	}
	slices.Sort(got)
	return got
}

var posnRE = regexp.MustCompile(`^(.+?):(\d+:\d+)$`)

// relPosn rewrites a file:line:col position with file relative to dir.
func relPosn(t *testing.T, dir, posn string) string {
	t.Helper()
	m := posnRE.FindStringSubmatch(posn)
	if m == nil {
		t.Errorf("malformed position %q", posn)
		return posn
	}
	file := m[1]
	if filepath.IsAbs(file) {
		if real, err := filepath.EvalSymlinks(file); err == nil {
			file = real
		}
		if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = rel
		}
	}
	file = strings.TrimPrefix(filepath.ToSlash(file), "./")
	return file + ":" + m[2]
}

// An expectation is one diagnostic line blockcheck must print for the
// integration module. Lines and columns are found in the source, so the
// test data can be edited without renumbering.
type expectation struct {
	file     string // relative to the module
	line     string // a substring found on exactly one line of file
	col      string // the column is where this substring starts on that line; "" for column 1
	category string // the finding's category; a related line has its finding's
	primary  bool   // a finding rather than a related-information line
	message  string // the exact message
	prefix   bool   // message is only a prefix of the real one
	times    int    // how many lines there are with it (related lines of several findings); 0 is 1
}

var integrationExpectations = []expectation{
	{
		// The contract of loop.Handler.OnTraffic reaches server as a fact,
		// and the chain needs journal's fact, which needs store's.
		file: "server/server.go", line: "// FINDING append", col: "s.journal.Append",
		category: "file", primary: true,
		message: "(*Server).OnTraffic must not block: s.journal.Append may block [file]: journal.(*Journal).Append → store.Save → store.writeFile → os.WriteFile",
	},
	{
		// Where the chain leaves the package: the line of the declaration
		// of the function it calls there, so that code flows cross
		// packages (the line's start: go vet's export data has no columns).
		file: "journal/journal.go", line: "func (j *Journal) Append(", col: "",
		category: "file",
		message:  "\tjournal.(*Journal).Append may block in its package: store.Save → store.writeFile → os.WriteFile",
	},
	{
		// Related to two findings: Tick's and Shutdown's.
		file: "journal/journal.go", line: "func Audit(", col: "",
		category: "file", times: 2,
		message: "\tjournal.Audit may block in its package: store.Save → store.writeFile → os.WriteFile",
	},
	{
		file: "server/server.go", line: "// FINDING send", col: "<-",
		category: "chan", primary: true,
		message: "(*Server).OnTraffic must not block: channel send may block [chan]",
	},
	{
		file: "server/server.go", line: "// FINDING audit", col: "journal.Audit",
		category: "file", primary: true,
		message: "(*Server).Tick must not block: journal.Audit may block [file]: journal.Audit → store.Save → store.writeFile → os.WriteFile",
	},
	{
		// flush blocks in two categories: the first in report order names
		// the finding and gives its chain; the other's chain is related
		// information.
		file: "server/server.go", line: "// FINDING shutdown", col: "s.flush",
		category: "file", primary: true,
		message: "(*Server).Shutdown must not block: s.flush may block [file, sleep]: (*Server).flush → journal.Audit → store.Save → store.writeFile → os.WriteFile",
	},
	{
		file: "server/server.go", line: "// RELATED flush audit", col: "journal.Audit",
		category: "file",
		message:  "\t(*Server).flush may block here: journal.Audit",
	},
	{
		file: "server/server.go", line: "// RELATED flush sleep", col: "time.Sleep",
		category: "file",
		message:  "\talso may block [sleep]: (*Server).flush → time.Sleep",
	},
	{
		file: "baddirective/bad.go", line: "//blockcheck:blocking disk",
		category: "directive", primary: true,
		message: `malformed directive "//blockcheck:blocking disk": unknown category "disk"`, prefix: true,
	},
	{
		file: "baddirective/bad.go", line: "func Poll()", col: "Wait()",
		category: "sleep", primary: true,
		message: "Poll must not block: Wait may block [sleep]: Wait → time.Sleep",
	},
	{
		file: "baddirective/bad.go", line: "func Wait()", col: "time.Sleep",
		category: "sleep",
		message:  "\tWait may block here: time.Sleep",
	},
}

// notReported are lines of the integration module that must have no
// finding. TestNegativesMatter checks that each would have one without
// what protects it.
var notReported = []struct{ file, line string }{
	{"server/server.go", "// NOT go"},
	{"server/server.go", "// NOT select"},
	{"server/server.go", "case s.acks <- ev.Conn:"},
	{"server/server.go", "// NOT ignored"},
}

// locate returns the 1-based line of file (in dir) that contains line and
// the 1-based byte column where col starts on it (1 if col is "").
func locate(t *testing.T, dir, file, line, col string) (int, int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	found, c := 0, 0
	for i, l := range strings.Split(string(data), "\n") {
		if !strings.Contains(l, line) {
			continue
		}
		if found != 0 {
			t.Fatalf("%s: %q is on lines %d and %d", file, line, found, i+1)
		}
		found, c = i+1, 1
		if col != "" {
			idx := strings.Index(l, col)
			if idx < 0 {
				t.Fatalf("%s:%d: %q not on the line", file, found, col)
			}
			c = idx + 1
		}
	}
	if found == 0 {
		t.Fatalf("%s: no line contains %q", file, line)
	}
	return found, c
}

// posn returns the module-relative file:line:col of an expectation.
func (e expectation) posn(t *testing.T, dir string) string {
	line, col := locate(t, dir, e.file, e.line, e.col)
	return e.file + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col)
}

func (e expectation) matches(message string) bool {
	if e.prefix {
		return strings.HasPrefix(message, e.message)
	}
	return message == e.message
}

// checkFindings requires got to be exactly the expectations keep selects:
// one line per expectation at its position with its message, and nothing
// else.
func checkFindings(t *testing.T, what, dir string, got []string, keep func(expectation) bool) {
	t.Helper()
	checkFindingsOf(t, what, dir, got, integrationExpectations, keep)
}

// checkFindingsOf is checkFindings against other expectations.
func checkFindingsOf(t *testing.T, what, dir string, got []string, expectations []expectation, keep func(expectation) bool) {
	t.Helper()
	if len(got) == 0 {
		t.Errorf("%s: no findings", what)
	}
	byPosn := make(map[string][]string) // posn -> messages
	for _, f := range got {
		posn, msg, _ := strings.Cut(f, ": ")
		byPosn[posn] = append(byPosn[posn], msg)
	}
	wantPosn := make(map[string]bool)
	for _, e := range expectations {
		if !keep(e) {
			continue
		}
		p := e.posn(t, dir)
		wantPosn[p] = true
		msgs := byPosn[p]
		n := max(e.times, 1)
		if len(msgs) != n || !slices.ContainsFunc(msgs, e.matches) || slices.IndexFunc(msgs, func(m string) bool { return !e.matches(m) }) >= 0 {
			t.Errorf("%s: at %s got %q, want %d line(s) %q (prefix only: %v)", what, p, msgs, n, e.message, e.prefix)
		}
	}
	for p, msgs := range byPosn {
		if !wantPosn[p] {
			t.Errorf("%s: unexpected finding at %s: %q", what, p, msgs)
		}
	}
	for _, n := range notReported {
		line, _ := locate(t, dir, n.file, n.line, "")
		prefix := n.file + ":" + strconv.Itoa(line) + ":"
		for _, f := range got {
			if strings.HasPrefix(f, prefix) {
				t.Errorf("%s: line %q must not be reported: %s", what, n.line, f)
			}
		}
	}
}

func all(expectation) bool { return true }

func withoutFile(e expectation) bool { return e.category != "file" }

// TestStandaloneAndVet runs blockcheck on the integration module on its own
// and under go vet, and requires both to print the same, expected findings.
func TestStandaloneAndVet(t *testing.T) {
	t.Parallel()
	dir := moduleDir(t, "integration")

	standalone := blockcheck(t, dir, "./...")
	checkExit(t, standalone, 3)
	got := findings(t, dir, standalone.output())
	checkFindings(t, "standalone", dir, got, all)

	vet := goVet(t, dir, "./...")
	if vet.code != 1 {
		t.Errorf("go vet: exit status %d, want 1 (findings)\n%s", vet.code, vet)
	}
	vetGot := findings(t, dir, vet.output())
	checkFindings(t, "go vet", dir, vetGot, all)
	if !slices.Equal(got, vetGot) {
		t.Errorf("standalone and go vet differ\nstandalone:\n\t%s\ngo vet:\n\t%s",
			strings.Join(got, "\n\t"), strings.Join(vetGot, "\n\t"))
	}
}

// TestCategoriesFlag removes the file category: the file findings, which
// go through two packages of facts, disappear; the others stay.
func TestCategoriesFlag(t *testing.T) {
	t.Parallel()
	dir := moduleDir(t, "integration")

	standalone := blockcheck(t, dir, "-categories=-file", "./...")
	checkExit(t, standalone, 3)
	got := findings(t, dir, standalone.output())
	// Shutdown's s.flush blocks in file and in sleep: without file, the
	// sleep is what is left of it.
	withoutFileExpectations := append(slices.Clone(integrationExpectations), expectation{
		file: "server/server.go", line: "// FINDING shutdown", col: "s.flush",
		category: "sleep", primary: true,
		message: "(*Server).Shutdown must not block: s.flush may block [sleep]: (*Server).flush → time.Sleep",
	}, expectation{
		file: "server/server.go", line: "// RELATED flush sleep", col: "time.Sleep",
		category: "sleep",
		message:  "\t(*Server).flush may block here: time.Sleep",
	})
	checkFindingsOf(t, "standalone -categories=-file", dir, got, withoutFileExpectations, withoutFile)
	for _, f := range got {
		if strings.Contains(f, "[file]") {
			t.Errorf("file finding with -categories=-file: %s", f)
		}
	}

	vet := goVet(t, dir, "-categories=-file", "./...")
	if vet.code != 1 {
		t.Errorf("go vet: exit status %d, want 1 (findings)\n%s", vet.code, vet)
	}
	vetGot := findings(t, dir, vet.output())
	if !slices.Equal(got, vetGot) {
		t.Errorf("standalone and go vet differ with -categories=-file\nstandalone:\n\t%s\ngo vet:\n\t%s",
			strings.Join(got, "\n\t"), strings.Join(vetGot, "\n\t"))
	}
}

// jsonDiagnostic is the part of a -json diagnostic the test relies on.
type jsonDiagnostic struct {
	Posn     string `json:"posn"`
	Message  string `json:"message"`
	Category string `json:"category"`
	Related  []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
}

// parseJSON decodes -json output: package -> analyzer -> a list of
// diagnostics, or an object (an error) when the analysis failed. It
// returns the diagnostics of analyzer blockcheck as "file:line:col: message"
// lines (related information indented with a tab, as in text output), and
// the packages whose entry was not a list.
func parseJSON(t *testing.T, dir, out string) (got []string, categories map[string]string, failed []string) {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("-json output is not JSON of the expected shape: %v\n%s", err, out)
	}
	categories = make(map[string]string)
	for pkg, analyzers := range tree {
		for name, raw := range analyzers {
			if name != "blockcheck" {
				t.Errorf("-json: package %s: unexpected analyzer %q", pkg, name)
				continue
			}
			var diags []jsonDiagnostic
			if err := json.Unmarshal(raw, &diags); err != nil {
				failed = append(failed, pkg)
				continue
			}
			for _, d := range diags {
				f := relPosn(t, dir, d.Posn) + ": " + d.Message
				got = append(got, f)
				categories[f] = d.Category
				for _, r := range d.Related {
					got = append(got, relPosn(t, dir, r.Posn)+": \t"+r.Message)
				}
			}
		}
	}
	slices.Sort(got)
	return got, categories, failed
}

// TestJSON checks that -json exits 0 and prints the findings as JSON.
func TestJSON(t *testing.T) {
	t.Parallel()
	dir := moduleDir(t, "integration")
	r := blockcheck(t, dir, "-json", "./...")
	checkExit(t, r, 0)
	got, categories, failed := parseJSON(t, dir, r.stdout)
	if len(failed) > 0 {
		t.Errorf("-json: analysis failed for %v\n%s", failed, r)
	}
	checkFindings(t, "-json", dir, got, all)
	for _, e := range integrationExpectations {
		if !e.primary {
			continue
		}
		p := e.posn(t, dir)
		found := false
		for f, c := range categories {
			if strings.HasPrefix(f, p+": ") {
				found = true
				assert.Equal(t, e.category, c, "-json: the category of the finding at %s", p)
			}
		}
		assert.True(t, found, "-json: no finding at %s", p)
	}
	// The text and JSON outputs agree.
	text := blockcheck(t, dir, "./...")
	if want := findings(t, dir, text.output()); !slices.Equal(got, want) {
		t.Errorf("-json and text output differ\n-json:\n\t%s\ntext:\n\t%s",
			strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// TestExitStatus checks the exit statuses documented in main.go.
func TestExitStatus(t *testing.T) {
	t.Parallel()
	dir := moduleDir(t, "integration")
	broken := moduleDir(t, "brokenmod")

	t.Run("clean", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir, "./metrics")
		checkExit(t, r, 0)
		if f := findings(t, dir, r.output()); len(f) > 0 {
			t.Errorf("findings in a clean package: %q", f)
		}
	})
	t.Run("findings", func(t *testing.T) {
		t.Parallel()
		checkExit(t, blockcheck(t, dir, "./server"), 3)
	})
	t.Run("malformed-directive", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir, "./baddirective")
		checkExit(t, r, 3)
		got := findings(t, dir, r.output())
		checkFindings(t, "./baddirective", dir, got, func(e expectation) bool { return e.file == "baddirective/bad.go" })
	})
	t.Run("unknown-category", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir, "-categories=disk", "./...")
		checkExit(t, r, 2)
		for _, s := range []string{`"disk"`, "-categories", "unknown category"} {
			if !strings.Contains(r.output(), s) {
				t.Errorf("output does not contain %q\n%s", s, r)
			}
		}
		if f := findings(t, dir, r.output()); len(f) > 0 {
			t.Errorf("findings after a usage error: %q", f)
		}
	})
	t.Run("bad-flag", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, dir, "-nosuchflag", "./...")
		checkExit(t, r, 2)
		if !strings.Contains(r.output(), "nosuchflag") {
			t.Errorf("output does not name the flag\n%s", r)
		}
	})
	t.Run("type-error", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, broken, "./...")
		checkExit(t, r, 1)
		if !strings.Contains(r.output(), "undefined: undefinedHelper") {
			t.Errorf("output does not contain the compiler error\n%s", r)
		}
	})
	t.Run("type-error-json", func(t *testing.T) {
		t.Parallel()
		r := blockcheck(t, broken, "-json", "./...")
		checkExit(t, r, 1)
		if _, _, failed := parseJSON(t, broken, r.stdout); !slices.Contains(failed, "example.com/brokenmod/broken") {
			t.Errorf("-json does not report the failed package\n%s", r)
		}
	})
	t.Run("vet-clean", func(t *testing.T) {
		t.Parallel()
		r := goVet(t, dir, "./metrics")
		checkExit(t, r, 0)
		if f := findings(t, dir, r.output()); len(f) > 0 {
			t.Errorf("findings in a clean package: %q", f)
		}
	})
	t.Run("vet-type-error", func(t *testing.T) {
		t.Parallel()
		r := goVet(t, broken, "./...")
		if r.code == 0 {
			t.Errorf("go vet exits 0 on a package that does not type-check\n%s", r)
		}
		if !strings.Contains(r.output(), "undefined: undefinedHelper") {
			t.Errorf("output does not contain the compiler error\n%s", r)
		}
	})
}

// TestNegativesMatter makes sure the lines in notReported are silent for
// the reason the test data says: in a copy of the module with that reason
// removed (same line numbers), the line is reported.
func TestNegativesMatter(t *testing.T) {
	t.Parallel()
	src := moduleDir(t, "integration")
	for _, tc := range []struct {
		name, old, new string // the edit, on one line of server/server.go
		line           string
		message        string // a substring of the finding then expected on line
	}{
		{"go", "go s.flush(ev.Conn)", "s.flush(ev.Conn)  ", "// NOT go", "s.flush may block [file, sleep]"},
		{"select", "default:", "case <-s.acks:", "// NOT select", "select without default may block [chan]"},
		{"ignore", "//blockcheck:ignore the audit file is on tmpfs", "// ignore removed", "// NOT ignored", "journal.Audit may block [file]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := copyModule(t, src)
			file := filepath.Join(dir, "server", "server.go")
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Count(data, []byte(tc.old)) != 1 {
				t.Fatalf("%q is not once in server.go", tc.old)
			}
			if err := os.WriteFile(file, bytes.Replace(data, []byte(tc.old), []byte(tc.new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			line, _ := locate(t, dir, "server/server.go", tc.line, "")
			r := blockcheck(t, dir, "./server")
			checkExit(t, r, 3)
			prefix := "server/server.go:" + strconv.Itoa(line) + ":"
			found := false
			for _, f := range findings(t, dir, r.output()) {
				found = found || strings.HasPrefix(f, prefix) && strings.Contains(f, tc.message)
			}
			if !found {
				t.Errorf("without %q, no finding %q on line %d\n%s", tc.old, tc.message, line, r)
			}
		})
	}
}

// copyModule copies the module in src to a temporary directory.
func copyModule(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if real, err := filepath.EvalSymlinks(dst); err == nil {
		dst = real
	}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
