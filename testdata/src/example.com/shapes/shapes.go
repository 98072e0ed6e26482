// Package shapes checks calls through a type parameter's constraint and the
// standard streams.
package shapes

import (
	"fmt"
	"os"
	"time"
)

type Doer interface{ Do() }

type slow struct{}

func (*slow) Do() { time.Sleep(time.Second) } // want Do:`blocks\[sleep\]: time.Sleep`

type fast struct{}

func (*fast) Do() {}

type slower struct{}

func (*slower) Do() { os.ReadFile("x") } // want Do:`blocks\[file\]: os.ReadFile`

// Run calls Do through its constraint.
func Run[T Doer](t T) { t.Do() }

// RunAll is instantiated with slow and slower only: every instantiation
// blocks.
func RunAll[T Doer](t T) { t.Do() } // want RunAll:`blocks\[file\]: shapes.\(\*slower\).Do → os.ReadFile; blocks\[sleep\]: shapes.\(\*slow\).Do → time.Sleep`

// Never is not instantiated in the package: quiet.
func Never[T Doer](t T) { t.Do() }

type List[T Doer] struct{ items []T }

// Each calls Do through the type's parameter.
func (l *List[T]) Each() { // want Each:`blocks\[file\]: shapes.\(\*slower\).Do → os.ReadFile`
	for _, it := range l.items {
		it.Do()
	}
}

//blockcheck:nonblocking
func Handle() {
	Run(&slow{})
	Run(&fast{})      // Run has a quiet instantiation: not every one blocks
	RunAll(&slow{})   // want `Handle must not block: RunAll may block \[file, sleep\]: RunAll → \(\*slower\).Do → os.ReadFile`
	RunAll(&slower{}) // want `Handle must not block: RunAll may block \[file, sleep\]`
	var l List[*slower]
	l.Each() // want `l.Each may block \[file\]: \(\*List\).Each → \(\*slower\).Do → os.ReadFile`

	fmt.Println("hello")
	os.Stdout.Write([]byte("hello"))
	os.Stderr.WriteString("hello")
	os.Stdin.Read(nil)
	f, _ := os.Open("x") // want `os.Open may block \[file\]`
	f.Write(nil)         // want `f.Write may block \[file\]`
}
