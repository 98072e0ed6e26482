package facts

import (
	"strconv"
	"strings"
	"sync"
)

// Callbacks is the fact exported for a function that calls some of its
// function-typed parameters synchronously, before it returns: a call to it
// blocks if an argument passed there blocks. Params are parameter indices,
// from 0, not counting the receiver; sorted.
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
		b.WriteString("arg")
		b.WriteString(strconv.Itoa(p))
	}
	b.WriteString(")")
	return b.String()
}

// StdCallback is a standard-library function that calls function arguments
// synchronously: sync.(*Once).Do runs its argument before returning,
// slices.SortFunc calls its comparison. Functions that hand their argument
// to another goroutine (time.AfterFunc, context.AfterFunc) are not listed:
// that is offloading, and does not block the caller.
type StdCallback struct {
	Name   string // full name, as in the sink table
	Params []int  // parameter indices, from 0, not counting the receiver
}

// stdCallbacks is the table. Keys are checked against the real packages by
// TestStdTableResolves.
var stdCallbacks = []StdCallback{
	{"(*sync.Once).Do", []int{0}},
	{"(*sync.Map).Range", []int{0}},
	{"sort.Slice", []int{1}},
	{"sort.SliceStable", []int{1}},
	{"sort.Search", []int{1}},
	{"slices.SortFunc", []int{1}},
	{"slices.SortStableFunc", []int{1}},
	{"slices.IndexFunc", []int{1}},
	{"slices.ContainsFunc", []int{1}},
	{"slices.DeleteFunc", []int{1}},
	{"slices.BinarySearchFunc", []int{2}},
	{"slices.CompactFunc", []int{1}},
	{"slices.EqualFunc", []int{2}},
	{"slices.MaxFunc", []int{1}},
	{"slices.MinFunc", []int{1}},
	{"maps.DeleteFunc", []int{1}},
	{"strings.Map", []int{0}},
	{"strings.FieldsFunc", []int{1}},
	{"strings.IndexFunc", []int{1}},
	{"strings.LastIndexFunc", []int{1}},
	{"strings.TrimFunc", []int{1}},
	{"strings.TrimLeftFunc", []int{1}},
	{"strings.TrimRightFunc", []int{1}},
	{"strings.ContainsFunc", []int{1}},
	{"bytes.Map", []int{0}},
	{"bytes.FieldsFunc", []int{1}},
	{"bytes.IndexFunc", []int{1}},
	{"bytes.TrimFunc", []int{1}},
	{"path/filepath.Walk", []int{1}},
	{"path/filepath.WalkDir", []int{1}},
	{"io/fs.WalkDir", []int{2}},
	{"(*testing.T).Run", []int{1}},
	{"(*testing.B).Run", []int{1}},
}

var (
	stdCallbackOnce  sync.Once
	stdCallbackIndex map[string][]int
)

// LookupStdCallbacks returns the parameters a standard-library function
// calls synchronously, if the table knows it.
func LookupStdCallbacks(fullName string) []int {
	stdCallbackOnce.Do(func() {
		stdCallbackIndex = make(map[string][]int, len(stdCallbacks))
		for _, c := range stdCallbacks {
			if len(c.Params) > 0 {
				stdCallbackIndex[c.Name] = c.Params
			}
		}
	})
	return stdCallbackIndex[fullName]
}
