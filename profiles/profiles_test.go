package profiles

import (
	"fmt"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/facts"
)

// testModules are the modules the real-module test loads the profiled
// packages from: each requires its frameworks at the versions the profiles
// name. The existing event-loop profiles are in testdata/frameworks, the
// profiles with loops in testdata/ecosystem.
var testModules = []string{"frameworks", "ecosystem"}

// jsModules are type-checked for GOOS=js GOARCH=wasm: on Linux their
// packages need cgo and the OpenGL, X11 and Wayland headers (seven -dev
// packages, 79 with their dependencies on a bare Debian); for js they
// need neither, and type-checking Fyne from source takes 4.3 s of CPU.
var jsModules = map[string]bool{"fyne.io/fyne/v2": true}

// A loadGroup is the packages loaded from one module for one GOOS.
type loadGroup struct {
	dir   string
	js    bool
	paths []string
}

// TestProfilesMatchRealModules loads every profiled package from the real
// module, at the version the profile names, and checks every entry: roots,
// not-roots, loops, deadlocks, switches, sinks and trusted functions exist
// with the kind and signature the profile says, and every file:line a
// root, loop or deadlock cites exists in the module.
func TestProfilesMatchRealModules(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the framework modules")
	}
	versions := map[string]map[string]string{} // test module -> module path -> version
	for _, m := range testModules {
		dir := testModuleDir(t, m)
		download := exec.Command("go", "mod", "download")
		download.Dir = dir
		out, err := download.CombinedOutput()
		require.NoError(t, err, "go mod download in %s:\n%s", dir, out)
		list, err := exec.Command("go", "list", "-C", dir, "-m", "all").Output()
		require.NoError(t, err, "go list -m all in %s", dir)
		versions[m] = map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(list)), "\n") {
			if f := strings.Fields(line); len(f) >= 2 {
				versions[m][f[0]] = f[1]
			}
		}
	}

	// Each profile is loaded from the test module that requires its module
	// at the version it names; the standard library from any.
	groups := map[string]*loadGroup{}
	where := map[string]*loadGroup{} // profile name -> its group
	for _, p := range All {
		mod, version, _ := strings.Cut(p.Module, "@")
		var group *loadGroup
		for _, m := range testModules {
			if mod == "std" || versions[m][mod] == version {
				key := m + "," + strconv.FormatBool(jsModules[mod])
				if groups[key] == nil {
					groups[key] = &loadGroup{dir: testModuleDir(t, m), js: jsModules[mod]}
				}
				group = groups[key]
				break
			}
		}
		if group == nil {
			t.Errorf("profile %s was checked against %s, but no test module (%s) requires that version", p.Name, p.Module, strings.Join(testModules, ", "))
			continue
		}
		where[p.Name] = group
		group.paths = append(group.paths, packagesOf(&p)...)
	}

	// One group at a time, so that only one module's packages are in
	// memory.
	for _, g := range groups {
		// Type-checked from source: no compiling, no cgo for js, a few
		// seconds on a cold cache where export data costs minutes.
		cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedFiles | packages.NeedModule |
			packages.NeedSyntax | packages.NeedImports | packages.NeedDeps, Dir: g.dir}
		if g.js {
			cfg.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		}
		pkgs, err := packages.Load(cfg, g.paths...)
		require.NoError(t, err)
		loaded := map[string]*packages.Package{}
		byPath := map[string]*types.Package{}
		for _, p := range pkgs {
			for _, e := range p.Errors {
				t.Errorf("%s: %v", p.PkgPath, e)
			}
			loaded[p.PkgPath] = p
			byPath[p.PkgPath] = p.Types
		}
		for i := range All {
			prof := &All[i]
			if where[prof.Name] != g {
				continue
			}
			pkg := loaded[prof.Path]
			if pkg == nil || pkg.Types == nil {
				t.Errorf("profile %s: package %s not loaded", prof.Name, prof.Path)
				continue
			}
			for _, err := range checkProfile(prof, pkg.Types, byPath) {
				t.Errorf("profile %s: %v", prof.Name, err)
			}
			if strings.HasPrefix(prof.Module, "std@") && "std@"+runtime.Version() != prof.Module {
				t.Logf("profile %s cites %s; this is %s: its file:line citations are not checked", prof.Name, prof.Module, runtime.Version())
				continue
			}
			for _, err := range checkCitations(prof, pkg) {
				t.Errorf("profile %s: %v", prof.Name, err)
			}
		}
	}
}

func testModuleDir(t *testing.T, name string) string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", name))
	require.NoError(t, err)
	return dir
}

// packagesOf returns the packages a profile's entries name.
func packagesOf(p *Profile) []string {
	paths := []string{p.Path}
	add := func(name string) { paths = append(paths, packageOfName(name)) }
	for _, name := range p.Trusted {
		add(name)
	}
	for _, s := range p.Sinks {
		add(s.Name)
	}
	for _, l := range p.Loops {
		for _, d := range l.Deadlocks {
			add(d.Func)
		}
		for _, s := range l.OffWhen {
			add(s.Setter)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths)
}

// checkProfile checks a profile's entries against its package.
func checkProfile(prof *Profile, pkg *types.Package, byPath map[string]*types.Package) []error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if len(prof.Roots) > 0 && len(prof.Loops) > 0 && prof.Loops[0].Name == "event loop" {
		fail("its Roots and its first loop would both be called the event loop")
	}
	for _, l := range prof.AllLoops() {
		if l.Name == "" {
			fail("a loop has no name")
		}
		if l.Severity.String() == "unknown severity" {
			fail("loop %q: no severity", l.Name)
		}
		if len(l.Roots) == 0 {
			fail("loop %q: no roots", l.Name)
		}
		for i, c := range l.Allowed {
			if _, err := facts.ParseCategory(string(c)); err != nil {
				fail("loop %q: allowed category: %v", l.Name, err)
			}
			if slices.Contains(l.Allowed[:i], c) {
				fail("loop %q: category %s allowed twice", l.Name, c)
			}
		}
		keys := map[string]bool{}
		for _, r := range l.Roots {
			keys[r.Type+"."+r.Member] = true
			if err := checkRoot(pkg, r); err != nil {
				fail("root %s: %v", rootName(r), err)
			}
			if r.Where == "" {
				fail("root %s does not say where it runs", rootName(r))
			}
		}
		for _, d := range l.Deadlocks {
			if !resolves(byPath, d.Func) {
				fail("deadlock %s does not resolve", d.Func)
			}
			for _, from := range d.From {
				if !keys[from] {
					fail("deadlock %s: %s is not a root of loop %q", d.Func, from, l.Name)
				}
			}
			if d.Where == "" {
				fail("deadlock %s does not say why it waits", d.Func)
			}
		}
		for _, s := range l.OffWhen {
			if err := checkSwitch(pkg, byPath, s); err != nil {
				fail("switch %s: %v", s.Setter, err)
			}
		}
	}
	for _, l := range prof.Loops {
		if l.Where == "" {
			fail("loop %q does not say what runs it", l.Name)
		}
	}
	for _, nr := range prof.NotRoots {
		if err := checkNotRoot(pkg, prof, nr); err != nil {
			fail("non-root %s: %v", notRootName(nr), err)
		}
		if nr.Where == "" {
			fail("non-root %s does not say where it runs", notRootName(nr))
		}
	}
	for _, s := range prof.Sinks {
		if !resolves(byPath, s.Name) {
			fail("sink %s does not resolve", s.Name)
		}
		if _, err := facts.ParseCategory(string(s.Category)); err != nil {
			fail("sink %s: %v", s.Name, err)
		}
		if s.Where == "" {
			fail("sink %s does not say what it waits for", s.Name)
		}
	}
	for _, name := range prof.Trusted {
		if !resolves(byPath, name) {
			fail("trusted %s does not resolve", name)
		}
	}
	return errs
}

func lookup(pkg *types.Package, typ, member string) (types.Object, *types.TypeName) {
	tn, _ := pkg.Scope().Lookup(strings.TrimPrefix(typ, "*")).(*types.TypeName)
	if tn == nil {
		return nil, nil
	}
	recv := types.Type(tn.Type())
	if strings.HasPrefix(typ, "*") {
		recv = types.NewPointer(recv)
	}
	obj, _, _ := types.LookupFieldOrMethod(recv, true, pkg, member)
	return obj, tn
}

func checkRoot(pkg *types.Package, r Root) error {
	if r.Kind == FuncArg {
		if r.Type != "" {
			return errorf("a FuncArg root has no type, not %s", r.Type)
		}
		fn, ok := pkg.Scope().Lookup(r.Member).(*types.Func)
		if !ok {
			return errorf("no function %s", r.Member)
		}
		params := fn.Type().(*types.Signature).Params()
		if r.Param >= params.Len() {
			return errorf("no parameter %d", r.Param)
		}
		switch t := params.At(r.Param).Type().Underlying().(type) {
		case *types.Signature:
		case *types.Interface:
			if !t.Empty() {
				return errorf("parameter %d is a %s, not a function or any", r.Param, params.At(r.Param).Type())
			}
		default:
			return errorf("parameter %d is a %s, not a function", r.Param, params.At(r.Param).Type())
		}
		return nil
	}
	obj, tn := lookup(pkg, r.Type, r.Member)
	if tn == nil {
		return errorf("no type %s", r.Type)
	}
	switch r.Kind {
	case InterfaceMethod, MethodResult:
		if _, ok := tn.Type().Underlying().(*types.Interface); !ok {
			return errorf("%s is not an interface", r.Type)
		}
		fn, ok := obj.(*types.Func)
		if !ok {
			return errorf("no method %s", r.Member)
		}
		if r.Kind == MethodResult {
			results := fn.Type().(*types.Signature).Results()
			if results.Len() != 1 {
				return errorf("%s returns %d values, not one function", r.Member, results.Len())
			}
			if _, ok := results.At(0).Type().Underlying().(*types.Signature); !ok {
				return errorf("%s returns a %s, not a function", r.Member, results.At(0).Type())
			}
		}
	case FuncField:
		v, ok := obj.(*types.Var)
		if !ok || !v.IsField() {
			return errorf("no field %s", r.Member)
		}
		if _, ok := v.Type().Underlying().(*types.Signature); !ok {
			return errorf("field %s is a %s, not a function", r.Member, v.Type())
		}
	case FuncParam:
		fn, ok := obj.(*types.Func)
		if !ok {
			return errorf("no method %s", r.Member)
		}
		params := fn.Type().(*types.Signature).Params()
		if r.Param >= params.Len() {
			return errorf("no parameter %d", r.Param)
		}
		if _, ok := params.At(r.Param).Type().Underlying().(*types.Signature); !ok {
			return errorf("parameter %d is a %s, not a function", r.Param, params.At(r.Param).Type())
		}
	default:
		return errorf("unknown kind %d", r.Kind)
	}
	return nil
}

func checkNotRoot(pkg *types.Package, prof *Profile, nr NotRoot) error {
	switch {
	case nr.Kind != 0:
		return checkRoot(pkg, Root{Kind: nr.Kind, Type: nr.Type, Member: nr.Member, Param: nr.Param})
	case nr.Type != "" && nr.Member == "":
		tn, _ := pkg.Scope().Lookup(nr.Type).(*types.TypeName)
		if tn == nil {
			return errorf("no type %s", nr.Type)
		}
		if _, ok := tn.Type().Underlying().(*types.Signature); !ok {
			return errorf("%s is not a function type", nr.Type)
		}
	case nr.Type != "":
		if obj, _ := lookup(pkg, nr.Type, nr.Member); obj == nil {
			return errorf("no member %s of %s", nr.Member, nr.Type)
		}
	default:
		var roots []Root
		for _, l := range prof.AllLoops() {
			roots = append(roots, l.Roots...)
		}
		if !hasMember(pkg, roots, nr.Member) {
			return errorf("not a member of the roots' types")
		}
	}
	return nil
}

// checkSwitch checks that a switch's setter takes a value of the type
// the field holds, and that the value is a constant of that type.
func checkSwitch(pkg *types.Package, byPath map[string]*types.Package, s Switch) error {
	fn := resolve(byPath, s.Setter)
	if fn == nil {
		return errorf("setter does not resolve")
	}
	params := fn.Type().(*types.Signature).Params()
	if s.Param >= params.Len() {
		return errorf("no parameter %d", s.Param)
	}
	typ := params.At(s.Param).Type()
	if s.Field != "" {
		typeName, field, _ := strings.Cut(s.Field, ".")
		v, ok := func() (*types.Var, bool) { o, _ := lookup(pkg, typeName, field); v, ok := o.(*types.Var); return v, ok }()
		if !ok || !v.IsField() {
			return errorf("no field %s", s.Field)
		}
		if !types.Identical(v.Type(), typ) {
			return errorf("field %s is a %s, the setter takes a %s", s.Field, v.Type(), typ)
		}
	}
	tv, err := types.Eval(token.NewFileSet(), pkg, token.NoPos, s.Value)
	if err != nil || tv.Value == nil {
		return errorf("value %q is not a constant: %v", s.Value, err)
	}
	if !types.AssignableTo(tv.Type, typ) {
		return errorf("value %q is a %s, not a %s", s.Value, tv.Type, typ)
	}
	if s.Where == "" {
		return errorf("does not say where it is read")
	}
	return nil
}

func hasMember(pkg *types.Package, roots []Root, member string) bool {
	for _, r := range roots {
		if obj, _ := lookup(pkg, r.Type, member); obj != nil {
			return true
		}
	}
	return false
}

// packageOfName returns the package path of a full name.
func packageOfName(name string) string {
	if strings.HasPrefix(name, "(") {
		recv := strings.TrimPrefix(name[1:strings.Index(name, ")")], "*")
		return recv[:strings.LastIndex(recv, ".")]
	}
	return name[:strings.LastIndex(name, ".")]
}

// resolve returns the function or method a full name ("(*pkg.T).M",
// "(pkg.I).M", "pkg.F") names in a loaded package, or nil.
func resolve(byPath map[string]*types.Package, name string) *types.Func {
	if strings.HasPrefix(name, "(") {
		end := strings.Index(name, ")")
		recv, member := name[1:end], name[end+2:]
		dot := strings.LastIndex(recv, ".")
		pkg := byPath[strings.TrimPrefix(recv[:dot], "*")]
		if pkg == nil {
			return nil
		}
		typ := recv[dot+1:]
		if strings.HasPrefix(recv, "*") {
			typ = "*" + typ
		}
		obj, _ := lookup(pkg, typ, member)
		if fn, ok := obj.(*types.Func); ok && fn.FullName() == name {
			return fn
		}
		return nil
	}
	dot := strings.LastIndex(name, ".")
	pkg := byPath[name[:dot]]
	if pkg == nil {
		return nil
	}
	if fn, ok := pkg.Scope().Lookup(name[dot+1:]).(*types.Func); ok && fn.FullName() == name {
		return fn
	}
	return nil
}

// resolves reports whether a full name names a function or method of a
// loaded package.
func resolves(byPath map[string]*types.Package, name string) bool {
	return resolve(byPath, name) != nil
}

// citation matches "file.go:12", "file.go:12-15" and, after one of those,
// ":40" for another line of the same file.
var citation = regexp.MustCompile(`([A-Za-z0-9_./-]+\.go)?:(\d+)(?:-(\d+))?`)

// checkCitations checks that every file:line a profile's loops, roots,
// deadlocks, switches, sinks and not-roots cite exists in the module at the
// version loaded: the file is in the package's directory or the module's,
// and has that many lines.
func checkCitations(prof *Profile, pkg *packages.Package) []error {
	var errs []error
	if len(pkg.GoFiles) == 0 {
		return []error{errorf("package %s has no files", pkg.PkgPath)}
	}
	pkgDir := filepath.Dir(pkg.GoFiles[0])
	modDir := filepath.Join(runtime.GOROOT(), "src")
	if pkg.Module != nil {
		modDir = pkg.Module.Dir
	}
	lines := map[string]int{}
	countLines := func(cited string) (int, error) {
		if n, ok := lines[cited]; ok {
			return n, nil
		}
		path, err := findCited(pkgDir, modDir, cited)
		if err != nil {
			return 0, err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return 0, err
		}
		lines[cited] = strings.Count(string(data), "\n") + 1
		return lines[cited], nil
	}
	check := func(what, text string) {
		file := ""
		for _, m := range citation.FindAllStringSubmatch(text, -1) {
			if m[1] != "" {
				file = m[1]
			}
			if file == "" {
				errs = append(errs, errorf("%s: line %s cited before any file", what, m[2]))
				continue
			}
			n, err := countLines(file)
			if err != nil {
				errs = append(errs, errorf("%s: %v", what, err))
				continue
			}
			from, _ := strconv.Atoi(m[2])
			to := from
			if m[3] != "" {
				to, _ = strconv.Atoi(m[3])
			}
			if from < 1 || to < from || to > n {
				errs = append(errs, errorf("%s: %s:%s is outside the file's %d lines", what, file, strings.TrimPrefix(m[0], m[1]+":"), n))
			}
		}
	}
	for _, l := range prof.Loops {
		check("loop "+l.Name, l.Where)
		for _, r := range l.Roots {
			check("root "+rootName(r), r.Where)
		}
		for _, d := range l.Deadlocks {
			check("deadlock "+d.Func, d.Where)
		}
		for _, s := range l.OffWhen {
			check("switch "+s.Setter, s.Where)
		}
	}
	for _, s := range prof.Sinks {
		check("sink "+s.Name, s.Where)
	}
	for _, nr := range prof.NotRoots {
		check("non-root "+notRootName(nr), nr.Where)
	}
	return errs
}

// findCited finds a cited file: in the package's directory, in the
// module's, or as the one file of the module whose path ends with it.
func findCited(pkgDir, modDir, cited string) (string, error) {
	for _, dir := range []string{pkgDir, modDir} {
		path := filepath.Join(dir, filepath.FromSlash(cited))
		if _, err := os.Stat(path); err == nil {
			return path, nil
		}
	}
	var found []string
	suffix := string(filepath.Separator) + filepath.FromSlash(cited)
	_ = filepath.WalkDir(modDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, suffix) {
			found = append(found, path)
		}
		return nil
	})
	if len(found) != 1 {
		return "", errorf("cited file %s: %d matches in %s", cited, len(found), modDir)
	}
	return found[0], nil
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "all", want: Default().String()},
		{in: "none", want: "none"},
		{in: "gnet,evio", want: "gnet,evio"},
		{in: "evio, gnet", want: "gnet,evio"},
		{in: "raft,bubbletea/v2", want: "bubbletea/v2,raft"},
		{in: "", err: "empty profile list"},
		{in: "netty", err: `unknown profile "netty" (known: gnet, gnet/v1, evio, nbio, ants, go-msgpack, errgroup, bubbletea, bubbletea/v2, tview, `},
	} {
		s, err := Parse(tc.in)
		if tc.err != "" {
			require.Error(t, err, tc.in)
			assert.Contains(t, err.Error(), tc.err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, s.String(), tc.in)
	}
}

// TestProfileNames requires names -profiles can tell apart, and no more
// profiles than a Set holds.
func TestProfileNames(t *testing.T) {
	names := Names()
	require.LessOrEqual(t, len(names), 32, "a Set is a uint32")
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	assert.Len(t, slices.Compact(sorted), len(names), "duplicate profile names: %v", names)
	for _, n := range names {
		assert.NotContains(t, n, ",", "profile name %q", n)
		assert.NotContains(t, []string{"all", "none"}, n)
	}
}

// TestAllLoops checks the loop AllLoops makes of a profile's Roots.
func TestAllLoops(t *testing.T) {
	byName := map[string]*Profile{}
	for i := range All {
		byName[All[i].Name] = &All[i]
	}
	gnet := byName["gnet"].AllLoops()
	require.Len(t, gnet, 1)
	assert.Equal(t, SingleLoop, gnet[0].Severity)
	assert.Equal(t, byName["gnet"].Roots, gnet[0].Roots)
	assert.Nil(t, gnet[0].Allowed, "the Roots form checks every category")

	nbio := byName["nbio"].AllLoops()
	require.Len(t, nbio, 2)
	assert.Equal(t, []Severity{SingleLoop, SharedSerializer}, []Severity{nbio[0].Severity, nbio[1].Severity})

	raft := byName["raft"].AllLoops()
	require.Len(t, raft, 1)
	assert.Equal(t, byName["raft"].Loops, raft)
	assert.Empty(t, byName["errgroup"].AllLoops())
}

func TestSeverityString(t *testing.T) {
	assert.Equal(t, "single shared loop", SingleLoop.String())
	assert.Equal(t, "shared serializer", SharedSerializer.String())
	assert.Equal(t, "per-handler dispatcher", PerHandlerDispatcher.String())
	assert.Equal(t, "caller-latency contract", CallerLatency.String())
	assert.Equal(t, "unknown severity", Severity(0).String())
}
