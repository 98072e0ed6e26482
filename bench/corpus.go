package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// A corpus is a set of packages analyzed by every tool, from a bench module
// under bench/corpora/NAME whose go.mod pins the corpus.
type corpus struct {
	Name string
	// Dir is the corpus's bench module under bench/corpora.
	Dir string
	// Module and Version name the third-party module under test; empty for
	// the standard library. The harness analyzes a writable copy of it
	// (a replace directive in a copy of the bench module), so that one of
	// its files can be edited for the incremental run.
	Module, Version string
	// Patterns are the root packages, as given to every tool.
	Patterns []string
	// Edit is the file edited for the incremental go vet run: relative to
	// the module copy, or to the bench module when Module is empty.
	Edit string
	// Runs and PeerRuns are the measured rounds unless -runs and
	// -peer-runs say otherwise.
	Runs, PeerRuns int
	// SkipPeers names peers not run on this corpus, with the reason.
	SkipPeers map[string]string
}

var corpora = []corpus{
	{
		Name:     "net",
		Dir:      "net",
		Patterns: []string{"net/...", "./leaf"},
		Edit:     "leaf/leaf.go",
		Runs:     5,
		PeerRuns: 3,
	},
	{
		Name:     "client-go",
		Dir:      "clientgo",
		Module:   "k8s.io/client-go",
		Version:  "v0.37.2",
		Patterns: []string{"k8s.io/client-go/..."},
		Edit:     "tools/leaderelection/leaderelection.go",
		Runs:     3,
		PeerRuns: 1,
		SkipPeers: map[string]string{
			toolNilaway: "nilaway passed 15 GiB of RSS after 5.5 minutes on this corpus and was stopped: it does not fit next to other work on a 24 GiB machine",
		},
	},
	{
		Name:     "nats-server",
		Dir:      "nats",
		Module:   "github.com/nats-io/nats-server/v2",
		Version:  "v2.15.3",
		Patterns: []string{"github.com/nats-io/nats-server/v2/..."},
		Edit:     "server/server.go",
		Runs:     5,
		PeerRuns: 3,
	},
}

// dir is the corpus's bench module, relative to the repository root.
func (c corpus) dir() string {
	return filepath.Join("bench", "corpora", c.Dir)
}

func corpusNames() []string {
	var names []string
	for _, c := range corpora {
		names = append(names, c.Name)
	}
	return names
}

func selectCorpora(spec string) ([]corpus, error) {
	if spec == "all" {
		return corpora, nil
	}
	var out []corpus
	for _, name := range strings.Split(spec, ",") {
		found := false
		for _, c := range corpora {
			if c.Name == strings.TrimSpace(name) {
				out = append(out, c)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown corpus %q (known: all, %s)", name, strings.Join(corpusNames(), ", "))
		}
	}
	return out, nil
}

// harness holds the paths and tools shared by every corpus.
type harness struct {
	root  string // repository root
	out   string // bench/out, absolute
	nonce string // makes every salted tool binary of this invocation unique
	bin   string // built tools
	bcSrc string // the module blockcheck is built from: root, or a snapshot of -rev
	env   []string

	tools    map[string]string // name -> binary: noop, blockcheck, staticcheck, nilaway
	machine  Machine
	versions Versions
	salts    int
}

// setup builds the tools and records the machine and versions.
func (h *harness) setup() error {
	h.bin = filepath.Join(h.out, "bin")
	for _, d := range []string{h.bin, filepath.Join(h.out, "logs"), filepath.Join(h.out, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	// A go.mod of its own keeps everything under out/ (work copies, cgo
	// files in kept $WORK directories) out of the main module's ./...
	if err := os.WriteFile(filepath.Join(h.out, "go.mod"), []byte("module blockcheck.bench/out\n"), 0o644); err != nil {
		return err
	}
	// One build cache for the whole harness, kept between invocations:
	// compilation is always warm, and every measured vet run defeats the
	// vet cache with a freshly salted tool binary (see saltedTool).
	h.env = append(os.Environ(),
		"GOCACHE="+filepath.Join(h.out, "gocache"),
		"GOWORK=off",
		"GOTOOLCHAIN=local",
		"TMPDIR="+filepath.Join(h.out, "tmp"),
	)
	h.tools = map[string]string{
		"noop":         filepath.Join(h.bin, "noop"),
		"blockcheck":   filepath.Join(h.bin, "blockcheck"),
		"staticcheck":  filepath.Join(h.bin, "staticcheck"),
		"nilaway":      filepath.Join(h.bin, "nilaway"),
		"contextcheck": filepath.Join(h.bin, "contextcheck"),
	}
	h.bcSrc = h.root
	if *flagRev != "" {
		// A snapshot of the revision, so that work in progress in the
		// working tree neither changes nor breaks the measurement.
		h.bcSrc = filepath.Join(h.out, "src")
		if err := os.RemoveAll(h.bcSrc); err != nil {
			return err
		}
		if err := os.MkdirAll(h.bcSrc, 0o755); err != nil {
			return err
		}
		if _, err := h.run(h.root, "sh", "-c", "git archive --format=tar \"$0\" | tar -x -C \"$1\"", *flagRev, h.bcSrc); err != nil {
			return err
		}
	}
	logf("building blockcheck, noop and the peers")
	if _, err := h.run(h.bcSrc, "go", "build", "-o", h.bin+"/", "./cmd/blockcheck"); err != nil {
		return err
	}
	if _, err := h.run(h.root, "go", "build", "-o", h.bin+"/", "./bench/noop"); err != nil {
		return err
	}
	if *flagPeerRuns != 0 {
		if _, err := h.run(filepath.Join(h.root, "bench", "peers"), "go", "build", "-o", h.bin+"/",
			"honnef.co/go/tools/cmd/staticcheck", "go.uber.org/nilaway/cmd/nilaway", "github.com/kkHAIKE/contextcheck/cmd/contextcheck"); err != nil {
			return err
		}
	}
	return h.describe()
}

// run runs a command to completion and returns its combined output; a
// non-zero exit is an error that carries the output's tail.
func (h *harness) run(dir string, name string, args ...string) ([]byte, error) {
	if *flagVerbose {
		logf("(cd %s && %s %s)", dir, name, strings.Join(args, " "))
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = h.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, err, tail(out, 40))
	}
	return out, nil
}

func tail(b []byte, lines int) string {
	s := strings.TrimRight(string(b), "\n")
	parts := strings.Split(s, "\n")
	if len(parts) > lines {
		parts = append([]string{"..."}, parts[len(parts)-lines:]...)
	}
	return strings.Join(parts, "\n")
}

// saltedTool links a copy of a tool whose content, and so whose go vet
// tool ID, no earlier run has used: go vet keys its cache on a hash of the
// vettool binary, so every vet action misses, while the packages it needs
// stay compiled in the build cache. -X on a symbol the program does not
// declare only changes the link's build ID, which the binary embeds; the
// code is the same.
func (h *harness) saltedTool(tool string) (string, error) {
	h.salts++
	dir, pkg := h.root, "./bench/noop"
	if tool == toolBC {
		dir, pkg = h.bcSrc, "./cmd/blockcheck"
	}
	dst := filepath.Join(h.bin, "salted", fmt.Sprintf("%s-%d", tool, h.salts))
	salt := fmt.Sprintf("-X=main.benchSalt=%s-%d", h.nonce, h.salts)
	if _, err := h.run(dir, "go", "build", "-ldflags="+salt, "-o", dst, pkg); err != nil {
		return "", err
	}
	return dst, nil
}

// workspace prepares out/work/NAME: a copy of the corpus's bench module and,
// for a third-party corpus, a writable copy of the module under test that
// the bench module's copy replaces. It returns the directory to run the
// tools in and the absolute path of the file to edit.
func (h *harness) workspace(c corpus) (dir, edit string, err error) {
	work := filepath.Join(h.out, "work", c.Dir)
	if err := makeWritable(work); err != nil {
		return "", "", err
	}
	if err := os.RemoveAll(work); err != nil {
		return "", "", err
	}
	mod := filepath.Join(work, "mod")
	if err := copyTree(filepath.Join(h.root, c.dir()), mod); err != nil {
		return "", "", err
	}
	if c.Module == "" {
		return mod, filepath.Join(mod, c.Edit), nil
	}
	out, err := h.run(mod, "go", "mod", "download", "-json", c.Module+"@"+c.Version)
	if err != nil {
		return "", "", err
	}
	var dl struct{ Dir, Error string }
	if err := json.Unmarshal(out, &dl); err != nil || dl.Dir == "" {
		return "", "", fmt.Errorf("go mod download %s@%s: %v %s", c.Module, c.Version, err, dl.Error)
	}
	src := filepath.Join(work, "src")
	if err := copyTree(dl.Dir, src); err != nil {
		return "", "", err
	}
	if _, err := h.run(mod, "go", "mod", "edit", "-replace", c.Module+"=../src"); err != nil {
		return "", "", err
	}
	return mod, filepath.Join(src, c.Edit), nil
}

// copyTree copies a directory of regular files, leaving them writable.
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}

func makeWritable(dir string) error {
	if _, err := os.Stat(dir); err != nil {
		return nil
	}
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(path, 0o755)
		}
		return nil
	})
}

// Machine describes where the numbers were measured.
type Machine struct {
	CPUs   int
	CPU    string
	Memory string
	OS     string
}

// Versions records every tool measured.
type Versions struct {
	Go, Blockcheck, XTools, Staticcheck, Nilaway, Contextcheck string
}

func (h *harness) describe() error {
	h.machine = Machine{CPUs: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				h.machine.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				var kb int64
				fmt.Sscan(f[1], &kb)
				h.machine.Memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	out, err := h.run(h.root, "go", "version")
	if err != nil {
		return err
	}
	h.versions.Go = strings.TrimSpace(string(out))
	rev := "HEAD"
	if *flagRev != "" {
		rev = *flagRev
	}
	id, _ := exec.Command("git", "-C", h.root, "rev-parse", "--short", rev).Output()
	h.versions.Blockcheck = strings.TrimSpace(string(id))
	if *flagRev == "" {
		if st, _ := exec.Command("git", "-C", h.root, "status", "--porcelain", "--", "analyzer", "internal", "facts", "config", "profiles", "cmd").Output(); len(bytes.TrimSpace(st)) > 0 {
			h.versions.Blockcheck += " plus uncommitted changes in the working tree"
		}
	}
	h.versions.XTools = h.modVersion(h.root, "golang.org/x/tools")
	if *flagPeerRuns != 0 {
		peers := filepath.Join(h.root, "bench", "peers")
		h.versions.Contextcheck = "github.com/kkHAIKE/contextcheck " + h.modVersion(peers, "github.com/kkHAIKE/contextcheck")
		h.versions.Staticcheck = "honnef.co/go/tools " + h.modVersion(peers, "honnef.co/go/tools")
		h.versions.Nilaway = "go.uber.org/nilaway " + h.modVersion(peers, "go.uber.org/nilaway")
	}
	return nil
}

func (h *harness) modVersion(dir, mod string) string {
	out, err := h.run(dir, "go", "list", "-m", "-f", "{{.Version}}", mod)
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}
