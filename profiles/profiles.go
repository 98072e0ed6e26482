// Package profiles is blockcheck's knowledge of event-loop frameworks and
// worker pools, as data: which callbacks a framework runs on its event-loop
// goroutines (those are roots, with no annotation in user code), and which
// of its functions hand work to other goroutines or only buffer (those are
// trusted not to block).
//
// Each entry was checked against the framework's source at the version
// given: where the callback is called from decides whether it is a root. A
// callback that runs before the loops start, or on a goroutine of its own,
// only delays itself and is not a root. TestProfilesMatchRealModules loads
// the real modules and checks every name and signature.
package profiles

import (
	"fmt"
	"strings"
)

// Kind says how a framework takes a callback.
type Kind int

const (
	// InterfaceMethod: the application implements an interface; every
	// implementation of the method is a root.
	InterfaceMethod Kind = iota + 1
	// FuncField: the application stores a function in a struct field;
	// every function stored there is a root.
	FuncField
	// FuncParam: the application passes a function to a registration
	// method; every function passed there is a root.
	FuncParam
	// FuncArg: the application passes a function to a package-level
	// function (runtime.SetFinalizer, fyne.Do); every function passed
	// there is a root. Type is empty; the parameter may be of type any
	// (SetFinalizer's finalizer) as well as of a function type.
	FuncArg
	// MethodResult: the application implements an interface method that
	// returns a function, and the library calls the function it returns
	// on the loop (tview's Primitive.InputHandler returns the key
	// handler): every function an implementation returns is a root. The
	// method's own body is an InterfaceMethod root if it runs there too.
	MethodResult
)

// A Root is one callback that runs on an event loop.
type Root struct {
	Kind   Kind
	Type   string // the interface, struct or receiver type, in the profile's package ("EventHandler", "*Engine"); empty for FuncArg
	Member string // the method, field or (FuncArg) function
	Param  int    // FuncParam, FuncArg: the parameter holding the callback, from 0
	Where  string // where the framework calls it: why it is a root
}

// A NotRoot is a callback deliberately left out, with the reason: the docs
// list them so users know the profile was not just incomplete.
type NotRoot struct {
	// Member is the method or field, of one of the roots' types unless
	// Type or Kind says otherwise.
	Member string
	// Where says where the library runs it instead.
	Where string
	// Kind, when set, locates the callback as a Root of that kind does
	// (with Type and Param): netpoll's OnRequest, passed to NewEventLoop.
	Kind Kind
	// Type is the type Member belongs to, when it is not one of the
	// roots' types. With Member empty, it is a function type whose
	// values are not roots wherever they come from (Bubble Tea's Cmd,
	// returned by Update and run on a goroutine of its own).
	Type string
	// Param is the parameter of a FuncParam or FuncArg not-root.
	Param int
}

// A Profile is one framework's or pool's knowledge.
type Profile struct {
	Name     string // what -profiles selects: "gnet", "evio", ...
	Path     string // the package path
	Module   string // the module and the version the entries were checked against
	Roots    []Root
	NotRoots []NotRoot
	// Trusted are functions and methods, by full name (as
	// types.Func.FullName spells it), that do not block the caller: they
	// hand the work to another goroutine or only buffer it.
	Trusted []string
	// NonBlockingFDs says the framework's own code makes its system calls
	// on non-blocking file descriptors: in its packages (those under
	// Path), the syscall category does not count. Its network and file
	// operations through the standard library still do.
	NonBlockingFDs bool
	// Loops are the goroutines, executors and contracts the library runs
	// callbacks on, each with its roots, severity, allowed categories,
	// deadlocks and switches (see Loop). Roots above is the older,
	// shorter form of one loop; AllLoops returns both.
	Loops []Loop
	// Sinks are the library's interface methods that block (see Sink).
	Sinks []Sink
}

// All is every profile, enabled by default.
var All = []Profile{
	{
		Name:           "gnet",
		NonBlockingFDs: true,
		Path:           "github.com/panjf2000/gnet/v2",
		Module:         "github.com/panjf2000/gnet/v2@v2.9.7",
		Roots: []Root{
			{InterfaceMethod, "EventHandler", "OnOpen", 0, "called by the event loop goroutine when it opens a connection (eventloop.open)"},
			{InterfaceMethod, "EventHandler", "OnClose", 0, "called by the event loop goroutine when it closes a connection (eventloop.close)"},
			{InterfaceMethod, "EventHandler", "OnTraffic", 0, "called by the event loop goroutine for every read and wake-up (eventloop.read, eventloop.wake, eventloop.readUDP)"},
		},
		NotRoots: []NotRoot{
			{Member: "OnBoot", Where: "called once by the engine before the event loops start"},
			{Member: "OnShutdown", Where: "called once by the engine after the event loops stop"},
			{Member: "OnTick", Where: "called on a ticker goroutine of its own (eventloop.ticker): blocking only delays the next tick"},
		},
		Trusted: []string{
			// Conn's writes from outside the loop are queued for the loop.
			"(github.com/panjf2000/gnet/v2.Writer).AsyncWrite",
			"(github.com/panjf2000/gnet/v2.Writer).AsyncWritev",
			"(github.com/panjf2000/gnet/v2.Conn).Wake",
			"(github.com/panjf2000/gnet/v2.Conn).CloseWithCallback",
			// gnet's goroutine pool (pkg/pool/goroutine) is an alias of ants.Pool.
			"(*github.com/panjf2000/ants/v2.Pool).Submit",
		},
	},
	{
		Name:           "gnet/v1",
		NonBlockingFDs: true,
		Path:           "github.com/panjf2000/gnet",
		Module:         "github.com/panjf2000/gnet@v1.6.7",
		Roots: []Root{
			{InterfaceMethod, "EventHandler", "OnOpened", 0, "called by the event loop goroutine when it opens a connection (eventloop.open)"},
			{InterfaceMethod, "EventHandler", "OnClosed", 0, "called by the event loop goroutine when it closes a connection (eventloop.closeConn)"},
			{InterfaceMethod, "EventHandler", "React", 0, "called by the event loop goroutine for every inbound frame (eventloop.read, eventloop.wake, eventloop.readUDP)"},
			{InterfaceMethod, "EventHandler", "PreWrite", 0, "called on the event loop goroutine before it writes (eventloop.write, conn writes in connection_unix.go)"},
			{InterfaceMethod, "EventHandler", "AfterWrite", 0, "called on the event loop goroutine after it writes (conn writes in connection_unix.go)"},
		},
		NotRoots: []NotRoot{
			{Member: "OnInitComplete", Where: "called once before the event loops start"},
			{Member: "OnShutdown", Where: "called once after the event loops stop"},
			{Member: "Tick", Where: "called on a ticker goroutine of its own (eventloop.ticker)"},
		},
		Trusted: []string{
			"(github.com/panjf2000/gnet.Conn).AsyncWrite",
			"(github.com/panjf2000/gnet.Conn).AsyncWritev",
			"(github.com/panjf2000/gnet.Conn).Wake",
		},
	},
	{
		Name:           "evio",
		NonBlockingFDs: true,
		Path:           "github.com/tidwall/evio",
		Module:         "github.com/tidwall/evio@v1.0.8",
		Roots: []Root{
			{FuncField, "Events", "Opened", 0, "called by the loop goroutine that owns the new connection (loopOpened)"},
			{FuncField, "Events", "Closed", 0, "called by the loop goroutine that owns the connection (loopCloseConn)"},
			{FuncField, "Events", "Detached", 0, "called by the loop goroutine that owns the connection (loopDetachConn)"},
			{FuncField, "Events", "Data", 0, "called by the loop goroutine for every read and wake-up (loopRead, loopWake, loopUDPRead)"},
			{FuncField, "Events", "PreWrite", 0, "called by the loop goroutine before it writes (loopWrite, loopRead, loopUDPRead)"},
			{FuncField, "Events", "Tick", 0, "called on loop 0's goroutine when the ticker goroutine wakes it (loopNote): it blocks that loop"},
		},
		NotRoots: []NotRoot{
			{Member: "Serving", Where: "called once before the loops start"},
		},
	},
	{
		Name:           "nbio",
		NonBlockingFDs: true,
		Path:           "github.com/lesismal/nbio",
		Module:         "github.com/lesismal/nbio@v1.6.8",
		Roots: []Root{
			{FuncParam, "*Engine", "OnOpen", 0, "called by the poller goroutine that adds the connection (poller.addConn)"},
			{FuncParam, "*Engine", "OnRead", 0, "called by the poller goroutine on every read event (poller.readWriteLoop)"},
			{FuncParam, "*Engine", "OnData", 0, "called by the poller goroutine with the data read (poller.readWriteLoop); with Config.AsyncReadInPoller, on the IOExecute executor instead"},
			{FuncParam, "*Engine", "OnDataPtr", 0, "called by the poller goroutine with the data read (poller.readWriteLoop); with Config.AsyncReadInPoller, on the IOExecute executor instead"},
		},
		NotRoots: []NotRoot{
			{Member: "OnClose", Where: "run through Engine.Async, on the engine's executor, not on the poller"},
			{Member: "OnStop", Where: "called once when the engine stops"},
		},
		Loops: []Loop{{
			Name:     "Async executor",
			Where:    "Engine embeds *timer.Timer: its Async appends to one list per engine and starts a single goroutine that runs the list's functions one after another while it is not empty (timer/timer.go:77-113): a slow one delays every later close callback and Async function of the engine",
			Severity: SharedSerializer,
			Roots: []Root{
				{FuncParam, "*Engine", "OnClose", 0, "run through Engine.Async when a connection closes (engine.go:329-333, poller_epoll.go:142)"},
				{FuncParam, "*Engine", "Async", 0, "appended to the engine's Async list and run by its executor goroutine (timer/timer.go:77-113)"},
			},
		}},
		Trusted: []string{
			"(*github.com/lesismal/nbio/timer.Timer).Async", // Engine embeds *timer.Timer
			// nbio's TLS (extension/tls.Conn is an alias) reads and writes
			// through the *nbio.Conn it wraps, which does not block.
			"(*github.com/lesismal/llib/std/crypto/tls.Conn).Read",
			"(*github.com/lesismal/llib/std/crypto/tls.Conn).Write",
			"(*github.com/lesismal/llib/std/crypto/tls.Conn).Append",
			"(*github.com/lesismal/llib/std/crypto/tls.Conn).Handshake",
		},
	},
	{
		Name:   "ants",
		Path:   "github.com/panjf2000/ants/v2",
		Module: "github.com/panjf2000/ants/v2@v2.12.1",
		Trusted: []string{
			"github.com/panjf2000/ants/v2.Submit",
			"(*github.com/panjf2000/ants/v2.Pool).Submit",
			"(*github.com/panjf2000/ants/v2.PoolWithFunc).Invoke",
			"(*github.com/panjf2000/ants/v2.MultiPool).Submit",
			"(*github.com/panjf2000/ants/v2.MultiPoolWithFunc).Invoke",
		},
	},
	{
		// hashicorp's msgpack codec, which memberlist, raft and serf
		// encode their messages with. Its reflective encoder and decoder
		// have paths for values of channel type (decode.go:1514-1540,
		// encode.go:470-575: they send the decoded elements into the
		// channel, or receive from it to encode): only a value of channel
		// type takes them, and no message type has one. Their I/O goes
		// through the io.Reader or io.Writer the codec was made with,
		// which they call through an interface: trusting them hides no
		// operation blockcheck would otherwise see.
		Name:   "go-msgpack",
		Path:   "github.com/hashicorp/go-msgpack/v2/codec",
		Module: "github.com/hashicorp/go-msgpack/v2@v2.1.5",
		Trusted: []string{
			"(*github.com/hashicorp/go-msgpack/v2/codec.Encoder).Encode",
			"(*github.com/hashicorp/go-msgpack/v2/codec.Encoder).MustEncode",
			"(*github.com/hashicorp/go-msgpack/v2/codec.Decoder).Decode",
			"(*github.com/hashicorp/go-msgpack/v2/codec.Decoder).MustDecode",
		},
	},
	{
		Name:   "errgroup",
		Path:   "golang.org/x/sync/errgroup",
		Module: "golang.org/x/sync@v0.24.0",
		Trusted: []string{
			"(*golang.org/x/sync/errgroup.Group).Go",
			"(*golang.org/x/sync/errgroup.Group).TryGo",
		},
	},
	// Profiles with Loops (see loops.go), one file per kind of library.
	bubbleteaV1, bubbleteaV2, tview,
	ebiten, fyne, fyneWidget, fyneDesktop,
	clientGo, paho, memberlist, raft,
	otelTrace, runtimeProfile, netHTTP, netpoll,
}

// Names lists the profiles' names.
func Names() []string {
	names := make([]string, len(All))
	for i, p := range All {
		names[i] = p.Name
	}
	return names
}

// A Set is a selection of profiles, by index into All.
type Set uint32

// Default is every profile.
func Default() Set { return Set(1<<len(All) - 1) }

// Has reports whether the profile is selected.
func (s Set) Has(i int) bool { return s&(1<<i) != 0 }

// Selected returns the selected profiles.
func (s Set) Selected() []*Profile {
	var out []*Profile
	for i := range All {
		if s.Has(i) {
			out = append(out, &All[i])
		}
	}
	return out
}

func (s Set) String() string {
	var names []string
	for i, p := range All {
		if s.Has(i) {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ",")
}

// Parse parses a comma-separated list of profile names; "all" and "none"
// select every profile and none.
func Parse(list string) (Set, error) {
	list = strings.TrimSpace(list)
	if list == "" {
		return 0, fmt.Errorf("empty profile list (write none to disable every profile)")
	}
	var s Set
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		switch name {
		case "all":
			s = Default()
			continue
		case "none":
			continue
		}
		found := false
		for j, p := range All {
			if p.Name == name {
				s |= 1 << j
				found = true
			}
		}
		if !found {
			return 0, fmt.Errorf("unknown profile %q (known: %s)", name, strings.Join(Names(), ", "))
		}
	}
	return s, nil
}

// NonBlockingFDs reports whether a package belongs to a selected framework
// whose own system calls are made on non-blocking file descriptors.
func (s Set) NonBlockingFDs(pkgPath string) bool {
	for _, p := range s.Selected() {
		if p.NonBlockingFDs && (pkgPath == p.Path || strings.HasPrefix(pkgPath, p.Path+"/")) {
			return true
		}
	}
	return false
}
