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

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/internal/vetx"
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
		// *.cfg file: blockcheck's own unit driver serves it. On a bad
		// flag, it prints the error once per package, not the whole usage.
		os.Exit(vetx.Main(vetx.Tool{Analyzer: analyzer.Analyzer, Version: vetVersion, Flags: vetFlags, Check: vetUnitCheck}, args))
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

// vetFlags defines the flags of the go vet driver that are the command's,
// not the analyzer's: -confighash, checked by vetUnitCheck before the
// analysis.
func vetFlags(fs *flag.FlagSet) {
	fs.String("confighash", "", "the SHA-256 of the -config file, as 'blockcheck -vetflags' prints it; a run fails if the file no longer has it")
}
