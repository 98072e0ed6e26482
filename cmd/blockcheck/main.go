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
//	0  no findings (or only findings recorded in the -baseline)
//	1  a package could not be loaded or type-checked, no packages matched,
//	   the analysis failed, or a baseline file is broken
//	2  usage error: an unknown flag, an unknown category, a broken -config
//	   file, no arguments
//	3  findings were reported
//
// With -format=json (or -json) the findings are printed as the standard
// go/analysis JSON and the exit status is 0 unless an error occurred. Under
// go vet the go command decides: it exits 1 on findings or errors (0 with
// -json), and a bad flag is reported by each package the go command hands
// to blockcheck.
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

// Exit statuses.
const (
	exitClean    = 0
	exitError    = 1
	exitUsage    = 2
	exitFindings = 3
)

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: blockcheck [flags] packages...\n       go vet -vettool=$(command -v blockcheck) packages...\nRun 'blockcheck -help' for the flags.")
		os.Exit(exitUsage)
	}
	if underVet(args) {
		// go vet asks for -V=full and -flags, then runs one package per
		// *.cfg file: the standard unit driver serves it. On a bad flag,
		// print the error once per package, not the whole usage.
		flag.CommandLine.Usage = func() {}
		for _, a := range args {
			if a == "-V=full" || a == "--V=full" {
				// go vet asks once per run, in its working directory,
				// before any package: a broken configuration found
				// there stops the run here, with one error instead of
				// one per package.
				if err := checkFoundConfig(); err != nil {
					fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
					os.Exit(exitError)
				}
				if err := printVetFull(os.Stdout); err != nil {
					fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
					os.Exit(exitError)
				}
				os.Exit(exitClean)
			}
		}
		if strings.HasSuffix(args[len(args)-1], ".cfg") {
			if err := vetUnitCheck(args); err != nil {
				fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
				os.Exit(exitError)
			}
		}
		flag.String("confighash", "", "the SHA-256 of the -config file, as 'blockcheck -vetflags' prints it; a run fails if the file no longer has it")
		singlechecker.Main(analyzer.Analyzer)
		return
	}
	os.Exit(runStandalone(args))
}

// underVet reports whether blockcheck was started by go vet.
func underVet(args []string) bool {
	if strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, a := range args {
		if a == "-flags" || a == "--flags" || strings.HasPrefix(a, "-V=") || a == "-V" {
			return true
		}
	}
	return false
}
