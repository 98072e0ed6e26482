// Package loop is a tiny event loop: every callback runs on the loop's
// goroutine, so handlers must not block.
package loop

// Event is one input to a handler.
type Event struct {
	Conn int
	Data []byte
}

// Handler is implemented by applications.
type Handler interface {
	// OnTraffic runs on the loop goroutine for every read.
	//
	//blockcheck:nonblocking
	OnTraffic(ev Event) error

	// OnBoot runs once, before the loop starts; it may block.
	OnBoot() error
}

// Run drives h with the events from in.
func Run(h Handler, in <-chan Event) error {
	if err := h.OnBoot(); err != nil {
		return err
	}
	for ev := range in {
		if err := h.OnTraffic(ev); err != nil {
			return err
		}
	}
	return nil
}
