package facts

import (
	"path/filepath"
	"strings"
	"sync"
)

// StdSink is one entry of the standard-library knowledge: a function or
// method known to block, by its full name as types.Func.FullName spells it:
//
//	net.Dial                  package-level function
//	(*net.Dialer).DialContext method on a pointer receiver
//	(net.Conn).Read           interface method
//	(*database/sql.DB).Query  the package is named by its full path
//
// Methods are keyed by the type that declares them: a method promoted from
// an unexported embedded type (net.TCPConn's Read comes from net.conn) is
// listed under that type, because that is the object a call resolves to.
type StdSink struct {
	Name     string
	Category Category
}

var (
	stdIndexOnce sync.Once
	stdIndex     map[string]Category
)

// LookupStd returns the category of the standard-library (or
// golang.org/x/sys/unix) function or method with the given full name, if the
// table knows it to block.
func LookupStd(fullName string) (Category, bool) {
	stdIndexOnce.Do(func() {
		stdIndex = make(map[string]Category, len(stdSinks))
		for _, s := range stdSinks {
			stdIndex[s.Name] = s.Category
		}
	})
	c, ok := stdIndex[fullName]
	return c, ok
}

// StdSinks returns a copy of the table, in table order.
func StdSinks() []StdSink {
	return append([]StdSink(nil), stdSinks...)
}

// PackageOf returns the package path of a full name: "example.com/p.F",
// "(*example.com/p.T).M", "(example.com/p.I).M".
func PackageOf(fullName string) string {
	name := fullName
	if strings.HasPrefix(name, "(") {
		end := strings.Index(name, ")")
		if end < 0 {
			return ""
		}
		name = strings.TrimPrefix(name[1:end], "*")
	}
	if i := strings.LastIndex(name, "."); i > strings.LastIndex(name, "/") {
		return name[:i]
	}
	return name
}

// IsStdPath reports whether an import path is the standard library's: its
// first element has no dot.
func IsStdPath(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// XSysUnix is the one package outside the standard library that the table
// also answers for.
const XSysUnix = "golang.org/x/sys/unix"

// InTable reports whether the table answers for functions of the package
// with this import path: the standard library's, and golang.org/x/sys/unix.
func InTable(path string) bool { return path == XSysUnix || IsStdPath(path) }

// AnsweredByTable reports whether the table answers for a whole package,
// so that it is not analyzed at all: golang.org/x/sys/unix, and a package
// of the standard library. A package belongs to the standard library when
// it belongs to no module (module is ""), the first element of its path
// has no dot, and one of the directories of its files is laid out as
// std's are, GOROOT/src/<path>. Code in a module is always analyzed, even
// in a module named without a dot ("module myapp"), and so are files named
// on the command line (package command-line-arguments, in no module).
//
// Both the analyzer (from its pass) and the go vet driver (from the vet
// configuration, before parsing anything) decide by this rule.
func AnsweredByTable(path, module string, fileDirs []string) bool {
	if path == XSysUnix {
		return true
	}
	if module != "" || !IsStdPath(path) {
		return false
	}
	suffix := string(filepath.Separator) + filepath.Join("src", filepath.FromSlash(path))
	for _, dir := range fileDirs {
		if strings.HasSuffix(filepath.Clean(dir), suffix) {
			return true
		}
	}
	return false
}
