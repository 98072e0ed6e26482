package lockheld

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestNoReturnPkgs: every function of the never-return table is in a
// package noReturnPkgs lists, or the cheap check would skip it.
func TestNoReturnPkgs(t *testing.T) {
	for name := range noReturnFuncs {
		pkg := strings.TrimLeft(name, "(*")
		pkg, _, _ = strings.Cut(pkg, ".")
		assert.True(t, noReturnPkgs[pkg], "%s: package %q is not in noReturnPkgs", name, pkg)
	}
}
