// Package teaapp is a Bubble Tea v1 program with no blockcheck annotation:
// the bubbletea profile makes its model's Init, Update and View roots.
package teaapp

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"example.com/ecosystem/store"
)

type (
	saveMsg  struct{}
	asyncMsg struct{}
	cmdMsg   struct{}
	doneMsg  struct{}
	logMsg   struct{}
)

type model struct {
	p *tea.Program
}

func (m model) Init() tea.Cmd { return nil }

// Update runs on the event loop: the whole terminal waits for it.
func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) { // want Update:`returns\(blocks\[file\]: teaapp.model.Update.func1 → store.Save`
	switch msg.(type) {
	case saveMsg:
		store.Save("key", nil) // want `model.Update must not block: store.Save may block \[file\]: store.Save → store.persist → store.writeFile → os.WriteFile; runs on bubbletea's event loop \(single shared loop\)$`
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
		m.p.Send(logMsg{}) // want `model.Update must not block: .*\[deadlock\]`
	case logMsg:
		m.log() // want `model.Update must not block: .*\[deadlock\]`
	}
	return m, tea.Tick(time.Second, func(time.Time) tea.Msg {
		store.Save("tick", nil) // runs in the Cmd that Tick returns: not reported
		return nil
	})
}

func (m model) View() string { return "" }

func (m model) settle() { time.Sleep(time.Millisecond) }

// log sends on the program's message channel, which only the event loop
// reads: from the loop it never returns.
func (m model) log() { m.p.Println("saved") }

// filter runs on the event loop before every update.
func filter(m tea.Model, msg tea.Msg) tea.Msg {
	store.Save("filter", nil) // want `filter \(registered as tea.WithFilter\) must not block: store.Save may block \[file\]`
	return msg
}

// New builds the program.
func New() *tea.Program {
	m := model{}
	m.p = tea.NewProgram(m, tea.WithFilter(filter))
	return m.p
}
