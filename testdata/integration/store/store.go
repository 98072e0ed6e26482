// Package store is the leaf: it persists records to disk through an
// unexported helper, so its blocking reaches callers only as a fact.
package store

import (
	"os"
	"path/filepath"
)

// Dir is where records are written.
var Dir = os.TempDir()

// Save writes one record.
func Save(key string, b []byte) error {
	return writeFile(filepath.Join(Dir, key), b)
}

// writeFile is unexported: it has no fact of its own.
func writeFile(name string, b []byte) error {
	return os.WriteFile(name, b, 0o600)
}
