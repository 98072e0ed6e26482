// Package pahoapp is an MQTT client with no blockcheck annotation: the
// paho profile makes its message handlers roots (messages are handled in
// order, the default).
package pahoapp

import (
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"

	"example.com/ecosystem/store"
)

// Connect builds the client and registers its handlers.
func Connect() mqtt.Client { // want Connect:`blocks\[chan\]: mqtt.Client.Subscribe`
	opts := mqtt.NewClientOptions().AddBroker("tcp://localhost:1883")
	opts.SetDefaultPublishHandler(onMessage)
	opts.SetOnConnectHandler(func(c mqtt.Client) {
		store.Save("connected", nil) // started with go by the client: not reported
	})
	c := mqtt.NewClient(opts)
	c.Subscribe("sensors/#", 1, func(c mqtt.Client, m mqtt.Message) {
		store.Save(m.Topic(), m.Payload()) // want `Connect.func2 \(registered as mqtt.Client.Subscribe\) must not block: store.Save may block \[file\]`
	})
	c.AddRoute("alerts/#", func(c mqtt.Client, m mqtt.Message) {
		go store.Save(m.Topic(), m.Payload()) // a goroutine of its own: not reported
	})
	c.AddRoute("echo/#", func(c mqtt.Client, m mqtt.Message) {
		t := c.Publish("echoed", 1, false, m.Payload()) // want `Connect.func4 \(registered as mqtt.Client.AddRoute\) must not block: c.Publish may block \[chan\]`
		t.Wait()                                        // want `Connect.func4 \(registered as mqtt.Client.AddRoute\) must not block: t.Wait may block \[chan\]`
	})
	return c
}

func onMessage(c mqtt.Client, m mqtt.Message) {
	backoff() // want `onMessage \(registered as mqtt.\*ClientOptions.SetDefaultPublishHandler\) must not block: backoff may block \[sleep\]: backoff → time.Sleep`
}

func backoff() { time.Sleep(time.Millisecond) }
