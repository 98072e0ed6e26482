package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The formats. Each writes to standard output or to a file:
// -format=text,sarif=out.sarif prints text and writes SARIF to out.sarif.
var formats = []string{"text", "json", "sarif", "github", "summary"}

// An output is one format and where it goes.
type output struct {
	format string
	path   string // "" for standard output
	append bool   // append to the file (the GitHub step summary)
	w      *bufio.Writer
	f      *os.File
}

func (o *output) String() string {
	if o.path == "" {
		return o.format
	}
	return o.format + "=" + o.path
}

// outputList is the -format flag: a comma-separated list of format or
// format=file; the flag may be repeated, and each adds to the list. The
// first use replaces the default (text on standard output).
type outputList struct {
	list []*output
	set  bool
}

func (l *outputList) String() string {
	if l == nil {
		return ""
	}
	var parts []string
	for _, o := range l.list {
		parts = append(parts, o.String())
	}
	return strings.Join(parts, ",")
}

func (l *outputList) Set(v string) error {
	if !l.set {
		l.list, l.set = nil, true
	}
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("empty format (known: %s)", strings.Join(formats, ", "))
	}
	for _, item := range strings.Split(v, ",") {
		name, path, hasPath := strings.Cut(strings.TrimSpace(item), "=")
		if !slices.Contains(formats, name) {
			return fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(formats, ", "))
		}
		if hasPath && path == "" {
			return fmt.Errorf("%s=: missing file name", name)
		}
		l.list = append(l.list, &output{format: name, path: path})
	}
	return nil
}

// check rejects lists whose outputs would mix: two formats on standard
// output, or two formats in one file.
func (l *outputList) check() error {
	var stdout []string
	files := make(map[string]string)
	for _, o := range l.list {
		if o.path == "" {
			stdout = append(stdout, o.format)
			continue
		}
		abs, err := filepath.Abs(o.path)
		if err != nil {
			abs = o.path
		}
		if prev, ok := files[abs]; ok {
			return fmt.Errorf("-format: %s write %s", both([]string{prev, o.format}), o.path)
		}
		files[abs] = o.format
	}
	if len(stdout) > 1 {
		return fmt.Errorf("-format: %s write to standard output; give all but one a file, as in %s=%s.out", both(stdout), stdout[1], stdout[1])
	}
	return nil
}

// has reports whether a format is among the outputs.
func (l *outputList) has(format string) bool {
	return slices.ContainsFunc(l.list, func(o *output) bool { return o.format == format })
}

// onlyJSON reports whether every output is JSON: then findings do not
// change the exit status, as with go vet -json.
func (l *outputList) onlyJSON() bool {
	return !slices.ContainsFunc(l.list, func(o *output) bool { return o.format != "json" })
}

// addStepSummary adds the Markdown summary, appended to the GitHub step
// summary file, to a run that annotates a pull request (format github) in
// GitHub Actions ($GITHUB_STEP_SUMMARY set), unless a summary is already
// asked for: annotations beyond GitHub's per-step limit are not shown, the
// summary keeps them.
func (l *outputList) addStepSummary(stepSummary string) {
	if stepSummary == "" || !l.has("github") || l.has("summary") {
		return
	}
	l.list = append(l.list, &output{format: "summary", path: stepSummary, append: true})
}

// open opens every file output before the analysis: an output that cannot
// be written fails the run at once, not after minutes of analysis. The
// summary appends to the GitHub step summary file, which other steps'
// commands share.
func (l *outputList) open(stdout io.Writer, stepSummary string) error {
	for _, o := range l.list {
		if o.path == "" {
			o.w = bufio.NewWriter(stdout)
			continue
		}
		flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if o.append || o.format == "summary" && stepSummary != "" && sameFile(o.path, stepSummary) {
			flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		}
		f, err := os.OpenFile(o.path, flags, 0o644)
		if err != nil {
			l.close()
			return fmt.Errorf("-format %s: cannot write the output: %v", o, err)
		}
		o.f, o.w = f, bufio.NewWriter(f)
	}
	return nil
}

// close flushes and closes every output; it returns the first error.
func (l *outputList) close() error {
	var first error
	for _, o := range l.list {
		if o.w != nil {
			if err := o.w.Flush(); err != nil && first == nil {
				first = fmt.Errorf("-format %s: writing the output: %v", o, err)
			}
		}
		if o.f != nil {
			if err := o.f.Close(); err != nil && first == nil {
				first = fmt.Errorf("-format %s: writing the output: %v", o, err)
			}
			o.f = nil
		}
		o.w = nil
	}
	return first
}

// both lists formats for a message: "text and json both", "a, b and c all".
func both(names []string) string {
	if len(names) == 2 {
		return names[0] + " and " + names[1] + " both"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " all"
}

func sameFile(a, b string) bool {
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(ai, bi)
	}
	return filepath.Clean(a) == filepath.Clean(b)
}
