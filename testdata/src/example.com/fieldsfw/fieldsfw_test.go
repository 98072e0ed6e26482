package fieldsfw

import (
	"os"
	"testing"
)

// A test stores a double that writes a file: the program's Loop is not
// reported for it (its finding stays [sleep], from New's own store).
func TestLoop(t *testing.T) {
	e := New()
	e.onMsg = func(b []byte) { os.WriteFile("trace", b, 0o600) }
	e.Loop(nil)
}
