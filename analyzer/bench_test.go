package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/blockcheck/blockcheck/analyzer"
)

// The benchmarks run the analyzer, through go/analysis/checker, on packages
// loaded once outside the loop: what they time is blockcheck's own work
// (directives, graph, fixed point, facts, reports) over the packages and
// their dependencies, not loading or type-checking. Compare runs with
// benchstat:
//
//	go test -run '^$' -bench . -count 10 ./analyzer/ > new.txt
//	benchstat old.txt new.txt
//
// bench/ measures the commands end to end (docs/performance.md).

// BenchmarkIntegration analyzes the integration test module
// (testdata/integration): a small server over a store, a journal and an
// event loop, with facts across five packages.
func BenchmarkIntegration(b *testing.B) {
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "integration"))
	if err != nil {
		b.Fatal(err)
	}
	benchAnalyze(b, dir, "./...")
}

// BenchmarkGenerated analyzes a generated module of two packages: lib, with
// n functions and methods that call each other in long chains through
// direct calls, closures, method values, defers and goroutines, with
// channel operations, selects and standard-library sinks; and app, which
// calls every exported function of lib from roots (facts across packages,
// one report per blocking call).
func BenchmarkGenerated(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprintf("funcs=%d", n), func(b *testing.B) {
			benchAnalyze(b, generate(b, n), "./...")
		})
	}
}

// BenchmarkOutliers measures the shapes that once cost far more than
// type-checking: one function with 5000 lock pairs around file I/O, and a
// chain of 50,000 functions down to one sink. Each iteration loads and
// type-checks the package, as the drivers do; the floor is a no-op analyzer
// with a fact type on the same packages. Compare blockcheck with the floor:
//
//	go test -run '^$' -bench Outliers -count 5 ./analyzer/ | benchstat -col /analyzer -
func BenchmarkOutliers(b *testing.B) {
	for _, c := range []struct {
		name string
		gen  func(*testing.B) string
	}{{"locks=5000", generateLockPairs}, {"chain=50000", generateChain}} {
		dir := c.gen(b)
		for _, a := range []*analysis.Analyzer{noop, analyzer.Analyzer} {
			name := "floor"
			if a == analyzer.Analyzer {
				name = "blockcheck"
			}
			b.Run(c.name+"/analyzer="+name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					loadAndAnalyze(b, dir, a)
				}
			})
		}
	}
}

// noop is the floor: an analyzer with a fact type that does nothing.
var noop = &analysis.Analyzer{
	Name:      "noop",
	Doc:       "does nothing",
	FactTypes: []analysis.Fact{new(noopFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

type noopFact struct{}

func (*noopFact) AFact() {}

func loadAndAnalyze(b *testing.B, dir string, a *analysis.Analyzer) {
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax | packages.NeedModule,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		b.Fatalf("loading %s: %v", dir, err)
	}
	if _, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil); err != nil {
		b.Fatal(err)
	}
}

// generateLockPairs writes a package with one function taking and
// releasing a mutex 5000 times, with file I/O under some of them.
func generateLockPairs(b *testing.B) string {
	var src strings.Builder
	src.WriteString("package locks\n\nimport (\n\t\"os\"\n\t\"sync\"\n)\n\ntype S struct {\n\tmu sync.Mutex\n\tn  int\n}\n\nfunc (s *S) Big(x int) {\n")
	for i := range 5000 {
		fmt.Fprintf(&src, "\ts.mu.Lock()\n\tif x > %d {\n\t\tos.Stat(\"x\")\n\t}\n\ts.n++\n\ts.mu.Unlock()\n", i)
	}
	src.WriteString("}\n")
	return writeModule(b, "example.com/locks", "locks/locks.go", src.String())
}

// generateChain writes a package of 50,000 functions, each calling the
// next, the last one sleeping.
func generateChain(b *testing.B) string {
	var src strings.Builder
	src.WriteString("package chain\n\nimport \"time\"\n")
	const n = 50000
	for i := range n - 1 {
		fmt.Fprintf(&src, "\nfunc F%d() { F%d() }\n", i, i+1)
	}
	fmt.Fprintf(&src, "\nfunc F%d() { time.Sleep(1) }\n", n-1)
	return writeModule(b, "example.com/chain", "chain/chain.go", src.String())
}

func writeModule(b *testing.B, module, file, src string) string {
	b.Helper()
	dir := b.TempDir()
	for name, text := range map[string]string{"go.mod": "module " + module + "\n\ngo 1.26\n", file: src} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// benchAnalyze loads the packages once, then runs the analyzer on them.
func benchAnalyze(b *testing.B, dir string, patterns ...string) {
	b.Helper()
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   dir,
		Tests: false,
		Env:   append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	if n := packages.PrintErrors(pkgs); n > 0 {
		b.Fatalf("%d errors loading %s", n, dir)
	}
	opts := &checker.Options{Sequential: true}
	analyzers := []*analysis.Analyzer{analyzer.Analyzer}
	var diags int
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		graph, err := checker.Analyze(analyzers, pkgs, opts)
		if err != nil {
			b.Fatal(err)
		}
		diags = 0
		for act := range graph.All() {
			if act.Err != nil {
				b.Fatalf("%v: %v", act, act.Err)
			}
			diags += len(act.Diagnostics)
		}
	}
	if diags == 0 {
		b.Fatalf("no findings in %s: the benchmark measures nothing", dir)
	}
	b.ReportMetric(float64(diags), "findings/op")
}

// generate writes the generated module for BenchmarkGenerated into a
// temporary directory.
func generate(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	write := func(name, text string) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("go.mod", "module example.com/gen\n\ngo 1.26\n")

	var lib strings.Builder
	lib.WriteString(`package lib

import (
	"net"
	"os"
	"sync"
	"time"
)

// S carries the state the generated functions use.
type S struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	c    chan int
	conn net.Conn
	path string
}

// Handler is implemented by S; its method must not block.
type Handler interface {
	//blockcheck:nonblocking
	OnEvent(int)
}

func (s *S) OnEvent(i int) {
	if i > 0 {
		s.F0(i)
	}
}
`)
	for i := range n {
		next := (i + 1) % n
		far := (i*7 + 3) % n
		fmt.Fprintf(&lib, "\n// F%d is generated.\nfunc (s *S) F%d(x int) int {\n", i, i)
		// Every function calls the next one: one long chain, closed into a
		// cycle, and a shortcut, so the fixed point has work to do.
		fmt.Fprintf(&lib, "\tif x > %d {\n\t\treturn s.f%d(x - 1)\n\t}\n", i, next)
		switch i % 10 {
		case 0:
			lib.WriteString("\ttime.Sleep(time.Duration(x))\n")
		case 1:
			lib.WriteString("\tselect {\n\tcase s.c <- x:\n\tdefault:\n\t}\n")
		case 2:
			fmt.Fprintf(&lib, "\tf := func() int { return s.f%d(x) }\n\treturn f()\n", far)
		case 3:
			fmt.Fprintf(&lib, "\tm := s.f%d\n\tgo m(x)\n\treturn m(x + 1)\n", far)
		case 4:
			lib.WriteString("\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n")
		case 5:
			lib.WriteString("\tif _, err := os.Stat(s.path); err != nil {\n\t\treturn 0\n\t}\n")
		case 6:
			lib.WriteString("\tfor v := range s.c {\n\t\tx += v\n\t}\n")
		case 7:
			lib.WriteString("\tbuf := make([]byte, 1)\n\tn, _ := s.conn.Read(buf)\n\tx += n\n")
		case 8:
			fmt.Fprintf(&lib, "\tdefer s.f%d(x)\n", far)
		case 9:
			lib.WriteString("\tgo func() { s.c <- x }()\n")
		}
		fmt.Fprintf(&lib, "\treturn x\n}\n\nfunc (s *S) f%d(x int) int { return s.F%d(x) + 1 }\n", i, i)
	}
	write("lib/lib.go", lib.String())

	var app strings.Builder
	app.WriteString("package app\n\nimport \"example.com/gen/lib\"\n\n// Loop calls every generated function from a root.\n//\n//blockcheck:nonblocking\nfunc Loop(s *lib.S, x int) {\n")
	for i := range n {
		fmt.Fprintf(&app, "\ts.F%d(x)\n", i)
	}
	app.WriteString("}\n")
	write("app/app.go", app.String())
	return dir
}
