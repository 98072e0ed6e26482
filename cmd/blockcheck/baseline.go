package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blockcheck/blockcheck/facts"
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

// lineRef matches the file:line (or file:line:column) references some
// messages carry ("locked at cache.go:41"): they move with the code and
// stay out of fingerprints.
var lineRef = regexp.MustCompile(`(\.go)(:\d+)+`)

// baselineMessage is a finding's message as a baseline records it and its
// fingerprint covers it: without positions, as JSON text. Applied to its
// own result it changes nothing, so an entry's fingerprint can be checked
// against its message.
func baselineMessage(message string) string {
	return jsonText(lineRef.ReplaceAllString(message, "$1"))
}

// jsonText returns s with each byte that is not UTF-8 replaced by U+FFFD,
// as JSON stores it.
func jsonText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(r) // utf8.RuneError for a byte that is not UTF-8
		i += size
	}
	return b.String()
}

func fingerprint(f *finding) string { return fingerprintOf(f.pkg, f.category, f.message) }

// fingerprintOf is the fingerprint of a finding, or of a baseline entry:
// the package, category and message as the baseline stores them.
func fingerprintOf(pkg, category, message string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", jsonText(pkg), jsonText(category), baselineMessage(message))
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// writeBaseline records the findings, sorted, one entry per fingerprint.
func writeBaseline(path string, fs []*finding) error {
	data, err := encodeBaseline(fs)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// encodeBaseline returns the baseline of the findings.
func encodeBaseline(fs []*finding) ([]byte, error) {
	byFP := make(map[string]*baselineEntry)
	for _, f := range fs {
		fp := fingerprint(f)
		if e := byFP[fp]; e != nil {
			e.Count++
			continue
		}
		byFP[fp] = &baselineEntry{Fingerprint: fp, Package: jsonText(f.pkg), Category: jsonText(f.category), Message: baselineMessage(f.message), Count: 1}
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
		return nil, err
	}
	return append(data, '\n'), nil
}

// readBaseline reads and checks a baseline. A baseline is accepted only as
// -write-baseline writes it, give or take the layout: a file that is not a
// blockcheck baseline of this version, or that is damaged in any way, is
// an error naming the file and the line, never a silent suppression of
// findings. Damage includes data after the baseline (a second baseline
// pasted after the first), keys given twice or misspelled, null values,
// numbers out of range, unknown categories, an entry whose fingerprint
// does not match its package, category and message (an edited entry), and
// two entries with one fingerprint.
func readBaseline(path string) (*baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: cannot read the baseline: %v", path, err)
	}
	b, err := parseBaseline(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%v", path, err) // err is line: message
	}
	return b, nil
}

// A baselineError is a problem at a line of the baseline; every error of
// parseBaseline is one.
type baselineError struct {
	line int
	msg  string
}

func (e *baselineError) Error() string { return fmt.Sprintf("%d: %s", e.line, e.msg) }

const brokenBaseline = "the baseline is broken: "

// parseBaseline decodes and checks a baseline file's content.
func parseBaseline(data []byte) (*baseline, error) {
	lineOf := func(offset int64) int {
		return 1 + bytes.Count(data[:min(max(offset, 0), int64(len(data)))], []byte("\n"))
	}
	broken := func(offset int64, format string, args ...any) error {
		return &baselineError{lineOf(offset), brokenBaseline + fmt.Sprintf(format, args...)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, broken(0, "the file is empty")
	}

	// The shape first: one JSON value, keys spelled exactly and given
	// once, no nulls. This records where each value starts.
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		return nil, broken(0, "the file starts with a byte order mark (JSON has none)")
	}
	w := &jsonWalker{dec: json.NewDecoder(bytes.NewReader(data)), data: data, at: make(map[string]int64), kind: make(map[string]byte)}
	if err := w.value(""); err != nil {
		if err := otherFile(data); err != nil {
			return nil, err
		}
		return nil, w.locate(err, broken)
	}
	off := w.start(w.dec.InputOffset())
	if _, err := w.dec.Token(); err != io.EOF {
		return nil, broken(off, "unexpected data after the baseline (two baselines in one file?)")
	}
	if _, ok := w.at[""]; !ok || w.kind[""] != '{' {
		return nil, broken(0, "want a JSON object with version, tool and findings")
	}

	if err := otherFile(data); err != nil {
		return nil, err
	}

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b baseline
	if err := dec.Decode(&b); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, broken(te.Offset, "%s: want %s, got %s", w.pathAt(te.Offset, te.Field), jsonType(te.Type), te.Value)
		}
		return nil, w.locate(err, broken)
	}
	if b.Findings == nil {
		return nil, broken(w.at[""], "no findings list")
	}
	first := make(map[string]int, len(b.Findings))
	for i, e := range b.Findings {
		at := w.at["findings["+strconv.Itoa(i)+"]"]
		entry := func(format string, args ...any) error {
			return broken(at, "findings[%d]: %s", i, fmt.Sprintf(format, args...))
		}
		switch {
		case e.Package == "":
			return nil, entry("no package")
		case e.Message == "":
			return nil, entry("no message")
		case e.Category != "directive" && !validCategory(e.Category):
			return nil, entry("unknown category %q", e.Category)
		case e.Count < 1:
			return nil, entry("count %d, want 1 or more", e.Count)
		case len(e.Fingerprint) != 32 || strings.Trim(e.Fingerprint, "0123456789abcdef") != "":
			return nil, entry("fingerprint %q is not 32 lowercase hexadecimal digits", e.Fingerprint)
		case e.Fingerprint != fingerprintOf(e.Package, e.Category, e.Message):
			return nil, entry("fingerprint %s does not match the package, category and message (was the entry edited?)", e.Fingerprint)
		}
		if j, dup := first[e.Fingerprint]; dup {
			return nil, entry("the same finding as findings[%d] (line %d): one entry per finding, with a count", j, lineOf(w.at["findings["+strconv.Itoa(j)+"]"]))
		}
		first[e.Fingerprint] = i
	}
	return &b, nil
}

// otherFile returns an error if data is a JSON object that is another
// tool's file, or another version's baseline: not broken, but the wrong
// file.
func otherFile(data []byte) error {
	var head struct {
		Version json.RawMessage `json:"version"`
		Tool    json.RawMessage `json:"tool"`
	}
	if json.Unmarshal(data, &head) != nil {
		return nil // not an object, or broken
	}
	if string(head.Tool) == `"blockcheck"` && string(head.Version) == strconv.Itoa(baselineVersion) {
		return nil
	}
	tool, version := "no tool", "no version"
	if head.Tool != nil {
		tool = "tool " + string(head.Tool)
	}
	if head.Version != nil {
		version = "version " + string(head.Version)
	}
	return &baselineError{1 + bytes.Count(data[:len(data)-len(bytes.TrimLeft(data, " \t\r\n"))], []byte("\n")),
		fmt.Sprintf("not a blockcheck baseline of version %d (%s, %s); write a new one with -write-baseline", baselineVersion, tool, version)}
}

// pathAt names the value that ends at offset, the decoder's field name
// (findings.count) with its index (findings[2].count).
func (w *jsonWalker) pathAt(offset int64, field string) string {
	best, bestAt := field, int64(-1)
	for p, at := range w.at {
		if at < offset && at > bestAt && strings.HasSuffix(p, strings.TrimPrefix(field, "findings")) && strings.HasPrefix(p, "findings") {
			best, bestAt = p, at
		}
	}
	return best
}

// jsonType names the JSON value a baseline field takes.
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}

func validCategory(c string) bool {
	_, err := facts.ParseCategory(c)
	return err == nil
}

// A jsonWalker checks the shape of a JSON value token by token, recording
// where the values it meets start: "" for the whole, "findings",
// "findings[2]", "findings[2].count".
type jsonWalker struct {
	dec  *json.Decoder
	data []byte
	at   map[string]int64
	kind map[string]byte
}

// baselineKeys and entryKeys are the keys of a baseline and of its
// entries, spelled as -write-baseline writes them.
var (
	baselineKeys = []string{"version", "tool", "findings"}
	entryKeys    = []string{"fingerprint", "package", "category", "message", "count"}
	entryPath    = regexp.MustCompile(`^findings\[\d+\]$`)
)

// errAt is a shape error at an offset.
type errAt struct {
	offset int64
	msg    string
}

func (e *errAt) Error() string { return e.msg }

func (w *jsonWalker) locate(err error, broken func(int64, string, ...any) error) error {
	var ea *errAt
	var se *json.SyntaxError
	switch {
	case errors.As(err, &ea):
		return broken(ea.offset, "%s", ea.msg)
	case errors.As(err, &se):
		return broken(se.Offset-1, "invalid JSON: %v", se)
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return broken(int64(len(w.data)), "the JSON ends early (a truncated file?)")
	}
	return broken(0, "%v", err)
}

// start returns the offset of the next token at or after off.
func (w *jsonWalker) start(off int64) int64 {
	for off < int64(len(w.data)) && strings.IndexByte(" \t\r\n,:", w.data[off]) >= 0 {
		off++
	}
	return off
}

func (w *jsonWalker) value(path string) error {
	off := w.start(w.dec.InputOffset())
	tok, err := w.dec.Token()
	if err != nil {
		return err
	}
	if strings.Count(path, ".")+strings.Count(path, "[") <= 2 {
		w.at[path] = off
		if d, ok := tok.(json.Delim); ok {
			w.kind[path] = byte(d)
		}
	}
	sep := "."
	if path == "" {
		sep = ""
	}
	switch tok {
	case nil:
		return &errAt{off, fmt.Sprintf("%s: null is not allowed", displayPath(path))}
	case json.Delim('{'):
		var known []string
		switch {
		case path == "":
			known = baselineKeys
		case entryPath.MatchString(path):
			known = entryKeys
		}
		seen := make(map[string]bool)
		for w.dec.More() {
			koff := w.start(w.dec.InputOffset())
			ktok, err := w.dec.Token()
			if err != nil {
				return err
			}
			key := ktok.(string)
			if known != nil && !slices.Contains(known, key) {
				return &errAt{koff, fmt.Sprintf("%s: unknown key %q (known: %s)", displayPath(path), key, strings.Join(known, ", "))}
			}
			if seen[key] {
				return &errAt{koff, fmt.Sprintf("%s: key %q appears twice", displayPath(path), key)}
			}
			seen[key] = true
			if err := w.value(path + sep + key); err != nil {
				return err
			}
		}
		_, err := w.dec.Token() // }
		return err
	case json.Delim('['):
		for i := 0; w.dec.More(); i++ {
			if err := w.value(path + "[" + strconv.Itoa(i) + "]"); err != nil {
				return err
			}
		}
		_, err := w.dec.Token() // ]
		return err
	}
	return nil
}

func displayPath(path string) string {
	if path == "" {
		return "top level"
	}
	return path
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
