package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorOutranksFindings: when one package does not type-check and
// another has findings, the exit status is 1 (an error: not everything was
// analyzed), not 3, and the findings are still printed.
func TestErrorOutranksFindings(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":      "module example.com/typeerr\n\ngo 1.26\n",
		"a/a.go":      "package a\n\nfunc F() int { return 1 }\n",
		"a/a_test.go": "package a\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { var s string = F(); _ = s }\n",
		"b/b.go":      "package b\n\nimport \"time\"\n\n//blockcheck:nonblocking\nfunc G() { time.Sleep(time.Millisecond) }\n",
	}
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []string{"text", "sarif", "github"} {
		r := blockcheck(t, dir, "-format="+format, "./...")
		checkExit(t, r, 1)
		if !strings.Contains(r.output(), "G must not block") {
			t.Errorf("-format=%s: the finding in the package that type-checks is missing:\n%s", format, r)
		}
		if !strings.Contains(r.stderr, "cannot use F()") {
			t.Errorf("-format=%s: the type error is not shown:\n%s", format, r)
		}
	}
}
