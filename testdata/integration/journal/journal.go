// Package journal sits in the middle: it calls store, and its callers only
// see store through journal's facts.
package journal

import "example.com/integration/store"

// Journal appends records.
type Journal struct {
	name string
	seq  int
}

// New returns a journal.
func New(name string) *Journal { return &Journal{name: name} }

// Append persists one record.
func (j *Journal) Append(rec []byte) error {
	j.seq++
	return store.Save(j.name, rec)
}

// Audit persists an audit record.
func Audit(rec []byte) error { return store.Save("audit", rec) }

// Len does not block.
func (j *Journal) Len() int { return j.seq }
