// Package contention checks Locks in roots that wait for a lock another
// function holds across blocking.
package contention

import (
	"os"
	"sync"
)

// Store holds its lock across a file write.
type Store struct {
	mu   sync.Mutex
	data map[string]string
}

func (s *Store) Save() { // want Save:`blocks\[file\]: os.WriteFile` Save:`waits\(contention.\(\*Store\).mu held by`
	s.mu.Lock()
	defer s.mu.Unlock()
	os.WriteFile("x", nil, 0) // want `os.WriteFile may block \[file\] while s.mu`
}

func (s *Store) Get(k string) string { // want Get:`waits\(contention.\(\*Store\).mu held by contention.\(\*Store\).Save across os.WriteFile \[file\]\)`
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data[k]
}

// Counter's lock is never held across blocking.
type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

// Index is read-locked across a file read: readers do not wait for it.
type Index struct {
	rw   sync.RWMutex
	rows []string
}

func (i *Index) Scan() { // want Scan:`blocks\[file\]: os.ReadFile`
	i.rw.RLock()
	defer i.rw.RUnlock()
	os.ReadFile("x") // want `os.ReadFile may block \[file\] while i.rw \(read-locked`
}

func (i *Index) Len() int {
	i.rw.RLock()
	defer i.rw.RUnlock()
	return len(i.rows)
}

func (i *Index) Add(r string) { // want Add:`waits\(contention.\(\*Index\).rw held by contention.\(\*Index\).Scan across os.ReadFile \[file\]\)`
	i.rw.Lock()
	i.rows = append(i.rows, r)
	i.rw.Unlock()
}

// A package-level lock held across a sleep-free network of calls.
var cfgMu sync.Mutex

func reload() {
	cfgMu.Lock()
	defer cfgMu.Unlock()
	os.ReadFile("cfg") // want `os.ReadFile may block \[file\] while cfgMu`
}

// Journal's lock is held across a write, but no root takes it: with
// -lockheldcontended, this finding is left out.
type journal struct {
	mu sync.Mutex
}

func (j *journal) appendLine() {
	j.mu.Lock()
	os.WriteFile("j", nil, 0) // want `os.WriteFile may block \[file\] while j.mu`
	j.mu.Unlock()
}

type server struct {
	store   *Store
	counter *Counter
	index   *Index
}

//blockcheck:nonblocking
func (s *server) OnTraffic() {
	s.store.Get("k")  // want `\(\*server\).OnTraffic must not block: s.store.Get waits for \(\*Store\).mu, which \(\*Store\).Save holds across os.WriteFile \[file\]`
	s.counter.Inc()   // nobody holds Counter.mu across blocking
	s.store.mu.Lock() // want `\(\*server\).OnTraffic must not block: s.store.mu.Lock waits for \(\*Store\).mu, which \(\*Store\).Save holds across os.WriteFile \[file\]`
	s.store.mu.Unlock()
	if s.store.mu.TryLock() { // TryLock never waits
		s.store.mu.Unlock()
	}
	_ = s.index.Len() // a reader does not wait for readers
	s.index.Add("r")  // want `\(\*server\).OnTraffic must not block: s.index.Add waits for \(\*Index\).rw, which \(\*Index\).Scan holds across os.ReadFile \[file\]`
	s.settings()      // want `s.settings waits for cfgMu, which reload holds across os.ReadFile \[file\]`
	go s.store.Save() // another goroutine
}

func (s *server) settings() {
	cfgMu.Lock()
	cfgMu.Unlock()
}
