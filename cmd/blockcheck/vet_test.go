package main

// Tests of blockcheck's own go vet driver (internal/vetx) against the
// standalone command and against the previous driver, golang.org/x/tools'
// unit driver (testdata/prevvet), which type-checked every package, std
// included, from source.

import (
	"crypto/rand"
	"encoding/hex"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/nolint"
)

var (
	prevOnce sync.Once
	prevBin  string
	prevErr  error
)

// prevVet builds the previous go vet driver once.
func prevVet(t *testing.T) string {
	t.Helper()
	prevOnce.Do(func() {
		dir, err := os.MkdirTemp("", "blockcheck-prevvet-")
		if err != nil {
			prevErr = err
			return
		}
		prevBin = filepath.Join(dir, "prevvet")
		out, err := exec.Command("go", "build", "-o", prevBin, "./testdata/prevvet").CombinedOutput()
		if err != nil {
			prevErr = &buildError{err, string(out)}
		}
	})
	require.NoError(t, prevErr)
	return prevBin
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// TestVetProtocol checks that go vet sees the same tool as before: the
// same -flags, the same -V=full form, and the same errors and exit
// statuses for bad flags and bad arguments.
func TestVetProtocol(t *testing.T) {
	prev := prevVet(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"-flags"},
		{"-V=x"},
		{"-V"},
		{"-nosuchflag", "x.cfg"},
		{"-categories=disk", "x.cfg"},
		{"-h", "x.cfg"},
		{"nonexistent.cfg"},
	} {
		want := run(t, dir, prev, args...)
		got := blockcheck(t, dir, args...)
		assert.Equal(t, want.code, got.code, "exit status of %v", args)
		assert.Equal(t, want.stdout, got.stdout, "standard output of %v", args)
		// The previous driver's log prefix is the analyzer's name, as is
		// blockcheck's.
		assert.Equal(t, want.stderr, got.stderr, "standard error of %v", args)
	}
	versionRE := regexp.MustCompile(`^(\S+) version devel comments-go-here buildID=[0-9a-f]{64}\n$`)
	got := blockcheck(t, dir, "-V=full")
	checkExit(t, got, 0)
	m := versionRE.FindStringSubmatch(got.stdout)
	require.NotNil(t, m, "-V=full: %q", got.stdout)
	assert.Equal(t, blockcheckBin, m[1])
	assert.Regexp(t, versionRE, run(t, dir, prev, "-V=full").stdout)
}

// vetModules are the test modules the drivers are compared on, relative
// to the repository's root.
var vetModules = []string{
	"testdata/integration", "testdata/frameworks", "testdata/retries",
	"testdata/ecosystem", "testdata/golangci", "examples/chatserver",
}

func repoDir(t *testing.T, rel string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", filepath.FromSlash(rel)))
	require.NoError(t, err)
	dir, err = filepath.EvalSymlinks(dir)
	require.NoError(t, err)
	return dir
}

// TestVetDriverFindings runs each test module under go vet with
// blockcheck's driver and with the previous one, and standalone: the
// findings are the standalone command's, and the previous driver's but
// for those a //nolint comment silences (the previous driver ignored
// them); in text and in -json.
func TestVetDriverFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet runs skipped in -short mode")
	}
	prev := prevVet(t)
	for _, mod := range vetModules {
		t.Run(filepath.Base(mod), func(t *testing.T) {
			dir := repoDir(t, mod)
			standalone := blockcheck(t, dir, "./...")
			vet := goVet(t, dir, "./...")
			old := run(t, dir, "go", "vet", "-vettool="+prev, "./...")
			want := findings(t, dir, standalone.output())
			got := findings(t, dir, vet.output())
			assert.Equal(t, want, got, "go vet and standalone findings\n%s\n%s", vet, standalone)
			if len(want) > 0 {
				assert.Equal(t, 1, vet.code, "go vet exits 1 on findings\n%s", vet)
			} else {
				assert.Equal(t, 0, vet.code, "go vet exits 0 without findings\n%s", vet)
			}
			assert.Equal(t, old.code, vet.code, "exit status, previous driver and this one")
			oldGroups, gotGroups := groups(t, dir, old.stderr), groups(t, dir, vet.stderr)
			checkSilenced(t, dir, oldGroups, gotGroups)
			if mod == "testdata/golangci" {
				// Its server package has a finding a //nolint silences.
				assert.Greater(t, len(oldGroups), len(gotGroups), "//nolint silences a finding of the golangci module")
			}

			vetJSON := goVet(t, dir, "-json", "./...")
			oldJSON := run(t, dir, "go", "vet", "-json", "-vettool="+prev, "./...")
			checkExit(t, vetJSON, 0)
			checkExit(t, oldJSON, 0)
			gotJSON, _, failed := parseJSON(t, dir, jsonPart(vetJSON.stderr+vetJSON.stdout))
			assert.Empty(t, failed)
			assert.Equal(t, got, gotJSON, "-json and text findings")
			oldGot, _, _ := parseJSON(t, dir, jsonPart(oldJSON.stderr+oldJSON.stdout))
			for _, f := range oldGot {
				if !slices.Contains(gotJSON, f) && !strings.Contains(f, ": \t") {
					assert.True(t, silenced(t, dir, f), "-json: the previous driver's finding %s is missing and no //nolint silences it", f)
				}
			}
		})
	}
}

// jsonPart joins the JSON objects go vet prints, one per package, into
// one: go vet -json prints each package's tree after a "# pkg" line.
func jsonPart(out string) string {
	var b strings.Builder
	b.WriteString("{")
	depth, first := 0, true
	for line := range strings.SplitSeq(out, "\n") {
		switch {
		case depth == 0 && line == "{":
			depth = 1
		case depth == 1 && line == "}":
			depth = 0
		case depth == 1 && strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, "\t\t") && !strings.HasPrefix(line, "\t}"):
			if !first {
				b.WriteString(",")
			}
			first = false
			b.WriteString(line + "\n")
		case depth == 1:
			b.WriteString(line + "\n")
		}
	}
	b.WriteString("}")
	return b.String()
}

// groups parses text output into findings, each with its related lines.
func groups(t *testing.T, dir, out string) []string {
	t.Helper()
	var gs []string
	for line := range strings.SplitSeq(out, "\n") {
		m := findingRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		f := relPosn(t, dir, m[1]+":"+m[2]+":"+m[3]) + ": " + m[4]
		if strings.HasPrefix(m[4], "\t") && len(gs) > 0 {
			gs[len(gs)-1] += "\n" + f
			continue
		}
		gs = append(gs, f)
	}
	slices.Sort(gs)
	return gs
}

// checkSilenced requires got to be old without findings //nolint
// silences, and at least one finding of old missing from got to be
// silenced by a comment if any is.
func checkSilenced(t *testing.T, dir string, old, got []string) {
	t.Helper()
	for _, g := range got {
		assert.Contains(t, old, g, "a finding the previous driver did not report")
	}
	for _, o := range old {
		if !slices.Contains(got, o) {
			first, _, _ := strings.Cut(o, "\n")
			assert.True(t, silenced(t, dir, first), "the previous driver's finding %s is missing and no //nolint silences it", first)
		}
	}
}

var posnLineRE = regexp.MustCompile(`^(.+?\.go):(\d+):(\d+): `)

// silenced reports whether a //nolint comment silences the finding at
// the file:line:col (relative to dir) that starts f.
func silenced(t *testing.T, dir, f string) bool {
	t.Helper()
	m := posnLineRE.FindStringSubmatch(f)
	require.NotNil(t, m, f)
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filepath.Join(dir, m[1]), nil, parser.ParseComments)
	require.NoError(t, err)
	line, err := strconv.Atoi(m[2])
	require.NoError(t, err)
	col, err := strconv.Atoi(m[3])
	require.NoError(t, err)
	tf := fset.File(file.FileStart)
	pos := tf.LineStart(line) + token.Pos(col-1)
	return nolint.Index(fset, []*ast.File{file}).Suppressed(pos)
}

// TestVetSkipsStd runs go vet with a build of blockcheck no cache has
// seen, tracing each package the driver is given: every package of the
// standard library is answered by the table, never type-checked, and
// every package of the module is type-checked and analyzed.
func TestVetSkipsStd(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet runs skipped in -short mode")
	}
	dir := moduleDir(t, "integration")
	nonce := make([]byte, 8)
	_, err := rand.Read(nonce)
	require.NoError(t, err)
	bin := filepath.Join(t.TempDir(), "blockcheck")
	build := exec.Command("go", "build", "-ldflags=-buildid=blockcheck-test-"+hex.EncodeToString(nonce), "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	traceFile := filepath.Join(t.TempDir(), "trace")
	r := runEnv(t, dir, []string{"BLOCKCHECK_VET_TRACE=" + traceFile}, "go", "vet", "-vettool="+bin, "./...")
	assert.Equal(t, 1, r.code, "findings\n%s", r)
	data, err := os.ReadFile(traceFile)
	require.NoError(t, err)

	list := run(t, dir, "go", "list", "-deps", "-test", "-f", "{{if not .ForTest}}{{.ImportPath}} {{.Standard}}{{end}}", "./...")
	checkExit(t, list, 0)
	std, module := map[string]bool{}, map[string]bool{}
	for line := range strings.SplitSeq(strings.TrimSpace(list.stdout), "\n") {
		path, isStd, _ := strings.Cut(line, " ")
		switch {
		case path == "" || path == "unsafe" || strings.HasSuffix(path, ".test"):
		case isStd == "true":
			std[path] = true
		default:
			module[strings.TrimSuffix(path, "_test")] = true
		}
	}
	table, checked := map[string]int{}, map[string]int{}
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		what, path, _ := strings.Cut(line, " ")
		switch what {
		case "table":
			table[path]++
		case "check":
			checked[path]++
		default:
			t.Fatalf("trace line %q", line)
		}
	}
	for path := range checked {
		assert.False(t, facts.IsStdPath(path) && std[path], "std package %s was type-checked", path)
		assert.True(t, module[path], "%s was type-checked but is not the module's", path)
	}
	for path := range std {
		assert.Positive(t, table[path], "std package %s was not answered by the table", path)
	}
	for path := range module {
		assert.Positive(t, checked[path], "the module's package %s was not analyzed", path)
	}
	t.Logf("go vet ./... on the integration module: %d std packages answered by the table, %d runs type-checked (%d packages)", len(table), sum(checked), len(checked))
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
