package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

// A baseline records accepted findings, so that CI reports only new ones.
// A finding is identified by a fingerprint of its package, category and
// message with line numbers taken out: the message names the root, the
// callee, the category and the chain down to the sink, so the fingerprint
// survives code moving around and changes when the chain does.
type baseline struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Package     string `json:"package"`
	Category    string `json:"category"`
	Message     string `json:"message"` // for people reading the file
	Count       int    `json:"count"`   // identical findings in the package
}

const baselineVersion = 1

// lineRef matches the file:line references some messages carry ("locked at
// cache.go:41"): they move with the code and stay out of fingerprints.
var lineRef = regexp.MustCompile(`(\.go):\d+`)

func fingerprint(f *finding) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", f.pkg, f.category, lineRef.ReplaceAllString(f.message, "$1"))
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// writeBaseline records the findings, sorted, one entry per fingerprint.
func writeBaseline(path string, fs []*finding) error {
	byFP := make(map[string]*baselineEntry)
	for _, f := range fs {
		fp := fingerprint(f)
		if e := byFP[fp]; e != nil {
			e.Count++
			continue
		}
		byFP[fp] = &baselineEntry{Fingerprint: fp, Package: f.pkg, Category: f.category, Message: lineRef.ReplaceAllString(f.message, "$1"), Count: 1}
	}
	b := baseline{Version: baselineVersion, Tool: "blockcheck", Findings: []baselineEntry{}}
	for _, e := range byFP {
		b.Findings = append(b.Findings, *e)
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.Package != y.Package {
			return x.Package < y.Package
		}
		if x.Message != y.Message {
			return x.Message < y.Message
		}
		return x.Fingerprint < y.Fingerprint
	})
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// readBaseline reads and checks a baseline. A file that is not a
// blockcheck baseline, or whose entries are damaged, is an error: a
// corrupt baseline must never silently suppress findings.
func readBaseline(path string) (*baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var b baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline %s is not a blockcheck baseline: %v", path, err)
	}
	if b.Tool != "blockcheck" || b.Version != baselineVersion {
		return nil, fmt.Errorf("baseline %s: want tool \"blockcheck\" version %d, got %q version %d; write a new one with -write-baseline", path, baselineVersion, b.Tool, b.Version)
	}
	if b.Findings == nil {
		return nil, fmt.Errorf("baseline %s: no findings list", path)
	}
	for i, e := range b.Findings {
		if len(e.Fingerprint) != 32 || strings.Trim(e.Fingerprint, "0123456789abcdef") != "" || e.Count < 1 || e.Package == "" {
			return nil, fmt.Errorf("baseline %s: entry %d is damaged (fingerprint %q, count %d, package %q)", path, i, e.Fingerprint, e.Count, e.Package)
		}
	}
	return &b, nil
}

// filter returns the findings the baseline does not account for, and the
// baseline entries no finding matched any more (fixed, or changed: the
// baseline only shrinks).
func (b *baseline) filter(fs []*finding) (fresh []*finding, stale []baselineEntry) {
	left := make(map[string]int, len(b.Findings))
	for _, e := range b.Findings {
		left[e.Fingerprint] += e.Count
	}
	for _, f := range fs {
		fp := fingerprint(f)
		if left[fp] > 0 {
			left[fp]--
			continue
		}
		fresh = append(fresh, f)
	}
	for _, e := range b.Findings {
		if n := left[e.Fingerprint]; n > 0 {
			e.Count = n
			stale = append(stale, e)
			left[e.Fingerprint] = 0
		}
	}
	return fresh, stale
}

func reportStale(w io.Writer, path string, stale []baselineEntry) {
	if len(stale) == 0 {
		return
	}
	fmt.Fprintf(w, "blockcheck: %d stale baseline entries in %s (fixed or changed; rewrite it with -write-baseline to drop them):\n", len(stale), path)
	for _, e := range stale {
		fmt.Fprintf(w, "\t%s: %s\n", e.Package, e.Message)
	}
}
