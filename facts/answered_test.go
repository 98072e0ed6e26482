package facts

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAnsweredByTable(t *testing.T) {
	goroot := filepath.FromSlash("/usr/local/go/src")
	for _, tc := range []struct {
		path, module string
		dirs         []string
		want         bool
	}{
		{"fmt", "", []string{filepath.Join(goroot, "fmt")}, true},
		{"net/http", "", []string{filepath.Join(goroot, "net", "http")}, true},
		{"vendor/golang.org/x/net/dns/dnsmessage", "", []string{filepath.Join(goroot, "vendor", "golang.org", "x", "net", "dns", "dnsmessage")}, true},
		// cgo output lives elsewhere; one file in the layout is enough.
		{"net", "", []string{"/tmp/go-build1/b001", filepath.Join(goroot, "net")}, true},
		{XSysUnix, "golang.org/x/sys", []string{"/mod/golang.org/x/sys@v0.49.0/unix"}, true},
		// A module without a dot in its name is analyzed.
		{"myapp/server", "myapp", []string{"/home/u/myapp/src/myapp/server"}, false},
		// Files named on the command line.
		{"command-line-arguments", "", []string{"/home/u/x"}, false},
		// A std-looking path outside GOROOT's layout.
		{"fmt", "", []string{"/home/u/fmt"}, false},
		{"example.com/fmt", "", []string{filepath.Join("/", "src", "example.com", "fmt")}, false},
		{"golang.org/x/sys/windows", "golang.org/x/sys", []string{"/mod/golang.org/x/sys@v0.49.0/windows"}, false},
	} {
		assert.Equal(t, tc.want, AnsweredByTable(tc.path, tc.module, tc.dirs), "%s in module %q, %v", tc.path, tc.module, tc.dirs)
	}
}
