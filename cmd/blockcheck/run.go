package main

import (
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
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/whole"
)

// options are the command's own flags; the analyzer's are bound to its
// configuration.
type options struct {
	outputs       outputList
	contextLines  int
	tests         bool
	tags          string
	sourceRoot    string
	progress      bool
	baseline      string
	writeBaseline string
	why           string
	whole         bool
	listSinks     bool
	cpuProfile    string
	memProfile    string
	version       bool
	vetFlags      bool
	configHash    string
	configFile    string // the configuration applied: -config's, or the one found
	cache         string // -cache: the results cache directory, or "off"
}

// runStandalone is the standalone command. It returns the exit status.
// Findings go to standard output (or the -format files); errors, notes and
// the progress line go to standard error.
func runStandalone(args []string) int {
	cfg, opt, fs, done := parseFlags(args)
	if done >= 0 {
		return done
	}
	if opt.version {
		fmt.Println(versionLine())
		return exitClean
	}
	if opt.vetFlags {
		return printVetFlags(os.Stdout, opt.configFile)
	}
	if err := opt.outputs.check(); err != nil {
		fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
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
	// Open the outputs before the analysis too: an output that cannot be
	// written is known before minutes of work.
	stepSummary := os.Getenv("GITHUB_STEP_SUMMARY")
	if opt.why == "" && opt.writeBaseline == "" {
		opt.outputs.addStepSummary(stepSummary)
		if err := opt.outputs.open(os.Stdout, stepSummary); err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			return exitError
		}
		defer opt.outputs.close() // on early returns; the normal path closes and checks
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

	// -verbose prints notes during the analysis: they would break the
	// progress line.
	prog := newProgress(os.Stderr, opt.progress && !cfg.Verbose)
	a := analyzer.New(cfg)
	switch {
	case opt.whole:
		a = analyzer.NewProgram(cfg, opt.why != "")
	case opt.why != "":
		a = analyzer.NewExplaining(cfg)
	}
	loadCfg := &packages.Config{Tests: opt.tests}
	if opt.tags != "" {
		loadCfg.BuildFlags = []string{"-tags=" + opt.tags}
	}
	var rc *resultCache
	// -why explains from the analysis itself, and -whole walks the whole
	// program's summaries: neither reads results from the cache.
	if opt.why == "" && !opt.whole {
		dir, err := cacheDir(opt.cache)
		if err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: cache: not used: %v\n", err)
		}
		rc = openCache(dir, cfg, opt, loadCfg, os.Stderr)
		registerFactTypes(a)
	}
	prog.begin("loading packages", 0)
	pkgs, err := listPackages(loadCfg, fs.Args())
	prog.end()
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(fs.Args(), " "))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
		return exitError
	}
	roots := make(map[string]bool)
	for _, p := range pkgs {
		roots[p.PkgPath] = true
	}
	var plan *cachePlan
	if rc != nil {
		plan = rc.plan(pkgs)
	}
	// The roots the cache does not answer are loaded and analyzed, with
	// their dependencies: those that hit are type-checked, not analyzed.
	var missed []*packages.Package
	for _, p := range pkgs {
		if plan == nil || plan.entries[p] == nil {
			missed = append(missed, p)
		}
	}
	status := exitClean
	var graph *checker.Graph
	var results []*pkgResult
	if len(missed) > 0 {
		prog.begin("loading packages", 0)
		loadTypes(loadCfg, missed)
		prog.end()
		if packages.PrintErrors(pkgs) > 0 {
			status = exitError
		}
		total := 0
		packages.Visit(missed, nil, func(*packages.Package) { total++ })
		an := prog.wrap(a, roots)
		if plan != nil {
			an = withCache(an, plan.byTypes())
		}
		prog.begin("analyzing", total)
		graph, err = checker.Analyze([]*analysis.Analyzer{an}, missed, nil)
		prog.end()
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
		var program *whole.Program
		if opt.whole {
			var st int
			program, st = runWhole(graph, pkgs, opt.why == "", prog)
			status = max(status, st)
		}
		if opt.why != "" {
			return max(status, explain(os.Stdout, graph, program, opt.why))
		}
		results = rootResults(graph)
	}
	if rc != nil {
		var analyzed []string
		if graph != nil {
			analyzed = rc.store(graph, plan)
		}
		rc.report(plan.reused(), analyzed)
		for _, p := range pkgs {
			if e := plan.entries[p]; e != nil {
				r := e.Result
				results = append(results, &r)
			}
		}
		sortResults(results)
	}

	wd, _ := os.Getwd()
	p := paths{wd: wd, root: opt.sourceRoot}
	if p.root == "" {
		p.root = defaultSourceRoot(pkgs, wd)
	}
	if abs, err := filepath.Abs(p.root); err == nil {
		p.root = abs
	}
	all := collectResults(results)
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
	}
	// The JSON output lists the findings the others do: each once (the
	// first package that reports it keeps it, not the test variants), and
	// not those in the baseline.
	keep := make(map[*diagRecord]bool, len(shown))
	for _, f := range shown {
		keep[f.diag] = true
	}
	var actionErrs map[string]map[string]string
	if graph != nil {
		actionErrs = actionErrors(graph)
	}

	var summaryPath string
	for _, o := range opt.outputs.list {
		if o.format == "summary" {
			summaryPath = o.path
		}
	}
	for _, o := range opt.outputs.list {
		switch o.format {
		case "text":
			printText(o.w, shown, p, opt.contextLines)
		case "json":
			err = printJSON(o.w, results, keep, actionErrs)
		case "github":
			githubLimitNote(os.Stderr, printGitHub(o.w, shown, p, cfg.Levels), summaryPath)
		case "sarif":
			err = printSARIF(o.w, shown, p, cfg.Levels)
		case "summary":
			printSummary(o.w, shown, p, cfg.Levels, summaryRun{failed: status != exitClean, blobURL: githubBlobURL()})
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: -format %s: writing the output: %v\n", o, err)
			return exitError
		}
	}
	if err := opt.outputs.close(); err != nil {
		fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
		return exitError
	}
	if opt.outputs.onlyJSON() {
		return status // findings do not change the status with JSON alone
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
	pkg        string // package path
	posn       token.Position
	end        token.Position // invalid when unknown
	category   string
	message    string
	function   string // the declaration the finding is in: "F", "(*T).M"; "" at package level
	occurrence int    // how many earlier findings in function have the same message
	related    []relatedInfo
	diag       *diagRecord
}

type relatedInfo struct {
	posn    token.Position
	end     token.Position
	message string
}

// rootActions returns the actions of the root packages, each package
// before its test variants: a finding in a file of package p is reported
// by p and again by p's test variant, and is kept for p.
func rootActions(graph *checker.Graph) []*checker.Action {
	var out []*checker.Action
	for act := range graph.All() {
		if act.IsRoot {
			out = append(out, act)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Package, out[j].Package
		if (a.ForTest != "") != (b.ForTest != "") {
			return a.ForTest == ""
		}
		return a.ID < b.ID
	})
	return out
}

// printText prints findings as go vet does: file:line:col: message, then
// each related location, indented by a tab; file names are relative to the
// working directory when inside it.
func printText(w io.Writer, fs []*finding, p paths, contextLines int) {
	for _, f := range fs {
		fmt.Fprintf(w, "%s:%d:%d: %s\n", p.text(f.posn.Filename), f.posn.Line, f.posn.Column, f.message)
		printContext(w, f.posn, contextLines)
		for _, r := range f.related {
			fmt.Fprintf(w, "%s:%d:%d: \t%s\n", p.text(r.posn.Filename), r.posn.Line, r.posn.Column, r.message)
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

func usage(w io.Writer, fs *flag.FlagSet, a *analysis.Analyzer) {
	paras := strings.Split(a.Doc, "\n\n")
	fmt.Fprintf(w, "blockcheck: %s\n\n", paras[0])
	fmt.Fprintf(w, "Usage: blockcheck [flags] packages...\n       go vet -vettool=$(command -v blockcheck) [flags] packages...\n\n")
	if len(paras) > 1 {
		fmt.Fprintln(w, strings.Join(paras[1:], "\n\n"))
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprintln(w, "\nFindings go to standard output (or the -format files); errors and notes to standard error.")
	fmt.Fprintln(w, "Exit status: 0 clean, 1 error, 2 usage error, 3 findings (0 when every output is json).")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
