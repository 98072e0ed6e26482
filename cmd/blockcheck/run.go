package main

import (
	"errors"
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
)

// options are the command's own flags; the analyzer's are bound to its
// configuration.
type options struct {
	format        string
	contextLines  int
	tests         bool
	baseline      string
	writeBaseline string
	why           string
	listSinks     bool
	cpuProfile    string
	memProfile    string
}

var formats = []string{"text", "json", "sarif", "github"}

// runStandalone is the standalone command. It returns the exit status.
func runStandalone(args []string) int {
	cfg := analyzer.DefaultConfig()
	fs := flag.NewFlagSet("blockcheck", flag.ContinueOnError)
	var opt options
	fs.StringVar(&opt.format, "format", "text", "output format: "+strings.Join(formats, ", "))
	jsonFlag := fs.Bool("json", false, "same as -format=json")
	fs.IntVar(&opt.contextLines, "c", -1, "with -format=text, print this many lines of context around each finding")
	fs.BoolVar(&opt.tests, "test", true, "also analyze test files")
	fs.StringVar(&opt.baseline, "baseline", "", "report only findings not recorded in this baseline file; list its stale entries")
	fs.StringVar(&opt.writeBaseline, "write-baseline", "", "record all current findings in this baseline file and exit 0")
	fs.StringVar(&opt.why, "why", "", "explain why a function may block, hop by hop, or why not; full name, as in example.com/pkg.F or (*example.com/pkg.T).M")
	fs.BoolVar(&opt.listSinks, "list-sinks", false, "print the standard-library table of blocking operations and exit")
	fs.StringVar(&opt.cpuProfile, "cpuprofile", "", "write a CPU profile to this file")
	fs.StringVar(&opt.memProfile, "memprofile", "", "write a memory profile to this file")
	config.BindFlags(fs, &cfg)
	// After a bad flag, the flag package prints the error; a hint beats
	// pages of usage there. -help prints the whole usage.
	fs.Usage = func() { fmt.Fprintln(os.Stderr, "Run 'blockcheck -help' for usage.") }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(fs, analyzer.Analyzer)
			return exitClean
		}
		return exitUsage
	}
	if *jsonFlag {
		opt.format = "json"
	}
	if !contains(formats, opt.format) {
		fmt.Fprintf(os.Stderr, "blockcheck: unknown -format %q (known: %s)\n", opt.format, strings.Join(formats, ", "))
		return exitUsage
	}
	if opt.listSinks {
		listSinks(os.Stdout)
		return exitClean
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "blockcheck: no packages given")
		return exitUsage
	}
	if opt.baseline != "" && opt.writeBaseline != "" {
		fmt.Fprintln(os.Stderr, "blockcheck: -baseline and -write-baseline exclude each other")
		return exitUsage
	}
	// Read the baseline before the analysis: a broken one fails fast.
	var base *baseline
	if opt.baseline != "" {
		var err error
		if base, err = readBaseline(opt.baseline); err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return exitError
		}
	}

	if opt.cpuProfile != "" {
		f, err := os.Create(opt.cpuProfile)
		if err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return exitError
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if opt.memProfile != "" {
		defer func() {
			f, err := os.Create(opt.memProfile)
			if err == nil {
				runtime.GC()
				pprof.WriteHeapProfile(f)
				f.Close()
			}
		}()
	}

	a := analyzer.New(cfg)
	if opt.why != "" {
		a = analyzer.NewExplaining(cfg)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: opt.tests}, fs.Args()...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(fs.Args(), " "))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
		return exitError
	}
	status := exitClean
	if packages.PrintErrors(pkgs) > 0 {
		status = exitError
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
		return exitError
	}
	for act := range graph.All() {
		if act.Err != nil && act.IsRoot && status == exitClean {
			// Type errors were printed above; report other failures.
			if !strings.Contains(act.Err.Error(), "analysis skipped due to errors") {
				fmt.Fprintf(os.Stderr, "blockcheck: %s: %v\n", act.Package.PkgPath, act.Err)
			}
			status = exitError
		}
	}

	if opt.why != "" {
		return max(status, explain(os.Stdout, graph, opt.why))
	}

	wd, _ := os.Getwd()
	all := collect(graph, wd)
	if opt.writeBaseline != "" {
		if err := writeBaseline(opt.writeBaseline, all); err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return exitError
		}
		fmt.Fprintf(os.Stderr, "blockcheck: recorded %d findings in %s\n", len(all), opt.writeBaseline)
		return status
	}
	shown := all
	if base != nil {
		var stale []baselineEntry
		shown, stale = base.filter(all)
		reportStale(os.Stderr, opt.baseline, stale)
		// Hide the baselined findings from the JSON output too.
		keep := make(map[*analysis.Diagnostic]bool, len(shown))
		for _, f := range shown {
			keep[f.diag] = true
		}
		for act := range graph.All() {
			if act.IsRoot {
				kept := act.Diagnostics[:0:0]
				for i := range act.Diagnostics {
					if keep[&act.Diagnostics[i]] {
						kept = append(kept, act.Diagnostics[i])
					}
				}
				act.Diagnostics = kept
			}
		}
	}

	switch opt.format {
	case "text":
		printText(os.Stderr, shown, opt.contextLines)
	case "json":
		if err := graph.PrintJSON(os.Stdout); err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return exitError
		}
		return status // findings do not change the status with JSON
	case "github":
		printGitHub(os.Stdout, shown)
	case "sarif":
		if err := printSARIF(os.Stdout, shown); err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return exitError
		}
	}
	// An error outranks findings: a package that did not type-check was
	// not analyzed, so "findings" would claim more than was checked.
	if len(shown) > 0 && status == exitClean {
		return exitFindings
	}
	return status
}

// A finding is one diagnostic of a root package, with its positions
// resolved.
type finding struct {
	pkg      string // package path
	posn     token.Position
	file     string // relative to the working directory when inside it, with slashes
	category string
	message  string
	related  []relatedInfo
	diag     *analysis.Diagnostic
}

type relatedInfo struct {
	posn    token.Position
	file    string
	message string
}

// collect gathers the findings of the root packages, without duplicates
// (a file of package p also belongs to p's test variant), sorted by
// position: the output does not depend on the order packages finished.
func collect(graph *checker.Graph, wd string) []*finding {
	type key struct {
		posn    token.Position
		message string
	}
	seen := make(map[key]bool)
	var out []*finding
	for act := range graph.All() {
		if !act.IsRoot || act.Err != nil {
			continue
		}
		fset := act.Package.Fset
		for i := range act.Diagnostics {
			d := &act.Diagnostics[i]
			posn := fset.Position(d.Pos)
			k := key{posn, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			f := &finding{
				pkg:      strings.TrimSuffix(act.Package.PkgPath, "_test"),
				posn:     posn,
				file:     relPath(wd, posn.Filename),
				category: d.Category,
				message:  d.Message,
				diag:     d,
			}
			for _, r := range d.Related {
				rp := fset.Position(r.Pos)
				f.related = append(f.related, relatedInfo{posn: rp, file: relPath(wd, rp.Filename), message: r.Message})
			}
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.posn.Filename != b.posn.Filename {
			return a.posn.Filename < b.posn.Filename
		}
		if a.posn.Line != b.posn.Line {
			return a.posn.Line < b.posn.Line
		}
		if a.posn.Column != b.posn.Column {
			return a.posn.Column < b.posn.Column
		}
		return a.message < b.message
	})
	return out
}

// relPath makes a file name relative to the working directory when it is
// inside it, with forward slashes (SARIF and GitHub want them).
func relPath(wd, name string) string {
	if wd != "" {
		if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(name)
}

// printText prints findings as go vet does: file:line:col: message, then
// each related location, indented by a tab.
func printText(w io.Writer, fs []*finding, contextLines int) {
	for _, f := range fs {
		fmt.Fprintf(w, "%s: %s\n", f.posn, f.message)
		printContext(w, f.posn, contextLines)
		for _, r := range f.related {
			fmt.Fprintf(w, "%s: \t%s\n", r.posn, r.message)
			printContext(w, r.posn, contextLines)
		}
	}
}

func printContext(w io.Writer, posn token.Position, n int) {
	if n < 0 {
		return
	}
	data, err := os.ReadFile(posn.Filename)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for i := posn.Line - n; i <= posn.Line+n; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// listSinks prints the standard-library table.
func listSinks(w io.Writer) {
	for _, s := range facts.StdSinks() {
		fmt.Fprintf(w, "%-8s %s\n", s.Category, s.Name)
	}
}

func usage(fs *flag.FlagSet, a *analysis.Analyzer) {
	paras := strings.Split(a.Doc, "\n\n")
	fmt.Fprintf(os.Stderr, "blockcheck: %s\n\n", paras[0])
	fmt.Fprintf(os.Stderr, "Usage: blockcheck [flags] packages...\n       go vet -vettool=$(command -v blockcheck) [flags] packages...\n\n")
	if len(paras) > 1 {
		fmt.Fprintln(os.Stderr, strings.Join(paras[1:], "\n\n"))
	}
	fmt.Fprintln(os.Stderr, "\nFlags:")
	fs.PrintDefaults()
	fmt.Fprintln(os.Stderr, "\nExit status: 0 clean, 1 error, 2 usage error, 3 findings (0 with -format=json).")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
