package profiles

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/frameworks.md")

// TestFrameworksDoc keeps docs/frameworks.md equal to what the profiles
// say.
func TestFrameworksDoc(t *testing.T) {
	path := filepath.Join("..", "docs", "frameworks.md")
	want := Markdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is stale: run go test ./profiles -run TestFrameworksDoc -update", path)
	}
}
