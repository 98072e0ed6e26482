package lockheld_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/internal/lockheld"
	"github.com/blockcheck/blockcheck/internal/testsrc"
)

const triageSrc = `package p

import (
	"os"
	"sync"
)

type Store struct {
	mu    sync.Mutex
	other sync.Mutex
	rw    sync.RWMutex
}

func (s *Store) Save() {
	s.mu.Lock()
	defer s.mu.Unlock()
	os.WriteFile("", nil, 0)
}

func (s *Store) Log() {
	s.other.Lock()
	defer s.other.Unlock()
	os.WriteFile("", nil, 0)
}

func (s *Store) Scan() {
	s.rw.RLock()
	defer s.rw.RUnlock()
	os.ReadFile("")
}

func (s *Store) get() { s.mu.Lock(); s.mu.Unlock() }

//blockcheck:nonblocking
func (s *Store) OnData() {
	s.get()
	s.rw.RLock()
	s.rw.RUnlock()
}
`

// TestTriage checks that a lock-held finding whose lock a root takes says
// so in its related information, at the root's call, and that
// ContendedOnly keeps only those.
func TestTriage(t *testing.T) {
	for _, contendedOnly := range []bool{false, true} {
		p := testsrc.Load(t, "triage", triageSrc)
		s := testsrc.Run(t, p, config.Default(), nil, nil)
		lockheld.Check(lockheld.Input{
			Fset: p.Fset, Info: p.Info, Pkg: p.Pkg, Graph: s.Graph, Solution: s.Solution,
			Roles: s.Roles, Dirs: s.Dirs, Imports: s.Locks, Reporter: s.Reporter,
			Contention: true, ContendedOnly: contendedOnly,
		})
		var held []string
		var related []string
		for _, d := range s.Diagnostics {
			if !strings.Contains(d.Message, " is held") {
				continue
			}
			posn := p.Fset.Position(d.Pos)
			held = append(held, posn.String()[len(posn.Filename)+1:])
			for _, r := range d.Related {
				rp := p.Fset.Position(r.Pos)
				related = append(related, posn.String()[len(posn.Filename)+1:]+" → "+rp.String()[len(rp.Filename)+1:]+": "+r.Message)
			}
		}
		if contendedOnly {
			assert.Equal(t, []string{"17:2"}, held, "only Save's finding: a root takes s.mu")
		} else {
			assert.Equal(t, []string{"17:2", "23:2", "29:2"}, held, "Save, Log and Scan")
		}
		require.Equal(t, []string{
			"17:2 → 36:2: (*Store).OnData, which must not block, takes (*Store).mu (s.mu) here: it waits while s.mu is held",
		}, related, "Log's lock is taken by no root, and Scan's only read-locked by one")
	}
}
