package config

import (
	"flag"
	"fmt"
	"strings"

	"github.com/blockcheck/blockcheck/profiles"
)

// BindFlags defines blockcheck's flags on fs, bound to cfg. Each flag is a
// setting of the same name; list settings take comma-separated values
// (-sinks takes name=category pairs). -config applies a file where it
// appears on the command line: later flags override it.
func BindFlags(fs *flag.FlagSet, cfg *Config) {
	fs.Var(&settingFlag{cfg, "categories", cfg.Categories.String}, "categories",
		"comma-separated categories to check: a list ("+strings.Join(categoryNames(), ",")+
			") replaces the defaults; +name and -name add to or remove from them; all and none are shorthands")
	fs.Var(&settingFlag{cfg, "profiles", cfg.Profiles.String}, "profiles",
		"comma-separated framework profiles to use ("+strings.Join(profiles.Names(), ",")+"); all and none are shorthands")
	fs.BoolVar(&cfg.LockHeld, "lockheld", cfg.LockHeld, "report places that may block while a sync.Mutex or sync.RWMutex is held")
	fs.BoolVar(&cfg.Verbose, "verbose", cfg.Verbose, "print notes, such as profiles that do not match the framework version, to standard error")
	fs.BoolVar(&cfg.UnusedIgnores, "unusedignores", cfg.UnusedIgnores, "report ignore directives that silence no finding (when every default category, profile and the lock-held check are on)")
	fs.Var(&settingFlag{cfg, "sinks", nil}, "sinks", "comma-separated name=category pairs declaring functions or interface methods blocking (names are full names; * matches anything)")
	fs.Var(&settingFlag{cfg, "trusted", nil}, "trusted", "comma-separated functions trusted never to block their caller (full names; * matches anything)")
	fs.Var(&settingFlag{cfg, "roots", nil}, "roots", "comma-separated functions, methods or interface methods that must not block (full names; * matches anything)")
	fs.Var(&settingFlag{cfg, "exclude", nil}, "exclude", "comma-separated package patterns whose findings are not reported")
	fs.Var(&settingFlag{cfg, "levels", cfg.Levels.String}, "levels",
		"comma-separated category=level pairs grading findings in the SARIF and GitHub outputs (levels: error, warning, note; categories: the blocking ones, directive, all); default error")
	fs.Var(&configFlag{cfg: cfg}, "config", "a YAML configuration file (.blockcheck.yml) with the same settings; applied where it appears, later flags override it")
}

// settingFlag sets one list setting from a comma-separated flag value,
// through Settings.ApplyTo: the flags are validated exactly as the file.
type settingFlag struct {
	cfg   *Config
	key   string
	value func() string // the current value, for -help; nil for lists that start empty
}

func (f *settingFlag) String() string {
	if f == nil || f.value == nil {
		return ""
	}
	return f.value()
}

func (f *settingFlag) Set(v string) error {
	var items []string
	if strings.TrimSpace(v) != "" {
		for _, item := range strings.Split(v, ",") {
			items = append(items, strings.TrimSpace(item))
		}
	}
	var s Settings
	switch f.key {
	case "categories":
		s.Categories = orEmpty(items)
	case "profiles":
		s.Profiles = orEmpty(items)
	case "sinks":
		s.Sinks = []Sink{}
		for _, item := range items {
			name, cat, _ := strings.Cut(item, "=")
			s.Sinks = append(s.Sinks, Sink{Name: name, Category: cat})
		}
	case "trusted":
		s.Trusted = append([]string{}, items...)
	case "roots":
		s.Roots = append([]string{}, items...)
	case "exclude":
		s.Exclude = append([]string{}, items...)
	case "levels":
		s.Levels = map[string]string{}
		for _, item := range items {
			cat, level, _ := strings.Cut(item, "=")
			if _, dup := s.Levels[cat]; dup {
				return fmt.Errorf("levels: %q appears twice", cat)
			}
			s.Levels[cat] = level
		}
		if len(items) == 0 {
			return fmt.Errorf("levels: empty value (write category=level pairs, such as chan=warning)")
		}
	}
	// The flag package names the flag in its message.
	return s.ApplyTo(f.cfg, func(string, int) string { return "" })
}

// orEmpty keeps an empty value visible to ApplyTo, which rejects it: an
// empty -categories is most often an unset variable in a script.
func orEmpty(items []string) []string {
	if len(items) == 0 {
		return []string{""}
	}
	return items
}

type configFlag struct {
	cfg  *Config
	path string // the file last applied
}

func (f *configFlag) String() string {
	if f == nil {
		return ""
	}
	return f.path
}

func (f *configFlag) Set(path string) error {
	if err := LoadFile(path, f.cfg); err != nil {
		return err
	}
	f.path = path
	return nil
}
