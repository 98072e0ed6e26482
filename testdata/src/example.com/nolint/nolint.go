// Package nolint checks that golangci-lint's //nolint comments silence
// findings under the analyzer itself (go vet, nogo, the standalone
// command), and that an analyzer for golangci-lint, which applies them
// itself, still reports them.
package nolint

import "time"

//blockcheck:nonblocking
func Handle() {
	time.Sleep(time.Second) //nolint:blockcheck // a test of the comment
	time.Sleep(time.Second) //nolint:errcheck,blockcheck
	time.Sleep(time.Second) //nolint
	time.Sleep(time.Second) //nolint:errcheck // want `Handle must not block: time.Sleep may block \[sleep\]`
	//nolint:blockcheck // the statement that follows
	for i := 0; i < 2; i++ {
		time.Sleep(time.Second)
	}
	time.Sleep(time.Second) // want `Handle must not block: time.Sleep may block \[sleep\]`
}
