// Package tviewmismatch is a tview application on a stand-in tview whose
// API does not match the tview profile. With -verbose, the profile's
// Application.SetInputCapture root and the roots and deadlocks on types
// and methods the stand-in lacks are skipped with a note each;
// SetAfterDrawFunc still applies.
package tviewmismatch

import (
	"time"

	"github.com/rivo/tview"
)

type capture struct{}

// Key is no callback of the profile's: not a root.
func (capture) Key(r rune) rune { // want Key:`blocks\[sleep\]: time.Sleep`
	time.Sleep(time.Millisecond)
	return r
}

// New registers the callbacks.
func New() *tview.Application {
	app := tview.NewApplication()
	app.SetInputCapture(capture{})
	app.SetAfterDrawFunc(func() {
		time.Sleep(time.Millisecond) // want `New.func1 \(registered as tview.\*Application.SetAfterDrawFunc\) must not block: time.Sleep may block \[sleep\]`
	})
	return app
}
