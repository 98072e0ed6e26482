// Package fyneapp is a Fyne application with no blockcheck annotation: // want package:`fieldcalls\(fyne.io/fyne/v2.MenuItem.Action by widget.\(\*PopUpMenu\).TypedKey, `
// the fyne profiles make its widgets' callbacks roots, since every event
// runs on the main goroutine. It builds for GOOS=js (the file name says
// so), where Fyne needs no cgo. Its package fact passes on the fields that
// Fyne's own roots call, for the packages that import it.
package fyneapp

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"example.com/ecosystem/store"
)

// Content builds the window's widgets.
func Content(w fyne.Window) fyne.CanvasObject {
	save := widget.NewButton("save", func() {
		store.Save("form", nil) // want `Content.func1 \(registered as widget.NewButton\) must not block: store.Save may block \[file\]`
	})
	entry := widget.NewEntry()
	entry.OnSubmitted = submit
	entry.OnChanged = func(text string) {
		go store.Save("draft", []byte(text)) // a goroutine of its own: not reported
	}
	w.SetCloseIntercept(func() {
		fyne.Do(w.Close) // queued for the main goroutine: not reported
	})
	return widget.NewForm(widget.NewFormItem("name", entry), widget.NewFormItem("", save))
}

func submit(text string) {
	settle() // want `submit \(registered as widget.Entry.OnSubmitted\) must not block: settle may block \[sleep\]: settle → time.Sleep`
}

func settle() { time.Sleep(time.Millisecond) }
