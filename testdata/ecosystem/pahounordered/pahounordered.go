// Package pahounordered is an MQTT client that turns ordering off: paho
// then runs every message handler on a goroutine of its own, and the
// handlers are not roots.
package pahounordered

import (
	mqtt "github.com/eclipse/paho.mqtt.golang"

	"example.com/ecosystem/store"
)

// Connect builds the client and registers its handler.
func Connect() mqtt.Client { // want Connect:`blocks\[chan\]: mqtt.Client.Subscribe`
	opts := mqtt.NewClientOptions().AddBroker("tcp://localhost:1883").SetOrderMatters(false)
	c := mqtt.NewClient(opts)
	c.Subscribe("sensors/#", 1, func(c mqtt.Client, m mqtt.Message) {
		store.Save(m.Topic(), m.Payload()) // SetOrderMatters(false): on a goroutine of its own, not reported
	})
	return c
}
