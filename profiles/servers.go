package profiles

// cloudwego/netpoll runs only the connection's preparation on its poller:
// requests, connects and disconnects run on goroutines of their own.

var netpoll = Profile{
	Name:   "netpoll",
	Path:   "github.com/cloudwego/netpoll",
	Module: "github.com/cloudwego/netpoll@v0.7.2",
	Loops: []Loop{{
		Name:     "poller",
		Where:    "each poller's Wait loop (poll_default_linux.go:91) handles its descriptors' events inline (handler, :118-170): a listener's readable event accepts the connection and prepares it there (:150-152, netpoll_server.go:99-166)",
		Severity: SingleLoop,
		Roots: []Root{
			{Kind: FuncArg, Member: "WithOnPrepare", Param: 0, Where: "called by connection.init on the poller, for every accepted connection (netpoll_server.go:166, connection_onevent.go:106)"},
		},
	}},
	NotRoots: []NotRoot{
		{Kind: FuncArg, Member: "NewEventLoop", Param: 0, Where: "OnRequest runs as a task on the goroutine pool (connection_onevent.go:262; the poller only acks the input, connection_reactor.go:113)"},
		{Kind: FuncArg, Member: "WithOnConnect", Param: 0, Where: "runs as a task on the goroutine pool, before OnRequest (netpoll_server.go:178, connection_onevent.go:262)"},
		{Kind: FuncArg, Member: "WithOnDisconnect", Param: 0, Where: "the doc says it \"will block poller\" (eventloop.go:82), but at this version hang-ups are handled on a goroutine started per batch (poll_default.go:42-55, connection_reactor.go:35) or in the request task (connection_onevent.go:207)"},
		{Kind: FuncParam, Type: "Connection", Member: "AddCloseCallback", Param: 0, Where: "run on the hang-up goroutine (poll_default.go:42-55, connection_reactor.go:45, :57) or in the request task (connection_onevent.go:284)"},
		{Kind: FuncParam, Type: "Connection", Member: "SetOnRequest", Param: 0, Where: "runs as a task on the goroutine pool (connection_onevent.go:262)"},
	},
}
