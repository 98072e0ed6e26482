// Package wrap wraps data handlers, as a TLS layer wraps the plain
// handler it decrypts for.
package wrap

type conn struct {
	h     func([]byte)
	plain []byte
}

func (c *conn) data(b []byte) {
	c.plain = append(c.plain[:0], b...)
	c.h(c.plain)
}

// Data returns a handler that decrypts, then calls h.
func Data(h func([]byte)) func([]byte) {
	c := &conn{h: h}
	return func(b []byte) { c.data(b) }
}
