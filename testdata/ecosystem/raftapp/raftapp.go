// Package raftapp is a replicated state machine with no blockcheck
// annotation: the raft profile makes its FSM's methods roots. Writing its
// own disk is what an FSM does: only the other categories are reported.
package raftapp

import (
	"io"
	"net/http"
	"time"

	"github.com/hashicorp/raft"

	"example.com/ecosystem/store"
)

type fsm struct {
	peer    string
	applied chan uint64
}

func (f *fsm) Apply(l *raft.Log) interface{} {
	store.Save("log", l.Data)    // the FSM's own disk: allowed, not reported
	time.Sleep(time.Millisecond) // want `\(\*fsm\).Apply must not block: time.Sleep may block \[sleep\]`
	f.notify(l.Index)            // want `\(\*fsm\).Apply must not block: f.notify may block \[net\]: \(\*fsm\).notify → http.Get`
	return nil
}

func (f *fsm) notify(index uint64) {
	resp, err := http.Get(f.peer)
	if err == nil {
		resp.Body.Close()
	}
}

func (f *fsm) Snapshot() (raft.FSMSnapshot, error) { // want Snapshot:`returns\(method Persist blocks\[net\]: raftapp.snapshot.Persist`
	go f.notify(0) // a goroutine of its own: not reported
	return snapshot{}, nil
}

func (f *fsm) Restore(rc io.ReadCloser) error {
	defer rc.Close()
	f.applied <- 0 // want `\(\*fsm\).Restore must not block: channel send may block \[chan\]`
	return nil
}

// snapshot's Persist runs on the snapshot goroutine: not a root.
type snapshot struct{}

func (snapshot) Persist(sink raft.SnapshotSink) error { // want Persist:`blocks\[net\]: raftapp.\(\*fsm\).notify → http.Get`
	(&fsm{}).notify(1)
	return sink.Close()
}

func (snapshot) Release() {}

var _ raft.FSM = (*fsm)(nil)
