// Package loop is an event loop that knows its handlers only through
// interfaces and function values: what they are is decided by the program
// that uses it.
package loop

// A Backend fetches what a request needs.
type Backend interface {
	Fetch(key string) ([]byte, error)
}

// A Cache answers from memory, or not.
type Cache interface {
	Get(key string) []byte
}

// Server serves requests from its backend and cache.
type Server struct {
	backend Backend
	cache   Cache
}

// New returns a server on b and c.
func New(b Backend, c Cache) *Server { return &Server{backend: b, cache: c} }

// Handle serves one request on the loop.
//
//blockcheck:nonblocking
func (s *Server) Handle(key string) []byte {
	b, _ := s.backend.Fetch(key) // the program stores a *backends.Disk here
	return b
}

// Peek answers from the cache.
//
//blockcheck:nonblocking
func (s *Server) Peek(key string) []byte {
	return s.cache.Get(key) // only *backends.Fast is ever stored; *backends.Slow blocks but never gets here
}

var handlers = map[string]func([]byte){}

// Register adds a handler for a kind of message.
func Register(kind string, h func([]byte)) { handlers[kind] = h }

// Dispatch hands a message to every handler, on the loop.
//
//blockcheck:nonblocking
func Dispatch(msg []byte) {
	for _, h := range handlers {
		h(msg) // plugins.audit, registered downstream, writes a file
	}
}

// Engine calls its data handler on the loop.
type Engine struct {
	onData func([]byte)
}

// OnData sets the data handler.
func (e *Engine) OnData(h func([]byte)) { e.onData = h }

// Loop runs the engine's loop.
//
//blockcheck:nonblocking
func (e *Engine) Loop(b []byte) {
	e.onData(b) // wrap.Data's closure, which calls the program's handler
}

// Replay fetches again, on the loop: a wait its authors accept.
//
//blockcheck:nonblocking
func (s *Server) Replay(key string) {
	s.backend.Fetch(key) //blockcheck:ignore replays are rare, and the disk is local
}

// Retry fetches again, on the loop, as rarely.
//
//blockcheck:nonblocking
func (s *Server) Retry(key string) {
	s.backend.Fetch(key) //nolint:blockcheck // retries are rare
}

var ticks int

// each calls f: every caller's function flows to its parameter.
func each(f func()) { f() }

// Tick counts, on the loop, through each: the call graph merges the
// functions every caller passes to each, but Tick's own is quiet.
//
//blockcheck:nonblocking
func Tick() { each(func() { ticks++ }) }

// Drain waits, through each, off the loop.
func Drain(done chan struct{}) { each(func() { <-done }) }
