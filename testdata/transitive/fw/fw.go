// Package fw declares the contract: OnEvent must not block. It is the
// first of four packages; impl implements the interface while importing
// only mid, so the contract reaches it only through mid's facts
// (cmd/blockcheck's TestStandaloneAndVetAgree runs both drivers on it).
package fw

// Handler is implemented by applications.
type Handler interface {
	// OnEvent runs on the only loop.
	//
	//blockcheck:nonblocking
	OnEvent(data []byte)
}

// Loop calls h for every event.
func Loop(h Handler, events [][]byte) {
	for _, e := range events {
		h.OnEvent(e)
	}
}

// Ticker calls Tick's function on the loop.
type Ticker struct {
	Tick func()
}

// Run is a root: it calls the function in t.Tick.
//
//blockcheck:nonblocking
func (t *Ticker) Run() { t.Tick() }
