package config

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/profiles"
)

var fuzzErrorPrefix = regexp.MustCompile(`^fuzz\.yml:(\d+): \S`)

// FuzzLoadFile feeds the loader arbitrary files. A file is either an error
// that names the file and one of its lines, with the configuration left
// as it was, or a configuration that survives a round trip: written back
// as a file and loaded over a configuration that differs in every
// setting, it gives the same configuration, and the same settings given
// as golangci-lint settings (JSON) give it too.
func FuzzLoadFile(f *testing.F) {
	for _, tc := range fileErrorCases {
		f.Add([]byte(tc.yaml))
	}
	for _, tc := range fileAcceptedCases {
		f.Add([]byte(tc.yaml))
	}
	for _, name := range []string{"../testdata/golangci/.blockcheck.yml", "../docs/ci.md"} {
		data, err := os.ReadFile(filepath.FromSlash(name))
		require.NoError(f, err)
		if strings.HasSuffix(name, ".md") { // the example file in the docs
			text := string(data)
			i := strings.Index(text, "# .blockcheck.yml\n")
			require.GreaterOrEqual(f, i, 0, "no example file in %s", name)
			data = []byte(text[i : i+strings.Index(text[i:], "```")])
		}
		f.Add(data)
	}
	f.Add([]byte("categories: [all, -chan]\nprofiles: [all]\nverbose: true\nsinks:\n  - name: \"(*a/b.C).D*\"\n    category: file\n  - {name: x.Y, category: user}\ntrusted: a.*\nroots: [\"*\"]\nexclude: [\"é/*\"]\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "fuzz.yml"
		cfg := Default()
		err := loadData(path, data, &cfg)
		if err != nil {
			m := fuzzErrorPrefix.FindStringSubmatch(err.Error())
			require.NotNil(t, m, "the error does not name the file and the line: %q", err)
			line, _ := strconv.Atoi(m[1])
			require.True(t, line >= 1 && line <= len(lineStarts(data)), "line %d of a file of %d lines: %q", line, len(lineStarts(data)), err)
			require.Equal(t, Default(), cfg, "a broken file changed the configuration: %q", err)
			return
		}

		// The file, written back from the configuration.
		text := render(t, cfg)
		other := opposite(cfg)
		require.NoError(t, loadData(path, text, &other), "the configuration written back:\n%s", text)
		require.Equal(t, cfg, other, "the configuration written back:\n%s", text)

		// The same settings as golangci-lint settings.
		s, _, err := parseFile(path, data)
		require.NoError(t, err)
		js, err := json.Marshal(s)
		require.NoError(t, err)
		var fromJSON Settings
		require.NoError(t, json.Unmarshal(js, &fromJSON), "%s", js)
		plugin := Default()
		require.NoError(t, fromJSON.ApplyTo(&plugin, func(string, int) string { return "settings" }), "%s", js)
		require.Equal(t, cfg, plugin, "as golangci-lint settings: %s", js)
	})
}

// render writes every setting of cfg as a .blockcheck.yml file.
func render(t *testing.T, cfg Config) []byte {
	t.Helper()
	categories := cfg.Categories.String()
	if categories == "" {
		categories = "none"
	}
	s := Settings{
		Categories:        strings.Split(categories, ","),
		Profiles:          strings.Split(cfg.Profiles.String(), ","),
		LockHeld:          &cfg.LockHeld,
		LockHeldContended: &cfg.LockHeldContended,
		Verbose:           &cfg.Verbose,
		UnusedIgnores:     &cfg.UnusedIgnores,
		Sinks:             []Sink{},
		Trusted:           texts(cfg.Trusted),
		Roots:             texts(cfg.Roots),
		Exclude:           texts(cfg.Exclude),
	}
	for _, r := range cfg.Sinks {
		s.Sinks = append(s.Sinks, Sink{Name: r.Pattern.String(), Category: string(r.Category)})
	}
	if cfg.Levels != nil {
		s.Levels = map[string]string{}
		for _, l := range cfg.Levels {
			s.Levels[l.Category] = string(l.Level)
		}
	}
	data, err := yaml.Marshal(&s)
	require.NoError(t, err)
	return data
}

func texts(ps []Pattern) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// opposite returns a configuration that differs from cfg in every setting.
func opposite(cfg Config) Config {
	all, err := facts.ParseCategorySet("all")
	if err != nil {
		panic(err)
	}
	other := Config{
		Categories:        all &^ cfg.Categories,
		LockHeld:          !cfg.LockHeld,
		LockHeldContended: !cfg.LockHeldContended,
		Verbose:           !cfg.Verbose,
		UnusedIgnores:     !cfg.UnusedIgnores,
		Profiles:          profiles.Default() &^ cfg.Profiles,
		Sinks:             []SinkRule{{Pattern: mustPattern("other.Sink"), Category: facts.Net}},
		Trusted:           []Pattern{mustPattern("other.Trusted")},
		Roots:             []Pattern{mustPattern("other.Root")},
		Exclude:           []Pattern{mustPattern("other/exclude")},
	}
	return other
}

// FuzzPattern checks the pattern compiler and matcher against a regular
// expression: a pattern matches exactly the strings that the expression
// ^part.*part...$ (parts split at *, quoted) matches. An accepted pattern
// is valid UTF-8, prints as written, matches itself and its text with
// each * replaced by anything, and a literal one matches only itself.
// MayMatchPrefix has no false negatives: every prefix of a matching
// string may match.
func FuzzPattern(f *testing.F) {
	f.Add("example.com/db.Open", "example.com/db.Open")
	f.Add("example.com/db.*", "example.com/db.OpenDB")
	f.Add("(*example.com/db.Client).Query*", "(*example.com/db.Client).QueryRow")
	f.Add("*.Flush", "(*example.com/x.W).Flush")
	f.Add("a*b*c", "aXbYc")
	f.Add("ab*ba", "aba")
	f.Add("**", "")
	f.Add("*a*", "a")
	f.Add("example.com/café.*", "example.com/café.Ouvrir")
	f.Add("(a.b", "(a.b")
	f.Add("a b", "a b")
	f.Add("a\xffb", "a\xffb")
	f.Add("[]~-_", "[]~-_")

	f.Fuzz(func(t *testing.T, text, s string) {
		p, err := CompilePattern(text)
		if err != nil {
			require.NotEmpty(t, err.Error())
			return
		}
		require.True(t, utf8.ValidString(text), "accepted invalid UTF-8 %q", text)
		require.Equal(t, text, p.String())
		require.Equal(t, !strings.Contains(text, "*"), p.Literal())

		parts := strings.Split(text, "*")
		for i := range parts {
			parts[i] = regexp.QuoteMeta(parts[i])
		}
		re := regexp.MustCompile(`(?s)^` + strings.Join(parts, ".*") + `$`)
		if utf8.ValidString(s) {
			require.Equal(t, re.MatchString(s), p.Match(s), "%q matching %q", text, s)
		}
		if p.Literal() {
			require.Equal(t, s == text, p.Match(s), "literal %q matching %q", text, s)
		}
		require.True(t, p.Match(text), "%q does not match itself", text)
		for _, filler := range []string{"", s, "*", text} {
			filled := strings.ReplaceAll(text, "*", filler)
			require.True(t, p.Match(filled), "%q does not match %q", text, filled)
		}
		if p.Match(s) {
			for i := 0; i <= len(s); i++ {
				require.True(t, p.MayMatchPrefix(s[:i]), "%q matches %q but not its prefix %q", text, s, s[:i])
			}
		}
	})
}
