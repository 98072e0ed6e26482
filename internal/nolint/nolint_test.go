package nolint_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/internal/nolint"
)

const src = `package p

func a() {
	x() //nolint:blockcheck // measured
	x()
	//nolint:errcheck,blockcheck
	if true {
		x()
	}
	x()
	x() //nolint:errcheck
	x() //nolint
	x() //nolint:all
	x() //nolintfoo
}

//nolint:blockcheck
func b() {
	x()
}

func c() { x() }

func x() {}
`

func TestSuppressed(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	require.NoError(t, err)
	s := nolint.Index(fset, []*ast.File{f})
	tf := fset.File(f.Pos())
	at := func(line int) bool { return s.Suppressed(tf.LineStart(line) + 1) }
	for line, want := range map[int]bool{
		4: true, 5: false, // inline: its own line only
		6: true, 7: true, 8: true, 9: true, 10: false, // alone: the if statement through its end
		11: false, 12: true, 13: true, 14: false,
		17: true, 18: true, 19: true, 20: true, // alone before a declaration: all of it
		22: false,
	} {
		assert.Equal(t, want, at(line), "line %d", line)
	}
}
