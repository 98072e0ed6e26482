// Package upstream blocks, two hops away from downstream.
package upstream

import "os"

func write(b []byte) error { return os.WriteFile("snapshot", b, 0o600) }

// Persist writes a snapshot through an unexported helper.
func Persist(b []byte) error { return write(b) } // want Persist:`blocks\[file\]: upstream.write → os.WriteFile`

// Cache is a type whose method blocks.
type Cache struct{}

// Flush blocks.
func (*Cache) Flush() { Persist(nil) } // want Flush:`blocks\[file\]: upstream.Persist → upstream.write → os.WriteFile`

// Len does not.
func (*Cache) Len() int { return 0 }

// Blocker is declared blocking, across packages.
type Blocker interface {
	//blockcheck:blocking
	Block() // want Block:`blocks\[user\]: upstream.Blocker.Block`
}

// Retry calls f until it succeeds, synchronously.
func Retry(n int, f func() error) (err error) { // want Retry:`calls\(arg1\)`
	for i := 0; i < n; i++ {
		if err = f(); err == nil {
			return nil
		}
	}
	return err
}
