// Package store persists records through an unexported helper: its
// blocking reaches package server only as a fact on Save.
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

// writeFile is unexported: it carries no fact of its own.
func writeFile(name string, b []byte) error {
	return os.WriteFile(name, b, 0o600)
}
