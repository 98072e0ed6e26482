package facts

import (
	"fmt"
	"go/types"
	"os"
	"sort"
	"strings"
	"testing"

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
	if len(malformed) > 0 {
		t.Fatalf("malformed keys:\n\t%s", strings.Join(malformed, "\n\t"))
	}
	sort.Strings(paths)

	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes,
		Env:  append(os.Environ(), "GOOS=linux", "GOARCH=amd64"),
	}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		t.Fatalf("packages.Load: %v", err)
	}
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
	if len(loadErrs) > 0 {
		// golang.org/x/sys is required by go.mod only for this test, which
		// loads it with go list rather than importing it, so `go mod tidy`
		// drops it; `go get golang.org/x/sys@v0.49.0` puts it back.
		t.Errorf("cannot load some of the table's packages; their keys are not checked "+
			"(is golang.org/x/sys in go.mod?):\n\t%s", strings.Join(loadErrs, "\n\t"))
	}

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
			for _, i := range LookupStdCallbacks(s.Name) {
				if i >= params.Len() {
					missing = append(missing, fmt.Sprintf("%s: has no parameter %d", s.Name, i))
				} else if _, ok := params.At(i).Type().Underlying().(*types.Signature); !ok {
					missing = append(missing, fmt.Sprintf("%s: parameter %d is a %s, not a function", s.Name, i, params.At(i).Type()))
				}
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d keys do not resolve:\n\t%s", len(missing), len(allStdKeys()), strings.Join(missing, "\n\t"))
	}
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
	if len(dups) > 0 {
		t.Errorf("duplicate keys:\n\t%s", strings.Join(dups, "\n\t"))
	}
	if got := len(StdSinks()); got != len(stdSinks) {
		t.Errorf("StdSinks() has %d rows, table has %d", got, len(stdSinks))
	}
}

func TestStdTableCoversCategories(t *testing.T) {
	// Categories that are not function calls have no rows.
	noRows := map[Category]bool{Chan: true, Cgo: true, User: true}

	count := map[Category]int{}
	for _, s := range stdSinks {
		if _, err := ParseCategory(string(s.Category)); err != nil {
			t.Errorf("%s: %v", s.Name, err)
		}
		if noRows[s.Category] {
			t.Errorf("%s: category %s must not have table rows", s.Name, s.Category)
		}
		count[s.Category]++
	}
	for _, c := range AllCategories() {
		if !noRows[c] && count[c] == 0 {
			t.Errorf("category %s has no rows", c)
		}
	}

	must := []struct {
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
	}
	for _, m := range must {
		got, ok := LookupStd(m.name)
		if !ok {
			t.Errorf("LookupStd(%q): missing, want %s", m.name, m.cat)
		} else if got != m.cat {
			t.Errorf("LookupStd(%q) = %s, want %s", m.name, got, m.cat)
		}
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
		if c, ok := LookupStd(name); ok {
			t.Errorf("LookupStd(%q) = %s, want not listed", name, c)
		}
	}
}
