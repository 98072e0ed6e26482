// Package deadcode has blocking operations under conditions that are
// constant false (a debug switch set by a build tag): they never run, and
// nothing that calls them blocks.
package deadcode

import "time"

const debug = false

type VM struct {
	step chan struct{}
	on   bool
}

// Run steps only when the debug constant is true: it never waits.
func (vm *VM) Run() {
	if debug && vm.on {
		<-vm.step
	}
	if vm.on && (debug) {
		vm.step <- struct{}{}
	}
}

// Trace waits in the else branch of a constant-false condition: that
// branch runs.
func Trace(vm *VM) { // want Trace:`blocks\[chan\]: channel receive`
	if debug {
		time.Sleep(time.Second)
	} else {
		<-vm.step
	}
}

//blockcheck:nonblocking
func Handle(vm *VM) {
	vm.Run()
	Trace(vm) // want `Handle must not block: Trace may block \[chan\]: Trace → channel receive`
}
