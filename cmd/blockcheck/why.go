package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis/checker"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/whole"
)

// explain prints why a function may block, or why not, from the
// explanations of the package that declares it. It returns the exit
// status: 0 when the function was found, 1 otherwise.
//
// With the whole-program mode (program not nil), the paths the call graph
// adds through dynamic calls follow the explanation.
func explain(w io.Writer, graph *checker.Graph, program *whole.Program, name string) int {
	pkgPath := facts.PackageOf(name)
	var names []string
	for act := range graph.All() {
		if !act.IsRoot || act.Package.PkgPath != pkgPath {
			continue
		}
		e := explanations(act.Result)
		if e == nil {
			continue
		}
		if text, ok := e.Funcs[name]; ok {
			fmt.Fprint(w, text)
			if program != nil {
				if more := program.Explain(name); more != "" {
					fmt.Fprint(w, "whole-program call graph, through dynamic calls:\n"+more)
				} else {
					fmt.Fprint(w, "whole-program call graph: no further path through dynamic calls\n")
				}
			}
			return exitClean
		}
		for n := range e.Funcs {
			names = append(names, n)
		}
	}
	if names == nil {
		fmt.Fprintf(os.Stderr, "blockcheck: -why %s: package %q is not among the packages analyzed (or is the standard library, which the table answers for)\n", name, pkgPath)
		return exitError
	}
	sort.Strings(names)
	var near []string
	short := strings.ToLower(name[strings.LastIndex(name, ".")+1:])
	for _, n := range names {
		if strings.HasSuffix(strings.ToLower(n), "."+short) {
			near = append(near, n)
		}
	}
	msg := fmt.Sprintf("blockcheck: -why: no function %s in %s", name, pkgPath)
	if len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, " or ") + "?"
	}
	fmt.Fprintln(os.Stderr, msg)
	return exitError
}

// explanations are an action's explanations, from either analyzer that
// computes them.
func explanations(result any) *analyzer.Explanations {
	switch r := result.(type) {
	case *analyzer.Explanations:
		return r
	case *analyzer.Program:
		if r != nil {
			return r.Explanations
		}
	}
	return nil
}
