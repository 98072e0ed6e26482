package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/config"
)

// parseFlags reads the standalone command's flags. Without -config, the
// configuration file that config.Find finds from the current directory
// is applied first, and the flags override it. It returns status -1 when
// the command goes on, else the exit status to return.
func parseFlags(args []string) (cfg analyzer.Config, opt *options, fs *flag.FlagSet, status int) {
	// A first pass learns whether -config is given; its errors are
	// printed by the second.
	probeCfg, probeOpt := analyzer.DefaultConfig(), new(options)
	probe := newFlagSet(&probeCfg, probeOpt)
	probe.SetOutput(io.Discard)
	found := ""
	if probe.Parse(args) == nil && !isSet(probe, "config") && !probeOpt.version && !probeOpt.listSinks {
		var err error
		if found, err = config.Find("."); err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return cfg, nil, nil, exitUsage
		}
	}

	cfg = analyzer.DefaultConfig()
	if found != "" {
		if err := config.LoadFile(found, &cfg); err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return cfg, nil, nil, exitUsage
		}
	}
	opt = new(options)
	fs = newFlagSet(&cfg, opt)
	// After a bad flag, the flag package prints the error; a hint beats
	// pages of usage there. -help prints the usage alone, on standard
	// output.
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(os.Stdout, fs, analyzer.Analyzer)
			return cfg, nil, nil, exitClean
		}
		fmt.Fprintln(os.Stderr, "Run 'blockcheck -help' for usage.")
		return cfg, nil, nil, exitUsage
	}
	opt.configFile = found
	if isSet(fs, "config") {
		opt.configFile = fs.Lookup("config").Value.String()
	}
	if opt.configHash != "" {
		if err := checkConfigHash(opt.configFile, opt.configHash); err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return cfg, nil, nil, exitUsage
		}
	}
	if cfg.Verbose && found != "" && !isSet(fs, "config") {
		fmt.Fprintf(os.Stderr, "blockcheck: configuration %s\n", found)
	}
	return cfg, opt, fs, -1
}

// newFlagSet defines the standalone command's flags, bound to cfg and opt.
func newFlagSet(cfg *analyzer.Config, opt *options) *flag.FlagSet {
	fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	opt.outputs.list = []*output{{format: "text"}}
	fs.Var(&opt.outputs, "format", "outputs, comma-separated or repeated: format or format=file (formats: "+strings.Join(formats, ", ")+"); without =file, to standard output")
	fs.BoolFunc("json", "same as -format=json", func(v string) error {
		if on, err := strconv.ParseBool(v); err != nil || !on {
			return err
		}
		return opt.outputs.Set("json")
	})
	fs.IntVar(&opt.contextLines, "c", -1, "with -format=text, print this many lines of context around each finding")
	fs.BoolVar(&opt.tests, "test", true, "also analyze test files")
	fs.StringVar(&opt.tags, "tags", "", "comma-separated build tags for loading the packages, as go build -tags takes them")
	fs.StringVar(&opt.sourceRoot, "source-root", "", "the directory SARIF URIs, GitHub annotations and the summary are relative to (default: the repository root when the main module is in a git repository, else the module's root)")
	fs.BoolVar(&opt.progress, "progress", true, "on a terminal, show progress on standard error during a long run")
	fs.StringVar(&opt.baseline, "baseline", "", "report only findings not recorded in this baseline file; list its stale entries")
	fs.StringVar(&opt.writeBaseline, "write-baseline", "", "record all current findings in this baseline file and exit 0")
	fs.StringVar(&opt.why, "why", "", "explain why a function may block, hop by hop, or why not; full name, as in example.com/pkg.F or (*example.com/pkg.T).M")
	fs.BoolVar(&opt.whole, "whole", false, "whole-program mode: also follow the calls through interfaces and function values that a call graph of the whole program (VTA) resolves, and report the roots' paths through them to functions that may block; costs SSA and the call graph of every loaded package (for nightly CI)")
	fs.BoolVar(&opt.listSinks, "list-sinks", false, "print the standard-library table of blocking operations and exit")
	fs.StringVar(&opt.cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&opt.memProfile, "memprofile", "", "write a memory profile to this file")
	fs.BoolVar(&opt.version, "version", false, "print the version and exit")
	fs.BoolVar(&opt.vetFlags, "vetflags", false, "print the flags that pass the configuration found here to go vet (-config and -confighash), and exit: go vet -vettool=... $(blockcheck -vetflags) ./...")
	fs.StringVar(&opt.configHash, "confighash", "", "the SHA-256 of the -config file, as -vetflags prints it; a run fails if the file no longer has it")
	fs.StringVar(&opt.cache, "cache", "", "the directory of the results cache, which a rerun reuses for the packages that did not change (default $"+cacheEnv+", else blockcheck in the user cache directory); off disables it")
	config.BindFlags(fs, cfg)
	return fs
}

// isSet reports whether the flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
