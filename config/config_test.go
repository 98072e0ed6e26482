package config

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
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
		require.NoError(t, err, "%q", tc.pat)
		assert.Equal(t, tc.want, p.Match(tc.s), "%q matching %q", tc.pat, tc.s)
	}
	p, err := CompilePattern("example.com/café.*")
	require.NoError(t, err)
	assert.True(t, p.Match("example.com/café.Ouvrir"))
	for _, bad := range []string{"", "a b", "(a.b", "a;b", "a\nb", "a\xffb", "a\u00a0b", "a\u2028b", "a\u200bb"} {
		_, err := CompilePattern(bad)
		assert.Error(t, err, "pattern %q accepted", bad)
	}
}

// writeConfig writes a configuration file and returns its path.
func writeConfig(t *testing.T, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), ".blockcheck.yml")
	require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
	return path
}

// fileErrorCases are broken files. The comment on each group says what
// the loader did with them before they were errors.
var fileErrorCases = []struct {
	name, yaml string
	line       string // the line the error names
	want       string // what follows "path:line: "
}{
	{"unknown key", "categories: [net]\nlockhelt: false\n", "2", `unknown key "lockhelt" (known: categories, profiles, lockheld, lockheldcontended, verbose, unusedignores, sinks, trusted, roots, exclude, levels)`},
	{"not a bool", "lockheld: maybe\n", "1", `lockheld: want true or false, got "maybe"`},
	{"unknown category", "categories:\n  - net\n  - disk\n", "3", `categories: unknown category "disk"`},
	{"unknown sink key", "sinks:\n  - name: a.B\n    category: net\n  - name: c.D\n    categry: net\n", "5", `sinks[1]: unknown key "categry" (known: name, category)`},
	{"unknown sink category", "sinks:\n  - name: a.B\n    category: nett\n", "3", `sinks[0].category: unknown category "nett"`},
	{"bad pattern", "roots: [\"a b\"]\n", "1", `roots[0]: pattern "a b": character ' ' is not allowed`},
	{"list in a list", "trusted:\n  - x.Y\n  - [x]\n", "3", `trusted[1]: want a string, got a list`},
	{"not a mapping", "- net\n", "1", `the configuration must be a mapping`},
	{"syntax", "categories: [net\n", "1", `did not find expected ',' or ']'`},
	{"empty list value", "exclude:\n", "1", `exclude: empty value`},
	{"key twice", "roots: [a.B]\nroots: [c.D]\n", "2", `key "roots" appears twice`},
	{"unknown level category", "levels:\n  net: error\n  disk: warning\n", "3", `levels: unknown category "disk"`},
	{"unknown level", "levels:\n  net: error\n  chan: fatal\n", "3", `levels.chan: unknown level "fatal" (known: error, warning, note)`},
	{"levels not a mapping", "levels: [net]\n", "1", `levels: want a mapping of category to level`},
	{"level missing", "levels:\n  net:\n", "2", `levels.net: want error, warning or note`},
	{"level twice", "levels: {net: error, net: note}\n", "1", `levels: "net" appears twice`},

	// Multi-document files: the second document was ignored.
	{"second document", "categories: [net]\n---\ncategories: [none]\n", "2", `a second YAML document`},
	{"empty second document", "categories: [net]\n---\n", "2", `a second YAML document`},
	{"broken second document", "categories: [net]\n---\n[\n", "3", `did not find expected node content`},

	// Null and empty values: lockheld: ~ turned the check off.
	{"lockheld null", "lockheld: ~\n", "1", `lockheld: empty value (want true or false)`},
	{"lockheld empty", "lockheld:\n", "1", `lockheld: empty value (want true or false)`},
	{"verbose null", "verbose: null\n", "1", `verbose: empty value (want true or false)`},
	{"sinks null", "sinks: ~\n", "1", `sinks: empty value`},
	{"sink name null", "sinks: [{name: ~, category: net}]\n", "1", `sinks[0].name: empty value`}, // was a sink named "~"
	{"sink category null", "sinks:\n  - name: a.B\n    category:\n", "3", `sinks[0].category: empty value`},
	{"list item null", "roots: [a.B, ~]\n", "1", `roots[1]: empty value`},

	// Empty lists of categories and profiles: the defaults were kept,
	// while -categories= is a usage error.
	{"categories empty list", "categories: []\n", "1", `categories: empty category list (write none to disable every category)`},
	{"profiles empty list", "profiles: []\n", "1", `profiles: empty profile list (write none to disable every profile)`},

	// Scalars of the wrong type: YAML 1.1 booleans were accepted,
	// numbers became patterns.
	{"lockheld yes", "lockheld: yes\n", "1", `lockheld: want true or false, got "yes"`},
	{"lockheld off", "lockheld: off\n", "1", `lockheld: want true or false, got "off"`},
	{"lockheld string", "lockheld: \"true\"\n", "1", `lockheld: want true or false, got "true"`},
	{"lockheld int", "lockheld: 1\n", "1", `lockheld: want true or false, got int "1" (quote it to make it a string)`},
	{"lockheld list", "lockheld: [true]\n", "1", `lockheld: want true or false, got a list`},
	{"trusted int", "trusted: [123]\n", "1", `trusted[0]: want a string, got int "123" (quote it to make it a string)`},
	{"exclude bool", "exclude: true\n", "1", `exclude: want a list of strings, got bool "true"`},
	{"exclude date", "exclude:\n  - 2024-01-02\n", "2", `exclude[0]: want a string, got timestamp "2024-01-02"`},
	{"sink name int", "sinks: [{name: 12, category: net}]\n", "1", `sinks[0].name: want a string, got int "12"`},
	{"categories mapping", "categories: {net: true}\n", "1", `categories: want a list of strings, got a mapping`},
	{"sinks mapping", "sinks: {name: a.B}\n", "1", `sinks: want a list of {name, category}, got a mapping`},
	{"sink not a mapping", "sinks: [a.B]\n", "1", `sinks[0]: want {name: ..., category: ...}, got "a.B"`},
	{"custom tag", "categories: !foo net\n", "1", `categories: want a list of strings, got a value tagged !foo`}, // was net
	{"binary tag", "categories: !!binary aGVsbG8=\n", "1", `categories: want a list of strings, got a value tagged !!binary`},
	{"key not a string", "[a]: b\n", "1", `a key must be one of categories, profiles, lockheld, lockheldcontended, verbose, unusedignores, sinks, trusted, roots, exclude, levels, got a list`},
	{"key null", "~: b\n", "1", `a key must be one of`},
	{"key int", "1: b\n", "1", `a key must be one of`},

	// Keys given twice inside a sinks entry: the last one won.
	{"sink category twice", "sinks:\n  - name: a.B\n    category: net\n    category: file\n", "4", `sinks[0]: key "category" appears twice`},
	{"sink name twice", "sinks: [{name: a.B, name: c.D, category: net}]\n", "1", `sinks[0]: key "name" appears twice`},

	// Aliases and merge keys: an alias was "want a list of strings",
	// a merge key an unknown key.
	{"alias", "roots: &r [a.B]\ntrusted: *r\n", "2", `YAML aliases (*r) are not supported: write the value out`},
	{"alias item", "roots: [&r a.B, *r]\n", "1", `YAML aliases (*r) are not supported`},
	{"merge key", "sinks:\n  - &s {name: a.B, category: net}\n  - <<: *s\n    name: c.D\n", "3", `YAML merge keys (<<) are not supported: write the keys out`},
	{"merge key literal", "<<: {lockheld: false}\n", "1", `YAML merge keys (<<) are not supported`},

	// Tabs, encodings and control characters: errors without a line.
	{"tab indentation", "categories:\n\t- net\n", "2", `(a tab in the indentation: YAML indents with spaces)`},
	{"utf-16", "\xff\xfec\x00:\x00 \x00[\x00]\x00", "1", `the file is UTF-16 text: save it as UTF-8`},
	{"invalid utf-8", "roots: [a.B]\ncategories: [\xff]\n", "2", `invalid UTF-8 (byte 0xff): the file must be UTF-8 text`},
	{"control character", "roots: [a.B]\n\ncategories: [n\x01et]\n", "3", `control character U+0001 is not allowed`},
	{"nul", "roots: [a.B]\x00\n", "1", `control character U+0000 is not allowed`},
	{"null document", "~\n", "1", `the configuration must be a mapping`},

	// Line numbers follow YAML's line breaks.
	{"crlf", "roots: [a.B]\r\nlockhelt: false\r\n", "2", `unknown key "lockhelt"`},
	{"cr", "roots: [a.B]\rlockhelt: false\r", "2", `unknown key "lockhelt"`},
	{"bom", "\ufeffroots: [a.B]\nlockhelt: false\n", "2", `unknown key "lockhelt"`},
}

// TestFileErrors checks that a broken file is an error naming the file,
// the line and the key, and that nothing of it is applied.
func TestFileErrors(t *testing.T) {
	for _, tc := range fileErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConfig(t, tc.yaml)
			cfg := Default()
			err := LoadFile(path, &cfg)
			require.Error(t, err, "%q", tc.yaml)
			assert.Regexp(t, `^`+regexpQuote(path+":"+tc.line+": ")+`.*`+regexpQuote(tc.want), err.Error(), "%q", tc.yaml)
			assert.Equal(t, Default(), cfg, "%q: a broken file changed the configuration", tc.yaml)
		})
	}
}

// TestFileUnreadable checks files that cannot be read.
func TestFileUnreadable(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yml")
	assert.EqualError(t, LoadFile(missing, new(Config)), missing+": cannot read the configuration: no such file or directory")
	dir := t.TempDir()
	assert.EqualError(t, LoadFile(dir, new(Config)), dir+": cannot read the configuration: is a directory")
}

func TestFileOK(t *testing.T) {
	path := writeConfig(t, "# a comment\ncategories: +lock\nprofiles: [gnet]\nlockheld: false\nsinks:\n  - {name: example.com/db.Query, category: sql}\nexclude: [example.com/gen/*]\n")
	cfg := Default()
	require.NoError(t, LoadFile(path, &cfg))
	assert.True(t, cfg.Categories.Has("lock"))
	assert.False(t, cfg.LockHeld)
	assert.Equal(t, "gnet", cfg.Profiles.String())
	assert.True(t, cfg.Excluded("example.com/gen/x"))
	c, ok := cfg.Sink("example.com/db.Query")
	assert.True(t, ok)
	assert.Equal(t, "sql", string(c))
}

// fileAcceptedCases are valid files, some of them unusual, and what each
// one sets.
var fileAcceptedCases = []struct {
	name, yaml string
	start      func() Config
	want       func(Config) Config // the start configuration, edited
}{
	{name: "empty file", yaml: ""},
	{name: "only comments", yaml: "# nothing yet\n\n"},
	{name: "only ---", yaml: "---\n# nothing yet\n"},
	{name: "empty mapping", yaml: "{}\n"},
	{name: "leading ---", yaml: "---\nlockheld: false\n", want: func(c Config) Config { c.LockHeld = false; return c }},
	{name: "document end", yaml: "lockheld: false\n...\n", want: func(c Config) Config { c.LockHeld = false; return c }},
	{name: "bom", yaml: "\ufefflockheld: false\n", want: func(c Config) Config { c.LockHeld = false; return c }},
	{name: "crlf", yaml: "lockheld: false\r\nverbose: true\r\n", want: func(c Config) Config { c.LockHeld, c.Verbose = false, true; return c }},
	{name: "tab after a value", yaml: "lockheld: false\t# off\n", want: func(c Config) Config { c.LockHeld = false; return c }},
	{name: "YAML 1.2 booleans", yaml: "lockheld: False\nverbose: TRUE\n", want: func(c Config) Config { c.LockHeld, c.Verbose = false, true; return c }},
	{name: "anchor without alias", yaml: "lockheld: &l false\n", want: func(c Config) Config { c.LockHeld = false; return c }},
	{name: "explicit string tag", yaml: "roots: [!!str a.B]\n", want: func(c Config) Config { c.Roots = []Pattern{mustPattern("a.B")}; return c }},
	{name: "quoted number", yaml: "exclude: [\"123\"]\n", want: func(c Config) Config { c.Exclude = []Pattern{mustPattern("123")}; return c }},
	{name: "empty lists clear", yaml: "sinks: []\ntrusted: []\nroots: []\nexclude: []\n", start: withLists,
		want: func(c Config) Config { c.Sinks, c.Trusted, c.Roots, c.Exclude = nil, nil, nil, nil; return c }},
	{name: "categories none", yaml: "categories: none\n", want: func(c Config) Config { c.Categories = 0; return c }},
}

// withLists is a configuration with every list set, to see empty lists
// clear them.
func withLists() Config {
	cfg := Default()
	if err := loadData("lists.yml", []byte("sinks: [{name: a.B, category: net}]\ntrusted: [a.C]\nroots: [a.D]\nexclude: [a/e]\n"), &cfg); err != nil || len(cfg.Sinks) != 1 {
		panic(fmt.Sprint("withLists: ", err))
	}
	return cfg
}

// TestFileAccepted checks valid files set what they say.
func TestFileAccepted(t *testing.T) {
	for _, tc := range fileAcceptedCases {
		t.Run(tc.name, func(t *testing.T) {
			start := Default
			if tc.start != nil {
				start = tc.start
			}
			want := start()
			if tc.want != nil {
				want = tc.want(want)
			}
			cfg := start()
			require.NoError(t, LoadFile(writeConfig(t, tc.yaml), &cfg))
			assert.Equal(t, want, cfg)
		})
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

func mustPattern(text string) Pattern {
	p, err := CompilePattern(text)
	if err != nil {
		panic(err)
	}
	return p
}

func regexpQuote(s string) string { return regexp.QuoteMeta(s) }
