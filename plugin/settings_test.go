package plugin_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/plugin"
)

// TestSettingsSameEverywhere checks every setting through the three ways to
// give it: a .blockcheck.yml file, flags (as go vet and the command take
// them) and golangci-lint plugin settings (as golangci-lint hands them
// over: decoded from YAML into maps). Each case must resolve to the same
// configuration in all three, or fail in all three naming the setting.
func TestSettingsSameEverywhere(t *testing.T) {
	for _, tc := range []struct {
		name    string
		yaml    string   // the file
		flags   []string // the same as flags
		plugin  string   // the same as plugin settings, in JSON (what golangci-lint's YAML decodes to)
		check   func(config.Config) bool
		wantErr string // a substring every surface's error must contain
	}{
		{
			name:   "categories",
			yaml:   "categories: [+lock, -chan]\n",
			flags:  []string{"-categories=+lock,-chan"},
			plugin: `{"categories": ["+lock", "-chan"]}`,
			check: func(c config.Config) bool {
				return c.Categories.Has("lock") && !c.Categories.Has("chan") && c.Categories.Has("net")
			},
		},
		{
			name:    "bad category",
			yaml:    "categories: [disk]\n",
			flags:   []string{"-categories=disk"},
			plugin:  `{"categories": ["disk"]}`,
			wantErr: `unknown category "disk"`,
		},
		{
			name:   "profiles",
			yaml:   "profiles: [gnet, evio]\n",
			flags:  []string{"-profiles=gnet,evio"},
			plugin: `{"profiles": ["gnet", "evio"]}`,
			check:  func(c config.Config) bool { return c.Profiles.String() == "gnet,evio" },
		},
		{
			name:    "bad profile",
			yaml:    "profiles: [netty]\n",
			flags:   []string{"-profiles=netty"},
			plugin:  `{"profiles": ["netty"]}`,
			wantErr: `unknown profile "netty"`,
		},
		{
			name:   "lockheld",
			yaml:   "lockheld: false\n",
			flags:  []string{"-lockheld=false"},
			plugin: `{"lockheld": false}`,
			check:  func(c config.Config) bool { return !c.LockHeld },
		},
		{
			name:   "unusedignores",
			yaml:   "unusedignores: false\n",
			flags:  []string{"-unusedignores=false"},
			plugin: `{"unusedignores": false}`,
			check:  func(c config.Config) bool { return !c.UnusedIgnores },
		},
		{
			name:   "verbose",
			yaml:   "verbose: true\n",
			flags:  []string{"-verbose"},
			plugin: `{"verbose": true}`,
			check:  func(c config.Config) bool { return c.Verbose },
		},
		{
			name:   "sinks",
			yaml:   "sinks:\n  - name: (*example.com/db.Client).Query*\n    category: sql\n  - name: example.com/cache.Load\n    category: net\n",
			flags:  []string{"-sinks=(*example.com/db.Client).Query*=sql,example.com/cache.Load=net"},
			plugin: `{"sinks": [{"name": "(*example.com/db.Client).Query*", "category": "sql"}, {"name": "example.com/cache.Load", "category": "net"}]}`,
			check: func(c config.Config) bool {
				a, okA := c.Sink("(*example.com/db.Client).QueryRow")
				b, okB := c.Sink("example.com/cache.Load")
				_, okC := c.Sink("example.com/cache.Store")
				return okA && a == "sql" && okB && b == "net" && !okC
			},
		},
		{
			name:    "sink without category",
			yaml:    "sinks:\n  - name: example.com/cache.Load\n",
			flags:   []string{"-sinks=example.com/cache.Load"},
			plugin:  `{"sinks": [{"name": "example.com/cache.Load"}]}`,
			wantErr: "sinks[0].category: missing category",
		},
		{
			name:    "bad sink pattern",
			yaml:    "sinks:\n  - name: \"example.com/cache.Load Store\"\n    category: net\n",
			flags:   []string{"-sinks=example.com/cache.Load Store=net"},
			plugin:  `{"sinks": [{"name": "example.com/cache.Load Store", "category": "net"}]}`,
			wantErr: `sinks[0].name: pattern "example.com/cache.Load Store": character ' ' is not allowed`,
		},
		{
			name:   "trusted",
			yaml:   "trusted: [example.com/pool.Submit*]\n",
			flags:  []string{"-trusted=example.com/pool.Submit*"},
			plugin: `{"trusted": ["example.com/pool.Submit*"]}`,
			check: func(c config.Config) bool {
				return c.IsTrusted("example.com/pool.SubmitWait") && !c.IsTrusted("example.com/pool.Wait")
			},
		},
		{
			name:   "roots",
			yaml:   "roots: [\"(example.com/fw.Handler).Serve\", example.com/app.Handle*]\n",
			flags:  []string{"-roots=(example.com/fw.Handler).Serve,example.com/app.Handle*"},
			plugin: `{"roots": ["(example.com/fw.Handler).Serve", "example.com/app.Handle*"]}`,
			check: func(c config.Config) bool {
				return c.IsRoot("(example.com/fw.Handler).Serve") && c.IsRoot("example.com/app.HandleLogin") && !c.IsRoot("example.com/app.Run")
			},
		},
		{
			name:    "bad root pattern",
			yaml:    "roots: [\"(example.com/fw.Handler.Serve\"]\n",
			flags:   []string{"-roots=(example.com/fw.Handler.Serve"},
			plugin:  `{"roots": ["(example.com/fw.Handler.Serve"]}`,
			wantErr: "roots[0]: pattern \"(example.com/fw.Handler.Serve\": unbalanced parentheses",
		},
		{
			name:   "exclude",
			yaml:   "exclude: [example.com/app/internal/*]\n",
			flags:  []string{"-exclude=example.com/app/internal/*"},
			plugin: `{"exclude": ["example.com/app/internal/*"]}`,
			check: func(c config.Config) bool {
				return c.Excluded("example.com/app/internal/gen") && !c.Excluded("example.com/app")
			},
		},
		{
			name:   "levels",
			yaml:   "levels:\n  all: warning\n  net: error\n",
			flags:  []string{"-levels=all=warning,net=error"},
			plugin: `{"levels": {"all": "warning", "net": "error"}}`,
			check: func(c config.Config) bool {
				return c.Levels.Of("net") == config.LevelError && c.Levels.Of("chan") == config.LevelWarning && c.Levels.Of("directive") == config.LevelWarning
			},
		},
		{
			name:    "bad level",
			yaml:    "levels:\n  chan: fatal\n",
			flags:   []string{"-levels=chan=fatal"},
			plugin:  `{"levels": {"chan": "fatal"}}`,
			wantErr: `levels.chan: unknown level "fatal"`,
		},
		{
			name:    "empty categories",
			yaml:    "categories: []\n",
			flags:   []string{"-categories="},
			plugin:  `{"categories": []}`,
			wantErr: "empty category list",
		},
		{
			name:    "null categories",
			yaml:    "categories: ~\n",
			flags:   []string{"-categories="},
			plugin:  `{"categories": null}`,
			wantErr: "categories",
		},
		{
			name:    "empty profiles",
			yaml:    "profiles: []\n",
			flags:   []string{"-profiles="},
			plugin:  `{"profiles": []}`,
			wantErr: "empty profile list",
		},
		{
			name:    "null lockheld",
			yaml:    "lockheld: ~\n",
			flags:   []string{"-lockheld="},
			plugin:  `{"lockheld": null}`,
			wantErr: "lockheld",
		},
		{
			name:   "empty trusted",
			yaml:   "trusted: []\n",
			flags:  []string{"-trusted="},
			plugin: `{"trusted": []}`,
			check:  func(c config.Config) bool { return len(c.Trusted) == 0 && !c.IsTrusted("example.com/pool.Submit") },
		},
		{
			name:    "unknown key",
			yaml:    "categorys: [net]\n",
			flags:   []string{"-categorys=net"},
			plugin:  `{"categorys": ["net"]}`,
			wantErr: "categorys",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var cfgs []config.Config
			var errs []error

			// The file.
			path := filepath.Join(t.TempDir(), ".blockcheck.yml")
			if err := os.WriteFile(path, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg := config.Default()
			err := config.LoadFile(path, &cfg)
			cfgs, errs = append(cfgs, cfg), append(errs, err)

			// The flags.
			cfg = config.Default()
			fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
			fs.SetOutput(new(strings.Builder))
			config.BindFlags(fs, &cfg)
			err = fs.Parse(tc.flags)
			cfgs, errs = append(cfgs, cfg), append(errs, err)

			// The plugin.
			var settings any
			if err := json.Unmarshal([]byte(tc.plugin), &settings); err != nil {
				t.Fatal(err)
			}
			cfg = config.Default()
			lp, err := plugin.New(settings)
			if err == nil {
				cfg = lp.(*plugin.Plugin).Config()
			}
			cfgs, errs = append(cfgs, cfg), append(errs, err)

			surfaces := []string{"file", "flags", "plugin"}
			for i, err := range errs {
				switch {
				case tc.wantErr != "" && err == nil:
					t.Errorf("%s: no error, want one containing %q", surfaces[i], tc.wantErr)
				case tc.wantErr != "" && !strings.Contains(err.Error(), tc.wantErr):
					t.Errorf("%s: error %q, want one containing %q", surfaces[i], err, tc.wantErr)
				case tc.wantErr == "" && err != nil:
					t.Errorf("%s: %v", surfaces[i], err)
				case tc.wantErr == "" && !tc.check(cfgs[i]):
					t.Errorf("%s: the setting did not take effect: %+v", surfaces[i], cfgs[i])
				}
			}
			if tc.wantErr == "" {
				for i := 1; i < len(cfgs); i++ {
					if !reflect.DeepEqual(cfgs[0], cfgs[i]) {
						t.Errorf("%s and %s disagree:\n%+v\n%+v", surfaces[0], surfaces[i], cfgs[0], cfgs[i])
					}
				}
			}
			if tc.wantErr != "" && errs[0] != nil && !strings.HasPrefix(errs[0].Error(), path+":") {
				t.Errorf("file error %q does not name the file and line", errs[0])
			}
		})
	}
}
