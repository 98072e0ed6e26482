// Command noop is the floor blockcheck is measured against: an analyzer
// that declares a fact type, so that drivers run it on every dependency as
// they run blockcheck, and does nothing else.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

type noFact struct{}

func (*noFact) AFact() {}

var analyzer = &analysis.Analyzer{
	Name:      "noop",
	Doc:       "noop declares a fact type and does nothing: the cost floor of a fact-producing analyzer",
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
