package vetx

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/unitchecker"
	"golang.org/x/tools/go/gcexportdata"

	"github.com/blockcheck/blockcheck/analyzer"
)

func mustEncode(t *testing.T, export, facts []byte) []byte {
	t.Helper()
	data, err := encodeVetx(export, facts)
	require.NoError(t, err)
	return data
}

func TestVetxFile(t *testing.T) {
	facts := []byte("some encoded facts")
	data := mustEncode(t, nil, facts)
	export, got, err := decodeVetx(data)
	require.NoError(t, err)
	assert.Equal(t, facts, got)
	assert.Nil(t, export, "no export data written, none read")

	export, empty, err := decodeVetx(mustEncode(t, nil, nil))
	require.NoError(t, err)
	assert.Empty(t, empty)
	assert.Nil(t, export)
	assert.Len(t, mustEncode(t, nil, nil), vetxHeader+typesFixed, "no types, no facts: marker and checksum only")

	// Export data travels in the types section, facts after it.
	withTypes := mustEncode(t, []byte("i-export data"), facts)
	assert.Equal(t, uint32(typesFixed+len("i-export data")), binary.LittleEndian.Uint32(withTypes[4:8]))
	export, got, err = decodeVetx(withTypes)
	require.NoError(t, err)
	assert.Equal(t, []byte("i-export data"), export)
	assert.Equal(t, facts, got)
	_, _, err = decodeVetx(flip(withTypes, vetxHeader+typesFixed+2))
	assert.ErrorContains(t, err, "checksum", "the checksum covers the export data too")

	// Records repeat paths and names: the section is compressed.
	repetitive := bytes.Repeat([]byte("github.com/example/server.(*client).flushOutbound → os.(*File).Write "), 200)
	big := mustEncode(t, nil, repetitive)
	assert.Less(t, len(big)-vetxHeader-typesFixed, len(repetitive)/10)
	_, got, err = decodeVetx(big)
	require.NoError(t, err)
	assert.Equal(t, repetitive, got)

	// A section whose checksum matches but that does not inflate.
	garbage := []byte("not deflate data at all, but checksummed")
	forged := append([]byte(nil), data[:vetxHeader]...)
	binary.LittleEndian.PutUint32(forged[8:12], uint32(len(garbage)))
	sum := sha256.Sum256(garbage)
	forged = append(append(append(forged, typesMarker...), sum[:]...), garbage...)
	_, _, err = decodeVetx(forged)
	assert.ErrorContains(t, err, "damaged facts file")

	// Files of the previous formats (uncompressed, or facts only, with
	// another marker) are refused as another version's.
	for _, marker := range []string{"blockcheck facts sha256\n", "blockcheck facts deflate sha256\n"} {
		old := append([]byte(nil), data[:vetxHeader]...)
		binary.LittleEndian.PutUint32(old[4:8], uint32(len(marker)+sha256.Size))
		old = append(append(old, marker...), data[vetxHeader+len(typesMarker):]...)
		_, _, err = decodeVetx(old)
		assert.ErrorContains(t, err, "another version of blockcheck", marker)
	}

	for name, bad := range map[string][]byte{
		"empty":         nil,
		"header":        data[:vetxHeader],
		"truncated":     data[:len(data)-1],
		"longer":        append(append([]byte(nil), data...), 0),
		"bad magic":     append([]byte("xtev"), data[4:]...),
		"flipped":       flip(data, len(data)-3),
		"bad marker":    flip(data, vetxHeader+2),
		"types cut":     withTypes[:len(withTypes)-len(facts)-1],
		"types flipped": flip(withTypes, vetxHeader+typesFixed),
		// What unitchecker writes: types (here stand-ins) and facts, no
		// checksum.
		"unitchecker": append([]byte("vetx\x03\x00\x00\x00\x00\x00\x00\x00"), "abc"...),
	} {
		_, _, err := decodeVetx(bad)
		assert.Error(t, err, name)
	}
}

func flip(data []byte, i int) []byte {
	out := append([]byte(nil), data...)
	out[i] ^= 0x40
	return out
}

// runTool runs the driver in the test process with the default blockcheck
// analyzer.
func runTool(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	code = run(Tool{Analyzer: analyzer.New(analyzer.DefaultConfig())}, args, &out, &errs)
	return code, out.String(), errs.String()
}

func writeConfig(t *testing.T, dir, name string, cfg *unitchecker.Config) string {
	t.Helper()
	data, err := json.Marshal(cfg)
	require.NoError(t, err)
	file := filepath.Join(dir, name+".cfg")
	require.NoError(t, os.WriteFile(file, data, 0o666))
	return file
}

// TestTablePackageIsNotParsed gives the driver a standard-library package
// whose only file is not Go: it is answered by the table, with an empty
// facts file, without being read. The same file in a module package is an
// error, so the file would have mattered had it been parsed.
func TestTablePackageIsNotParsed(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "goroot", "src", "fmt")
	require.NoError(t, os.MkdirAll(src, 0o777))
	broken := filepath.Join(src, "print.go")
	require.NoError(t, os.WriteFile(broken, []byte("this is not Go\n"), 0o666))
	traceFile := filepath.Join(dir, "trace")
	t.Setenv("BLOCKCHECK_VET_TRACE", traceFile)

	out := filepath.Join(dir, "fmt.vetx")
	cfg := writeConfig(t, dir, "fmt", &unitchecker.Config{
		ID: "fmt", ImportPath: "fmt", Dir: src, GoFiles: []string{broken},
		VetxOnly: true, VetxOutput: out,
	})
	code, _, stderr := runTool(t, cfg)
	require.Equal(t, 0, code, stderr)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, mustEncode(t, nil, nil), data, "the facts file of a table package is empty facts, no types")
	_, facts, err := decodeVetx(data)
	require.NoError(t, err)
	assert.Empty(t, facts)

	// Not only for facts: as a root package too, nothing is reported.
	cfg = writeConfig(t, dir, "fmt-root", &unitchecker.Config{
		ID: "fmt", ImportPath: "fmt", Dir: src, GoFiles: []string{broken}, VetxOutput: out,
	})
	code, stdout, stderr := runTool(t, "-json", cfg)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "{}\n", stdout)

	// In a module, the same file is parsed, and fails.
	cfg = writeConfig(t, dir, "mod", &unitchecker.Config{
		ID: "example.com/fmt", ImportPath: "example.com/fmt", ModulePath: "example.com/fmt",
		Dir: src, GoFiles: []string{broken}, VetxOutput: filepath.Join(dir, "mod.vetx"),
	})
	code, _, stderr = runTool(t, cfg)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "print.go:1:1: expected 'package'")

	trace, err := os.ReadFile(traceFile)
	require.NoError(t, err)
	assert.Equal(t, "table fmt\ntable fmt\ncheck example.com/fmt\n", string(trace))
}

// listed is what go list -export says of a package.
type listed struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Export     string
	Imports    []string
	Standard   bool
	Module     *struct{ Path string }
}

// twoPackages writes a module whose package b calls, from a root, a
// function of package a that sleeps, and lists it with export data.
func twoPackages(t *testing.T) (dir string, pkgs map[string]*listed) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n\ngo 1.26\n",
		"a/a.go": "package a\n\nimport \"time\"\n\n// Wait sleeps.\nfunc Wait() { time.Sleep(time.Second) }\n",
		"b/b.go": "package b\n\nimport \"example.com/m/a\"\n\n// OnEvent runs on the event loop.\n//\n//blockcheck:nonblocking\nfunc OnEvent() {\n\ta.Wait()\n}\n",
	}
	for name, text := range files {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o777))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666))
	}
	cmd := exec.Command("go", "list", "-export", "-deps", "-json", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.Output()
	require.NoError(t, err)
	pkgs = make(map[string]*listed)
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		p := new(listed)
		require.NoError(t, dec.Decode(p))
		pkgs[p.ImportPath] = p
	}
	return dir, pkgs
}

// unitConfig is the vet configuration of one listed package, with facts
// files from vetx.
func unitConfig(p *listed, pkgs map[string]*listed, vetx map[string]string, out string, vetxOnly bool) *unitchecker.Config {
	cfg := &unitchecker.Config{
		ID: p.ImportPath, ImportPath: p.ImportPath, Dir: p.Dir,
		ImportMap: map[string]string{}, PackageFile: map[string]string{}, PackageVetx: map[string]string{},
		Standard: map[string]bool{}, VetxOnly: vetxOnly, VetxOutput: out, GoVersion: "go1.26",
	}
	if p.Module != nil {
		cfg.ModulePath = p.Module.Path
	}
	for _, f := range p.GoFiles {
		cfg.GoFiles = append(cfg.GoFiles, filepath.Join(p.Dir, f))
	}
	for _, imp := range p.Imports {
		cfg.ImportMap[imp] = imp
		cfg.PackageFile[imp] = pkgs[imp].Export
		cfg.Standard[imp] = pkgs[imp].Standard
		if v, ok := vetx[imp]; ok {
			cfg.PackageVetx[imp] = v
		}
	}
	return cfg
}

// TestFactsCarried runs the driver as go vet would, package by package,
// dependencies first: b's finding needs a's facts; a damaged facts file of
// a is an error, never trusted, and b then writes no facts of its own.
func TestFactsCarried(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles a small module's dependencies")
	}
	dir, pkgs := twoPackages(t)
	vetx := map[string]string{}
	order := []string{"time", "example.com/m/a"}
	// time's dependencies, as go vet runs them.
	var deps func(path string)
	seen := map[string]bool{}
	var all []string
	deps = func(path string) {
		if seen[path] || path == "unsafe" {
			return
		}
		seen[path] = true
		for _, imp := range pkgs[path].Imports {
			deps(imp)
		}
		all = append(all, path)
	}
	for _, p := range order {
		deps(p)
	}
	for _, path := range all {
		out := filepath.Join(dir, strings.ReplaceAll(path, "/", "_")+".vetx")
		cfg := writeConfig(t, dir, strings.ReplaceAll(path, "/", "_"), unitConfig(pkgs[path], pkgs, vetx, out, true))
		code, _, stderr := runTool(t, cfg)
		require.Equal(t, 0, code, "%s: %s", path, stderr)
		vetx[path] = out
	}
	aFacts, err := os.ReadFile(vetx["example.com/m/a"])
	require.NoError(t, err)
	export, facts, err := decodeVetx(aFacts)
	require.NoError(t, err)
	assert.NotEmpty(t, facts, "a exports a fact: Wait may block")
	require.NotEmpty(t, export, "a's facts file carries its types")
	aPkg, err := gcexportdata.Read(bytes.NewReader(export), token.NewFileSet(), map[string]*types.Package{}, "example.com/m/a")
	require.NoError(t, err)
	assert.NotNil(t, aPkg.Scope().Lookup("Wait"), "a's export data declares Wait")
	timeVetx, err := os.ReadFile(vetx["time"])
	require.NoError(t, err)
	export, _, err = decodeVetx(timeVetx)
	require.NoError(t, err)
	assert.Nil(t, export, "a package the table answers has no types of its own")

	b := pkgs["example.com/m/b"]
	bOut := filepath.Join(dir, "b.vetx")
	cfg := writeConfig(t, dir, "b", unitConfig(b, pkgs, vetx, bOut, false))
	code, _, stderr := runTool(t, cfg)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "b.go:9:2: OnEvent must not block: a.Wait may block [sleep]: a.Wait → time.Sleep")
	_, err = os.Stat(bOut)
	require.NoError(t, err, "b's facts file")

	// b type-checks against a's types in a's facts file, not against the
	// compiler's export data of a: with that gone, b is analyzed the same.
	noExport := unitConfig(b, pkgs, vetx, filepath.Join(dir, "b2.vetx"), false)
	noExport.PackageFile["example.com/m/a"] = filepath.Join(dir, "missing.a")
	code, _, stderr = runTool(t, writeConfig(t, dir, "b2", noExport))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "b.go:9:2: OnEvent must not block: a.Wait may block [sleep]: a.Wait → time.Sleep")

	for name, damaged := range map[string][]byte{
		"truncated": aFacts[:len(aFacts)-5],
		"flipped":   flip(aFacts, len(aFacts)-5),
		"empty":     nil,
	} {
		t.Run(name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "a.vetx")
			require.NoError(t, os.WriteFile(bad, damaged, 0o666))
			v := map[string]string{}
			for k, f := range vetx {
				v[k] = f
			}
			v["example.com/m/a"] = bad
			out := filepath.Join(t.TempDir(), "b.vetx")
			cfg := writeConfig(t, t.TempDir(), "b", unitConfig(b, pkgs, v, out, false))
			code, _, stderr := runTool(t, cfg)
			assert.Equal(t, 1, code)
			assert.Contains(t, stderr, "blockcheck: the facts of example.com/m/a")
			assert.NotContains(t, stderr, "must not block", "no finding from damaged facts")
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "no facts file written after damaged input")
		})
	}
}
