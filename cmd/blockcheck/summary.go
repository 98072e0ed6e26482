package main

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
)

// summaryFindings is how many findings the summary lists in full.
const summaryFindings = 50

// A summaryRun is what the summary says besides the findings.
type summaryRun struct {
	failed  bool   // some packages could not be loaded or analyzed
	blobURL string // "https://github.com/o/r/blob/sha/", for links; "" for none
}

// githubBlobURL is the URL prefix of the files at the commit a GitHub
// Actions run checks, from its environment; "" outside GitHub Actions.
func githubBlobURL() string {
	server, repo, sha := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_SHA")
	if server == "" || repo == "" || sha == "" {
		return ""
	}
	return strings.TrimSuffix(server, "/") + "/" + repo + "/blob/" + sha + "/"
}

// printSummary writes a Markdown summary of the findings, for a GitHub
// Actions job summary ($GITHUB_STEP_SUMMARY) or any Markdown page: the
// counts per category and per package, then the first findings with their
// chains. GitHub shows only the first annotations of a step; the summary
// counts everything.
func printSummary(w io.Writer, fs []*finding, p paths, levels config.Levels, run summaryRun) {
	switch len(fs) {
	case 0:
		fmt.Fprintf(w, "## blockcheck: no findings\n\n")
	case 1:
		fmt.Fprintf(w, "## blockcheck: 1 finding\n\n")
	default:
		fmt.Fprintf(w, "## blockcheck: %d findings\n\n", len(fs))
	}
	if run.failed {
		fmt.Fprintf(w, "**Some packages could not be loaded or analyzed**: the job's log has the errors, and their findings are missing here.\n\n")
	}
	if len(fs) == 0 {
		fmt.Fprintf(w, "blockcheck %s\n\n", mdEscape(version()))
		return
	}

	byCat := make(map[string]int)
	byPkg := make(map[string]int)
	for _, f := range fs {
		byCat[f.category]++
		byPkg[f.pkg]++
	}
	fmt.Fprintf(w, "| category | level | findings |\n|---|---|--:|\n")
	cats := append(categoryNames(), config.DirectiveCategory)
	for c := range byCat {
		if !contains(cats, c) {
			cats = append(cats, c)
		}
	}
	for _, c := range cats {
		if n := byCat[c]; n > 0 {
			fmt.Fprintf(w, "| `%s` | %s | %d |\n", c, levels.Of(c), n)
		}
	}
	fmt.Fprintln(w)

	pkgs := make([]string, 0, len(byPkg))
	for pkg := range byPkg {
		pkgs = append(pkgs, pkg)
	}
	sort.Slice(pkgs, func(i, j int) bool {
		if byPkg[pkgs[i]] != byPkg[pkgs[j]] {
			return byPkg[pkgs[i]] > byPkg[pkgs[j]]
		}
		return pkgs[i] < pkgs[j]
	})
	fmt.Fprintf(w, "| package | findings |\n|---|--:|\n")
	for _, pkg := range pkgs {
		fmt.Fprintf(w, "| `%s` | %d |\n", mdCode(pkg), byPkg[pkg])
	}
	fmt.Fprintln(w)

	shown := fs[:min(len(fs), summaryFindings)]
	if len(shown) < len(fs) {
		fmt.Fprintf(w, "### The first %d findings\n\n", len(shown))
	} else {
		fmt.Fprintf(w, "### Findings\n\n")
	}
	for _, f := range shown {
		fmt.Fprintf(w, "- %s **[%s]** %s\n", summaryPosn(p, run.blobURL, f.posn.Filename, f.posn.Line, f.posn.Column), f.category, mdEscape(f.message))
		for _, r := range f.related {
			fmt.Fprintf(w, "  - %s %s\n", summaryPosn(p, run.blobURL, r.posn.Filename, r.posn.Line, r.posn.Column), mdEscape(r.message))
		}
	}
	if len(shown) < len(fs) {
		fmt.Fprintf(w, "\n… and %d more: the job's log, or the SARIF upload, has them all.\n", len(fs)-len(shown))
	}
	fmt.Fprintf(w, "\nblockcheck %s\n\n", mdEscape(version()))
}

// summaryPosn renders a position as code, linked to the file at the
// commit when the file is in the source root and the run is on GitHub.
func summaryPosn(p paths, blobURL, name string, line, col int) string {
	file, inside := p.source(name)
	text := fmt.Sprintf("`%s:%d:%d`", mdCode(file), line, col)
	if !inside || blobURL == "" {
		return text
	}
	return fmt.Sprintf("[%s](%s%s#L%d)", text, blobURL, (&url.URL{Path: file}).EscapedPath(), line)
}

// mdEscape escapes the characters Markdown would read as markup in a
// message: names such as (*T).M and x_y stay as written.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|#~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCode makes text safe inside a one-backtick code span.
func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }

// categoryNames are the blocking categories, in documentation order.
func categoryNames() []string {
	var out []string
	for _, c := range facts.AllCategories() {
		out = append(out, string(c))
	}
	return out
}
