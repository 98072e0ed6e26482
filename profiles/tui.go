package profiles

// Terminal UIs: Bubble Tea (v1 and v2) and tview run every update and
// every draw on one event loop. A callback that blocks freezes the whole
// terminal; one that waits for the loop freezes it for good.

// bubbleteaLoop is the Bubble Tea event loop, at v1 and v2 alike: the
// names and the file:line evidence differ and are filled in per version.
func bubbleteaLoop(where, update, view, initCall, filter, exec string, deadlocks []Deadlock) Loop {
	return Loop{
		Name:     "event loop",
		Where:    where,
		Severity: SingleLoop,
		Roots: []Root{
			{Kind: InterfaceMethod, Type: "Model", Member: "Init", Where: initCall},
			{Kind: InterfaceMethod, Type: "Model", Member: "Update", Where: update},
			{Kind: InterfaceMethod, Type: "Model", Member: "View", Where: view},
			{Kind: FuncArg, Member: "WithFilter", Param: 0, Where: filter},
			{Kind: FuncArg, Member: "Exec", Param: 1, Where: exec},
			{Kind: FuncArg, Member: "ExecProcess", Param: 1, Where: exec},
		},
		Deadlocks: deadlocks,
	}
}

var bubbleteaV1 = Profile{
	Name:   "bubbletea",
	Path:   "github.com/charmbracelet/bubbletea",
	Module: "github.com/charmbracelet/bubbletea@v1.3.10",
	Loops: []Loop{bubbleteaLoop(
		"(*Program).eventLoop, tea.go:382, on the goroutine that called Program.Run: it receives each message from the unbuffered msgs channel (tea.go:244, :391), updates, then renders",
		"called by the event loop for every message (tea.go:494)",
		"called by the event loop after every update (tea.go:502), and by Run for the first and the last frame (tea.go:700, :739)",
		"called by Program.Run before the event loop starts, on the same goroutine (tea.go:685)",
		"the filter runs on the event loop before every update (tea.go:394)",
		"the callback's result is computed on the event loop after the command ran there (exec.go:106, :120, :131: go p.Send(fn(err)) evaluates fn(err) before the go statement)",
		[]Deadlock{
			{Func: "(*github.com/charmbracelet/bubbletea.Program).Send", Where: "sends on the unbuffered msgs channel (tea.go:774-779) that only the event loop receives from (tea.go:391)"},
			{Func: "(*github.com/charmbracelet/bubbletea.Program).Quit", Where: "calls Send (tea.go:788-790)"},
			{Func: "(*github.com/charmbracelet/bubbletea.Program).Println", Where: "sends on the unbuffered msgs channel (tea.go:924)"},
			{Func: "(*github.com/charmbracelet/bubbletea.Program).Printf", Where: "sends on the unbuffered msgs channel (tea.go:938)"},
			{Func: "(*github.com/charmbracelet/bubbletea.Program).Wait", Where: "receives from finished (tea.go:800-802), closed only after the event loop returned"},
		},
	)},
	NotRoots: []NotRoot{
		{Type: "Cmd", Where: "a Cmd returned by Init or Update runs on a goroutine of its own (handleCommands, tea.go:354-365: \"msg := cmd() // this can be long\"): blocking I/O belongs there"},
		{Kind: FuncArg, Member: "Tick", Param: 1, Where: "called inside the Cmd that Tick returns, on the command's goroutine (commands.go:154-163)"},
		{Kind: FuncArg, Member: "Every", Param: 1, Where: "called inside the Cmd that Every returns, on the command's goroutine (commands.go:102-113)"},
	},
}

var bubbleteaV2 = Profile{
	Name:   "bubbletea/v2",
	Path:   "charm.land/bubbletea/v2",
	Module: "charm.land/bubbletea/v2@v2.1.1",
	Loops: []Loop{func() Loop {
		l := bubbleteaLoop(
			"(*Program).eventLoop, tea.go:767, on the goroutine that called Program.Run: it receives each message from the unbuffered msgs channel (tea.go:620, :776), updates, then renders",
			"called by the event loop for every message (tea.go:903)",
			"called by the event loop after every update through render (tea.go:911, :919), and by Run for the first and the last frame (tea.go:1166, :1199)",
			"called by Program.Run before the event loop starts, on the same goroutine (tea.go:1150)",
			"the filter runs on the event loop before every update (tea.go:785)",
			"the callback's result is computed on the event loop after the command ran there (exec.go:106, :119, :127: go p.Send(fn(err)) evaluates fn(err) before the go statement)",
			[]Deadlock{
				{Func: "(*charm.land/bubbletea/v2.Program).Send", Where: "sends on the unbuffered msgs channel (tea.go:1215-1220) that only the event loop receives from (tea.go:776)"},
				{Func: "(*charm.land/bubbletea/v2.Program).Quit", Where: "calls Send (tea.go:1229-1231)"},
				{Func: "(*charm.land/bubbletea/v2.Program).Println", Where: "sends on the unbuffered msgs channel (tea.go:1421)"},
				{Func: "(*charm.land/bubbletea/v2.Program).Printf", Where: "sends on the unbuffered msgs channel (tea.go:1435)"},
				{Func: "(*charm.land/bubbletea/v2.Program).Wait", Where: "receives from finished (tea.go:1241-1243), closed only after the event loop returned"},
			},
		)
		// v2's View carries a mouse handler that the event loop calls.
		l.Roots = append(l.Roots, Root{Kind: FuncField, Type: "View", Member: "OnMouse",
			Where: "called by the event loop for every mouse message through the renderer (tea.go:833, cursed_renderer.go:839); the Cmd it returns is run there too (tea.go:834: go p.Send(cmd()))"})
		return l
	}()},
	NotRoots: []NotRoot{
		{Type: "Cmd", Where: "a Cmd returned by Init or Update runs on a goroutine of its own (handleCommands, tea.go:745-756: \"msg := cmd() // this can be long\"): blocking I/O belongs there"},
		{Kind: FuncArg, Member: "Tick", Param: 1, Where: "called inside the Cmd that Tick returns, on the command's goroutine (commands.go:154-163)"},
		{Kind: FuncArg, Member: "Every", Param: 1, Where: "called inside the Cmd that Every returns, on the command's goroutine (commands.go:102-113)"},
	},
}

// tviewDraw are tview's roots that run inside Application.draw, with the
// application's lock held (application.go:704-705).
var tviewDraw = []string{"Primitive.Draw", "*Box.SetDrawFunc", "*Application.SetBeforeDrawFunc", "*Application.SetAfterDrawFunc"}

var tview = Profile{
	Name:   "tview",
	Path:   "github.com/rivo/tview",
	Module: "github.com/rivo/tview@v0.42.0",
	Trusted: []string{
		// Stop, the documented way to quit from a widget callback, sends
		// once per screen (it sets the screen to nil first, application.go:
		// 627-631) on screenReplacement, whose capacity is 1 (:141): the
		// send has room. From a draw callback it still deadlocks on the
		// application's lock (see the loop's deadlocks).
		"(*github.com/rivo/tview.Application).Stop",
	},
	Loops: []Loop{{
		Name:     "event loop",
		Where:    "(*Application).Run's EventLoop, application.go:391-513, on the goroutine that called Run: it handles every key, mouse and paste event, draws, and runs every queued update (:509-513)",
		Severity: SingleLoop,
		Roots: []Root{
			{Kind: FuncParam, Type: "*Application", Member: "SetInputCapture", Param: 0, Where: "called by the event loop for every key (application.go:424)"},
			{Kind: FuncParam, Type: "*Application", Member: "SetMouseCapture", Param: 0, Where: "called by the event loop for every mouse action (fireMouseActions, application.go:539)"},
			{Kind: FuncParam, Type: "*Application", Member: "SetBeforeDrawFunc", Param: 0, Where: "called by draw, on the event loop, with the application locked (application.go:729)"},
			{Kind: FuncParam, Type: "*Application", Member: "SetAfterDrawFunc", Param: 0, Where: "called by draw, on the event loop, with the application locked (application.go:740)"},
			{Kind: FuncParam, Type: "*Application", Member: "QueueUpdate", Param: 0, Where: "run by the event loop (application.go:510)"},
			{Kind: FuncParam, Type: "*Application", Member: "QueueUpdateDraw", Param: 0, Where: "run by the event loop through QueueUpdate (application.go:885-891, :510)"},
			{Kind: InterfaceMethod, Type: "Primitive", Member: "Draw", Where: "called by draw, on the event loop, with the application locked (application.go:736)"},
			{Kind: InterfaceMethod, Type: "Primitive", Member: "InputHandler", Where: "called by the event loop for every key (application.go:440)"},
			{Kind: MethodResult, Type: "Primitive", Member: "InputHandler", Where: "the handler it returns is called by the event loop for every key (application.go:441)"},
			{Kind: InterfaceMethod, Type: "Primitive", Member: "MouseHandler", Where: "called by the event loop for every mouse action (application.go:557)"},
			{Kind: MethodResult, Type: "Primitive", Member: "MouseHandler", Where: "the handler it returns is called by the event loop (application.go:559)"},
			{Kind: MethodResult, Type: "Primitive", Member: "PasteHandler", Where: "the handler it returns is called by the event loop for every paste (application.go:466-467)"},
			{Kind: FuncParam, Type: "*Box", Member: "SetInputCapture", Param: 0, Where: "called by WrapInputHandler (box.go:164), inside a primitive's input handler"},
			{Kind: FuncParam, Type: "*Box", Member: "SetMouseCapture", Param: 0, Where: "called by WrapMouseHandler (box.go:223), inside a primitive's mouse handler"},
			{Kind: FuncParam, Type: "*Box", Member: "SetDrawFunc", Param: 0, Where: "called by DrawForSubclass (box.go:439), inside Draw"},
			{Kind: FuncParam, Type: "*Button", Member: "SetSelectedFunc", Param: 0, Where: "called by the button's input and mouse handlers (button.go:165, :192)"},
			{Kind: FuncParam, Type: "*Button", Member: "SetExitFunc", Param: 0, Where: "called by the button's input handler (button.go:169)"},
			{Kind: FuncParam, Type: "*Checkbox", Member: "SetChangedFunc", Param: 0, Where: "called by the checkbox's input and mouse handlers (checkbox.go:296, :330) and by SetChecked (:77)"},
			{Kind: FuncParam, Type: "*DropDown", Member: "SetSelectedFunc", Param: 0, Where: "called when an option is chosen in the list the handlers open (dropdown.go:617) and by SetCurrentOption (:130)"},
			{Kind: FuncParam, Type: "*DropDown", Member: "AddOption", Param: 1, Where: "called when the option is chosen (dropdown.go:620) and by SetCurrentOption (:133)"},
			{Kind: FuncParam, Type: "*Form", Member: "AddButton", Param: 1, Where: "the button's selected function: called by the button's handlers (button.go:165, :192)"},
			{Kind: FuncParam, Type: "*Form", Member: "AddInputField", Param: 3, Where: "the field's acceptance function (form.go:309): called by its input and paste handlers (inputfield.go:619, :710)"},
			{Kind: FuncParam, Type: "*Form", Member: "AddInputField", Param: 4, Where: "the field's changed function (form.go:310): called when its text changes (inputfield.go:138)"},
			{Kind: FuncParam, Type: "*Form", Member: "AddCheckbox", Param: 2, Where: "the checkbox's changed function (form.go:352): called by its handlers (checkbox.go:296, :330)"},
			{Kind: FuncParam, Type: "*Form", Member: "AddDropDown", Param: 3, Where: "the drop-down's selected function (form.go:340): called when an option is chosen (dropdown.go:617)"},
			{Kind: FuncParam, Type: "*InputField", Member: "SetChangedFunc", Param: 0, Where: "called when the text changes, from the input handler (inputfield.go:138, textarea.go:2311)"},
			{Kind: FuncParam, Type: "*InputField", Member: "SetDoneFunc", Param: 0, Where: "called by the input handler (inputfield.go:603)"},
			{Kind: FuncParam, Type: "*InputField", Member: "SetAcceptanceFunc", Param: 0, Where: "called by the input and paste handlers for every rune (inputfield.go:619, :710)"},
			{Kind: FuncParam, Type: "*List", Member: "SetSelectedFunc", Param: 0, Where: "called by the list's input and mouse handlers (list.go:655, :745)"},
			{Kind: FuncParam, Type: "*List", Member: "SetChangedFunc", Param: 0, Where: "called by the list's input and mouse handlers (list.go:701, :749)"},
			{Kind: FuncParam, Type: "*List", Member: "AddItem", Param: 3, Where: "the item's selected function: called by the list's input and mouse handlers (list.go:652, :742)"},
			{Kind: FuncParam, Type: "*Modal", Member: "SetDoneFunc", Param: 0, Where: "called from the form's cancel function and from the buttons' selected functions (modal.go:45, :115), which the key and mouse handlers run"},
			{Kind: FuncParam, Type: "*Table", Member: "SetSelectedFunc", Param: 0, Where: "called by the table's input handler (table.go:1676)"},
			{Kind: FuncParam, Type: "*Table", Member: "SetSelectionChangedFunc", Param: 0, Where: "called by the table's input handler (table.go:1684) and by Select (:651)"},
			{Kind: FuncParam, Type: "*TreeView", Member: "SetSelectedFunc", Param: 0, Where: "called by the tree's input and mouse handlers (treeview.go:809, :893)"},
		},
		Deadlocks: []Deadlock{
			{Func: "(*github.com/rivo/tview.Application).QueueUpdate", Where: "queues f and waits for the event loop to run it (application.go:876-881: <-ch, signalled at :511-512); documented: \"This function returns after f has executed\""},
			{Func: "(*github.com/rivo/tview.Application).QueueUpdateDraw", Where: "calls QueueUpdate (application.go:885-891)"},
			{Func: "(*github.com/rivo/tview.Application).Draw", Where: "calls QueueUpdate (application.go:684-689); documented: it \"can actually deadlock your application if you call it from the main thread (e.g. in a callback function of a widget)\" (:680-683)"},
			{Func: "(*github.com/rivo/tview.Application).ForceDraw", From: tviewDraw, Where: "draws with the application's lock (application.go:698-705), which the draw callbacks run under: sync.RWMutex is not reentrant"},
			{Func: "(*github.com/rivo/tview.Application).GetFocus", From: tviewDraw, Where: "read-locks the application (application.go:860-861), which the draw callbacks run write-locked (:704-705)"},
			{Func: "(*github.com/rivo/tview.Application).SetFocus", From: tviewDraw, Where: "locks the application (application.go:839), which the draw callbacks run locked (:704-705)"},
			{Func: "(*github.com/rivo/tview.Application).SetRoot", From: tviewDraw, Where: "locks the application (application.go:809), which the draw callbacks run locked (:704-705)"},
			{Func: "(*github.com/rivo/tview.Application).Stop", From: tviewDraw, Where: "locks the application (application.go:625), which the draw callbacks run locked (:704-705)"},
		},
	}},
	NotRoots: []NotRoot{
		{Type: "*TextView", Member: "SetChangedFunc", Where: "called by Write (textview.go:824), on whatever goroutine writes to the text view; documented as the place to call Application.Draw (textview.go:495-503)"},
		{Type: "*Pages", Member: "SetChangedFunc", Where: "called by AddPage, SwitchToPage and the other page methods (pages.go:86-229), on the goroutine that calls them"},
	},
}
