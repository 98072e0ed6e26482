// Package tea2app is a Bubble Tea v2 program with no blockcheck
// annotation: the bubbletea/v2 profile makes its model's Init, Update and
// View roots, and its view's mouse handler.
package tea2app

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"example.com/ecosystem/store"
)

type (
	saveMsg  struct{}
	asyncMsg struct{}
	cmdMsg   struct{}
	doneMsg  struct{}
)

type model struct {
	p *tea.Program
}

func (m model) Init() tea.Cmd { return nil }

// Update runs on the event loop: the whole terminal waits for it.
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) { // want Update:`returns\(blocks\[file\]: tea2app.model.Update.func1 → store.Save`
	switch msg.(type) {
	case saveMsg:
		store.Save("key", nil) // want `model.Update must not block: store.Save may block \[file\]: store.Save → store.persist → store.writeFile → os.WriteFile`
	case tea.WindowSizeMsg:
		m.settle() // want `model.Update must not block: m.settle may block \[sleep\]: model.settle → time.Sleep`
	case asyncMsg:
		go store.Save("async", nil) // a goroutine of its own: not reported
	case cmdMsg:
		// A Cmd runs on a goroutine of its own: the place for I/O.
		return m, func() tea.Msg {
			store.Save("cmd", nil)
			return nil
		}
	case doneMsg:
		m.p.Quit() // want `model.Update must not block: .*\[deadlock\]`
	}
	return m, nil
}

// View runs on the event loop after every update; so does the mouse
// handler it installs.
func (m model) View() tea.View {
	v := tea.NewView("")
	v.OnMouse = func(msg tea.MouseMsg) tea.Cmd {
		time.Sleep(time.Millisecond) // want `model.View.func1 \(registered as tea.View.OnMouse\) must not block: time.Sleep may block \[sleep\]`
		return nil
	}
	return v
}

func (m model) settle() { time.Sleep(time.Millisecond) }

// New builds the program.
func New() *tea.Program { // want New:`blocks\[file\]: tea.NewProgram → os.OpenFile`
	m := model{}
	m.p = tea.NewProgram(m)
	return m.p
}
