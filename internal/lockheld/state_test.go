package lockheld

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLockState(t *testing.T) {
	var s lockState
	s = s.acquire(held{name: "b.mu", pos: 5})
	s = s.acquire(held{name: "a.mu", read: true, pos: 7})
	s = s.acquire(held{name: "a.mu", pos: 9})
	assert.Equal(t, lockState{{name: "a.mu", pos: 9, paths: takenHere}, {name: "a.mu", read: true, pos: 7, paths: takenHere}, {name: "b.mu", pos: 5, paths: takenHere}}, s,
		"sorted by name, the write side first")
	assert.Equal(t, s, s.acquire(held{name: "b.mu", pos: 1}), "a lock already held is not added twice")
	assert.Equal(t, 2, s.index("b.mu", false))
	assert.Equal(t, -1, s.index("b.mu", true))
	assert.Equal(t, lockState{{name: "a.mu", pos: 9, paths: takenHere}, {name: "b.mu", pos: 5, paths: takenHere}}, s.without(1))
	assert.Len(t, s, 3, "without does not modify the state")

	u, changed := union(s, lockState{{name: "b.mu", pos: 2, paths: takenHere}})
	assert.True(t, changed, "an earlier acquisition is a change")
	assert.Equal(t, 2, int(u[2].pos))
	assert.Equal(t, 5, int(s[2].pos), "union does not modify its operands")
	assert.Equal(t, takenHere|untouched, u[0].paths, "a.mu is untouched on the other side's paths")
	_, changed = union(u, lockState{{name: "b.mu", pos: 3, paths: takenHere}, {name: "a.mu", pos: 9, paths: takenHere}, {name: "a.mu", read: true, pos: 7, paths: takenHere}})
	assert.False(t, changed)
}

func TestLockStateRelease(t *testing.T) {
	var s lockState
	s = s.acquire(held{name: "c.mu", pos: 1})
	r, theirs := s.release("c.mu", false, 2)
	assert.False(t, theirs, "taken here")
	assert.Empty(t, r)

	// The caller's lock let go of, and taken back.
	r, theirs = lockState(nil).release("c.mu", false, 3)
	assert.True(t, theirs, "not taken here")
	assert.Empty(t, r.held())
	assert.Equal(t, -1, r.index("c.mu", false))
	back := r.acquire(held{name: "c.mu", pos: 4})
	assert.Equal(t, lockState{{name: "c.mu", pos: 4, paths: callers}}, back)

	// A loop: untouched on entry, taken back around the back edge. Its
	// release is the caller's lock on every path.
	head, _ := union(nil, back)
	assert.Equal(t, callers|untouched, head[0].paths)
	assert.Equal(t, 0, head.index("c.mu", false), "held on some path")
	_, theirs = head.release("c.mu", false, 3)
	assert.True(t, theirs)

	// Taken here on some path: the release is this function's.
	mixed, _ := union(s, head)
	_, theirs = mixed.release("c.mu", false, 3)
	assert.False(t, theirs)
	taken := head.acquire(held{name: "c.mu", pos: 5})
	assert.Equal(t, callers|takenHere, taken[0].paths, "taken here on the paths it was untouched")

	both, changed := intersect(head, back)
	assert.False(t, changed)
	assert.Equal(t, head, both)
	none, changed := intersect(r, r)
	assert.True(t, changed, "a lock let go of is not held on every path")
	assert.Empty(t, none)
}
