package profiles

import (
	"fmt"
	"go/types"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"
)

// TestProfilesMatchRealModules loads every profiled package from the real
// module, at the version the profile names (testdata/frameworks requires
// them), and checks each root, non-root and trusted entry: the type and
// member exist, have the kind the profile says, and callbacks are
// function-typed.
func TestProfilesMatchRealModules(t *testing.T) {
	if testing.Short() {
		t.Skip("needs the framework modules")
	}
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "frameworks"))
	if err != nil {
		t.Fatal(err)
	}
	download := exec.Command("go", "mod", "download")
	download.Dir = dir
	if out, err := download.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	// The module requires each framework at the version its profile names.
	list, err := exec.Command("go", "list", "-C", dir, "-m", "all").Output()
	if err != nil {
		t.Fatalf("go list -m all: %v", err)
	}
	for _, p := range All {
		mod := strings.Replace(p.Module, "@", " ", 1)
		if !strings.Contains(string(list), mod+"\n") {
			t.Errorf("profile %s was checked against %s, but testdata/frameworks uses another version:\n%s", p.Name, p.Module, list)
		}
	}

	var paths []string
	for _, p := range All {
		paths = append(paths, p.Path)
		for _, name := range p.Trusted {
			paths = append(paths, trustedPackage(name))
		}
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: dir}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*types.Package{}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		byPath[p.PkgPath] = p.Types
	}
	for _, prof := range All {
		pkg := byPath[prof.Path]
		if pkg == nil {
			t.Errorf("profile %s: package %s not loaded", prof.Name, prof.Path)
			continue
		}
		for _, r := range prof.Roots {
			if err := checkRoot(pkg, r); err != nil {
				t.Errorf("profile %s: root %s.%s: %v", prof.Name, r.Type, r.Member, err)
			}
			if r.Where == "" {
				t.Errorf("profile %s: root %s.%s does not say where it runs", prof.Name, r.Type, r.Member)
			}
		}
		for _, nr := range prof.NotRoots {
			if !hasMember(pkg, prof.Roots, nr.Member) {
				t.Errorf("profile %s: non-root %s is not a member of the roots' types", prof.Name, nr.Member)
			}
		}
		for _, name := range prof.Trusted {
			if !resolves(byPath, name) {
				t.Errorf("profile %s: trusted %s does not resolve", prof.Name, name)
			}
		}
	}
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
	obj, tn := lookup(pkg, r.Type, r.Member)
	if tn == nil {
		return errorf("no type %s", r.Type)
	}
	switch r.Kind {
	case InterfaceMethod:
		if _, ok := tn.Type().Underlying().(*types.Interface); !ok {
			return errorf("%s is not an interface", r.Type)
		}
		if _, ok := obj.(*types.Func); !ok {
			return errorf("no method %s", r.Member)
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

func hasMember(pkg *types.Package, roots []Root, member string) bool {
	for _, r := range roots {
		if obj, _ := lookup(pkg, r.Type, member); obj != nil {
			return true
		}
	}
	return false
}

// trustedPackage returns the package path of a full name.
func trustedPackage(name string) string {
	if strings.HasPrefix(name, "(") {
		recv := strings.TrimPrefix(name[1:strings.Index(name, ")")], "*")
		return recv[:strings.LastIndex(recv, ".")]
	}
	return name[:strings.LastIndex(name, ".")]
}

// resolves reports whether a full name ("(*pkg.T).M", "(pkg.I).M",
// "pkg.F") names a function or method of a loaded package.
func resolves(byPath map[string]*types.Package, name string) bool {
	if strings.HasPrefix(name, "(") {
		end := strings.Index(name, ")")
		recv, member := name[1:end], name[end+2:]
		dot := strings.LastIndex(recv, ".")
		pkg := byPath[strings.TrimPrefix(recv[:dot], "*")]
		if pkg == nil {
			return false
		}
		typ := recv[dot+1:]
		if strings.HasPrefix(recv, "*") {
			typ = "*" + typ
		}
		obj, _ := lookup(pkg, typ, member)
		fn, ok := obj.(*types.Func)
		return ok && fn.FullName() == name
	}
	dot := strings.LastIndex(name, ".")
	pkg := byPath[name[:dot]]
	if pkg == nil {
		return false
	}
	fn, ok := pkg.Scope().Lookup(name[dot+1:]).(*types.Func)
	return ok && fn.FullName() == name
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
		{in: "", err: "empty profile list"},
		{in: "netty", err: `unknown profile "netty" (known: gnet, gnet/v1, evio, nbio, ants, errgroup)`},
	} {
		s, err := Parse(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || s.String() != tc.want {
			t.Errorf("%q: got %v, %v; want %s", tc.in, s, err, tc.want)
		}
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
	assert.Empty(t, byName["errgroup"].AllLoops())
}

func TestSeverityString(t *testing.T) {
	assert.Equal(t, "single shared loop", SingleLoop.String())
	assert.Equal(t, "shared serializer", SharedSerializer.String())
	assert.Equal(t, "per-handler dispatcher", PerHandlerDispatcher.String())
	assert.Equal(t, "caller-latency contract", CallerLatency.String())
	assert.Equal(t, "unknown severity", Severity(0).String())
}
