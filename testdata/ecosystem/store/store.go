// Package store persists records: it blocks on the file system two calls
// below its API.
package store

import "os"

// Save records a value.
func Save(id string, b []byte) error { return persist(id, b) } // want Save:`blocks\[file\]: store.persist → store.writeFile → os.WriteFile`

func persist(id string, b []byte) error { return writeFile("records/"+id, b) }

func writeFile(name string, b []byte) error { return os.WriteFile(name, b, 0o600) }
