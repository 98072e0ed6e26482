// Package ebitenapp is an Ebitengine game with no blockcheck annotation:
// the ebiten profile makes its Update, Draw and Layout roots, since they
// run on the game goroutine every tick and frame.
package ebitenapp

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"example.com/ecosystem/store"
)

type game struct {
	score []byte
}

func (g *game) Update() error {
	store.Save("score", g.score)       // want `\(\*game\).Update must not block: store.Save may block \[file\]`
	go store.Save("autosave", g.score) // a goroutine of its own: not reported
	return nil
}

func (g *game) Draw(screen *ebiten.Image) {
	g.wait() // want `\(\*game\).Draw must not block: g.wait may block \[sleep\]: \(\*game\).wait → time.Sleep`
}

func (g *game) wait() { time.Sleep(time.Millisecond) }

func (g *game) Layout(w, h int) (int, int) { return 320, 240 }

// onMain runs on the main thread while the window's events wait.
func onMain() {
	store.Save("window", nil) // want `onMain \(registered as ebiten.RunOnMainThread\) must not block: store.Save may block \[file\]`
}

// Start queues onMain for the main thread and runs the game.
func Start() error { // want Start:`blocks\[syscall\]: ebiten.RunGame → ebiten.RunGameWithOptions`
	ebiten.RunOnMainThread(onMain)
	return ebiten.RunGame(&game{})
}
