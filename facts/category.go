package facts

import (
	"fmt"
	"strings"
)

// A Category names a kind of blocking operation. Categories are what users
// switch on and off, and what every diagnostic is tagged with.
type Category string

// The categories, in the order the documentation lists them.
const (
	Net     Category = "net"     // dialing, accepting, connection I/O, DNS, HTTP clients
	File    Category = "file"    // file-system operations
	Exec    Category = "exec"    // running and waiting for processes
	Sleep   Category = "sleep"   // time.Sleep
	Chan    Category = "chan"    // channel send/receive, range over a channel, select without default
	Sync    Category = "sync"    // WaitGroup.Wait, Cond.Wait
	Lock    Category = "lock"    // acquiring a mutex
	SQL     Category = "sql"     // database/sql calls that reach the driver
	Syscall Category = "syscall" // blocking system calls
	Cgo     Category = "cgo"     // calls into C
	User    Category = "user"    // declared blocking by a //blockcheck:blocking directive

	// Deadlock: a call that waits for the loop its caller runs on (a
	// profile's deadlocks): from a root of that loop it never returns.
	Deadlock Category = "deadlock"
)

// categoryInfo is the table of categories: their order, and whether they are
// enabled by default. lock and cgo are off by default: taking an uncontended
// mutex and calling short C functions are usually fine in a handler, and
// reporting them by default would bury the findings that matter.
var categoryInfo = []struct {
	Category Category
	Default  bool
	Doc      string
}{
	{Net, true, "network I/O: dial, listen/accept, connection reads and writes, DNS lookups, HTTP client requests, smtp, net/rpc"},
	{File, true, "file-system operations in os, io/ioutil and path/filepath walks"},
	{Exec, true, "starting and waiting for processes (os/exec, os.StartProcess, (*os.Process).Wait)"},
	{Sleep, true, "time.Sleep"},
	{Chan, true, "channel send, receive, range over a channel, select without default"},
	{Sync, true, "(*sync.WaitGroup).Wait, (*sync.Cond).Wait"},
	{Lock, false, "acquiring a sync.Mutex or sync.RWMutex"},
	{SQL, true, "database/sql calls that reach the driver"},
	{Syscall, true, "blocking system calls in syscall and golang.org/x/sys/unix"},
	{Cgo, false, "calls into C"},
	{User, true, "functions and interface methods declared blocking with //blockcheck:blocking"},
	{Deadlock, true, "calls that wait for the event loop the caller runs on (the profiles' deadlocks: tea.Program.Send from Update, tview's QueueUpdate from a callback): a certain hang"},
}

// reportOrder is the order in which a place's categories are listed, and
// the first of them names the finding (its Category in JSON and SARIF):
// a certain hang first, then I/O that waits on the outside world, then waits on this program's
// other goroutines. A retry helper whose loop sleeps and whose callback
// dials is net, not sleep.
var reportOrder = []Category{Deadlock, Net, SQL, Exec, File, Syscall, Cgo, Sleep, Sync, Chan, User, Lock}

// Rank is a category's place in the report order, from 0; -1 if unknown.
func (c Category) Rank() int {
	for i, r := range reportOrder {
		if r == c {
			return i
		}
	}
	return -1
}

// ReportOrder returns every category in report order.
func ReportOrder() []Category { return append([]Category(nil), reportOrder...) }

// AllCategories returns every category in documentation order.
func AllCategories() []Category {
	out := make([]Category, len(categoryInfo))
	for i, c := range categoryInfo {
		out[i] = c.Category
	}
	return out
}

// Doc returns a one-line description of the category.
func (c Category) Doc() string {
	for _, ci := range categoryInfo {
		if ci.Category == c {
			return ci.Doc
		}
	}
	return ""
}

// ParseCategory returns the category named s.
func ParseCategory(s string) (Category, error) {
	for _, ci := range categoryInfo {
		if string(ci.Category) == s {
			return ci.Category, nil
		}
	}
	return "", fmt.Errorf("unknown category %q (known: %s)", s, strings.Join(categoryNames(), ", "))
}

func categoryNames() []string {
	names := make([]string, len(categoryInfo))
	for i, c := range categoryInfo {
		names[i] = string(c.Category)
	}
	return names
}

func (c Category) bit() uint32 {
	for i, ci := range categoryInfo {
		if ci.Category == c {
			return 1 << i
		}
	}
	return 0
}

// A CategorySet is a set of categories.
type CategorySet uint32

// DefaultCategories is the set enabled when the user says nothing.
func DefaultCategories() CategorySet {
	var s CategorySet
	for _, ci := range categoryInfo {
		if ci.Default {
			s |= CategorySet(ci.Category.bit())
		}
	}
	return s
}

// Has reports whether c is in the set.
func (s CategorySet) Has(c Category) bool { return s&CategorySet(c.bit()) != 0 }

// With returns the set with c added.
func (s CategorySet) With(c Category) CategorySet { return s | CategorySet(c.bit()) }

// Without returns the set with c removed.
func (s CategorySet) Without(c Category) CategorySet { return s &^ CategorySet(c.bit()) }

// String lists the set's categories, comma-separated, in documentation order.
func (s CategorySet) String() string {
	var names []string
	for _, ci := range categoryInfo {
		if s.Has(ci.Category) {
			names = append(names, string(ci.Category))
		}
	}
	return strings.Join(names, ",")
}

// ParseCategorySet parses a comma-separated list of categories. Each element
// is a category name, optionally prefixed by + (add to the defaults) or -
// (remove from the defaults); "all" and "none" name every category and none.
// A list of bare names replaces the defaults; a list of only +/- elements
// edits them.
func ParseCategorySet(list string) (CategorySet, error) {
	list = strings.TrimSpace(list)
	if list == "" {
		// An empty value is most often an unset variable in a script:
		// refuse it rather than silently check nothing.
		return 0, fmt.Errorf("empty category list (write none to disable every category)")
	}
	var set CategorySet
	edits := true
	parts := strings.Split(list, ",")
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if !strings.HasPrefix(p, "+") && !strings.HasPrefix(p, "-") {
			edits = false
		}
	}
	if edits {
		set = DefaultCategories()
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		op := byte(0)
		if strings.HasPrefix(p, "+") || strings.HasPrefix(p, "-") {
			op, p = p[0], p[1:]
		}
		var bits CategorySet
		switch p {
		case "all":
			for _, ci := range categoryInfo {
				bits |= CategorySet(ci.Category.bit())
			}
		case "none":
		case "":
			return 0, fmt.Errorf("empty category in %q", list)
		default:
			c, err := ParseCategory(p)
			if err != nil {
				return 0, err
			}
			bits = CategorySet(c.bit())
		}
		if op == '-' {
			set &^= bits
		} else {
			set |= bits
		}
	}
	return set, nil
}
