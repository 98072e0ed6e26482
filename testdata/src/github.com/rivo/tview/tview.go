// Package tview is a stand-in for a future tview whose SetInputCapture
// takes a Capture value instead of a function and whose Application has no
// QueueUpdate: the tview profile must skip what no longer matches, not
// crash or guess.
package tview

// A Capture intercepts keys.
type Capture interface{ Key(rune) rune }

// Application is the application.
type Application struct{}

// NewApplication returns an application.
func NewApplication() *Application { return &Application{} }

// SetInputCapture takes a Capture, no longer a function.
func (a *Application) SetInputCapture(c Capture) *Application { return a }

// SetAfterDrawFunc keeps the profiled signature.
func (a *Application) SetAfterDrawFunc(handler func()) *Application { return a }

// Draw keeps the profiled name; QueueUpdate and QueueUpdateDraw are gone.
func (a *Application) Draw() *Application { return a }
