// Command prevvet is blockcheck's previous go vet driver, the standard unit
// driver of golang.org/x/tools, kept for tests that compare blockcheck's
// own driver with it.
package main

import (
	"flag"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/blockcheck/blockcheck/analyzer"
)

func main() {
	flag.CommandLine.Usage = func() {}
	singlechecker.Main(analyzer.Analyzer)
}
