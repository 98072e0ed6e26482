// Package gen is excluded from reporting by the configuration; its facts
// still count for its callers.
package gen

import "time"

// Wait blocks.
func Wait() { time.Sleep(1) } // want Wait:`blocks\[sleep\]: time.Sleep`

//blockcheck:nonblocking
func Handle() {
	time.Sleep(1) // excluded: not reported
}
