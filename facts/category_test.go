package facts

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDefaultCategories(t *testing.T) {
	d := DefaultCategories()
	for _, c := range AllCategories() {
		want := c != Lock && c != Cgo
		assert.Equal(t, want, d.Has(c), "default has %s", c)
		assert.NotEmpty(t, c.Doc(), "category %s has no doc", c)
	}
	assert.Len(t, AllCategories(), 12)
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
		{in: "disk", wantErr: `unknown category "disk" (known: net, file, exec, sleep, chan, sync, lock, sql, syscall, cgo, user, deadlock)`},
		{in: "net,,file", wantErr: "empty category"},
		{in: "+", wantErr: "empty category"},
	} {
		got, err := ParseCategorySet(tc.in)
		if tc.wantErr != "" {
			assert.ErrorContains(t, err, tc.wantErr, "%q", tc.in)
			continue
		}
		if assert.NoError(t, err, "%q", tc.in) {
			assert.Equal(t, tc.want, got, "%q", tc.in)
		}
	}
	// String and Parse agree.
	s, err := ParseCategorySet(def.String())
	require.NoError(t, err)
	assert.Equal(t, def, s, "round trip of %q", def.String())
}
