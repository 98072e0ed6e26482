package roots

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/blockcheck/blockcheck/profiles"
)

// Deadlocks: the calls that wait for the loop a root runs on (a profile
// loop's Deadlocks). The sinks resolver makes every one a sink of category
// deadlock; a deadlock chain is a finding only in a root of that loop (and,
// for a deadlock with From, only in those roots). Elsewhere the call still
// blocks as its own code does, in its other categories.

// loopDeadlocks returns the sinks, as chains name them, that hang root r
// of loop l of the profile of package fwPath, named fwName.
func loopDeadlocks(fw *types.Package, l profiles.Loop, r profiles.Root) map[string]bool {
	var out map[string]bool
	for _, d := range l.Deadlocks {
		if len(d.From) > 0 && !contains(d.From, rootName(r)) {
			continue
		}
		name, ok := qualifiedIn(fw.Path(), fw.Name(), d.Func)
		if !ok || !hasFunc(fw, d.Func) {
			continue
		}
		if out == nil {
			out = make(map[string]bool)
		}
		out[name] = true
	}
	return out
}

// checkDeadlocks returns a note for every deadlock of the loop that the
// package does not have: it is skipped.
func checkDeadlocks(fw *types.Package, prof string, l profiles.Loop) []string {
	var notes []string
	for _, d := range l.Deadlocks {
		if !hasFunc(fw, d.Func) {
			notes = append(notes, fmt.Sprintf("profile %s does not match %s (no %s): deadlock skipped", prof, fw.Path(), d.Func))
		}
	}
	return notes
}

// hasFunc reports whether the package has the function or method of this
// full name (as types.Func.FullName spells it).
func hasFunc(pkg *types.Package, full string) bool {
	if !strings.HasPrefix(full, "(") {
		name, ok := strings.CutPrefix(full, pkg.Path()+".")
		_, isFunc := pkg.Scope().Lookup(name).(*types.Func)
		return ok && isFunc
	}
	recv, method, ok := strings.Cut(full[1:], ").")
	if !ok {
		return false
	}
	ptr := strings.HasPrefix(recv, "*")
	typeName, ok := strings.CutPrefix(strings.TrimPrefix(recv, "*"), pkg.Path()+".")
	if !ok {
		return false
	}
	tn, _ := pkg.Scope().Lookup(typeName).(*types.TypeName)
	if tn == nil {
		return false
	}
	var t types.Type = tn.Type()
	if ptr {
		t = types.NewPointer(t)
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, pkg, method)
	fn, _ := obj.(*types.Func)
	return fn != nil && fn.FullName() == full
}

// qualifiedIn turns a full name of a function of package path (as
// types.Func.FullName spells it) into the name chains use
// (names.Qualified): "(*example.com/tea.Program).Send" is
// "tea.(*Program).Send".
func qualifiedIn(path, name, full string) (string, bool) {
	if rest, ok := strings.CutPrefix(full, "(*"+path+"."); ok {
		return name + ".(*" + rest, true
	}
	if rest, ok := strings.CutPrefix(full, "("+path+"."); ok {
		typ, method, ok := strings.Cut(rest, ").")
		return name + "." + typ + "." + method, ok
	}
	if rest, ok := strings.CutPrefix(full, path+"."); ok {
		return name + "." + rest, true
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// deadlocksOf returns the deadlocks that hang a root registered or
// contracted under this name.
func (pts *Points) deadlocksOf(label string) map[string]bool { return pts.deadlocks[label] }

func (pts *Points) addDeadlocks(label string, d map[string]bool) {
	if len(d) == 0 {
		return
	}
	if pts.deadlocks == nil {
		pts.deadlocks = make(map[string]map[string]bool)
	}
	if pts.deadlocks[label] == nil {
		pts.deadlocks[label] = d
		return
	}
	for k := range d {
		pts.deadlocks[label][k] = true
	}
}
