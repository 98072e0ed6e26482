package facts

import (
	"strconv"
	"strings"
	"sync"
)

// Callbacks is the fact exported for a function that calls some of its
// function-typed parameters synchronously, before it returns: a call to it
// blocks if an argument passed there blocks. Params are parameter indices,
// from 0, not counting the receiver, and Receiver (-1) for a method of a
// function type that calls its receiver (func (f HandlerFunc) Serve() {
// f() }); sorted.
type Callbacks struct {
	Params []int
}

// AFact marks Callbacks as an analysis fact.
func (*Callbacks) AFact() {}

func (f *Callbacks) String() string {
	var b strings.Builder
	b.WriteString("calls(")
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(ParamName(p))
	}
	b.WriteString(")")
	return b.String()
}

// Receiver is the index facts use for a method's receiver.
const Receiver = -1

// ParamName names a parameter index for a fact's String: "arg0", "recv".
func ParamName(i int) string {
	if i == Receiver {
		return "recv"
	}
	return "arg" + strconv.Itoa(i)
}

// StdCallback is a standard-library function that calls function arguments
// synchronously: sync.(*Once).Do runs its argument before returning,
// slices.SortFunc calls its comparison. Functions that hand their argument
// to another goroutine (time.AfterFunc, context.AfterFunc) are not listed:
// that is offloading, and does not block the caller.
type StdCallback struct {
	Name   string // full name, as in the sink table
	Params []int  // parameter indices, from 0, not counting the receiver
	// Returns are the parameters that the function-typed result calls
	// when it is called: sync.OnceFunc(f) returns a function that calls f.
	Returns []int
}

// stdCallbacks is the table. Keys are checked against the real packages by
// TestStdTableResolves.
var stdCallbacks = []StdCallback{
	{"(*sync.Once).Do", []int{0}, nil},
	{"(*sync.Map).Range", []int{0}, nil},
	{"sort.Slice", []int{1}, nil},
	{"sort.SliceStable", []int{1}, nil},
	{"sort.Search", []int{1}, nil},
	{"slices.SortFunc", []int{1}, nil},
	{"slices.SortStableFunc", []int{1}, nil},
	{"slices.IndexFunc", []int{1}, nil},
	{"slices.ContainsFunc", []int{1}, nil},
	{"slices.DeleteFunc", []int{1}, nil},
	{"slices.BinarySearchFunc", []int{2}, nil},
	{"slices.CompactFunc", []int{1}, nil},
	{"slices.EqualFunc", []int{2}, nil},
	{"slices.MaxFunc", []int{1}, nil},
	{"slices.MinFunc", []int{1}, nil},
	{"maps.DeleteFunc", []int{1}, nil},
	{"strings.Map", []int{0}, nil},
	{"strings.FieldsFunc", []int{1}, nil},
	{"strings.IndexFunc", []int{1}, nil},
	{"strings.LastIndexFunc", []int{1}, nil},
	{"strings.TrimFunc", []int{1}, nil},
	{"strings.TrimLeftFunc", []int{1}, nil},
	{"strings.TrimRightFunc", []int{1}, nil},
	{"strings.ContainsFunc", []int{1}, nil},
	{"bytes.Map", []int{0}, nil},
	{"bytes.FieldsFunc", []int{1}, nil},
	{"bytes.IndexFunc", []int{1}, nil},
	{"bytes.TrimFunc", []int{1}, nil},
	{"path/filepath.Walk", []int{1}, nil},
	{"path/filepath.WalkDir", []int{1}, nil},
	{"io/fs.WalkDir", []int{2}, nil},
	{"(*testing.T).Run", []int{1}, nil},
	{"(*testing.B).Run", []int{1}, nil},
	{"sync.OnceFunc", nil, []int{0}},
	{"sync.OnceValue", nil, []int{0}},
	{"sync.OnceValues", nil, []int{0}},
}

var (
	stdCallbackOnce  sync.Once
	stdCallbackIndex map[string]*StdCallback
)

func lookupStdCallback(fullName string) *StdCallback {
	stdCallbackOnce.Do(func() {
		stdCallbackIndex = make(map[string]*StdCallback, len(stdCallbacks))
		for i := range stdCallbacks {
			stdCallbackIndex[stdCallbacks[i].Name] = &stdCallbacks[i]
		}
	})
	return stdCallbackIndex[fullName]
}

// LookupStdCallbacks returns the parameters a standard-library function
// calls synchronously, if the table knows it.
func LookupStdCallbacks(fullName string) []int {
	if c := lookupStdCallback(fullName); c != nil {
		return c.Params
	}
	return nil
}

// LookupStdReturns returns the parameters that the function-typed result
// of a standard-library function calls, if the table knows it.
func LookupStdReturns(fullName string) []int {
	if c := lookupStdCallback(fullName); c != nil {
		return c.Returns
	}
	return nil
}
