package main

import (
	"strings"
	"testing"
)

// TestWhy checks -why: a blocking function's chain hop by hop with
// positions, a root's blocking places and the reasons its other calls do
// not block, and a clear error for a name that does not exist.
func TestWhy(t *testing.T) {
	dir := integrationDir(t)
	for _, tc := range []struct {
		name string
		code int
		want []string
	}{
		{
			name: "example.com/integration/journal.Audit",
			want: []string{
				"example.com/integration/journal.Audit may block [file]: store.Save → store.writeFile → os.WriteFile",
				"journal/journal.go:", "Audit calls store.Save",
			},
		},
		{
			name: "(*example.com/integration/server.Server).OnTraffic",
			want: []string{
				"must not block (implements loop.Handler.OnTraffic): it is a root",
				"s.journal.Append may block [file]: journal.(*Journal).Append → store.Save",
				"go s.flush: runs on another goroutine",
				"select has a default case: it does not wait",
			},
		},
		{
			name: "example.com/integration/metrics.NewCounter",
			want: []string{"example.com/integration/metrics.NewCounter does not block"},
		},
		{
			name: "(*example.com/integration/server.Server).Flush",
			code: 1,
			want: []string{"no function (*example.com/integration/server.Server).Flush", "did you mean (*example.com/integration/server.Server).flush?"},
		},
		{
			name: "example.com/elsewhere.F",
			code: 1,
			want: []string{`package "example.com/elsewhere" is not among the packages analyzed`},
		},
	} {
		r := blockcheck(t, dir, "-why="+tc.name, "./...")
		checkExit(t, r, tc.code)
		for _, w := range tc.want {
			if !strings.Contains(r.output(), w) {
				t.Errorf("-why=%s: output lacks %q:\n%s", tc.name, w, r.output())
			}
		}
	}
}
