// Package tea is a stand-in for a future Bubble Tea whose Model renamed
// Update to Handle, whose WithFilter takes an interface instead of a
// function, and whose Program has no Send: the bubbletea profile must skip
// what no longer matches, not crash or guess.
package tea

// Msg is a message.
type Msg interface{}

// Cmd is a command.
type Cmd func() Msg

// Model has Handle where the profiled version has Update; Init and View
// keep the profiled names and signatures.
type Model interface {
	Init() Cmd
	Handle(Msg) (Model, Cmd)
	View() string
}

// A Filter filters messages.
type Filter interface {
	Filter(Model, Msg) Msg
}

// ProgramOption configures a Program.
type ProgramOption func(*Program)

// WithFilter takes a Filter, no longer a function.
func WithFilter(f Filter) ProgramOption { return func(*Program) {} }

// Program runs a model.
type Program struct{}

// NewProgram returns a program.
func NewProgram(m Model, opts ...ProgramOption) *Program { return &Program{} }

// Quit still matches the profile's deadlock entry.
func (p *Program) Quit() {}
