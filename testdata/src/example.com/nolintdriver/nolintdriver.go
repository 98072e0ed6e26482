// Package nolintdriver is nolint's case for an analyzer whose driver
// applies //nolint comments itself (golangci-lint): every finding is
// reported, so that the driver sees which comments are used.
package nolintdriver

import "time"

//blockcheck:nonblocking
func Handle() {
	time.Sleep(time.Second) //nolint:blockcheck // want `Handle must not block: time.Sleep may block \[sleep\]`
	time.Sleep(time.Second) //nolint // want `Handle must not block: time.Sleep may block \[sleep\]`
}
