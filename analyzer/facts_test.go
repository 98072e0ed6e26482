package analyzer_test

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/facts"
)

// Fact budgets. A fact is read for every call to the function in every
// downstream package and written into every vetx file: keep it small.
const (
	maxFactBytes  = 400 // one fact, gob-encoded on its own (type descriptors included)
	maxChainBytes = 200 // one fact's chain and sink, the part that grows with code
)

// TestFactsDeterministicAndSmall encodes every fact the testdata produces ten
// times, requires identical bytes each time (build caches and Bazel remote
// caches key on them), round-trips it and holds it to a size budget.
func TestFactsDeterministicAndSmall(t *testing.T) {
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer,
		"example.com/categories", "example.com/propagation", "example.com/directives",
		"example.com/downstream", "example.com/framework", "example.com/app",
		"example.com/lockhelpers", "example.com/lockheld")
	n := 0
	for _, r := range results {
		for obj, fs := range r.Facts {
			for _, f := range fs {
				n++
				checkFact(t, obj, f)
			}
		}
	}
	if n < 20 {
		t.Fatalf("only %d facts produced; the testdata should produce dozens", n)
	}
}

func checkFact(t *testing.T, obj any, f analysis.Fact) {
	t.Helper()
	var first []byte
	for i := range 10 {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(f); err != nil {
			t.Fatalf("%v: encoding %T: %v", obj, f, err)
		}
		if i == 0 {
			first = buf.Bytes()
			continue
		}
		if !bytes.Equal(first, buf.Bytes()) {
			t.Fatalf("%v: fact %v encodes differently on encoding %d", obj, f, i)
		}
	}
	if len(first) > maxFactBytes {
		t.Errorf("%v: fact %v is %d bytes, budget %d", obj, f, len(first), maxFactBytes)
	}
	back := reflect.New(reflect.TypeOf(f).Elem()).Interface()
	if err := gob.NewDecoder(bytes.NewReader(first)).Decode(back); err != nil {
		t.Fatalf("%v: decoding %T: %v", obj, f, err)
	}
	if !reflect.DeepEqual(f, back) {
		t.Errorf("%v: fact %#v round-trips to %#v", obj, f, back)
	}
	if b, ok := f.(*facts.Blocking); ok {
		size := len(b.Sink)
		for _, h := range b.Chain {
			size += len(h)
		}
		if size > maxChainBytes || len(b.Chain) > facts.MaxChain {
			t.Errorf("%v: fact %v has a chain of %d hops, %d bytes", obj, f, len(b.Chain), size)
		}
	}
}
