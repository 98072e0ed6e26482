// Package teamismatch is a Bubble Tea program on a stand-in Bubble Tea
// whose API does not match the bubbletea profile. With -verbose, the
// profile's Model.Update and WithFilter roots and its Send, Println,
// Printf and Wait deadlocks are skipped with a note each; Init, View and
// the Quit deadlock still apply.
package teamismatch

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

type model struct{ p *tea.Program }

func (m model) Init() tea.Cmd { return nil }

// Handle is the renamed callback: the profile does not know it.
func (m model) Handle(msg tea.Msg) (tea.Model, tea.Cmd) { // want Handle:`blocks\[sleep\]: time.Sleep`
	time.Sleep(time.Millisecond)
	return m, nil
}

// View still matches and is still a root.
func (m model) View() string {
	time.Sleep(time.Millisecond) // want `model.View must not block: time.Sleep may block \[sleep\]`
	return ""
}

var _ tea.Model = model{}
