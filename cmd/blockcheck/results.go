package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
)

// A pkgResult is what the analysis of one package found: its diagnostics
// with every position resolved (so that they need no syntax or file set
// any more, and can be kept in the results cache), or its error.
type pkgResult struct {
	ID       string // the package's ID: its path, or "p [q.test]" for a test variant
	PkgPath  string
	ForTest  bool
	Analyzer string // the analyzer's name, as the JSON output keys it
	Err      string // the action's error; a result with one is never cached
	Diags    []diagRecord
}

// A diagRecord is one diagnostic: what every output prints of it.
type diagRecord struct {
	Posn     token.Position
	End      token.Position // resolved from the syntax when the analyzer set none; invalid when unknown
	RawEnd   token.Position // the analyzer's End, or Posn: what the JSON output prints
	Category string
	Message  string
	Function string // the declaration the diagnostic is in
	Related  []relatedRecord
	Fixes    []jsonFix
}

type relatedRecord struct {
	Posn, End, RawEnd token.Position
	Message           string
}

// resultOf is the result of an action.
func resultOf(act *checker.Action, ix syntaxIndex) *pkgResult {
	r := &pkgResult{
		ID:       act.Package.ID,
		PkgPath:  act.Package.PkgPath,
		ForTest:  act.Package.ForTest != "",
		Analyzer: act.Analyzer.Name,
	}
	if act.Err != nil {
		r.Err = act.Err.Error()
		return r
	}
	fset := act.Package.Fset
	for _, d := range act.Diagnostics {
		rec := diagRecord{
			Posn:     fset.Position(d.Pos),
			End:      fset.Position(ix.end(fset, d.Pos, d.End)),
			RawEnd:   fset.Position(cmp.Or(d.End, d.Pos)),
			Category: d.Category,
			Message:  d.Message,
			Function: ix.enclosingFunc(fset, d.Pos),
		}
		for _, rel := range d.Related {
			rec.Related = append(rec.Related, relatedRecord{
				Posn:    fset.Position(rel.Pos),
				End:     fset.Position(ix.end(fset, rel.Pos, rel.End)),
				RawEnd:  fset.Position(cmp.Or(rel.End, rel.Pos)),
				Message: rel.Message,
			})
		}
		for _, fix := range d.SuggestedFixes {
			jf := jsonFix{Message: fix.Message}
			for _, e := range fix.TextEdits {
				jf.Edits = append(jf.Edits, jsonEdit{
					Filename: fset.Position(e.Pos).Filename,
					Start:    fset.Position(e.Pos).Offset,
					End:      fset.Position(e.End).Offset,
					New:      string(e.NewText),
				})
			}
			rec.Fixes = append(rec.Fixes, jf)
		}
		r.Diags = append(r.Diags, rec)
	}
	return r
}

// rootResults returns the results of the graph's root actions.
func rootResults(graph *checker.Graph) []*pkgResult {
	ix := newSyntaxIndex(graph)
	var out []*pkgResult
	for _, act := range rootActions(graph) {
		out = append(out, resultOf(act, ix))
	}
	return out
}

// sortResults orders results as rootActions orders actions: each
// package before its test variants.
func sortResults(rs []*pkgResult) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.ForTest != b.ForTest {
			return !a.ForTest
		}
		return a.ID < b.ID
	})
}

// collect gathers the findings of the root packages' actions, as
// collectResults does.
func collect(graph *checker.Graph) []*finding {
	return collectResults(rootResults(graph))
}

// collectResults gathers the findings of the root packages, each once
// (results are in sortResults' order: a finding reported by a package
// and again by its test variant is kept for the package), sorted by
// position: the output does not depend on the order packages finished.
func collectResults(results []*pkgResult) []*finding {
	type key struct {
		posn    token.Position
		message string
	}
	seen := make(map[key]bool)
	var out []*finding
	for _, r := range results {
		if r.Err != "" {
			continue
		}
		for i := range r.Diags {
			d := &r.Diags[i]
			k := key{d.Posn, d.Message}
			if seen[k] {
				continue
			}
			seen[k] = true
			f := &finding{
				pkg:      strings.TrimSuffix(r.PkgPath, "_test"),
				posn:     d.Posn,
				end:      d.End,
				category: d.Category,
				message:  d.Message,
				function: d.Function,
				diag:     d,
			}
			for _, rel := range d.Related {
				f.related = append(f.related, relatedInfo{posn: rel.Posn, end: rel.End, message: rel.Message})
			}
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.posn.Filename != b.posn.Filename {
			return a.posn.Filename < b.posn.Filename
		}
		if a.posn.Line != b.posn.Line {
			return a.posn.Line < b.posn.Line
		}
		if a.posn.Column != b.posn.Column {
			return a.posn.Column < b.posn.Column
		}
		return a.message < b.message
	})
	type occ struct{ pkg, category, function, message string }
	count := make(map[occ]int)
	for _, f := range out {
		k := occ{f.pkg, f.category, f.function, lineRef.ReplaceAllString(f.message, "$1")}
		f.occurrence = count[k]
		count[k]++
	}
	return out
}

// The JSON output is the standard go/analysis JSON (checker.Graph's
// PrintJSON, go vet -json): package ID → analyzer name → diagnostics or
// error. These types are its schema.
type jsonDiag struct {
	Category       string            `json:"category,omitempty"`
	Posn           string            `json:"posn"`
	End            string            `json:"end"`
	Message        string            `json:"message"`
	SuggestedFixes []jsonFix         `json:"suggested_fixes,omitempty"`
	Related        []jsonRelatedInfo `json:"related,omitempty"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

type jsonRelatedInfo struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

type jsonError struct {
	Err string `json:"error"`
}

// printJSON prints the results' diagnostics that keep holds, and the
// errors of the results and of the other failed actions (errs: package
// ID → analyzer → error), as the go/analysis JSON.
func printJSON(w io.Writer, results []*pkgResult, keep map[*diagRecord]bool, errs map[string]map[string]string) error {
	tree := make(map[string]map[string]any)
	add := func(id, name string, v any) {
		if tree[id] == nil {
			tree[id] = make(map[string]any)
		}
		tree[id][name] = v
	}
	for id, m := range errs {
		for name, err := range m {
			add(id, name, jsonError{err})
		}
	}
	for _, r := range results {
		if r.Err != "" {
			add(r.ID, r.Analyzer, jsonError{r.Err})
			continue
		}
		var list []jsonDiag
		for i := range r.Diags {
			d := &r.Diags[i]
			if !keep[d] {
				continue
			}
			jd := jsonDiag{
				Category:       d.Category,
				Posn:           d.Posn.String(),
				End:            d.RawEnd.String(),
				Message:        d.Message,
				SuggestedFixes: d.Fixes,
			}
			for _, rel := range d.Related {
				jd.Related = append(jd.Related, jsonRelatedInfo{Posn: rel.Posn.String(), End: rel.RawEnd.String(), Message: rel.Message})
			}
			list = append(list, jd)
		}
		if len(list) > 0 {
			add(r.ID, r.Analyzer, list)
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// actionErrors returns the errors of the graph's actions that are not
// roots (a dependency that failed), for printJSON.
func actionErrors(graph *checker.Graph) map[string]map[string]string {
	errs := make(map[string]map[string]string)
	for act := range graph.All() {
		if act.Err != nil && !act.IsRoot {
			if errs[act.Package.ID] == nil {
				errs[act.Package.ID] = make(map[string]string)
			}
			errs[act.Package.ID][act.Analyzer.Name] = act.Err.Error()
		}
	}
	return errs
}
