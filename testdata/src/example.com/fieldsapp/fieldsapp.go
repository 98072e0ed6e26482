// Package fieldsapp stores its handlers in package fieldsfw's fields, two
// packages away: a blocking one is reported where it is stored.
package fieldsapp

import (
	"time"

	"example.com/fieldsfw"
	"example.com/fieldsmid"
)

func slow([]byte) { time.Sleep(time.Second) }

func quick([]byte) {}

func Wire(e *fieldsfw.Engine) {
	e.OnMessage(slow)            // want `slow is stored in example.com/fieldsfw.Engine.onMsg, called by root fieldsfw.\(\*Engine\).Loop, and must not block: it may block \[sleep\]: slow → time.Sleep`
	fieldsmid.Register(e, slow)  // want `slow is stored in example.com/fieldsfw.Engine.onMsg`
	fieldsmid.Register(e, quick)
	e.OnMessage(func([]byte) {}) // a literal that does not block
}
