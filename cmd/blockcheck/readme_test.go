package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/facts"
)

func readme(t *testing.T) (root, text string) {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	return root, string(b)
}

// TestREADMEExample runs the README's first command and requires the
// output block the README shows, so the documented findings are the real
// ones.
func TestREADMEExample(t *testing.T) {
	root, text := readme(t)
	m := regexp.MustCompile("(?s)The first command prints[^\n]*\n\n```\n(.*?)```").FindStringSubmatch(text)
	if m == nil {
		t.Fatal("README has no example output block")
	}
	want := strings.TrimSuffix(strings.TrimSpace(m[1]), "exit status 3")
	r := blockcheck(t, root, "./examples/...")
	checkExit(t, r, 3)
	got := strings.ReplaceAll(r.output(), root+string(filepath.Separator), "")
	if strings.TrimSpace(got) != strings.TrimSpace(want) {
		t.Errorf("README example output is stale.\n--- README:\n%s\n--- blockcheck ./examples/...:\n%s", want, got)
	}
}

// TestREADMECategories requires the README's category table to list every
// category with its real default.
func TestREADMECategories(t *testing.T) {
	_, text := readme(t)
	def := facts.DefaultCategories()
	for _, c := range facts.AllCategories() {
		row := regexp.MustCompile("(?m)^\\| `" + string(c) + "` +\\| (on|off) ").FindStringSubmatch(text)
		if row == nil {
			t.Errorf("README's category table has no row for %s", c)
			continue
		}
		if want := map[bool]string{true: "on", false: "off"}[def.Has(c)]; row[1] != want {
			t.Errorf("README says %s is %s by default; it is %s", c, row[1], want)
		}
	}
	if !strings.Contains(text, "`"+def.String()+"`") {
		t.Errorf("README's flag table does not show the default category list %q", def.String())
	}
}

// TestDocsPages requires a section per category in docs/categories.md (the
// SARIF rules link to it) and per directive in docs/directives.md.
func TestDocsPages(t *testing.T) {
	root, _ := readme(t)
	cats, err := os.ReadFile(filepath.Join(root, "docs", "categories.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range facts.AllCategories() {
		if !strings.Contains(string(cats), "\n## "+string(c)+"\n") {
			t.Errorf("docs/categories.md has no section for %s", c)
		}
	}
	dirs, err := os.ReadFile(filepath.Join(root, "docs", "directives.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"nonblocking", "blocking [category]", "ignore reason", "locked lock"} {
		if !strings.Contains(string(dirs), "\n## //blockcheck:"+v+"\n") {
			t.Errorf("docs/directives.md has no section for //blockcheck:%s", v)
		}
	}
}
