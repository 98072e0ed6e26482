package main

import (
	"fmt"
	"go/token"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/analysis"
)

// progressDelay is how long a run is silent before it shows progress:
// short runs never do.
const progressDelay = 3 * time.Second

// progressEvery is how often the progress line is redrawn.
const progressEvery = 250 * time.Millisecond

// A progress shows, on a terminal, what a long run is doing: one line on
// standard error, redrawn in place and cleared when the run is done, so
// it never mixes with the findings. A nil *progress shows nothing.
type progress struct {
	w     io.Writer
	start time.Time
	now   func() time.Time

	mu       sync.Mutex
	phase    string // "loading packages"; the analysis shows counts
	shown    bool   // a line is on the screen
	last     string // the line shown
	ticker   *time.Ticker
	stopTick chan struct{}
	wg       sync.WaitGroup

	analyzed atomic.Int64
	total    atomic.Int64
	findings atomic.Int64
	seenMu   sync.Mutex
	seen     map[progressKey]bool
}

type progressKey struct {
	posn    token.Position
	message string
}

// newProgress returns a progress for w, or nil when w is not a terminal
// (a pipe, a file, a CI log), the terminal cannot redraw a line, or
// progress is off.
func newProgress(w *os.File, enabled bool) *progress {
	if !enabled || !isTerminal(w) || os.Getenv("TERM") == "dumb" {
		return nil
	}
	return &progress{w: w, start: time.Now(), now: time.Now, seen: make(map[progressKey]bool)}
}

// begin starts a phase, redrawn every progressEvery once the run is older
// than progressDelay.
func (p *progress) begin(phase string, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.phase = phase
	p.total.Store(int64(total))
	p.stopTick = make(chan struct{})
	p.ticker = time.NewTicker(progressEvery)
	ticker, stop := p.ticker, p.stopTick
	p.mu.Unlock()
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			select {
			case <-ticker.C:
				p.draw()
			case <-stop:
				return
			}
		}
	}()
}

// end stops the phase and clears the line, so that what is printed next
// (errors, findings) starts on a clean line.
func (p *progress) end() {
	if p == nil {
		return
	}
	p.mu.Lock()
	if p.ticker != nil {
		p.ticker.Stop()
		close(p.stopTick)
		p.ticker = nil
	}
	p.mu.Unlock()
	p.wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// draw redraws the line, once the run is old enough.
func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	elapsed := p.now().Sub(p.start)
	if elapsed < progressDelay || p.phase == "" {
		return
	}
	line := "blockcheck: " + p.phase
	if total := p.total.Load(); total > 0 {
		line = fmt.Sprintf("blockcheck: %d packages loaded, %d analyzed, %d findings", total, p.analyzed.Load(), p.findings.Load())
	}
	line += fmt.Sprintf(" (%ds)", int(elapsed.Seconds()))
	if p.shown && line == p.last {
		return
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown, p.last = true, line
}

// wrap returns an analyzer that counts, for the progress line, the
// packages it has analyzed and the findings of the root packages (once
// each: a package's test variant reports its findings again).
func (p *progress) wrap(a *analysis.Analyzer, roots map[string]bool) *analysis.Analyzer {
	if p == nil {
		return a
	}
	w := *a
	w.Run = func(pass *analysis.Pass) (any, error) {
		defer p.analyzed.Add(1)
		if roots[pass.Pkg.Path()] {
			report := pass.Report
			pass.Report = func(d analysis.Diagnostic) {
				p.found(pass.Fset.Position(d.Pos), d.Message)
				report(d)
			}
		}
		return a.Run(pass)
	}
	return &w
}

func (p *progress) found(posn token.Position, message string) {
	p.seenMu.Lock()
	defer p.seenMu.Unlock()
	k := progressKey{posn, message}
	if !p.seen[k] {
		p.seen[k] = true
		p.findings.Add(1)
	}
}
