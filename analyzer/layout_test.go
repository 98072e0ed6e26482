package analyzer_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stageImports is the engine's layering: each stage may import only the
// stages listed for it (and the shared packages facts, config, profiles).
// State flows forward: a stage never reaches into a later one.
var stageImports = map[string][]string{
	"internal/names":     nil,
	"internal/nolint":    nil,
	"internal/directive": {"internal/names"},
	"internal/sinks":     {"internal/names"},
	"internal/graph":     {"internal/names", "internal/sinks"},
	"internal/roots":     {"internal/directive", "internal/graph", "internal/names"},
	"internal/solve":     {"internal/graph", "internal/names", "internal/roots", "internal/sinks"},
	"internal/report":    {"internal/directive", "internal/graph", "internal/names", "internal/nolint", "internal/roots", "internal/sinks", "internal/solve"},
	"internal/vetx":      nil,
	"internal/whole":     {"internal/directive", "internal/graph", "internal/names", "internal/nolint", "internal/report", "internal/roots", "internal/sinks", "internal/solve"},
	"internal/lockheld":  {"internal/directive", "internal/graph", "internal/names", "internal/report", "internal/roots", "internal/sinks", "internal/solve"},
}

// TestLayering checks every stage's imports against stageImports, and that
// every package under internal/ is listed (testsrc, for tests, is exempt).
func TestLayering(t *testing.T) {
	const module = "github.com/blockcheck/blockcheck/"
	root := filepath.Join("..", "internal")
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "testsrc" {
			continue
		}
		pkg := "internal/" + e.Name()
		allowed, listed := stageImports[pkg]
		if !assert.True(t, listed, "%s is not in stageImports: say which stages it may import", pkg) {
			continue
		}
		files, err := filepath.Glob(filepath.Join(root, e.Name(), "*.go"))
		require.NoError(t, err)
		got := map[string]bool{}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			require.NoError(t, err)
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if rest, ok := strings.CutPrefix(path, module+"internal/"); ok {
					got["internal/"+rest] = true
				}
			}
		}
		var imports []string
		for p := range got {
			imports = append(imports, p)
		}
		sort.Strings(imports)
		for _, p := range imports {
			assert.Contains(t, allowed, p, "%s imports %s, which it may not", pkg, p)
		}
	}
}
