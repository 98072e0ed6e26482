package lockheld

import (
	"go/types"
	"strings"
)

// lockKind is what a sync method does to its lock.
type lockKind int

const (
	lockAcquire lockKind = iota + 1
	lockRelease
	lockTry  // acquires on the true branch of the condition it is in
	lockDrop // a callee releases the lock and takes it back before returning
)

type lockOp struct {
	kind lockKind
	read bool // the read side of an RWMutex
}

// lockMethods is the table of lock operations, by full name.
var lockMethods = map[string]lockOp{
	"(*sync.Mutex).Lock":       {lockAcquire, false},
	"(*sync.Mutex).Unlock":     {lockRelease, false},
	"(*sync.Mutex).TryLock":    {lockTry, false},
	"(*sync.RWMutex).Lock":     {lockAcquire, false},
	"(*sync.RWMutex).Unlock":   {lockRelease, false},
	"(*sync.RWMutex).TryLock":  {lockTry, false},
	"(*sync.RWMutex).RLock":    {lockAcquire, true},
	"(*sync.RWMutex).RUnlock":  {lockRelease, true},
	"(*sync.RWMutex).TryRLock": {lockTry, true},
	"(sync.Locker).Lock":       {lockAcquire, false},
	"(sync.Locker).Unlock":     {lockRelease, false},
}

// lockMethod returns what fn does to a lock, if it is a sync lock method.
func lockMethod(fn *types.Func) *lockOp {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return nil
	}
	// Every call of the package asks: look the method up by receiver and
	// name rather than build its full name.
	sig := fn.Type().(*types.Signature)
	if sig.Recv() == nil {
		return nil
	}
	t := sig.Recv().Type()
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	if op, ok := lockMethodIndex[lockKey{named.Obj().Name(), ptr, fn.Name()}]; ok {
		return &op
	}
	return nil
}

// lockKey is a sync method by receiver type and name.
type lockKey struct {
	recv string
	ptr  bool
	name string
}

// lockMethodIndex is lockMethods by lockKey.
var lockMethodIndex = func() map[lockKey]lockOp {
	m := make(map[lockKey]lockOp, len(lockMethods))
	for full, op := range lockMethods {
		recv, name, _ := strings.Cut(strings.TrimPrefix(full, "("), ").")
		ptr := strings.HasPrefix(recv, "*")
		m[lockKey{strings.TrimPrefix(strings.TrimPrefix(recv, "*"), "sync."), ptr, name}] = op
	}
	return m
}()

// condWait is the one blocking call that is meant to be made with a lock
// held: (*sync.Cond).Wait releases the Cond's lock while it waits.
const condWait = "sync.(*Cond).Wait"
