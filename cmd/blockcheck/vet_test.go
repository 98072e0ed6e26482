package main

// Tests of blockcheck's own go vet driver (internal/vetx) against the
// standalone command and against the previous driver, golang.org/x/tools'
// unit driver (testdata/prevvet), which type-checked every package, std
// included, from source.

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/facts"
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
// same -flags (the driver's and the analyzer's, and the command's
// -confighash), and the same errors and exit statuses for bad flags and
// bad arguments. (-V=full is the command's: see version.go.)
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
		if args[0] == "-flags" {
			type jsonFlag struct {
				Name  string
				Bool  bool
				Usage string
			}
			var wantFlags, gotFlags []jsonFlag
			require.NoError(t, json.Unmarshal([]byte(want.stdout), &wantFlags))
			require.NoError(t, json.Unmarshal([]byte(got.stdout), &gotFlags))
			i := slices.IndexFunc(gotFlags, func(f jsonFlag) bool { return f.Name == "confighash" })
			require.GreaterOrEqual(t, i, 0, "-flags lists -confighash")
			gotFlags = slices.Delete(gotFlags, i, i+1)
			assert.Equal(t, wantFlags, gotFlags, "-flags")
			continue
		}
		assert.Equal(t, want.stdout, got.stdout, "standard output of %v", args)
		// The previous driver's log prefix is the analyzer's name, as is
		// blockcheck's.
		assert.Equal(t, want.stderr, got.stderr, "standard error of %v", args)
	}
}

// vetModules are the test modules the drivers are compared on, relative
// to the repository's root.
var vetModules = []string{
	"testdata/integration", "testdata/frameworks", "testdata/retries",
	"testdata/ecosystem", "testdata/golangci", "testdata/transitive", "examples/chatserver",
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
// findings are the standalone command's and the previous driver's, in text
// and in -json, with the same exit statuses.
func TestVetDriverFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("go vet runs skipped in -short mode")
	}
	prev := prevVet(t)
	for _, mod := range vetModules {
		t.Run(filepath.Base(mod), func(t *testing.T) {
			dir := repoDir(t, mod)
			standalone := blockcheck(t, dir, "./...")
			// The configuration a module has goes to go vet as flags;
			// the previous driver takes -config alone.
			vetFlags := blockcheck(t, dir, "-vetflags")
			checkExit(t, vetFlags, 0)
			flags := strings.Fields(vetFlags.stdout)
			prevFlags := slices.DeleteFunc(slices.Clone(flags), func(f string) bool { return strings.HasPrefix(f, "-confighash=") })
			vetArgs := func(extra ...string) []string { return append(append(extra, flags...), "./...") }
			prevArgs := func(extra ...string) []string {
				return append(append(append([]string{"vet", "-vettool=" + prev}, extra...), prevFlags...), "./...")
			}
			vet := goVet(t, dir, vetArgs()...)
			old := run(t, dir, "go", prevArgs()...)
			want := slices.Compact(findings(t, dir, standalone.output()))
			got := slices.Compact(findings(t, dir, vet.output()))
			checkNoCrash(t, standalone)
			checkNoCrash(t, vet)
			require.NotEmpty(t, want, "no findings: the comparison proves nothing\n%s", standalone)
			assert.Equal(t, want, got, "go vet and standalone findings\n%s\n%s", vet, standalone)
			if len(want) > 0 {
				assert.Equal(t, 1, vet.code, "go vet exits 1 on findings\n%s", vet)
			} else {
				assert.Equal(t, 0, vet.code, "go vet exits 0 without findings\n%s", vet)
			}
			assert.Equal(t, old.code, vet.code, "exit status, previous driver and this one")
			assert.Equal(t, groups(t, dir, old.stderr), groups(t, dir, vet.stderr), "findings with their related information, previous driver and this one")

			vetJSON := goVet(t, dir, vetArgs("-json")...)
			oldJSON := run(t, dir, "go", prevArgs("-json")...)
			checkExit(t, vetJSON, 0)
			checkExit(t, oldJSON, 0)
			gotJSON, gotCats, failed := parseJSON(t, dir, jsonPart(vetJSON.stdout))
			assert.Empty(t, failed)
			assert.Equal(t, got, slices.Compact(slices.Clone(gotJSON)), "-json and text findings")
			oldGot, oldCats, _ := parseJSON(t, dir, jsonPart(oldJSON.stdout))
			assert.Equal(t, oldGot, gotJSON, "-json, previous driver and this one")
			assert.Equal(t, oldCats, gotCats, "-json categories, previous driver and this one")
		})
	}
}

// jsonPart joins the JSON objects go vet prints, one per package, into
// one.
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
