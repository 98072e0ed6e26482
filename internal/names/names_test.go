package names_test

import (
	"go/ast"
	"go/types"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/blockcheck/blockcheck/internal/names"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

func TestNames(t *testing.T) {
	p := testsrc.Load(t, "names", `package names

import "net"

type Server struct{}

func (*Server) flush() {}
func (Server) Name() string { return "" }
func Serve() {}

func use(c net.Conn) { c.Read(nil) }
`)
	for name, want := range map[string][2]string{
		"Serve":        {"Serve", "names.Serve"},
		"Server.flush": {"(*Server).flush", "names.(*Server).flush"},
		"Server.Name":  {"Server.Name", "names.Server.Name"},
	} {
		fn := p.Func(t, name)
		assert.Equal(t, want[0], names.Local(fn), name)
		assert.Equal(t, want[1], names.Qualified(fn), name)
	}
	var read *ast.SelectorExpr
	ast.Inspect(p.Files[0], func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok && s.Sel.Name == "Read" {
			read = s
		}
		return true
	})
	assert.Equal(t, "c.Read", names.Expr(read))
	fn := p.Info.Selections[read].Obj().(*types.Func)
	assert.Equal(t, "net.Conn.Read", names.Qualified(fn), "an interface method is named by its interface")
	assert.False(t, names.IsCgo(fn))
}

func TestClip(t *testing.T) {
	assert.Equal(t, "short", names.Clip("short"))
	long := strings.Repeat("é", 40) // 80 bytes
	c := names.Clip(long)
	assert.True(t, strings.HasSuffix(c, "…"))
	assert.LessOrEqual(t, len(c), 60+len("…"))
	assert.True(t, strings.HasPrefix(long, strings.TrimSuffix(c, "…")), "cut on a rune boundary")
}

func TestIsTestEntry(t *testing.T) {
	for _, name := range []string{"TestX", "BenchmarkX", "FuzzX", "ExampleX"} {
		assert.True(t, names.IsTestEntry(name), name)
	}
	assert.False(t, names.IsTestEntry("Serve"))
}
