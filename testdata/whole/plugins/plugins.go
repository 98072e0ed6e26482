// Package plugins registers handlers with the loop.
package plugins

import (
	"os"

	"example.com/whole/loop"
)

func init() {
	loop.Register("audit", audit)
	loop.Register("count", count)
}

var n int

func count([]byte) { n++ }

func audit(msg []byte) { os.WriteFile("audit.log", msg, 0o600) }
