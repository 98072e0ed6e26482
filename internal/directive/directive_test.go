package directive_test

import (
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/directive"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

const src = `package p

type Handler interface {
	//blockcheck:nonblocking
	Serve()
	//blockcheck:blocking net
	Fetch()
	//blockcheck:locked mu
	Bad()
}

type Events struct {
	//blockcheck:nonblocking
	OnData func([]byte)
	//blockcheck:nonblocking
	Count int
}

//blockcheck:nonblocking
func Root() {}

//blockcheck:blocking file
func Slow() {}

//blockcheck:locked c.mu
func flushLocked() {}

//blockcheck:nonblocking
//blockcheck:blocking
func Twice() {}

func body() {
	//blockcheck:ignore warm cache
	Slow()
}

//blockcheck:nonblocking
var x int
`

func TestParse(t *testing.T) {
	p := testsrc.Load(t, "directives", src)
	s := directive.Parse(p.Fset, p.Files, p.Info)

	root := s.Func(p.Func(t, "Root"))
	require.NotNil(t, root)
	assert.True(t, root.Nonblocking)
	assert.Equal(t, facts.File, s.Func(p.Func(t, "Slow")).Blocking)
	assert.Equal(t, "c.mu", s.Func(p.Func(t, "flushLocked")).Locked)
	assert.True(t, s.Func(p.Func(t, "Twice")).Nonblocking, "the first of two conflicting directives applies")
	assert.Nil(t, s.Func(p.Func(t, "body")))

	serve, fetch := p.Func(t, "Handler.Serve"), p.Func(t, "Handler.Fetch")
	assert.Equal(t, []*types.Func{serve}, s.Contracts)
	assert.Equal(t, map[*types.Func]facts.Category{fetch: facts.Net}, s.IfaceBlocking)

	require.Len(t, s.Fields, 1)
	assert.Equal(t, "Events.OnData", s.Fields[0].Name())

	// The ignore covers its own line and the next.
	call := p.Files[0].Scope.Lookup("body")
	require.NotNil(t, call)
	line := p.Fset.Position(call.Pos()).Line
	assert.True(t, s.Ignores.Silences(p.Fset, p.Fset.File(call.Pos()).LineStart(line+2)), "the call below the ignore")
	assert.False(t, s.Ignores.Silences(p.Fset, p.Fset.File(call.Pos()).LineStart(line)), "the func line")

	var msgs []string
	for _, pr := range s.Problems {
		msgs = append(msgs, pr.Message)
	}
	assert.Equal(t, []string{
		`misplaced directive "//blockcheck:locked mu": it must be in the doc comment of a function or a method`,
		`misplaced directive "//blockcheck:nonblocking": Count is not a function-typed field`,
		`conflicting directive "//blockcheck:blocking": Twice already has a directive on line 28`,
		`misplaced directive "//blockcheck:nonblocking": it must be in the doc comment of a function, a method or an interface method`,
	}, msgs)
}

func TestParseNoDirectives(t *testing.T) {
	p := testsrc.Load(t, "plain", "package plain\n\n// Plain has a comment.\nfunc Plain() {}\n")
	s := directive.Parse(p.Fset, p.Files, p.Info)
	assert.Empty(t, s.Funcs)
	assert.Empty(t, s.Problems)
	assert.False(t, s.Ignores.Silences(p.Fset, p.Func(t, "Plain").Pos()))
}
