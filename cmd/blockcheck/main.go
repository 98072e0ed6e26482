// Command blockcheck reports blocking operations reachable from code that
// must not block.
//
// Usage:
//
//	blockcheck [flags] packages...                 # standalone
//	go vet -vettool=$(command -v blockcheck) ./... # under go vet
//
// Exit status, standalone:
//
//	0  no findings
//	1  a package could not be loaded or type-checked, no packages were
//	   given, or the analysis failed
//	2  usage error: an unknown flag, an unknown category, no arguments
//	3  findings were reported
//
// With -json the findings are printed as JSON and the exit status is 0
// unless an error occurred. Under go vet the go command decides: it exits 1
// on findings or errors (0 with -json), and a bad flag is reported by each
// package the go command hands to blockcheck.
//
// Malformed directives are findings (category "directive"): they are
// reported whatever categories are enabled.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/blockcheck/blockcheck/analyzer"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: blockcheck [flags] packages...\n       go vet -vettool=$(command -v blockcheck) packages...\nRun 'blockcheck -help' for the flags.")
		os.Exit(2)
	}
	if vetUnit(os.Args[1:]) {
		// Under go vet every package is a separate run: on a bad flag,
		// print the error once per package, not the whole usage.
		flag.CommandLine.Usage = func() {}
	}
	singlechecker.Main(analyzer.Analyzer)
}

// vetUnit reports whether blockcheck was started by go vet on one package:
// go vet passes a single *.cfg file after the flags.
func vetUnit(args []string) bool {
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}
