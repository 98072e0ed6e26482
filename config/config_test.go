package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPattern(t *testing.T) {
	for _, tc := range []struct {
		pat, s string
		want   bool
	}{
		{"example.com/db.Open", "example.com/db.Open", true},
		{"example.com/db.Open", "example.com/db.OpenDB", false},
		{"example.com/db.*", "example.com/db.OpenDB", true},
		{"(*example.com/db.Client).Query*", "(*example.com/db.Client).QueryRow", true},
		{"(*example.com/db.Client).Query*", "(*example.com/db.Client).Exec", false},
		{"*.Flush", "(*example.com/x.W).Flush", true},
		{"a*b*c", "abc", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "acb", false},
		{"ab*ba", "aba", false},
		{"example.com/app/...", "example.com/app/x", false},
	} {
		p, err := CompilePattern(tc.pat)
		if err != nil {
			t.Fatalf("%q: %v", tc.pat, err)
		}
		if got := p.Match(tc.s); got != tc.want {
			t.Errorf("%q matching %q = %v, want %v", tc.pat, tc.s, got, tc.want)
		}
	}
	for _, bad := range []string{"", "a b", "(a.b", "a;b", "a\nb"} {
		if _, err := CompilePattern(bad); err == nil {
			t.Errorf("pattern %q accepted", bad)
		}
	}
}

// TestFileErrors checks that a broken file is an error naming the file,
// the line and the key, and that nothing of it is applied.
func TestFileErrors(t *testing.T) {
	for _, tc := range []struct {
		yaml, want string
	}{
		{"categories: [net]\nlockhelt: false\n", `:2: unknown key "lockhelt" (known: categories, profiles, lockheld, verbose, sinks, trusted, roots, exclude)`},
		{"lockheld: maybe\n", `:1: lockheld: want true or false, got "maybe"`},
		{"categories:\n  - net\n  - disk\n", `:3: categories: unknown category "disk"`},
		{"sinks:\n  - name: a.B\n    category: net\n  - name: c.D\n    categry: net\n", `:5: sinks[1]: unknown key "categry" (known: name, category)`},
		{"sinks:\n  - name: a.B\n    category: nett\n", `:3: sinks[0].category: unknown category "nett"`},
		{"roots: [\"a b\"]\n", `:1: roots[0]: pattern "a b": character ' ' is not allowed`},
		{"trusted:\n  - x.Y\n  - [x]\n", `:3: trusted[1]: want a string`},
		{"- net\n", `:1: the configuration must be a mapping`},
		{"categories: [net\n", `.blockcheck.yml: `},
		{"exclude:\n", `:1: exclude: empty value`},
		{"roots: [a.B]\nroots: [c.D]\n", `:2: key "roots" appears twice`},
	} {
		path := filepath.Join(t.TempDir(), ".blockcheck.yml")
		if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg := Default()
		err := LoadFile(path, &cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), path) {
			t.Errorf("%q: error %v, want %s%s", tc.yaml, err, path, tc.want)
		}
		if d := Default(); cfg.Categories != d.Categories || cfg.LockHeld != d.LockHeld || cfg.Roots != nil || cfg.Sinks != nil {
			t.Errorf("%q: a broken file changed the configuration: %+v", tc.yaml, cfg)
		}
	}
	if err := LoadFile(filepath.Join(t.TempDir(), "missing.yml"), new(Config)); err == nil || !strings.Contains(err.Error(), "reading config") {
		t.Errorf("missing file: %v", err)
	}
}

func TestFileOK(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".blockcheck.yml")
	data := "# a comment\ncategories: +lock\nprofiles: [gnet]\nlockheld: false\nsinks:\n  - {name: example.com/db.Query, category: sql}\nexclude: [example.com/gen/*]\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Default()
	if err := LoadFile(path, &cfg); err != nil {
		t.Fatal(err)
	}
	if !cfg.Categories.Has("lock") || cfg.LockHeld || cfg.Profiles.String() != "gnet" || !cfg.Excluded("example.com/gen/x") {
		t.Errorf("settings not applied: %+v", cfg)
	}
	if c, ok := cfg.Sink("example.com/db.Query"); !ok || c != "sql" {
		t.Errorf("sink not applied: %+v", cfg.Sinks)
	}
	empty := filepath.Join(t.TempDir(), "empty.yml")
	os.WriteFile(empty, nil, 0o644)
	cfg = Default()
	if err := LoadFile(empty, &cfg); err != nil {
		t.Errorf("empty file: %v", err)
	}
}
