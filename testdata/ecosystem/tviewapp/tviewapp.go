// Package tviewapp is a tview application with no blockcheck annotation: // want package:`fieldcalls\(github.com/rivo/tview.TableCell.Clicked by tview.\(\*Table\).MouseHandler.func1\)`
// the tview profile makes its input capture, widget callbacks, custom
// primitive and queued updates roots.
package tviewapp

import (
	"sync"
	"time"

	"github.com/gdamore/tcell/v2"
	"github.com/rivo/tview"

	"example.com/ecosystem/store"
)

type ui struct {
	app  *tview.Application
	list *tview.List
	mu   sync.Mutex
}

// New builds the application and registers its callbacks.
func New() *tview.Application { // want New:`blocks\[deadlock\]: tview.\(\*Application\).SetRoot` New:`waits\(tview.\(\*Application\).RWMutex held by tview.\(\*Application\).Run across exec.\(\*Cmd\).Run \[exec\]\)`
	u := &ui{app: tview.NewApplication(), list: tview.NewList()}
	u.app.SetInputCapture(func(ev *tcell.EventKey) *tcell.EventKey {
		store.Save("key", nil) // want `New.func1 \(registered as tview.\*Application.SetInputCapture\) must not block: store.Save may block \[file\]`
		return ev
	})
	u.list.AddItem("save", "", 's', u.save)
	u.list.SetSelectedFunc(func(int, string, string, rune) {
		go store.Save("selected", nil) // a goroutine of its own: not reported
	})
	u.list.SetChangedFunc(func(int, string, string, rune) {
		u.app.QueueUpdateDraw(func() {}) // want `New.func3 \(registered as tview.\*List.SetChangedFunc\) must not block: .*\[deadlock\]`
	})
	tview.NewForm().AddButton("refresh", u.refresh).AddButton("quit", func() {
		u.app.Stop() // sends once on a channel with room: not reported
	}).SetCancelFunc(func() {
		u.app.SetFocus(u.list) // the form's input handler calls it, not a draw callback: no deadlock, not reported
	})
	tview.NewForm().SetCancelFunc(func() { // want `New.func7 is stored in github.com/rivo/tview.Form.cancel, called by root .*, and must not block: it may block \[file\]`
		store.Save("cancel", nil)
	})
	logs := tview.NewTextView()
	logs.SetChangedFunc(func() {
		u.app.Draw() // runs on the writer's goroutine, where Draw is the documented call: not reported
	})
	u.app.SetRoot(&meter{Box: tview.NewBox(), app: u.app}, true)
	return u.app
}

func (u *ui) save() {
	time.Sleep(time.Millisecond) // want `\(\*ui\).save \(registered as tview.\*List.AddItem\) must not block: time.Sleep may block \[sleep\]`
}

func (u *ui) refresh() {
	u.redraw() // want `\(\*ui\).refresh \(registered as tview.\*Form.AddButton\) must not block: .*\[deadlock\]`
}

// notify queues a draw while it holds the ui's lock. It runs on no loop
// (nothing registers it): the call waits for the event loop, it does not
// deadlock.
func (u *ui) notify() {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.app.QueueUpdateDraw(func() {}) // want `^u.app.QueueUpdateDraw may block \[chan\] while u.mu`
}

// redraw queues a draw and waits for the event loop to run it.
func (u *ui) redraw() { u.app.Draw() }

// meter is a custom primitive: the event loop calls its Draw with the
// application locked, and the key handler its InputHandler returns.
type meter struct {
	*tview.Box
	app *tview.Application
}

func (m *meter) Draw(screen tcell.Screen) {
	m.Box.DrawForSubclass(screen, m)
	if m.app.GetFocus() == m { // want `\(\*meter\).Draw must not block: .*\[deadlock\]`
		return
	}
}

func (m *meter) InputHandler() func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
	return m.WrapInputHandler(func(event *tcell.EventKey, setFocus func(p tview.Primitive)) {
		store.Save("meter", nil) // want `\(\*meter\).InputHandler.func1 .*must not block: store.Save may block \[file\]`
	})
}
