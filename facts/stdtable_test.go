package facts

import (
	"fmt"
	"go/types"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/packages"
)

// splitStdKey splits a table key into the package path, the receiver type
// name ("" for a package-level function), whether the receiver is a pointer,
// and the function or method name.
func splitStdKey(key string) (pkgPath, typeName string, ptr bool, name string, ok bool) {
	if strings.HasPrefix(key, "(") {
		end := strings.Index(key, ")")
		if end < 0 || end+2 > len(key) || key[end+1] != '.' {
			return "", "", false, "", false
		}
		recv, name := key[1:end], key[end+2:]
		if strings.HasPrefix(recv, "*") {
			ptr, recv = true, recv[1:]
		}
		dot := strings.LastIndex(recv, ".")
		if dot <= 0 || dot == len(recv)-1 || name == "" {
			return "", "", false, "", false
		}
		return recv[:dot], recv[dot+1:], ptr, name, true
	}
	dot := strings.LastIndex(key, ".")
	if dot <= 0 || dot == len(key)-1 || strings.Contains(key[:dot], "(") {
		return "", "", false, "", false
	}
	return key[:dot], "", false, key[dot+1:], true
}

// allStdKeys returns the keys of every standard-library table: blocking
// operations and functions that call their arguments.
func allStdKeys() []string {
	var keys []string
	for _, s := range stdSinks {
		keys = append(keys, s.Name)
	}
	for _, c := range stdCallbacks {
		keys = append(keys, c.Name)
	}
	for _, w := range streamWrappers {
		keys = append(keys, w.Name)
	}
	for _, s := range streamIO {
		keys = append(keys, s.Name)
	}
	return keys
}

// TestStdTableResolves loads every package the table names, for
// linux/amd64, and checks that every key names a real function or method
// whose types.Func.FullName is exactly the key.
func TestStdTableResolves(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with go list")
	}

	var paths []string
	seen := map[string]bool{}
	var malformed []string
	for _, name := range allStdKeys() {
		p, _, _, _, ok := splitStdKey(name)
		if !ok {
			malformed = append(malformed, name)
			continue
		}
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	require.Empty(t, malformed, "malformed keys")
	sort.Strings(paths)

	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Env:  append(os.Environ(), "GOOS=linux", "GOARCH=amd64"),
	}
	pkgs, err := packages.Load(cfg, paths...)
	require.NoError(t, err, "packages.Load")
	byPath := map[string]*types.Package{}
	failed := map[string]bool{}
	var loadErrs []string
	for _, p := range pkgs {
		for _, e := range p.Errors {
			failed[p.PkgPath] = true
			loadErrs = append(loadErrs, p.PkgPath+": "+e.Error())
		}
		if p.Types != nil && !failed[p.PkgPath] {
			byPath[p.PkgPath] = p.Types
		}
	}
	for _, p := range paths {
		if byPath[p] == nil && !failed[p] {
			loadErrs = append(loadErrs, p+": not loaded")
		}
	}
	// golang.org/x/sys is required by go.mod only for this test, which
	// loads it with go list rather than importing it, so `go mod tidy`
	// drops it; `go get golang.org/x/sys@v0.49.0` puts it back.
	assert.Empty(t, loadErrs, "cannot load some of the table's packages; their keys are not checked (is golang.org/x/sys in go.mod?)")

	var missing []string
	for _, key := range allStdKeys() {
		s := StdSink{Name: key}
		p, typeName, ptr, name, _ := splitStdKey(s.Name)
		pkg := byPath[p]
		if pkg == nil {
			continue // reported above
		}
		var obj types.Object
		if typeName == "" {
			obj = pkg.Scope().Lookup(name)
		} else {
			tn, _ := pkg.Scope().Lookup(typeName).(*types.TypeName)
			if tn == nil {
				missing = append(missing, s.Name+": no type "+p+"."+typeName)
				continue
			}
			recv := types.Type(tn.Type())
			if ptr {
				recv = types.NewPointer(recv)
			}
			obj, _, _ = types.LookupFieldOrMethod(recv, true, pkg, name)
		}
		fn, _ := obj.(*types.Func)
		switch {
		case obj == nil:
			missing = append(missing, s.Name+": not found")
		case fn == nil:
			missing = append(missing, s.Name+": is not a function or method but "+obj.String())
		case fn.FullName() != s.Name:
			missing = append(missing, s.Name+": resolves to "+fn.FullName())
		default:
			// A callback entry must name function-typed parameters.
			params := fn.Type().(*types.Signature).Params()
			if rs := LookupStdReturns(s.Name); len(rs) > 0 {
				if res := fn.Type().(*types.Signature).Results(); res.Len() == 0 {
					missing = append(missing, s.Name+": returns nothing, so it cannot return a function")
				} else if _, ok := res.At(0).Type().Underlying().(*types.Signature); !ok {
					missing = append(missing, fmt.Sprintf("%s: returns a %s, not a function", s.Name, res.At(0).Type()))
				}
			}
			for _, i := range append(LookupStdCallbacks(s.Name), LookupStdReturns(s.Name)...) {
				if i >= params.Len() {
					missing = append(missing, fmt.Sprintf("%s: has no parameter %d", s.Name, i))
				} else if _, ok := params.At(i).Type().Underlying().(*types.Signature); !ok {
					missing = append(missing, fmt.Sprintf("%s: parameter %d is a %s, not a function", s.Name, i, params.At(i).Type()))
				}
			}
		}
	}
	assert.Empty(t, missing, "%d of %d keys do not resolve", len(missing), len(allStdKeys()))
}

func TestStdTableNoDuplicates(t *testing.T) {
	seen := map[string]Category{}
	var dups []string
	for _, s := range stdSinks {
		if c, ok := seen[s.Name]; ok {
			dups = append(dups, s.Name+" ("+string(c)+", "+string(s.Category)+")")
		}
		seen[s.Name] = s.Category
	}
	assert.Empty(t, dups, "duplicate keys")
	assert.Equal(t, stdSinks, StdSinks())
}

func TestStdTableCoversCategories(t *testing.T) {
	// Categories that are not function calls have no rows.
	noRows := map[Category]bool{Chan: true, Cgo: true, User: true, Deadlock: true}

	count := map[Category]int{}
	for _, s := range stdSinks {
		_, err := ParseCategory(string(s.Category))
		assert.NoError(t, err, s.Name)
		assert.False(t, noRows[s.Category], "%s: category %s must not have table rows", s.Name, s.Category)
		count[s.Category]++
	}
	for _, c := range AllCategories() {
		if !noRows[c] {
			assert.NotZero(t, count[c], "category %s has no rows", c)
		}
	}
}

type stdCategoryRule struct {
	pkgs  []string // package paths
	recv  string   // the receiver's type name; "" matches functions and methods alike
	names []string // function or method names; nil matches any
	want  Category
}

func (r stdCategoryRule) matches(pkg, recv, name string) bool {
	return slices.Contains(r.pkgs, pkg) && (r.recv == "" || r.recv == recv) && (r.names == nil || slices.Contains(r.names, name))
}

// stdCategoryRules give the category of every row of the table from its
// name alone, independently of the row's own category column: by package,
// with the exceptions listed first. The first rule that matches a row
// decides. A row in a package no rule names fails the test, so a new
// package gets a rule here.
var stdCategoryRules = []stdCategoryRule{
	// os: files, except processes.
	{pkgs: []string{"os"}, recv: "Process", want: Exec},
	{pkgs: []string{"os"}, names: []string{"StartProcess"}, want: Exec},
	{pkgs: []string{"os", "io/ioutil", "path/filepath"}, want: File},
	{pkgs: []string{"os/exec"}, want: Exec},
	{pkgs: []string{"net", "net/http", "net/rpc", "net/rpc/jsonrpc", "net/smtp", "net/textproto", "crypto/tls", "log/syslog"}, want: Net},
	{pkgs: []string{"database/sql"}, want: SQL},
	{pkgs: []string{"syscall", "golang.org/x/sys/unix"}, want: Syscall},
	{pkgs: []string{"time"}, names: []string{"Sleep"}, want: Sleep},
	// sync: acquiring a lock, and waiting for others.
	{pkgs: []string{"sync"}, names: []string{"Lock", "RLock"}, want: Lock},
	{pkgs: []string{"sync"}, names: []string{"Wait"}, want: Sync},
}

// TestStdTableCategoryRules checks the category of every row against
// stdCategoryRules, and that every rule is used.
func TestStdTableCategoryRules(t *testing.T) {
	used := make([]int, len(stdCategoryRules))
	for _, s := range stdSinks {
		pkg, recv, _, name, ok := splitStdKey(s.Name)
		require.True(t, ok, "malformed key %s", s.Name)
		rule := slices.IndexFunc(stdCategoryRules, func(r stdCategoryRule) bool { return r.matches(pkg, recv, name) })
		if !assert.GreaterOrEqual(t, rule, 0, "%s: no rule gives its category (package %s)", s.Name, pkg) {
			continue
		}
		used[rule]++
		assert.Equal(t, stdCategoryRules[rule].want, s.Category, "%s: category", s.Name)
	}
	for i, n := range used {
		assert.NotZero(t, n, "rule %d (%v) matches no row", i, stdCategoryRules[i])
	}
}

// TestLookupStd checks the table's index for a sample of rows.
func TestLookupStd(t *testing.T) {
	for _, m := range []struct {
		name string
		cat  Category
	}{
		{"net.Dial", Net},
		{"(*net.Dialer).DialContext", Net},
		{"(*net.conn).Read", Net},
		{"(*net.conn).Write", Net},
		{"(net.Conn).Read", Net},
		{"(net.Conn).Write", Net},
		{"(net.PacketConn).ReadFrom", Net},
		{"(net.Listener).Accept", Net},
		{"(*net.TCPListener).Accept", Net},
		{"net.LookupHost", Net},
		{"(*net.Resolver).LookupHost", Net},
		{"net/http.Get", Net},
		{"(*net/http.Client).Do", Net},
		{"(*net/http.Server).Shutdown", Net},
		{"crypto/tls.Dial", Net},
		{"(*crypto/tls.Conn).Handshake", Net},
		{"net/smtp.SendMail", Net},
		{"(*net/rpc.Client).Call", Net},
		{"os.Open", File},
		{"os.WriteFile", File},
		{"(*os.File).Write", File},
		{"io/ioutil.ReadFile", File},
		{"path/filepath.WalkDir", File},
		{"(*os/exec.Cmd).Run", Exec},
		{"(*os.Process).Wait", Exec},
		{"os.StartProcess", Exec},
		{"os/exec.LookPath", Exec},
		{"time.Sleep", Sleep},
		{"(*sync.WaitGroup).Wait", Sync},
		{"(*sync.Cond).Wait", Sync},
		{"(*sync.Mutex).Lock", Lock},
		{"(*sync.RWMutex).RLock", Lock},
		{"(*database/sql.DB).QueryContext", SQL},
		{"(*database/sql.Rows).Next", SQL},
		{"(*database/sql.Row).Scan", SQL},
		{"(*database/sql.Tx).Commit", SQL},
		{"syscall.Read", Syscall},
		{"syscall.Wait4", Syscall},
		{"syscall.ForkExec", Syscall},
		{"golang.org/x/sys/unix.Read", Syscall},
		{"golang.org/x/sys/unix.EpollWait", Syscall},
	} {
		got, ok := LookupStd(m.name)
		if assert.True(t, ok, "LookupStd(%q): missing, want %s", m.name, m.cat) {
			assert.Equal(t, m.cat, got, "LookupStd(%q)", m.name)
		}
	}
	for _, s := range stdSinks {
		got, ok := LookupStd(s.Name)
		assert.True(t, ok && got == s.Category, "LookupStd(%q) = %s, %v; the row says %s", s.Name, got, ok, s.Category)
	}
}

// TestStdTableExclusions lists calls that must not be in the table: they
// do not block by themselves, or they block only through an io.Reader or
// io.Writer they are given.
func TestStdTableExclusions(t *testing.T) {
	for _, name := range []string{
		"(io.Reader).Read",
		"(io.Writer).Write",
		"io.Copy",
		"io.ReadAll",
		"io/ioutil.ReadAll",
		"database/sql.Open",
		"database/sql.OpenDB",
		"(*database/sql.Rows).Scan",
		"time.Now",
		"time.After",
		"os.Getenv",
		"os.Getpid",
		"os.DirFS",
		"(*net/http.Client).CloseIdleConnections",
		"(*sync.Mutex).Unlock",
		"(*sync.WaitGroup).Add",
		"(*os/exec.Cmd).StdoutPipe",
		// Keyed by the declaring type, never by the embedding one.
		"(*net.TCPConn).Read",
		"(*net.UDPConn).Write",
	} {
		c, ok := LookupStd(name)
		assert.False(t, ok, "LookupStd(%q) = %s, want not listed", name, c)
	}
}
