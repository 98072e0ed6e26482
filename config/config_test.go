package config

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		{"categories: [net]\nlockhelt: false\n", `:2: unknown key "lockhelt" (known: categories, profiles, lockheld, verbose, sinks, trusted, roots, exclude, levels)`},
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
		{"levels:\n  net: error\n  disk: warning\n", `:3: levels: unknown category "disk"`},
		{"levels:\n  net: error\n  chan: fatal\n", `:3: levels.chan: unknown level "fatal" (known: error, warning, note)`},
		{"levels: [net]\n", `:1: levels: want a mapping of category to level`},
		{"levels:\n  net:\n", `:2: levels.net: want error, warning or note`},
		{"levels: {net: error, net: note}\n", `:1: levels: "net" appears twice`},
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
		if d := Default(); cfg.Categories != d.Categories || cfg.LockHeld != d.LockHeld || cfg.Roots != nil || cfg.Sinks != nil || cfg.Levels != nil {
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

// TestLevels checks the levels setting from a file and from the flag: "all"
// first, then each category, flags on top of the file, and the default
// (error) for categories not named.
func TestLevels(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".blockcheck.yml")
	require.NoError(t, os.WriteFile(path, []byte("levels:\n  all: warning\n  net: error\n  directive: note\n"), 0o644))
	cfg := Default()
	require.NoError(t, LoadFile(path, &cfg))
	assert.Equal(t, LevelError, cfg.Levels.Of("net"))
	assert.Equal(t, LevelWarning, cfg.Levels.Of("chan"))
	assert.Equal(t, LevelNote, cfg.Levels.Of("directive"))

	fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	BindFlags(fs, &cfg)
	require.NoError(t, fs.Parse([]string{"-levels=chan=note,sleep=error"}))
	assert.Equal(t, LevelNote, cfg.Levels.Of("chan"), "the flag overrides the file")
	assert.Equal(t, LevelError, cfg.Levels.Of("sleep"))
	assert.Equal(t, LevelWarning, cfg.Levels.Of("file"), "the file's other levels stay")
	assert.Equal(t, LevelError, Default().Levels.Of("net"), "the default level is error")

	for _, tc := range []struct{ flag, want string }{
		{"-levels=net", `levels.net: missing level`},
		{"-levels=net=error,net=note", `levels: "net" appears twice`},
		{"-levels=disk=error", `levels: unknown category "disk"`},
		{"-levels=", `levels: empty value`},
	} {
		cfg := Default()
		fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		BindFlags(fs, &cfg)
		err := fs.Parse([]string{tc.flag})
		require.Error(t, err, tc.flag)
		assert.Contains(t, err.Error(), tc.want, tc.flag)
		assert.Nil(t, cfg.Levels, "%s: a bad value changed the configuration", tc.flag)
	}
}
