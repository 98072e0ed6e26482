package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/config"
)

// The results cache keeps, per package, what its analysis produced: the
// facts it exported (encoded as go vet's drivers encode them, object
// paths relative to the package) and its diagnostics with their
// positions resolved. An entry is keyed on every input of the analysis:
// the package's files (names and contents), the keys of its imports (so
// that an edit invalidates exactly the packages that depend on it), and a
// salt made of blockcheck's build (the SHA-256 of the executable), the go
// command's version and target (go env), the build tags, -test, and the
// configuration the analyzer runs with (every setting, and the hash of the
// configuration file). A run in which every root package's entry hits
// loads and analyzes nothing; otherwise the packages that miss, and those
// they import, are loaded as without the cache, and those that hit are
// type-checked but not analyzed: their facts come from their entries.
//
// An entry is a file named by its key: a header, the SHA-256 of the
// payload and the payload (a gob of cacheEntry). A file that does not
// check out (truncated, damaged, another format, another key) is a miss
// and is reported; it is never trusted.

// cacheEnv names the cache directory, or "off"; the -cache flag overrides it.
const cacheEnv = "BLOCKCHECK_CACHE"

// cacheHeader starts every entry; the number is the format's version.
const cacheHeader = "blockcheck results cache 1\n"

type resultCache struct {
	dir     string
	salt    []byte
	stderr  io.Writer
	verbose bool
}

// cacheEntry is what an entry holds.
type cacheEntry struct {
	Key    string // the entry's own key, checked against its name
	Facts  []byte // the package's facts; none when it has none
	Result pkgResult
	table  bool // a package the table answers for, which has no entry
}

// cacheDir returns the cache directory the flag value and the
// environment name, or "" when the cache is off.
func cacheDir(flagValue string) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = os.Getenv(cacheEnv)
	}
	switch dir {
	case "off":
		return "", nil
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no cache directory (set %s or -cache, or -cache=off): %v", cacheEnv, err)
		}
		return filepath.Join(base, "blockcheck"), nil
	}
	return filepath.Abs(dir)
}

// openCache returns the results cache, with the salt of this run, or nil
// when the cache is off or cannot be used (a note says why).
func openCache(dir string, cfg analyzer.Config, opt *options, loadCfg *packages.Config, stderr io.Writer) *resultCache {
	if dir == "" {
		return nil
	}
	salt, err := cacheSalt(cfg, opt, loadCfg)
	if err != nil {
		fmt.Fprintf(stderr, "blockcheck: cache: not used: %v\n", err)
		return nil
	}
	return &resultCache{dir: dir, salt: salt, stderr: stderr, verbose: cfg.Verbose}
}

// cacheSalt is the part of every key that is the same for every package
// of the run.
func cacheSalt(cfg analyzer.Config, opt *options, loadCfg *packages.Config) ([]byte, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s", cacheHeader)
	exe, err := executableHash()
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(h, "tool %s %s %s\n", version(), runtime.Version(), exe)
	// The go command's toolchain and target decide the files and the
	// standard library's types.
	cmd := exec.Command("go", "env", "GOVERSION", "GOROOT", "GOOS", "GOARCH", "GOEXPERIMENT", "CGO_ENABLED", "GOFLAGS", "GOAMD64", "GOARM", "GOARM64", "GO386")
	cmd.Dir = loadCfg.Dir
	cmd.Env = loadCfg.Env
	env, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %v", err)
	}
	fmt.Fprintf(h, "go env\n%s\n", env)
	fmt.Fprintf(h, "tests %v tags %q\n", opt.tests, opt.tags)
	// Every setting; -verbose only adds notes.
	c := cfg
	c.Verbose = false
	fmt.Fprintf(h, "config %#v\n", c)
	if opt.configFile != "" {
		hash, err := configHashOf(opt.configFile)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "config file %s\n", hash)
	}
	return h.Sum(nil), nil
}

// A cachePlan is what the cache answers for one run's packages.
type cachePlan struct {
	key     map[*packages.Package]string
	entries map[*packages.Package]*cacheEntry // packages whose entries, and whose imports', hit
}

// plan computes the keys of the roots and their dependencies and reads
// their entries. A package hits when its entry checks out and every
// package it imports hits (the table's packages always do: they have no
// entry and are never analyzed).
func (c *resultCache) plan(roots []*packages.Package) *cachePlan {
	pl := &cachePlan{key: make(map[*packages.Package]string), entries: make(map[*packages.Package]*cacheEntry)}
	hit := make(map[*packages.Package]bool)
	packages.Visit(roots, nil, func(p *packages.Package) {
		k, err := c.keyOf(p, pl.key)
		if err != nil {
			if c.verbose && !errors.Is(err, errImportUncached) {
				fmt.Fprintf(c.stderr, "blockcheck: cache: %s: %v\n", p.ID, err)
			}
			return // no key: its importers have none either
		}
		pl.key[p] = k
		if isTablePkg(p) {
			hit[p] = true
			pl.entries[p] = &cacheEntry{Key: k, table: true, Result: pkgResult{ID: p.ID, PkgPath: p.PkgPath}}
			return
		}
		for _, imp := range p.Imports {
			if !hit[imp] {
				return
			}
		}
		if e := c.read(p, k); e != nil {
			pl.entries[p] = e
			hit[p] = true
		}
	})
	return pl
}

// errImportUncached is keyOf's error for a package that imports one
// without a key: the import's own error was noted.
var errImportUncached = errors.New("not cached: an import is not")

// isTablePkg reports whether the table answers for the package: it is
// never analyzed (its test variants are).
func isTablePkg(p *packages.Package) bool {
	return p.ForTest == "" && p.ID == p.PkgPath && answeredPkg(p)
}

// keyOf computes a package's key from its own inputs and its imports'
// keys, which Visit computed before.
func (c *resultCache) keyOf(p *packages.Package, keys map[*packages.Package]string) (string, error) {
	if len(p.Errors) > 0 {
		return "", errors.New("not cached: it has errors")
	}
	h := sha256.New()
	h.Write(c.salt)
	fmt.Fprintf(h, "package %q %q %q %q\n", p.ID, p.PkgPath, p.Name, p.ForTest)
	if m := p.Module; m != nil {
		fmt.Fprintf(h, "module %q %q %q %q\n", m.Path, m.Version, m.GoVersion, m.Dir)
	}
	// The standard library is the toolchain's, which the salt names.
	std := p.Module == nil && answeredPkg(p)
	for _, list := range [][]string{p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles} {
		fmt.Fprintf(h, "files %d\n", len(list))
		for _, name := range list {
			fmt.Fprintf(h, "%q", name)
			if std {
				h.Write([]byte("\n"))
				continue
			}
			data, err := os.ReadFile(name)
			if err != nil {
				return "", err
			}
			sum := sha256.Sum256(data)
			fmt.Fprintf(h, " %x\n", sum)
		}
	}
	var paths []string
	for path := range p.Imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	for _, path := range paths {
		k, ok := keys[p.Imports[path]]
		if !ok {
			return "", errImportUncached
		}
		fmt.Fprintf(h, "import %q %s\n", path, k)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (c *resultCache) file(key string) string {
	return filepath.Join(c.dir, key[:2], key)
}

// read returns the package's entry, or nil on a miss. An entry that does
// not check out is reported and is a miss.
func (c *resultCache) read(p *packages.Package, key string) *cacheEntry {
	data, err := os.ReadFile(c.file(key))
	if err != nil {
		if !os.IsNotExist(err) {
			fmt.Fprintf(c.stderr, "blockcheck: cache: %s: %v; analyzing it again\n", p.ID, err)
		}
		return nil
	}
	e, err := decodeEntry(data, key)
	if err != nil {
		fmt.Fprintf(c.stderr, "blockcheck: cache: the entry of %s (%s) is damaged: %v; analyzing it again\n", p.ID, c.file(key), err)
		return nil
	}
	return e
}

func decodeEntry(data []byte, key string) (*cacheEntry, error) {
	if !bytes.HasPrefix(data, []byte(cacheHeader)) {
		return nil, errors.New("not a blockcheck cache entry of this format")
	}
	data = data[len(cacheHeader):]
	if len(data) < sha256.Size {
		return nil, errors.New("truncated")
	}
	sum, payload := data[:sha256.Size], data[sha256.Size:]
	if got := sha256.Sum256(payload); !bytes.Equal(got[:], sum) {
		return nil, errors.New("checksum mismatch")
	}
	e := new(cacheEntry)
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(e); err != nil {
		return nil, fmt.Errorf("decoding: %v", err)
	}
	if e.Key != key {
		return nil, errors.New("the entry is another package's")
	}
	return e, nil
}

// write stores an entry, atomically: a reader sees the old file, the new
// one or none.
func (c *resultCache) write(e *cacheEntry) error {
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(e); err != nil {
		return err
	}
	sum := sha256.Sum256(payload.Bytes())
	name := c.file(e.Key)
	if err := os.MkdirAll(filepath.Dir(name), 0o777); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.WriteString(cacheHeader)
	if err == nil {
		_, err = tmp.Write(sum[:])
	}
	if err == nil {
		_, err = tmp.Write(payload.Bytes())
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// store writes the entries of the packages the graph analyzed that are
// not in the cache, skipping those with errors. It returns the IDs of the
// packages analyzed, sorted.
func (c *resultCache) store(graph *checker.Graph, pl *cachePlan) []string {
	ix := newSyntaxIndex(graph)
	var analyzed []string
	failed := false
	for act := range graph.All() {
		p := act.Package
		if pl.entries[p] != nil || isTablePkg(p) {
			continue
		}
		analyzed = append(analyzed, p.ID)
		key, ok := pl.key[p]
		if !ok || act.Err != nil || p.IllTyped || len(p.Errors) > 0 || failed {
			continue
		}
		data, err := encodeFacts(act)
		if err == nil {
			err = c.write(&cacheEntry{Key: key, Facts: data, Result: *resultOf(act, ix)})
		}
		if err != nil {
			fmt.Fprintf(c.stderr, "blockcheck: cache: not written: %v\n", err)
			failed = true // once
		}
	}
	sort.Strings(analyzed)
	return analyzed
}

// A cachedFact is one fact in an entry: about the package (Object "") or
// one of its objects.
type cachedFact struct {
	Object objectpath.Path
	Fact   analysis.Fact
}

func registerFactTypes(a *analysis.Analyzer) {
	for _, f := range a.FactTypes {
		gob.Register(f)
	}
}

// encodeFacts encodes the facts the action exported: those about its
// package and its package's objects that other packages can name, in a
// deterministic order.
func encodeFacts(act *checker.Action) ([]byte, error) {
	pkg := act.Package.Types
	var list []cachedFact
	for _, f := range act.AllPackageFacts() {
		if f.Package == pkg {
			list = append(list, cachedFact{Fact: f.Fact})
		}
	}
	enc := new(objectpath.Encoder)
	for _, f := range act.AllObjectFacts() {
		if f.Object.Pkg() != pkg {
			continue
		}
		path, err := enc.For(f.Object)
		if err != nil {
			continue // an object no other package can name
		}
		list = append(list, cachedFact{Object: path, Fact: f.Fact})
	}
	if len(list) == 0 {
		return nil, nil
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Object != b.Object {
			return a.Object < b.Object
		}
		return reflect.TypeOf(a.Fact).String() < reflect.TypeOf(b.Fact).String()
	})
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(list); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exportFacts exports an entry's facts in the pass of its package.
func exportFacts(pass *analysis.Pass, data []byte) error {
	if len(data) == 0 {
		return nil
	}
	var list []cachedFact
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&list); err != nil {
		return fmt.Errorf("decoding the cached facts: %v", err)
	}
	for _, f := range list {
		if f.Fact == nil {
			return errors.New("decoding the cached facts: a fact without a value")
		}
		if f.Object == "" {
			pass.ExportPackageFact(f.Fact)
			continue
		}
		obj, err := objectpath.Object(pass.Pkg, f.Object)
		if err != nil {
			return fmt.Errorf("decoding the cached facts: %v", err)
		}
		pass.ExportObjectFact(obj, f.Fact)
	}
	return nil
}

// withCache returns an analyzer that, for a package whose entry hit,
// exports the entry's facts instead of analyzing it.
func withCache(a *analysis.Analyzer, hits map[*types.Package]*cacheEntry) *analysis.Analyzer {
	w := *a
	w.Run = func(pass *analysis.Pass) (any, error) {
		if e := hits[pass.Pkg]; e != nil {
			return nil, exportFacts(pass, e.Facts)
		}
		return a.Run(pass)
	}
	return &w
}

// configHashOf is the hash of a configuration file, its absolute name
// with it: the same settings read from another file are the same key,
// but keeping the name costs nothing.
func configHashOf(file string) (string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	return config.Hash(abs)
}

// notes for -verbose: what the cache answered.
func (c *resultCache) report(reused int, analyzed []string) {
	if !c.verbose {
		return
	}
	fmt.Fprintf(c.stderr, "blockcheck: cache %s: %d packages from the cache, %d analyzed\n", c.dir, reused, len(analyzed))
	for _, id := range analyzed {
		fmt.Fprintf(c.stderr, "blockcheck: cache: analyzed %s\n", id)
	}
}

// byTypes returns the entries by the packages' types, once loaded: what
// withCache looks them up by.
func (pl *cachePlan) byTypes() map[*types.Package]*cacheEntry {
	m := make(map[*types.Package]*cacheEntry, len(pl.entries))
	for p, e := range pl.entries {
		if p.Types != nil {
			m[p.Types] = e
		}
	}
	return m
}

// reused counts the packages answered from the cache entries (the
// table's packages aside).
func (pl *cachePlan) reused() int {
	n := 0
	for _, e := range pl.entries {
		if !e.table {
			n++
		}
	}
	return n
}
