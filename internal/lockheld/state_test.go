package lockheld

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLockState(t *testing.T) {
	var s lockState
	s = s.with(held{name: "b.mu", pos: 5})
	s = s.with(held{name: "a.mu", read: true, pos: 7})
	s = s.with(held{name: "a.mu", pos: 9})
	assert.Equal(t, lockState{{name: "a.mu", pos: 9}, {name: "a.mu", read: true, pos: 7}, {name: "b.mu", pos: 5}}, s,
		"sorted by name, the write side first")
	assert.Equal(t, s, s.with(held{name: "b.mu", pos: 1}), "a lock already held is not added twice")
	assert.Equal(t, 2, s.index("b.mu", false))
	assert.Equal(t, -1, s.index("b.mu", true))
	assert.Equal(t, lockState{{name: "a.mu", pos: 9}, {name: "b.mu", pos: 5}}, s.without(1))
	assert.Len(t, s, 3, "without does not modify the state")

	u, changed := union(s, lockState{{name: "b.mu", pos: 2}})
	assert.True(t, changed, "an earlier acquisition is a change")
	assert.Equal(t, 2, int(u[2].pos))
	assert.Equal(t, 5, int(s[2].pos), "union does not modify its operands")
	_, changed = union(u, lockState{{name: "b.mu", pos: 3}})
	assert.False(t, changed)
}
