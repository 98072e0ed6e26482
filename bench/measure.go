package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// Modes of measurement.
const (
	standalone = "standalone"
	vetCold    = "vet"
	vetIncr    = "vet-incremental"
	// blockcheck standalone with its results cache: a rerun with nothing
	// changed, and a run after the incremental go vet run's edit.
	standaloneRerun = "standalone-rerun"
	standaloneIncr  = "standalone-incremental"
	standaloneWhole = "standalone-whole" // blockcheck -whole, without the results cache
	toolNoop        = "noop"
	toolBC          = "blockcheck"
	toolStatic      = "staticcheck"
	toolNilaway     = "nilaway"
	toolCtx         = "contextcheck"
)

// A Sample is one measured run.
type Sample struct {
	Run      int     `json:"run"`
	Seconds  float64 `json:"seconds"`
	MaxRSSKB int64   `json:"max_rss_kb"` // largest single process of the run (wait4 ru_maxrss)
	Findings int     `json:"findings,omitempty"`

	// go vet runs only.
	VetActions int        `json:"vet_actions,omitempty"` // vet actions executed, i.e. cache misses
	Vetx       *VetxStats `json:"vetx,omitempty"`
}

// A Series is every run of one tool in one mode.
type Series struct {
	Tool    string   `json:"tool"`
	Mode    string   `json:"mode"`
	Samples []Sample `json:"samples"`
}

// CorpusResult is everything measured on one corpus.
type CorpusResult struct {
	Name     string   `json:"name"`
	Module   string   `json:"module,omitempty"`
	Version  string   `json:"version,omitempty"`
	Patterns []string `json:"patterns"`
	Edit     string   `json:"edit"`
	Runs     int      `json:"runs"`
	PeerRuns int      `json:"peer_runs"`
	// SkippedPeers are peers not run on this corpus, with the reason.
	SkippedPeers map[string]string `json:"skipped_peers,omitempty"`
	Roots        int               `json:"roots"`    // root packages
	Packages     int               `json:"packages"` // with dependencies and test variants
	Series       []*Series         `json:"series"`
	// NondeterministicVetx counts packages whose blockcheck vetx file
	// differed between runs (it should be 0: caches key on it).
	NondeterministicVetx int    `json:"nondeterministic_vetx"`
	Elapsed              string `json:"elapsed"`
	// LoadAvg is /proc/loadavg's 1-minute load average before the warm-up
	// and after the last round: other work on the machine shows here.
	LoadAvg [2]string `json:"load_avg"`

	dir, edit string // the workspace: where the tools run, the file edited

}

func (r *CorpusResult) series(tool, mode string) *Series {
	for _, s := range r.Series {
		if s.Tool == tool && s.Mode == mode {
			return s
		}
	}
	s := &Series{Tool: tool, Mode: mode}
	r.Series = append(r.Series, s)
	return s
}

// prepare lays out the corpus's workspace and checks that it loads.
func (h *harness) prepare(c corpus) (*CorpusResult, error) {
	res := &CorpusResult{Name: c.Name, Module: c.Module, Version: c.Version, Patterns: c.Patterns, Edit: c.Edit}
	dir, edit, err := h.workspace(c)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(edit); err != nil {
		return nil, fmt.Errorf("the file to edit: %v", err)
	}
	res.dir, res.edit = dir, edit
	if err := h.checkLoads(dir, c, res); err != nil {
		return nil, err
	}
	logf("%s: %d root packages, %d with dependencies and tests", c.Name, res.Roots, res.Packages)
	return res, nil
}

func (h *harness) measureCorpus(c corpus, res *CorpusResult) error {
	start := time.Now()
	dir, edit := res.dir, res.edit
	res.LoadAvg[0] = loadAvg()
	res.Runs, res.PeerRuns = c.Runs, c.PeerRuns
	if *flagRuns > 0 {
		res.Runs = *flagRuns
	}
	if *flagPeerRuns >= 0 {
		res.PeerRuns = *flagPeerRuns
	}
	var peers []string
	for _, p := range []string{toolStatic, toolCtx, toolNilaway} {
		if why, skip := c.SkipPeers[p]; skip {
			if res.SkippedPeers == nil {
				res.SkippedPeers = map[string]string{}
			}
			res.SkippedPeers[p] = why
			continue
		}
		peers = append(peers, p)
	}
	logf("%s: warming the build cache", c.Name)
	if _, err := h.run(dir, "go", append([]string{"build"}, c.Patterns...)...); err != nil {
		return err
	}
	// Warm-up: one unmeasured run of each command, which also compiles the
	// test variants go vet needs and checks that every tool works here.
	expected := 0
	for _, tool := range []string{toolNoop, toolBC} {
		if tool == toolBC {
			if _, _, _, err := h.standaloneCached(dir, c, edit, 0); err != nil {
				return err
			}
		} else if _, err := h.standalone(dir, c, tool, 0, standalone, nil); err != nil {
			return err
		}
		bin, err := h.saltedTool(tool)
		if err != nil {
			return err
		}
		s, err := h.vet(dir, c, bin, tool, vetCold, 0, nil)
		if err != nil {
			return err
		}
		if expected == 0 {
			expected = s.VetActions
		} else if s.VetActions != expected {
			return fmt.Errorf("go vet ran %d vet actions with %s but %d with noop", s.VetActions, tool, expected)
		}
	}
	hashes := map[string]string{} // blockcheck vetx per package, for the determinism check
	for run := 1; run <= res.Runs; run++ {
		logf("%s: round %d/%d", c.Name, run, res.Runs)
		tools := []string{toolNoop, toolBC}
		if run <= res.PeerRuns {
			tools = append(tools, peers...)
		}
		for _, tool := range tools {
			if tool == toolBC {
				cold, rerun, incr, err := h.standaloneCached(dir, c, edit, run)
				if err != nil {
					return err
				}
				res.series(tool, standalone).Samples = append(res.series(tool, standalone).Samples, cold)
				res.series(tool, standaloneRerun).Samples = append(res.series(tool, standaloneRerun).Samples, rerun)
				res.series(tool, standaloneIncr).Samples = append(res.series(tool, standaloneIncr).Samples, incr)
				w, err := h.standalone(dir, c, tool, run, standaloneWhole, nil)
				if err != nil {
					return err
				}
				res.series(tool, standaloneWhole).Samples = append(res.series(tool, standaloneWhole).Samples, w)
				continue
			}
			s, err := h.standalone(dir, c, tool, run, standalone, nil)
			if err != nil {
				return err
			}
			res.series(tool, standalone).Samples = append(res.series(tool, standalone).Samples, s)
		}
		salted := map[string]string{}
		for _, tool := range []string{toolNoop, toolBC} {
			bin, err := h.saltedTool(tool)
			if err != nil {
				return err
			}
			salted[tool] = bin
			var pkgHashes map[string]string
			if tool == toolBC {
				pkgHashes = map[string]string{}
			}
			s, err := h.vet(dir, c, bin, tool, vetCold, run, pkgHashes)
			if err != nil {
				return err
			}
			if s.VetActions != expected {
				return fmt.Errorf("cold go vet with %s ran %d vet actions, expected %d: the vet cache was not defeated", tool, s.VetActions, expected)
			}
			for id, sum := range pkgHashes {
				if prev, ok := hashes[id]; ok && prev != sum {
					res.NondeterministicVetx++
				}
				hashes[id] = sum
			}
			res.series(tool, vetCold).Samples = append(res.series(tool, vetCold).Samples, s)
		}
		for _, tool := range []string{toolNoop, toolBC} {
			s, err := h.incremental(dir, c, edit, salted[tool], tool, run)
			if err != nil {
				return err
			}
			res.series(tool, vetIncr).Samples = append(res.series(tool, vetIncr).Samples, s)
		}
		for _, bin := range salted {
			os.Remove(bin)
		}
	}
	res.Elapsed = time.Since(start).Round(time.Second).String()
	res.LoadAvg[1] = loadAvg()
	logf("%s: done in %s", c.Name, res.Elapsed)
	return nil
}

// checkLoads fails if any package of the corpus, its dependencies or its
// tests has an error, and counts them.
func (h *harness) checkLoads(dir string, c corpus, res *CorpusResult) error {
	args := append([]string{"list", "-e", "-deps", "-test", "-f",
		"{{.ImportPath}}\t{{if .Error}}{{.Error}}{{end}}{{range .DepsErrors}} {{.}}{{end}}"}, c.Patterns...)
	out, err := h.run(dir, "go", args...)
	if err != nil {
		return err
	}
	var bad []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, msg, _ := strings.Cut(line, "\t")
		if strings.TrimSpace(msg) != "" {
			bad = append(bad, path+": "+strings.TrimSpace(msg))
		}
		res.Packages++
	}
	if len(bad) > 0 {
		if len(bad) > 10 {
			bad = append(bad[:10], "...")
		}
		return fmt.Errorf("the corpus does not load:\n%s", strings.Join(bad, "\n"))
	}
	out, err = h.run(dir, "go", append([]string{"list"}, c.Patterns...)...)
	if err != nil {
		return err
	}
	res.Roots = len(strings.Fields(string(out)))
	if res.Roots == 0 {
		return fmt.Errorf("no packages match %v", c.Patterns)
	}
	return nil
}

// measured runs one command and returns its wall time and the peak RSS of
// its largest process. Its output goes to a log file; a failure is an
// error that quotes it.
func (h *harness) measured(dir, logName string, env []string, okExit func(int) bool, name string, args ...string) (Sample, []byte, error) {
	if *flagVerbose {
		logf("(cd %s && %s %s)", dir, name, strings.Join(args, " "))
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), h.env...), env...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	t0 := time.Now()
	err := cmd.Run()
	elapsed := time.Since(t0)
	logPath := filepath.Join(h.out, "logs", logName+".log")
	os.WriteFile(logPath, out.Bytes(), 0o644)
	var s Sample
	if cmd.ProcessState == nil {
		return s, nil, fmt.Errorf("%s: %v", name, err)
	}
	code := cmd.ProcessState.ExitCode()
	if !okExit(code) {
		return s, nil, fmt.Errorf("%s %s (in %s) exited %d (log: %s)\n%s", name, strings.Join(args, " "), dir, code, logPath, tail(out.Bytes(), 30))
	}
	s.Seconds = elapsed.Seconds()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.MaxRSSKB = ru.Maxrss // kilobytes on Linux
	}
	return s, out.Bytes(), nil
}

// standaloneCached runs blockcheck standalone three times with one
// results cache, empty at first: cold, again with nothing changed, and
// after the edit the incremental go vet run makes (an exported function
// appended to the corpus's edited file, restored afterwards).
func (h *harness) standaloneCached(dir string, c corpus, edit string, run int) (cold, rerun, incr Sample, err error) {
	cache, err := os.MkdirTemp(filepath.Join(h.out, "tmp"), "blockcheck-cache-")
	if err != nil {
		return
	}
	defer os.RemoveAll(cache)
	env := []string{"BLOCKCHECK_CACHE=" + cache}
	if cold, err = h.standalone(dir, c, toolBC, run, standalone, env); err != nil {
		return
	}
	if rerun, err = h.standalone(dir, c, toolBC, run, standaloneRerun, env); err != nil {
		return
	}
	restore, err := appendEdit(edit, fmt.Sprintf("Standalone%d%s", run, h.nonce), run)
	if err != nil {
		return
	}
	defer restore()
	incr, err = h.standalone(dir, c, toolBC, run, standaloneIncr, env)
	return
}

// standalone runs one tool as a standalone command on the corpus; mode
// names the run in its log, env adds to the environment.
func (h *harness) standalone(dir string, c corpus, tool string, run int, mode string, env []string) (Sample, error) {
	bin := h.tools[tool]
	logName := fmt.Sprintf("%s-%s-%s-%d", res(c), tool, mode, run)
	var (
		s   Sample
		out []byte
		err error
	)
	switch tool {
	case toolNoop, toolBC, toolNilaway, toolCtx:
		// singlechecker: 0 no findings, 3 findings, 1 failure.
		args := c.Patterns
		if mode == standaloneWhole {
			args = append([]string{"-whole", "-cache=off"}, c.Patterns...)
		}
		s, out, err = h.measured(dir, logName, env, func(code int) bool { return code == 0 || code == 3 }, bin, args...)
	case toolStatic:
		// staticcheck exits 1 on findings as on failures; failures show as
		// "compile" problems in its JSON output. Its cache starts empty
		// every run: the other tools have none.
		cache, cerr := os.MkdirTemp(filepath.Join(h.out, "tmp"), "staticcheck-cache-")
		if cerr != nil {
			return s, cerr
		}
		defer os.RemoveAll(cache)
		s, out, err = h.measured(dir, logName, []string{"STATICCHECK_CACHE=" + cache},
			func(code int) bool { return code == 0 || code == 1 }, bin, append([]string{"-f", "json"}, c.Patterns...)...)
		if err == nil {
			err = staticcheckFailure(out)
		}
	}
	if err != nil {
		return s, err
	}
	s.Run = run
	s.Findings = countFindings(tool, out)
	return s, nil
}

func res(c corpus) string { return strings.ReplaceAll(c.Name, "-", "") }

// staticcheckFailure reports a package staticcheck could not load or check.
func staticcheckFailure(out []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var p struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		}
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			if len(bytes.TrimSpace(line)) > 0 {
				return fmt.Errorf("staticcheck: unexpected output: %s", line)
			}
			continue
		}
		if err := json.Unmarshal(line, &p); err != nil {
			return fmt.Errorf("staticcheck: bad JSON output: %v", err)
		}
		if p.Code == "compile" {
			return fmt.Errorf("staticcheck could not check a package: %s", p.Message)
		}
	}
	return nil
}

var diagLine = regexp.MustCompile(`^\S+:\d+:\d+: (.)`)

func countFindings(tool string, out []byte) int {
	n := 0
	for _, line := range strings.Split(string(out), "\n") {
		switch tool {
		case toolBC:
			// file:line:col: message; related information is indented.
			if m := diagLine.FindStringSubmatch(line); m != nil && !strings.HasPrefix(m[1], "\t") {
				n++
			}
		case toolStatic:
			if strings.HasPrefix(line, "{") {
				n++
			}
		case toolNilaway, toolCtx:
			if m := diagLine.FindStringSubmatch(line); m != nil && !strings.HasPrefix(m[1], "\t") {
				n++
			}
		}
	}
	return n
}

// vet runs go vet with a vettool, keeping the work directory to account
// for the vetx files and to count the vet actions that ran. pkgHashes, if
// non-nil, receives a hash of each package's vetx file.
func (h *harness) vet(dir string, c corpus, bin, tool, mode string, run int, pkgHashes map[string]string) (Sample, error) {
	logName := fmt.Sprintf("%s-%s-%s-%d", res(c), tool, mode, run)
	// -json: findings do not change the exit status, so any non-zero
	// status is a failure. -work: keep $WORK for the vetx accounting.
	args := append([]string{"vet", "-json", "-work", "-vettool=" + bin}, c.Patterns...)
	s, out, err := h.measured(dir, logName, nil, func(code int) bool { return code == 0 }, "go", args...)
	if err != nil {
		return s, err
	}
	s.Run = run
	work := ""
	for _, line := range strings.Split(string(out), "\n") {
		if w, ok := strings.CutPrefix(line, "WORK="); ok {
			work = strings.TrimSpace(w)
			break
		}
	}
	if work == "" {
		return s, fmt.Errorf("go vet -work printed no WORK= line")
	}
	defer os.RemoveAll(work)
	stats, err := vetxStats(work, tool == toolBC, pkgHashes)
	if err != nil {
		return s, err
	}
	s.VetActions = stats.Packages
	if mode == vetCold {
		s.Vetx = stats
	}
	s.Findings = strings.Count(string(out), `"posn":`)
	return s, nil
}

// incremental appends an exported function to one file of the corpus (a
// different one every time, so the package always recompiles), runs go vet
// with a tool binary whose vet cache is otherwise warm, and restores the
// file.
func (h *harness) incremental(dir string, c corpus, edit, bin, tool string, run int) (Sample, error) {
	restore, err := appendEdit(edit, fmt.Sprintf("%s%d%s", strings.ToUpper(tool[:1])+tool[1:], run, h.nonce), run)
	if err != nil {
		return Sample{}, err
	}
	defer restore()
	s, err := h.vet(dir, c, bin, tool, vetIncr, run, nil)
	if err != nil {
		return s, err
	}
	if s.VetActions == 0 {
		return s, fmt.Errorf("incremental go vet with %s re-analyzed nothing after editing %s", tool, edit)
	}
	return s, nil
}

// appendEdit appends an exported function named after tag to the file
// and returns what restores it.
func appendEdit(edit, tag string, run int) (restore func(), err error) {
	orig, err := os.ReadFile(edit)
	if err != nil {
		return nil, err
	}
	added := fmt.Sprintf("\n// BenchEdit%s was appended by the bench harness.\nfunc BenchEdit%s(c chan int) { c <- %d }\n", tag, tag, run)
	if err := os.WriteFile(edit, append(append([]byte(nil), orig...), added...), 0o644); err != nil {
		return nil, err
	}
	return func() { os.WriteFile(edit, orig, 0o644) }, nil
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}
