package profiles

import "github.com/blockcheck/blockcheck/facts"

// Controllers, messaging, gossip and consensus: client-go informers, paho
// MQTT, memberlist and hashicorp/raft run the application's handlers on
// goroutines that also carry the library's own work.

var clientGo = Profile{
	Name:   "client-go",
	Path:   "k8s.io/client-go/tools/cache",
	Module: "k8s.io/client-go@v0.37.2",
	Loops: []Loop{{
		Name: "informer handler goroutine",
		Where: "a shared informer gives each AddEventHandler registration two goroutines (shared_informer.go:1203-1204, :1277-1278): pop buffers notifications without bound (:1444, :1366-1371), run calls the handler for each in turn (:1478-1514). " +
			"A slow handler delays its own events and its registration's HasSynced and grows the buffer; a non-shared informer (NewInformer and friends) calls it inline in processDeltas (controller.go:823-871, :1045) and stalls the whole informer",
		Severity: PerHandlerDispatcher,
		Roots: []Root{
			{Kind: InterfaceMethod, Type: "ResourceEventHandler", Member: "OnAdd", Where: "called by processorListener.run (shared_informer.go:1509) or processDeltas (controller.go:865)"},
			{Kind: InterfaceMethod, Type: "ResourceEventHandler", Member: "OnUpdate", Where: "called by processorListener.run (shared_informer.go:1507) or processDeltas (controller.go:860)"},
			{Kind: InterfaceMethod, Type: "ResourceEventHandler", Member: "OnDelete", Where: "called by processorListener.run (shared_informer.go:1514) or processDeltas (controller.go:871)"},
			{Kind: InterfaceMethod, Type: "TypedResourceEventHandler", Member: "OnAdd", Where: "called through the typed adapter (shared_informer.go:355) from the handler goroutine"},
			{Kind: InterfaceMethod, Type: "TypedResourceEventHandler", Member: "OnUpdate", Where: "called through the typed adapter (shared_informer.go:359) from the handler goroutine"},
			{Kind: InterfaceMethod, Type: "TypedResourceEventHandler", Member: "OnDelete", Where: "called through the typed adapter (shared_informer.go:365-371) from the handler goroutine"},
			{Kind: FuncField, Type: "ResourceEventHandlerFuncs", Member: "AddFunc", Where: "called by ResourceEventHandlerFuncs.OnAdd (controller.go:423)"},
			{Kind: FuncField, Type: "ResourceEventHandlerFuncs", Member: "UpdateFunc", Where: "called by ResourceEventHandlerFuncs.OnUpdate (controller.go:430)"},
			{Kind: FuncField, Type: "ResourceEventHandlerFuncs", Member: "DeleteFunc", Where: "called by ResourceEventHandlerFuncs.OnDelete (controller.go:437)"},
			{Kind: FuncField, Type: "ResourceEventHandlerDetailedFuncs", Member: "AddFunc", Where: "called by ResourceEventHandlerDetailedFuncs.OnAdd (controller.go:479)"},
			{Kind: FuncField, Type: "ResourceEventHandlerDetailedFuncs", Member: "UpdateFunc", Where: "called by ResourceEventHandlerDetailedFuncs.OnUpdate (controller.go:486)"},
			{Kind: FuncField, Type: "ResourceEventHandlerDetailedFuncs", Member: "DeleteFunc", Where: "called by ResourceEventHandlerDetailedFuncs.OnDelete (controller.go:493)"},
			{Kind: FuncField, Type: "TypedResourceEventHandlerFuncs", Member: "AddFunc", Where: "called by TypedResourceEventHandlerFuncs.OnAdd (controller.go:451)"},
			{Kind: FuncField, Type: "TypedResourceEventHandlerFuncs", Member: "UpdateFunc", Where: "called by TypedResourceEventHandlerFuncs.OnUpdate (controller.go:457)"},
			{Kind: FuncField, Type: "TypedResourceEventHandlerFuncs", Member: "DeleteFunc", Where: "called by TypedResourceEventHandlerFuncs.OnDelete (controller.go:463)"},
			{Kind: FuncField, Type: "FilteringResourceEventHandler", Member: "FilterFunc", Where: "called by FilteringResourceEventHandler's OnAdd, OnUpdate and OnDelete (controller.go:535, :543-544, :559)"},
			{Kind: FuncField, Type: "TypedFilteringResourceEventHandler", Member: "FilterFunc", Where: "called by TypedFilteringResourceEventHandler's OnAdd, OnUpdate and OnDelete (controller.go:574, :582-583, :601)"},
		},
	}},
}

var paho = Profile{
	Name:   "paho",
	Path:   "github.com/eclipse/paho.mqtt.golang",
	Module: "github.com/eclipse/paho.mqtt.golang@v1.5.1",
	Loops: []Loop{{
		Name: "router goroutine",
		Where: "router.matchAndDispatch's goroutine (router.go:156), one per connection: with order (the default) it calls every matching handler inline, then acks (router.go:196-202). " +
			"While a handler blocks, no PUBLISH is dispatched and the incoming goroutine stalls on the next one (net.go:224, client.go:698), so acks that follow it wait too; the README: blocking handlers are \"a common cause of unexpected pingresp not received, disconnecting errors\" (README.md:110-113)",
		Severity: SingleLoop,
		Roots: []Root{
			{Kind: FuncParam, Type: "Client", Member: "Subscribe", Param: 2, Where: "stored as a route (client.go:879) and called by the router (router.go:198)"},
			{Kind: FuncParam, Type: "Client", Member: "SubscribeMultiple", Param: 1, Where: "stored as a route (client.go:956) and called by the router (router.go:198)"},
			{Kind: FuncParam, Type: "Client", Member: "AddRoute", Param: 1, Where: "stored as a route (client.go:188) and called by the router (router.go:198)"},
			{Kind: FuncParam, Type: "*ClientOptions", Member: "SetDefaultPublishHandler", Param: 0, Where: "the handler for messages no route matches (options.go:330), called by the router (router.go:182, :198)"},
			{Kind: FuncField, Type: "ClientOptions", Member: "DefaultPublishHandler", Where: "the handler for messages no route matches, called by the router (router.go:182, :198)"},
		},
		OffWhen: []Switch{{
			Setter: "(*github.com/eclipse/paho.mqtt.golang.ClientOptions).SetOrderMatters",
			Param:  0,
			Field:  "ClientOptions.Order",
			Value:  "false",
			Where:  "the router reads it once per connection (client.go:623); when false it calls each handler in a goroutine of its own (router.go:168-175, :184-190); NewClientOptions sets it true (options.go:131)",
		}},
	}},
	NotRoots: []NotRoot{
		{Kind: FuncParam, Type: "*ClientOptions", Member: "SetOnConnectHandler", Param: 0, Where: "started with go (client.go:635)"},
		{Kind: FuncParam, Type: "*ClientOptions", Member: "SetConnectionLostHandler", Param: 0, Where: "started with go (client.go:583)"},
		{Kind: FuncParam, Type: "*ClientOptions", Member: "SetReconnectingHandler", Param: 0, Where: "called inline by reconnect (client.go:324), on the reconnect goroutine (client.go:580): blocking delays only the reconnection"},
	},
	Sinks: []Sink{
		{Name: "(github.com/eclipse/paho.mqtt.golang.Token).Wait", Category: facts.Chan, Where: "waits for the flow to complete (token.go:77-80): the broker's acknowledgement for QoS 1 and 2"},
		{Name: "(github.com/eclipse/paho.mqtt.golang.Token).WaitTimeout", Category: facts.Chan, Where: "waits for the flow to complete or the timeout (token.go:83-93)"},
		{Name: "(github.com/eclipse/paho.mqtt.golang.Client).Publish", Category: facts.Chan, Where: "waits up to WriteTimeout, 30 s by default, for the outbound queue (client.go:819-831); documented: \"callback must not block or call functions within this package that may block (e.g. Publish)\""},
		{Name: "(github.com/eclipse/paho.mqtt.golang.Client).Subscribe", Category: facts.Chan, Where: "waits up to WriteTimeout, 30 s by default, for the outbound queue (client.go:907-914)"},
		{Name: "(github.com/eclipse/paho.mqtt.golang.Client).SubscribeMultiple", Category: facts.Chan, Where: "waits up to WriteTimeout, 30 s by default, for the outbound queue, as Subscribe does"},
	},
}

var memberlist = Profile{
	Name:   "memberlist",
	Path:   "github.com/hashicorp/memberlist",
	Module: "github.com/hashicorp/memberlist@v0.7.0",
	Loops: []Loop{
		{
			Name: "packet and probe goroutines",
			Where: "packetHandler (net.go:513-541) handles every queued alive, suspect, dead and user message; packetListen (net.go:365) answers pings inline (handleCommand :435, handlePing :565); " +
				"the probe and gossip tickers (state.go:122-164) run one probe and one gossip round at a time. Delegate documents NotifyMsg and GetBroadcasts: blocking \"would block the entire UDP packet receive loop\" (delegate.go:15-26)",
			Severity: SingleLoop,
			Roots: []Root{
				{Kind: InterfaceMethod, Type: "Delegate", Member: "NotifyMsg", Where: "called by handleUser on the packet handler (net.go:534, :771)"},
				{Kind: InterfaceMethod, Type: "Delegate", Member: "GetBroadcasts", Where: "called by getBroadcasts (broadcast.go:96) for every message sent: from handlePing on the packet listener (net.go:808) and from each gossip round (state.go:621)"},
				{Kind: InterfaceMethod, Type: "PingDelegate", Member: "AckPayload", Where: "called by handlePing on the packet listener (net.go:579)"},
				{Kind: InterfaceMethod, Type: "PingDelegate", Member: "NotifyPingComplete", Where: "called by probeNode on the probe goroutine (state.go:396)"},
			},
		},
		{
			Name:     "node lock",
			Where:    "aliveNode and deadNode hold the node lock (state.go:941-942, :1251-1252) while they notify: every packet, probe, gossip round and API call that needs the lock waits for the callback",
			Severity: SingleLoop,
			Roots: []Root{
				{Kind: InterfaceMethod, Type: "EventDelegate", Member: "NotifyJoin", Where: "called by aliveNode with the node lock held (state.go:1146)"},
				{Kind: InterfaceMethod, Type: "EventDelegate", Member: "NotifyUpdate", Where: "called by aliveNode with the node lock held (state.go:1150)"},
				{Kind: InterfaceMethod, Type: "EventDelegate", Member: "NotifyLeave", Where: "called by deadNode with the node lock held (state.go:1305)"},
				{Kind: InterfaceMethod, Type: "ConflictDelegate", Member: "NotifyConflict", Where: "called by aliveNode with the node lock held (state.go:1064)"},
				{Kind: InterfaceMethod, Type: "AliveDelegate", Member: "NotifyAlive", Where: "called by aliveNode with the node lock held (state.go:985)"},
			},
			Deadlocks: []Deadlock{
				{Func: "(*github.com/hashicorp/memberlist.Memberlist).Members", Where: "read-locks the node lock (memberlist.go:608-610) that the callback's caller holds for writing: sync.RWMutex is not reentrant"},
				{Func: "(*github.com/hashicorp/memberlist.Memberlist).NumMembers", Where: "read-locks the node lock (memberlist.go:626-628) that the callback's caller holds for writing"},
				{Func: "(*github.com/hashicorp/memberlist.Memberlist).LocalNode", Where: "read-locks the node lock (memberlist.go:501-503) that the callback's caller holds for writing"},
			},
		},
	},
	NotRoots: []NotRoot{
		{Type: "Delegate", Member: "NodeMeta", Where: "called when the local node is (re)advertised, by Create and UpdateNode (memberlist.go:458, :517), on the caller's goroutine"},
		{Type: "Delegate", Member: "LocalState", Where: "called for a TCP push/pull (net.go:1056), on the push/pull goroutine or the stream connection's"},
		{Type: "Delegate", Member: "MergeRemoteState", Where: "called after a TCP push/pull (net.go:1325), on the push/pull goroutine or the stream connection's"},
		{Type: "MergeDelegate", Member: "NotifyMerge", Where: "called before a push/pull merge (net.go:1315), without the node lock"},
	},
}

var raft = Profile{
	Name:   "raft",
	Path:   "github.com/hashicorp/raft",
	Module: "github.com/hashicorp/raft@v1.8.0",
	Loops: []Loop{{
		Name: "FSM goroutine",
		Where: "runFSM (fsm.go:86), started by NewRaft (api.go:637): it applies committed logs, takes snapshots and restores, one at a time (fsm.go:238-262). " +
			"The raft main loop feeds it through fsmMutateCh (capacity 128, api.go:560) with a blocking send (raft.go:1306), and snapshots wait for it on an unbuffered channel (api.go:561, snapshot.go:135)",
		Severity: SingleLoop,
		// An FSM applies the log to its own store: local disk and
		// database writes are its job. Network calls, sleeps and waits
		// are not.
		Allowed: []facts.Category{facts.File, facts.Syscall, facts.SQL},
		Roots: []Root{
			{Kind: InterfaceMethod, Type: "FSM", Member: "Apply", Where: "called by runFSM for every committed log (fsm.go:107)"},
			{Kind: InterfaceMethod, Type: "BatchingFSM", Member: "ApplyBatch", Where: "called by runFSM for every batch of committed logs (fsm.go:158)"},
			{Kind: InterfaceMethod, Type: "FSM", Member: "Snapshot", Where: "called by runFSM (fsm.go:225); documented: \"should return quickly, because Apply can not be called while Snapshot is running\" (fsm.go:29-33)"},
			{Kind: InterfaceMethod, Type: "FSM", Member: "Restore", Where: "called by runFSM when a snapshot is installed (fsm.go:205, :277)"},
		},
	}},
	NotRoots: []NotRoot{
		{Type: "FSMSnapshot", Member: "Persist", Where: "called on the snapshot goroutine (snapshot.go:191), concurrently with Apply: the documented place for expensive I/O (fsm.go:31-33)"},
		{Type: "FSMSnapshot", Member: "Release", Where: "called on the snapshot goroutine (snapshot.go:147)"},
	},
}
