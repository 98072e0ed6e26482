// Package fielduser registers a hook on a field declared nonblocking in // want package:`contracts\(; example.com/frameworks/fieldapp: Hooks.OnRequest\)`
// another package: the contract travels as a fact.
package fielduser

import (
	"os"

	"example.com/frameworks/fieldapp"
)

// Hooks returns the application's hooks.
func Hooks() fieldapp.Hooks {
	var h fieldapp.Hooks
	h.OnRequest = func(path string) {
		os.ReadFile(path) // want `Hooks.func1 \(registered as fieldapp.Hooks.OnRequest\) must not block: os.ReadFile may block \[file\]`
	}
	h.OnStart = func() { os.ReadFile("config") }
	return h
}
