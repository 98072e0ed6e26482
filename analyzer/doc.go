// Package analyzer is blockcheck's analysis pass: it finds blocking calls
// reachable from code that must not block.
//
// # Analyzer blockcheck
//
// blockcheck: report blocking operations reachable from code that must not block
//
// A function may block if it performs a blocking operation (network or file
// I/O, waiting for a process, sleeping, a channel operation, a select
// without default, waiting on a WaitGroup or Cond, a database/sql call, a
// blocking system call) or calls, synchronously, a function that may block.
// Facts carry the answer, with the chain of calls down to the operation,
// across packages. Standard-library packages are not analyzed: a table
// answers for them.
//
// Roots are functions that must not block:
//
//   - a function or method whose doc comment has //blockcheck:nonblocking;
//
//   - every implementation of an interface method whose doc comment has
//     //blockcheck:nonblocking, in any package that can see the interface.
//
//   - the event-loop callbacks of known frameworks (package profiles), and
//     functions registered in fields or through parameters declared as
//     registration points;
//
//   - functions and interface methods named by the configuration (package
//     config).
//
// Every place in a root's body that may block is reported, with the chain
// down to the blocking operation. A root is a barrier: its callers do not
// inherit its blocking.
//
// A function that calls a function-typed parameter synchronously gets a
// Callbacks fact; a call passing it a blocking function then blocks. Work
// handed to another goroutine (go statements, pools the profiles trust)
// does not block the caller.
//
// Other directives: //blockcheck:blocking [category] declares a function,
// method or interface method blocking; //blockcheck:ignore reason on a
// reported line, or the line above, silences that report.
//
// The lock-held check (flag -lockheld, on by default) reports every place
// that may block while a sync.Mutex or sync.RWMutex is held in the same
// function, with lock regions computed on the control-flow graph. Lock and
// unlock helpers are summarized in Locks facts, and a local closure that
// locks or unlocks (unlock := func() { mu.Unlock() }) counts at its calls;
// a callee that unlocks around its blocking and locks again, in a loop or
// not, does not block its caller with the lock held; functions named
// ...Locked, or documented //blockcheck:locked mu, run with a lock held.
//
// Calls through interfaces and function values whose target is unknown are
// not blocking, except interface methods the table or a directive declares
// blocking (net.Conn.Read is; io.Writer.Write is not). Calls in go
// statements do not block the caller; deferred calls do.
//
// # How a package is analyzed
//
// The pass (run, in analyzer.go) is a pipeline of stages, each a package
// under internal/ that takes what the earlier stages produced and returns
// what it computed; none reaches into a later one (TestLayering checks the
// imports):
//
//   - internal/directive parses the //blockcheck: comments and attaches
//     them to declarations (a directive.Set);
//   - internal/roots finds the points that make functions roots without a
//     directive of their own: interface contracts (local, from the
//     dependencies' Contracts facts, the configuration, the profiles) and
//     registration fields and parameters (roots.Points);
//   - internal/sinks answers for the functions the package calls but does
//     not analyze: the standard-library table, dependencies' facts, the
//     configuration, the profiles' trusted functions (a sinks.Resolver);
//   - internal/graph is what the package's functions are and call: nodes,
//     blocking places, function values, callback summaries, registrations,
//     the callee places that constant arguments rule out (a graph.Graph);
//   - internal/roots then gives every node its roles: root, declared
//     blocking, trusted (roots.Roles);
//   - internal/solve computes which functions may block, with shortest
//     witnesses, and explains chains (a solve.Solution);
//   - the pass exports facts (export.go: the one place facts leave a
//     package);
//   - internal/report reports the roots' places, the registrations and the
//     malformed directives, and writes -why explanations;
//   - internal/lockheld computes lock summaries (Locks facts) and reports
//     blocking while a lock is held.
//
// The command's whole-program mode (-whole, internal/whole) reads every
// package's result of NewProgram (a whole.Summary: the functions that may
// block, with their witnesses, and the roots), builds SSA and a VTA call
// graph of the program, and walks it from the roots through the interface
// and function-value calls the pipeline leaves unresolved.
//
// internal/names spells functions for messages and facts, shared by all.
package analyzer

const doc = `report blocking operations reachable from code that must not block

A function may block if it performs a blocking operation (network or file
I/O, process waits, time.Sleep, channel operations, select without default,
WaitGroup/Cond waits, database/sql calls, blocking system calls) or
synchronously calls a function that may block. Roots are functions marked
//blockcheck:nonblocking and implementations of interface methods so marked;
every place in a root that may block is reported with its call chain.
With -lockheld (the default), so is every place that may block while a
sync.Mutex or sync.RWMutex is held.

Directives (no space after //):
  //blockcheck:nonblocking          the function, or every implementation of the
                                    interface method, must not block
  //blockcheck:blocking [category]  the function or interface method blocks
  //blockcheck:ignore reason        silence the report on this line or the next
  //blockcheck:locked c.mu          the function is called with c.mu held`
