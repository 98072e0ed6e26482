package profiles

// The standard library's own loops: the finalizer goroutine, the cleanup
// goroutines and net/http's accept loop. Their Module is the Go release
// whose source the file:line evidence cites; the tests check the API
// against the toolchain that runs them (the Go 1 promise keeps it).

var runtimeProfile = Profile{
	Name:   "runtime",
	Path:   "runtime",
	Module: "std@go1.26.8",
	Loops: []Loop{
		{
			Name:     "finalizer goroutine",
			Where:    "runFinalizers (mfinal.go:193) runs every finalizer of the process, one after another (mfinal.go:272); documented: \"A single goroutine runs all finalizers for a program, sequentially. If a finalizer must run for a long time, it should do so by starting a new goroutine\" (mfinal.go:417-419)",
			Severity: SingleLoop,
			Roots: []Root{
				{Kind: FuncArg, Member: "SetFinalizer", Param: 1, Where: "run by the finalizer goroutine (mfinal.go:272)"},
			},
		},
		{
			Name:     "cleanup goroutines",
			Where:    "runCleanups (mcleanup.go:716) runs the queued cleanups (mcleanup.go:745) on at most max(GOMAXPROCS/4, 1) goroutines (mcleanup.go:707-710); documented: \"If a cleanup function must run for a long time, it should create a new goroutine to avoid blocking the execution of other cleanups\" (mcleanup.go:40-41)",
			Severity: SharedSerializer,
			Roots: []Root{
				{Kind: FuncArg, Member: "AddCleanup", Param: 1, Where: "run by a cleanup goroutine (mcleanup.go:745)"},
			},
		},
	},
}

var netHTTP = Profile{
	Name:   "net/http",
	Path:   "net/http",
	Module: "std@go1.26.8",
	Loops: []Loop{{
		Name:     "accept loop",
		Where:    "(*Server).Serve (server.go:3404-3466) accepts every connection on one goroutine (:3434) and starts its goroutine only after these callbacks return (:3464): while one blocks, no connection is accepted",
		Severity: SingleLoop,
		Roots: []Root{
			{Kind: FuncField, Type: "Server", Member: "ConnContext", Where: "called by the accept loop for every new connection (server.go:3456)"},
			{Kind: FuncField, Type: "Server", Member: "ConnState", Where: "called by the accept loop for every new connection, with StateNew (server.go:3463, :1836); the later states run on the connection's goroutine"},
		},
		Deadlocks: []Deadlock{
			{Func: "(*net/http.Server).Shutdown", From: []string{"Server.ConnContext"}, Where: "waits for every Serve to return (server.go:3159), and the Serve that calls ConnContext returns only after it (:3420)"},
			{Func: "(*net/http.Server).Close", From: []string{"Server.ConnContext"}, Where: "waits for every Serve to return (server.go:3111), and the Serve that calls ConnContext returns only after it (:3420)"},
		},
	}},
	NotRoots: []NotRoot{
		{Type: "Server", Member: "BaseContext", Where: "called once by Serve, before the accept loop (server.go:3424)"},
		{Type: "Handler", Member: "ServeHTTP", Where: "called on the connection's own goroutine (server.go:3464)"},
	},
}
