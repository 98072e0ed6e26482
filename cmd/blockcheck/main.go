// Command blockcheck reports blocking operations reachable from code that
// must not block.
//
// Usage:
//
//	blockcheck [flags] packages...                 # standalone
//	go vet -vettool=$(command -v blockcheck) ./... # under go vet
//
// Exit status (standalone): 0 when there are no findings, 3 when there are
// findings, 1 when a package could not be loaded or analyzed, 2 on a usage
// error (unknown flag, unknown category). With -json the findings are
// printed as JSON and the exit status is 0 unless an error occurred. Under
// go vet, the go command exits 1 on findings or errors.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/blockcheck/blockcheck/analyzer"
)

func main() {
	singlechecker.Main(analyzer.Analyzer)
}
