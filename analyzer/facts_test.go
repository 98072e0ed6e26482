package analyzer_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/types"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/facts"
)

// Fact budgets. A fact is read for every call to the function in every
// downstream package and written into every vetx file: keep it small.
const (
	maxFactBytes  = 400 // one fact, gob-encoded on its own (type descriptors included)
	maxChainBytes = 200 // one fact's chain and sink, the part that grows with code
)

// factPackages are the testdata packages whose facts are checked: between
// them, every fact type, with lists of several elements.
var factPackages = []string{
	"example.com/categories", "example.com/propagation", "example.com/directives",
	"example.com/downstream", "example.com/framework", "example.com/app",
	"example.com/lockhelpers", "example.com/lockheld", "example.com/wrapped",
	"example.com/shapes", "example.com/multifacts", "example.com/streams", "example.com/reasons", "example.com/fieldsfw", "example.com/fieldsmid", "example.com/future",
}

// TestFactsDeterministicAndSmall analyzes the testdata twice, from scratch,
// and requires every fact to encode to the same bytes both times and ten
// times over (build caches and Bazel remote caches key on them), every list
// in a fact to be sorted, every fact to round-trip, and each to hold to a
// size budget.
func TestFactsDeterministicAndSmall(t *testing.T) {
	first := encodedFacts(t)
	second := encodedFacts(t)
	require.Equal(t, first, second, "two analyses of the same code produced different facts")
	types := map[string]bool{}
	for key := range first {
		types[key[:bytes.IndexByte([]byte(key), ' ')]] = true
	}
	assert.Len(t, types, 9, "every fact type is produced: %v", types)
	assert.Greater(t, len(first), 40, "the testdata should produce dozens of facts")
}

// encodedFacts runs the analyzer on factPackages and returns every fact,
// checked, by type and object, gob-encoded.
func encodedFacts(t *testing.T) map[string][]byte {
	t.Helper()
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, factPackages...)
	out := map[string][]byte{}
	for _, r := range results {
		for obj, fs := range r.Facts {
			for _, f := range fs {
				key := fmt.Sprintf("%T %s", f, objectKey(obj))
				out[key] = checkFact(t, obj, f)
			}
		}
	}
	return out
}

func objectKey(obj types.Object) string {
	if obj == nil {
		return "package"
	}
	p, err := objectpath.For(obj)
	if err != nil {
		return obj.Pkg().Path() + "." + obj.Name()
	}
	return obj.Pkg().Path() + " " + string(p)
}

// checkFact checks one fact and returns its encoding.
func checkFact(t *testing.T, obj any, f analysis.Fact) []byte {
	t.Helper()
	var first []byte
	for i := range 10 {
		var buf bytes.Buffer
		require.NoError(t, gob.NewEncoder(&buf).Encode(f), "%v: encoding %T", obj, f)
		if i == 0 {
			first = buf.Bytes()
			continue
		}
		require.Equal(t, first, buf.Bytes(), "%v: fact %v encodes differently on encoding %d", obj, f, i)
	}
	assert.LessOrEqual(t, len(first), maxFactBytes, "%v: fact %v", obj, f)
	back := reflect.New(reflect.TypeOf(f).Elem()).Interface()
	require.NoError(t, gob.NewDecoder(bytes.NewReader(first)).Decode(back), "%v: decoding %T", obj, f)
	assert.Equal(t, f, back, "%v: fact round-trips", obj)
	for _, list := range sortedLists(f) {
		assert.True(t, sort.IsSorted(list), "%v: fact %v has an unsorted list", obj, f)
	}
	var ws []facts.Witness
	switch f := f.(type) {
	case *facts.Blocking:
		ws = f.Witnesses()
	case *facts.Returns:
		ws = f.Blocks
	}
	for i, w := range ws {
		checkChain(t, obj, f, w.Chain, w.Sink)
		if i > 0 {
			assert.Less(t, ws[i-1].Category.Rank(), w.Category.Rank(), "%v: fact %v: witnesses out of report order or repeated", obj, f)
		}
	}
	return first
}

func checkChain(t *testing.T, obj any, f analysis.Fact, chain []string, sink string) {
	t.Helper()
	size := len(sink)
	for _, h := range chain {
		size += len(h)
	}
	assert.True(t, size <= maxChainBytes && len(chain) <= facts.MaxChain, "%v: fact %v has a chain of %d hops, %d bytes", obj, f, len(chain), size)
}

// sortedLists returns the lists a fact documents as sorted.
func sortedLists(f analysis.Fact) []sort.Interface {
	switch f := f.(type) {
	case *facts.Contracts:
		return []sort.Interface{sort.StringSlice(f.Methods), sort.StringSlice(f.Fields), importedOrder(f.Imported)}
	case *facts.Locks:
		return []sort.Interface{sort.StringSlice(f.Acquires), sort.StringSlice(f.Releases), sort.StringSlice(f.Drops), sort.StringSlice(f.MayAcquire)}
	case *facts.Callbacks:
		return []sort.Interface{sort.IntSlice(f.Params)}
	case *facts.Returns:
		return []sort.Interface{sort.IntSlice(f.Calls)}
	case *facts.Streams:
		return []sort.Interface{sort.IntSlice(f.Params)}
	case *facts.Stores:
		return []sort.Interface{storesOrder(f.Params)}
	case *facts.FieldCalls:
		return []sort.Interface{fieldCallsOrder(f.Calls)}
	}
	return nil
}

// TestFactListsHaveSeveralElements guards the determinism test itself: an
// order bug shows only in lists of two or more.
func TestFactListsHaveSeveralElements(t *testing.T) {
	results := analysistest.Run(t, testdata(t), analyzer.Analyzer, "example.com/multifacts")
	longest := map[string]int{}
	for _, r := range results {
		for _, fs := range r.Facts {
			for _, f := range fs {
				for i, l := range sortedLists(f) {
					key := fmt.Sprintf("%T#%d", f, i)
					longest[key] = max(longest[key], l.Len())
				}
			}
		}
	}
	for key, n := range longest {
		assert.GreaterOrEqual(t, n, 2, "%s: no list of two or more elements in the testdata", key)
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range longest {
			if !yield(k) {
				return
			}
		}
	})
	assert.Equal(t, []string{"*facts.Callbacks#0", "*facts.Contracts#0", "*facts.Contracts#1", "*facts.Contracts#2", "*facts.FieldCalls#0", "*facts.Locks#0", "*facts.Locks#1", "*facts.Locks#2", "*facts.Locks#3", "*facts.Returns#0", "*facts.Stores#0", "*facts.Streams#0"}, keys)
}

type importedOrder []facts.PackageContracts

func (s importedOrder) Len() int           { return len(s) }
func (s importedOrder) Less(i, j int) bool { return s[i].Path < s[j].Path }
func (s importedOrder) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

type storesOrder []facts.ParamStore

func (s storesOrder) Len() int      { return len(s) }
func (s storesOrder) Swap(i, j int) { s[i], s[j] = s[j], s[i] }
func (s storesOrder) Less(i, j int) bool {
	if s[i].Param != s[j].Param {
		return s[i].Param < s[j].Param
	}
	return s[i].Field < s[j].Field
}

type fieldCallsOrder []facts.FieldCall

func (s fieldCallsOrder) Len() int           { return len(s) }
func (s fieldCallsOrder) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }
func (s fieldCallsOrder) Less(i, j int) bool { return s[i].Field < s[j].Field }
