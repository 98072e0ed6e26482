package facts

import (
	"strings"
	"testing"
)

func TestDefaultCategories(t *testing.T) {
	d := DefaultCategories()
	for _, c := range AllCategories() {
		want := c != Lock && c != Cgo
		if d.Has(c) != want {
			t.Errorf("default has %s = %v, want %v", c, d.Has(c), want)
		}
		if c.Doc() == "" {
			t.Errorf("category %s has no doc", c)
		}
	}
	if got, want := len(AllCategories()), 11; got != want {
		t.Errorf("%d categories, want %d", got, want)
	}
}

func TestParseCategorySet(t *testing.T) {
	def := DefaultCategories()
	for _, tc := range []struct {
		in      string
		want    CategorySet
		wantErr string
	}{
		{in: "net,file", want: CategorySet(0).With(Net).With(File)},
		{in: " net , sleep ", want: CategorySet(0).With(Net).With(Sleep)},
		{in: "+lock", want: def.With(Lock)},
		{in: "-chan,+cgo", want: def.Without(Chan).With(Cgo)},
		{in: "all", want: def.With(Lock).With(Cgo)},
		{in: "all,-sleep", want: def.With(Lock).With(Cgo).Without(Sleep)},
		{in: "none", want: 0},
		{in: "", wantErr: "empty category list"},
		{in: "disk", wantErr: `unknown category "disk" (known: net, file, exec, sleep, chan, sync, lock, sql, syscall, cgo, user)`},
		{in: "net,,file", wantErr: "empty category"},
		{in: "+", wantErr: "empty category"},
	} {
		got, err := ParseCategorySet(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q: got %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	// String and Parse agree.
	s, err := ParseCategorySet(def.String())
	if err != nil || s != def {
		t.Errorf("round trip of %q: %v, %v", def.String(), s, err)
	}
}
