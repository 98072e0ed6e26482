// Package mid re-exports fw's Handler under its own name.
package mid

import "example.com/transitive/fw"

// Handler is fw.Handler.
type Handler = fw.Handler

// Serve runs h on fw's loop.
func Serve(h Handler) { fw.Loop(h, nil) }

// Ticker is fw.Ticker.
type Ticker = fw.Ticker
