// Package memberlistapp is a gossip member with no blockcheck annotation:
// the memberlist profile makes its delegates' methods roots.
package memberlistapp

import (
	"bytes"
	"time"

	"github.com/hashicorp/go-msgpack/v2/codec"
	"github.com/hashicorp/memberlist"

	"example.com/ecosystem/store"
)

// delegate runs on the packet handler and the gossip rounds.
type delegate struct {
	queue [][]byte
}

func (d *delegate) NodeMeta(limit int) []byte { return nil }

func (d *delegate) NotifyMsg(b []byte) {
	store.Save("msg", b) // want `\(\*delegate\).NotifyMsg must not block: store.Save may block \[file\]`
}

func (d *delegate) GetBroadcasts(overhead, limit int) [][]byte {
	d.throttle() // want `\(\*delegate\).GetBroadcasts must not block: d.throttle may block \[sleep\]: \(\*delegate\).throttle → time.Sleep`
	return d.queue
}

func (d *delegate) throttle() { time.Sleep(time.Millisecond) }

func (d *delegate) LocalState(join bool) []byte { return nil }

func (d *delegate) MergeRemoteState(buf []byte, join bool) {}

// events runs with memberlist's node lock held.
type events struct {
	list *memberlist.Memberlist
}

func (e *events) NotifyJoin(n *memberlist.Node) {
	_ = len(e.list.Members()) // want `\(\*events\).NotifyJoin must not block: .*\[deadlock\]`
}

func (e *events) NotifyLeave(n *memberlist.Node) {
	go store.Save(n.Name, nil) // a goroutine of its own: not reported
}

func (e *events) NotifyUpdate(n *memberlist.Node) {
	store.Save(n.Name, n.Meta) // want `\(\*events\).NotifyUpdate must not block: store.Save may block \[file\]`
}

// ping encodes and decodes its payloads with msgpack, in memory: the
// codec's channel paths are for values of channel type, and these are not.
type ping struct{ coord []float64 }

func (p *ping) AckPayload() []byte {
	var buf bytes.Buffer
	_ = codec.NewEncoder(&buf, &codec.MsgpackHandle{}).Encode(p.coord) // not reported
	return buf.Bytes()
}

func (p *ping) NotifyPingComplete(other *memberlist.Node, rtt time.Duration, payload []byte) {
	_ = codec.NewDecoder(bytes.NewReader(payload), &codec.MsgpackHandle{}).Decode(&p.coord) // not reported
}

// Config returns the configuration with the delegates.
func Config() *memberlist.Config {
	c := memberlist.DefaultLANConfig()
	c.Delegate = &delegate{}
	c.Events = &events{}
	c.Ping = &ping{}
	return c
}
