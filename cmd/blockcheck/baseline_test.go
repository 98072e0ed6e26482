package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func editFile(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := edit(string(data))
	if out == string(data) {
		t.Fatalf("edit of %s changed nothing", path)
	}
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBaseline records a baseline, moves code around (findings change
// lines), adds a new finding and fixes an old one: only the new finding is
// reported, and the fixed one is listed as stale.
func TestBaseline(t *testing.T) {
	dir := copyModule(t, integrationDir(t))
	base := filepath.Join(dir, "blockcheck-baseline.json")

	r := blockcheck(t, dir, "-write-baseline="+base, "./...")
	checkExit(t, r, 0)
	r = blockcheck(t, dir, "-baseline="+base, "./...")
	checkExit(t, r, 0)
	if strings.Contains(r.stdout, "must not block") {
		t.Fatalf("everything is in the baseline, yet:\n%s", r)
	}

	server := filepath.Join(dir, "server", "server.go")
	editFile(t, server, func(s string) string {
		// Move every finding down by inserting lines at the top, and
		// move Shutdown above Tick.
		s = strings.Replace(s, "// Server is an event-loop handler.", "// Padding.\n\n\n\n// Server is an event-loop handler.", 1)
		i := strings.Index(s, "// Shutdown runs on the loop")
		j := strings.Index(s, "// Serve runs the loop")
		shutdown := s[i:j]
		s = s[:i] + s[j:]
		k := strings.Index(s, "// Tick runs on the loop's timer.")
		s = s[:k] + shutdown + s[k:]
		// A new finding.
		s = strings.Replace(s, "\ts.flush(-1) // FINDING shutdown", "\ts.flush(-1) // FINDING shutdown\n\ttime.Sleep(time.Second)", 1)
		// Fix one: the channel send becomes non-blocking.
		s = strings.Replace(s, "\ts.replies <- ev.Data // FINDING send", "\tselect {\n\tcase s.replies <- ev.Data:\n\tdefault:\n\t}", 1)
		return s
	})
	r = blockcheck(t, dir, "-baseline="+base, "./...")
	checkExit(t, r, 3)
	var findings []string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.Contains(l, "must not block") && strings.Contains(l, ".go:") {
			findings = append(findings, l)
		}
	}
	if len(findings) != 1 || !strings.Contains(findings[0], "(*Server).Shutdown must not block: time.Sleep may block [sleep]") {
		t.Errorf("want exactly the new finding, got:\n%s", strings.Join(findings, "\n"))
	}
	if !strings.Contains(r.stderr, "1 stale baseline entries") || !strings.Contains(r.stderr, "channel send may block [chan]") {
		t.Errorf("the fixed finding should be listed as stale:\n%s", r.stderr)
	}

	// A changed chain is a new finding: the fingerprint covers it.
	editFile(t, filepath.Join(dir, "store", "store.go"), func(s string) string {
		return strings.Replace(s, "os.WriteFile(", "writeAll(", 1) + "\nfunc writeAll(name string, b []byte, perm os.FileMode) error { return os.WriteFile(name, b, perm) }\n"
	})
	r = blockcheck(t, dir, "-baseline="+base, "./...")
	if !strings.Contains(r.stdout, "store.writeAll → os.WriteFile") {
		t.Errorf("a finding whose chain changed should be reported again:\n%s", r.stdout)
	}
}

// TestCorruptBaseline checks that a damaged baseline is an error, never a
// silent suppression of findings.
func TestCorruptBaseline(t *testing.T) {
	dir := copyModule(t, integrationDir(t))
	for name, content := range map[string]string{
		"not json":      "{\"version\": 1,",
		"other tool":    `{"version": 1, "tool": "other", "findings": []}`,
		"newer version": `{"version": 2, "tool": "blockcheck", "findings": []}`,
		"bad entry":     `{"version": 1, "tool": "blockcheck", "findings": [{"fingerprint": "zz", "package": "p", "category": "net", "message": "m", "count": 1}]}`,
		"unknown field": `{"version": 1, "tool": "blockcheck", "findings": [], "suppress": "all"}`,
		"no findings":   `{"version": 1, "tool": "blockcheck"}`,
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		r := blockcheck(t, dir, "-baseline="+path, "./...")
		if r.code != 1 || !strings.Contains(r.stderr, "baseline") {
			t.Errorf("%s: want exit 1 and a message about the baseline, got %d:\n%s", name, r.code, r.stderr)
		}
	}
	r := blockcheck(t, dir, "-baseline="+filepath.Join(dir, "missing.json"), "./...")
	checkExit(t, r, 1)
}
