// Command bench measures what blockcheck costs on top of the floor: a no-op
// analyzer that declares a fact type (bench/noop), run by the same drivers on
// the same packages. Run it from the repository root:
//
//	go run ./bench -corpus all
//
// For each corpus, in one run and alternating the commands, it measures:
//
//   - blockcheck standalone vs noop standalone: wall time and peak RSS;
//   - staticcheck and nilaway standalone on the same packages, for context;
//   - go vet -vettool=blockcheck vs -vettool=noop from a cold vet cache (the
//     tool binaries are relinked with a fresh salt for every measured run, so
//     every vet action misses the cache, while compilation stays cached);
//   - the vetx files those runs write (types and facts, per package);
//   - an incremental go vet: one file of the corpus edited, the vet cache of
//     the same tool binary otherwise warm.
//
// It writes bench/out/results.json and bench/out/table.md, the plot
// docs/performance.svg, and the generated section of docs/performance.md.
// It exits non-zero, reporting nothing, if a corpus fails to load or a tool
// fails. See docs/performance.md for the method.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

var (
	flagCorpus   = flag.String("corpus", "all", "corpora to measure: all, or a comma-separated list of "+strings.Join(corpusNames(), ", "))
	flagRuns     = flag.Int("runs", -1, "measured runs of each blockcheck/noop command per corpus (default: the corpus's, 5 or 3)")
	flagPeerRuns = flag.Int("peer-runs", -1, "measured runs of each peer (staticcheck, contextcheck, nilaway) per corpus; 0 skips the peers (default: the corpus's, 3 or 1)")
	flagOut      = flag.String("out", "bench/out", "directory for binaries, the build cache, work copies, logs and results")
	flagDoc      = flag.Bool("doc", true, "write docs/performance.svg and the generated section of docs/performance.md")
	flagRev      = flag.String("rev", "", "measure blockcheck as committed at this git revision (e.g. HEAD) instead of the working tree")
	flagVerbose  = flag.Bool("v", false, "print every command")
	flagReplot   = flag.Bool("replot", false, "measure nothing: rewrite the tables, the plot and the doc section from the results.json in -out")
)

func main() {
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: go run ./bench [flags]   (from the repository root)\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 0 || *flagRuns == 0 || *flagRuns < -1 || *flagPeerRuns < -1 {
		flag.Usage()
		os.Exit(2)
	}
	corpora, err := selectCorpora(*flagCorpus)
	if err != nil {
		fatalf("%v", err)
	}
	if _, err := os.Stat(filepath.Join("bench", "noop", "main.go")); err != nil {
		fatalf("run from the repository root: %v", err)
	}
	root, _ := os.Getwd()
	out, err := filepath.Abs(*flagOut)
	if err != nil {
		fatalf("%v", err)
	}
	h := &harness{root: root, out: out, nonce: fmt.Sprintf("%x", time.Now().UnixNano())}
	if *flagReplot {
		var res Results
		data, err := os.ReadFile(filepath.Join(out, "results.json"))
		if err == nil {
			err = json.Unmarshal(data, &res)
		}
		if err != nil {
			fatalf("-replot: %v", err)
		}
		if err := h.writeResults(&res); err != nil {
			fatalf("%v", err)
		}
		return
	}
	start := time.Now()
	if err := h.setup(); err != nil {
		fatalf("setup: %v", err)
	}
	res := &Results{Machine: h.machine, Versions: h.versions,
		Command: "go run ./bench " + strings.Join(os.Args[1:], " "), Started: start.UTC().Format(time.RFC3339)}
	// Prepare and check every corpus before measuring any: a corpus that
	// does not load fails the run in its first minute.
	var prepared []*CorpusResult
	for _, c := range corpora {
		cr, err := h.prepare(c)
		if err != nil {
			fatalf("corpus %s: %v", c.Name, err)
		}
		prepared = append(prepared, cr)
	}
	for i, c := range corpora {
		logf("== corpus %s", c.Name)
		if err := h.measureCorpus(c, prepared[i]); err != nil {
			fatalf("corpus %s: %v", c.Name, err)
		}
		res.Corpora = append(res.Corpora, prepared[i])
		// Kept for inspection if a later corpus fails; the tables are
		// written only when every corpus succeeded.
		if js, err := json.MarshalIndent(prepared[i], "", "  "); err == nil {
			os.WriteFile(filepath.Join(out, "corpus-"+c.Dir+".json"), js, 0o644)
		}
	}
	res.Elapsed = time.Since(start).Round(time.Second).String()
	if err := h.writeResults(res); err != nil {
		fatalf("%v", err)
	}
	logf("done in %s", res.Elapsed)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: FAILED: "+format+"\n", args...)
	fmt.Fprintln(os.Stderr, "bench: no results were written")
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}
