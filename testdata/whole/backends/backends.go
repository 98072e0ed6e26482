// Package backends implements the loop's interfaces, some blocking.
package backends

import (
	"os"
	"time"
)

// Mem is a backend in memory.
type Mem struct{ m map[string][]byte }

// Fetch returns the key's value.
func (m *Mem) Fetch(key string) ([]byte, error) { return m.m[key], nil }

// Disk is a backend on disk.
type Disk struct{ dir string }

// Fetch reads the key's file.
func (d *Disk) Fetch(key string) ([]byte, error) { return os.ReadFile(d.dir + "/" + key) }

// Fast is a cache in memory.
type Fast struct{ m map[string][]byte }

// Get returns the key's value.
func (f *Fast) Get(key string) []byte { return f.m[key] }

// Slow is a cache that waits.
type Slow struct{}

// Get waits, then finds nothing.
func (Slow) Get(key string) []byte { time.Sleep(time.Second); return nil }
