// Package middle calls upstream.
package middle

import "example.com/upstream"

// Save blocks because upstream.Persist does.
func Save() { upstream.Persist(nil) } // want Save:`blocks\[file\]: upstream.Persist → upstream.write → os.WriteFile`

// Cache embeds upstream's.
type Cache struct{ upstream.Cache }

// Size does not block.
func Size(c *Cache) int { return c.Len() }

// Wait blocks through an interface method declared blocking upstream.
func Wait(b upstream.Blocker) { b.Block() } // want Wait:`blocks\[user\]: upstream.Blocker.Block`
