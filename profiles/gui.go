package profiles

// Games and GUIs: Ebitengine runs the game's Update and Draw on one game
// goroutine; Fyne (since v2.6) runs every event and callback on the main
// goroutine. Fyne's packages need cgo and OpenGL, X11 and Wayland headers
// on Linux, none for GOOS=js: profiles_test.go type-checks them for js.

var ebiten = Profile{
	Name:   "ebiten",
	Path:   "github.com/hajimehoshi/ebiten/v2",
	Module: "github.com/hajimehoshi/ebiten/v2@v2.10.4",
	Loops: []Loop{
		{
			Name: "game goroutine",
			Where: "loopGame (internal/ui/ui_glfw.go:1309) calls updateGame every frame (:1323, :1348), which runs the ticks' Update and the frame's Draw through context.updateFrame (:1422; internal/ui/context.go:106-158); " +
				"RunGame: \"game's functions are called on the same goroutine\" (run.go:219). Blocking there stops ticks and frames: the game freezes",
			Severity: SingleLoop,
			Roots: []Root{
				{Kind: InterfaceMethod, Type: "Game", Member: "Update", Where: "called every tick (internal/ui/context.go:230, gameforui.go:102)"},
				{Kind: InterfaceMethod, Type: "Game", Member: "Draw", Where: "called every frame (internal/ui/context.go:366, gameforui.go:112)"},
				{Kind: InterfaceMethod, Type: "Game", Member: "Layout", Where: "called every frame by layoutGame (internal/ui/context.go:423, gameforui.go:93)"},
				{Kind: InterfaceMethod, Type: "LayoutFer", Member: "LayoutF", Where: "called instead of Layout when the game implements it (gameforui.go:79-80)"},
				{Kind: InterfaceMethod, Type: "FinalScreenDrawer", Member: "DrawFinalScreen", Where: "called after Draw every frame when the game implements it (internal/ui/context.go:414, gameforui.go:125)"},
			},
		},
		{
			Name:     "main thread",
			Where:    "the OS main thread's loop (internal/ui/ui_glfw.go:2224) processes window events and runs the functions queued for it; the caller waits for each (internal/thread/thread.go:136-144)",
			Severity: SingleLoop,
			Roots: []Root{
				{Kind: FuncArg, Member: "RunOnMainThread", Param: 0, Where: "run on the main thread's loop (run.go:821-823, internal/ui/ui_glfw.go:2172-2173) while the window's events wait"},
			},
		},
	},
}

// fyneLoop is Fyne's main goroutine; the profiles of Fyne's packages
// share it.
func fyneLoop(roots ...Root) []Loop {
	return []Loop{{
		Name: "main goroutine",
		Where: "gLDriver.runGL (internal/driver/glfw/loop.go:104-175), on the main goroutine locked to the OS thread (loop.go:29-31): it runs every fyne.Do function (:153-157) and polls the windows' events at 60 Hz (:158-159), which call the handlers below. " +
			"Since v2.6 every event and callback runs there; blocking freezes every window",
		Severity: SingleLoop,
		Roots:    roots,
	}}
}

var fyne = Profile{
	Name:   "fyne",
	Path:   "fyne.io/fyne/v2",
	Module: "fyne.io/fyne/v2@v2.8.1",
	Loops: fyneLoop(
		Root{Kind: FuncArg, Member: "Do", Param: 0, Where: "queued for the main goroutine (thread.go:18, internal/driver/glfw/loop.go:55) and run there (loop.go:154)"},
		Root{Kind: FuncArg, Member: "DoAndWait", Param: 0, Where: "queued for the main goroutine (thread.go:8, internal/driver/glfw/loop.go:52-53) and run there (loop.go:154)"},
		Root{Kind: InterfaceMethod, Type: "Tappable", Member: "Tapped", Where: "called for a click (internal/driver/glfw/window.go:618, :645)"},
		Root{Kind: InterfaceMethod, Type: "SecondaryTappable", Member: "TappedSecondary", Where: "called for a right click (internal/driver/glfw/window.go:552, :563)"},
		Root{Kind: InterfaceMethod, Type: "DoubleTappable", Member: "DoubleTapped", Where: "called for a double click (internal/driver/glfw/window.go:641)"},
		Root{Kind: InterfaceMethod, Type: "Draggable", Member: "Dragged", Where: "called for every drag motion (internal/driver/glfw/window.go:433)"},
		Root{Kind: InterfaceMethod, Type: "Draggable", Member: "DragEnd", Where: "called when a drag ends (internal/driver/glfw/window.go:534)"},
		Root{Kind: InterfaceMethod, Type: "Focusable", Member: "TypedRune", Where: "called for every character typed (internal/driver/glfw/window.go:765)"},
		Root{Kind: InterfaceMethod, Type: "Focusable", Member: "TypedKey", Where: "called for every key typed (internal/driver/glfw/window.go:753)"},
		Root{Kind: InterfaceMethod, Type: "Focusable", Member: "FocusGained", Where: "called when the window or the widget gains focus (internal/driver/glfw/window.go:779, internal/driver/common/canvas.go:193)"},
		Root{Kind: InterfaceMethod, Type: "Focusable", Member: "FocusLost", Where: "called when the window or the widget loses focus (internal/driver/glfw/window.go:790, internal/driver/common/canvas.go:203)"},
		Root{Kind: InterfaceMethod, Type: "Scrollable", Member: "Scrolled", Where: "called for every scroll event (internal/driver/glfw/window.go:674)"},
		Root{Kind: FuncParam, Type: "Window", Member: "SetOnClosed", Param: 0, Where: "called when the window closes (internal/driver/glfw/window.go:121, :206)"},
		Root{Kind: FuncParam, Type: "Window", Member: "SetCloseIntercept", Param: 0, Where: "called instead of closing the window (internal/driver/glfw/window.go:125, :255-256)"},
		Root{Kind: FuncParam, Type: "Canvas", Member: "SetOnTypedKey", Param: 0, Where: "called for keys no widget takes (internal/driver/glfw/window.go:754-755)"},
		Root{Kind: FuncParam, Type: "Canvas", Member: "SetOnTypedRune", Param: 0, Where: "called for characters no widget takes (internal/driver/glfw/window.go:766-767)"},
		Root{Kind: FuncParam, Type: "Lifecycle", Member: "SetOnStarted", Param: 0, Where: "called by runGL before its loop, on the main goroutine (internal/driver/glfw/loop.go:128-129)"},
		Root{Kind: FuncField, Type: "MenuItem", Member: "Action", Where: "called when the menu item is chosen (widget/menu_item.go:185-188)"},
		Root{Kind: FuncArg, Member: "NewMenuItem", Param: 1, Where: "stored as the item's Action (menu.go:63), called when it is chosen (widget/menu_item.go:185-188)"},
	),
}

var fyneWidget = Profile{
	Name:   "fyne/widget",
	Path:   "fyne.io/fyne/v2/widget",
	Module: "fyne.io/fyne/v2@v2.8.1",
	Loops: fyneLoop(
		Root{Kind: FuncField, Type: "Button", Member: "OnTapped", Where: "called by Button.Tapped (widget/button.go:213-214)"},
		Root{Kind: FuncField, Type: "Check", Member: "OnChanged", Where: "called by SetChecked (widget/check.go:82-85), from Tapped and TypedRune"},
		Root{Kind: FuncField, Type: "Entry", Member: "OnChanged", Where: "called when the text changes, from the key and paste handlers (widget/entry.go:448, :525, :721, :878, :940, :1022)"},
		Root{Kind: FuncField, Type: "Entry", Member: "OnSubmitted", Where: "called by typedKeyReturn (widget/entry.go:1470, :1475), from TypedKey"},
		Root{Kind: FuncField, Type: "Select", Member: "OnChanged", Where: "called by updateSelected (widget/select.go:334), from the pop-up's taps"},
		Root{Kind: FuncField, Type: "Slider", Member: "OnChanged", Where: "called by positionChanged (widget/slider.go:131), from Dragged and Tapped"},
		Root{Kind: FuncField, Type: "Slider", Member: "OnChangeEnded", Where: "called by fireChangeEnded (widget/slider.go:141), from DragEnd and Tapped"},
		Root{Kind: FuncField, Type: "RadioGroup", Member: "OnChanged", Where: "called by itemTapped (widget/radio_group.go:107)"},
		Root{Kind: FuncField, Type: "Hyperlink", Member: "OnTapped", Where: "called by invokeAction (widget/hyperlink.go:257), from Tapped"},
		Root{Kind: FuncField, Type: "List", Member: "OnSelected", Where: "called by Select (widget/list.go:324), from an item's Tapped (:673)"},
		// The constructors store the callback in the field.
		Root{Kind: FuncArg, Member: "NewButton", Param: 1, Where: "stored as OnTapped (widget/button.go:73), called by Tapped (:213-214)"},
		Root{Kind: FuncArg, Member: "NewButtonWithIcon", Param: 2, Where: "stored as OnTapped (widget/button.go:84), called by Tapped (:213-214)"},
		Root{Kind: FuncArg, Member: "NewCheck", Param: 1, Where: "stored as OnChanged (widget/check.go:39), called by SetChecked (:82-85)"},
		Root{Kind: FuncArg, Member: "NewSelect", Param: 1, Where: "stored as OnChanged (widget/select.go:46), called by updateSelected (:334)"},
		Root{Kind: FuncArg, Member: "NewRadioGroup", Param: 1, Where: "stored as OnChanged (widget/radio_group.go:32), called by itemTapped (:107)"},
	),
}

var fyneDesktop = Profile{
	Name:   "fyne/desktop",
	Path:   "fyne.io/fyne/v2/driver/desktop",
	Module: "fyne.io/fyne/v2@v2.8.1",
	Loops: fyneLoop(
		Root{Kind: InterfaceMethod, Type: "Mouseable", Member: "MouseDown", Where: "called for a button press (internal/driver/glfw/window.go:586)"},
		Root{Kind: InterfaceMethod, Type: "Mouseable", Member: "MouseUp", Where: "called for a button release (internal/driver/glfw/window.go:591-597)"},
		Root{Kind: InterfaceMethod, Type: "Hoverable", Member: "MouseIn", Where: "called when the pointer enters (internal/driver/glfw/window.go:451)"},
		Root{Kind: InterfaceMethod, Type: "Hoverable", Member: "MouseMoved", Where: "called for every pointer motion (internal/driver/glfw/window.go:400)"},
		Root{Kind: InterfaceMethod, Type: "Hoverable", Member: "MouseOut", Where: "called when the pointer leaves (internal/driver/glfw/window.go:459)"},
		Root{Kind: InterfaceMethod, Type: "Keyable", Member: "KeyDown", Where: "called for every key press (internal/driver/glfw/window.go:733)"},
		Root{Kind: InterfaceMethod, Type: "Keyable", Member: "KeyUp", Where: "called for every key release (internal/driver/glfw/window.go:715)"},
	),
}
