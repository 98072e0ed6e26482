// Package impl implements fw.Handler without importing fw.
package impl

import (
	"os"

	"example.com/transitive/mid"
)

// Store writes every event to disk: a blocking OnEvent.
type Store struct{}

// OnEvent must not block (fw's contract), and does.
func (Store) OnEvent(data []byte) {
	os.WriteFile("events", data, 0o600)
}

var _ mid.Handler = Store{}

// NewTicker stores a blocking function where fw's root calls it.
func NewTicker() *mid.Ticker {
	return &mid.Ticker{Tick: flush}
}

func flush() { os.WriteFile("flush", nil, 0o600) }
