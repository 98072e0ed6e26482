package main

import (
	"fmt"
	"go/token"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/internal/whole"
)

// wholeProgram builds the whole-program call graph of the analyzed
// packages, with the modular summary of each (the results of
// analyzer.NewProgram). A bug in SSA or the call graph is an error of the
// run, not a crash: the modular findings are still reported.
func wholeProgram(graph *checker.Graph, pkgs []*packages.Package) (program *whole.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			program, err = nil, fmt.Errorf("-whole: internal error building the call graph: %v (please report it, with the packages given)", r)
		}
	}()
	summaries := make(map[*packages.Package]*whole.Summary)
	var fset *token.FileSet
	for act := range graph.All() {
		if r, ok := act.Result.(*analyzer.Program); ok && r != nil && r.Summary != nil {
			summaries[act.Package] = r.Summary
		}
		if fset == nil {
			fset = act.Package.Fset
		}
	}
	return whole.Build(fset, pkgs, summaries, answeredPkg), nil
}

// addWholeFindings adds to each root package's action the findings of the
// whole-program walk from its roots, at the call sites the modular pass
// did not report: they then go through the same collection, baseline and
// outputs as the modular findings.
func addWholeFindings(graph *checker.Graph, program *whole.Program) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("-whole: internal error walking the call graph: %v (please report it, with the packages given)", r)
		}
	}()
	acts := rootActions(graph)
	reported := make(map[token.Position]bool)
	for _, act := range acts {
		for _, d := range act.Diagnostics {
			reported[act.Package.Fset.Position(d.Pos)] = true
		}
	}
	used := make(map[token.Position]bool)
	for _, act := range acts {
		r, ok := act.Result.(*analyzer.Program)
		if act.Err != nil || !ok || r == nil || r.Summary == nil {
			continue
		}
		fset := act.Package.Fset
		found, silenced := program.Findings(act.Package.Types, r.Summary, func(pos token.Pos) bool { return reported[fset.Position(pos)] })
		act.Diagnostics = append(act.Diagnostics, found...)
		for _, pos := range silenced {
			used[fset.Position(pos)] = true
		}
	}
	if len(used) == 0 {
		return nil
	}
	// An ignore directive that silences a finding of the walk is used,
	// though the modular pass reported it unused.
	for _, act := range acts {
		kept := act.Diagnostics[:0]
		for _, d := range act.Diagnostics {
			if !(d.Category == "directive" && strings.HasPrefix(d.Message, "unused directive") && used[act.Package.Fset.Position(d.Pos)]) {
				kept = append(kept, d)
			}
		}
		act.Diagnostics = kept
	}
	return nil
}

// runWhole runs the whole-program mode over an analyzed graph: it builds
// the program and, unless only explaining (-why), adds its findings to the
// root packages' diagnostics. It returns the program (nil if it could not
// be built) and the exit status its errors call for.
func runWhole(graph *checker.Graph, pkgs []*packages.Package, report bool, prog *progress) (*whole.Program, int) {
	status := exitClean
	prog.begin("whole program: building SSA and the call graph", 0)
	program, err := wholeProgram(graph, pkgs)
	prog.end()
	if err != nil {
		fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
		return nil, exitError
	}
	if report {
		prog.begin("whole program: walking from the roots", 0)
		err = addWholeFindings(graph, program)
		prog.end()
		if err != nil {
			fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
			status = exitError
		}
	}
	return program, status
}
