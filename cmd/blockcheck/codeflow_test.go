package main

import (
	"bytes"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// crossPackage is an analyzer that reports, in package server of the
// integration module, one diagnostic whose related information names
// functions of other packages: journal.(*Journal).Append, store.Save (in
// the source root) and time.Sleep (in GOROOT, outside it). It stands for
// a chain whose hops are in other packages, as the command must render
// them whatever analyzer reports them.
var crossPackage = &analysis.Analyzer{
	Name: "crosspackage",
	Doc:  "reports a diagnostic with related information in other packages",
	Run: func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Path() != "example.com/integration/server" {
			return nil, nil
		}
		lookup := func(path, name string) types.Object {
			for _, p := range append(pass.Pkg.Imports(), importsOf(pass.Pkg.Imports())...) {
				if p.Path() == path {
					return p.Scope().Lookup(name)
				}
			}
			return nil
		}
		journal, _ := lookup("example.com/integration/journal", "Journal").(*types.TypeName)
		appendM, _, _ := types.LookupFieldOrMethod(journal.Type(), true, journal.Pkg(), "Append")
		save := lookup("example.com/integration/store", "Save")
		sleep := lookup("time", "Sleep")
		onTraffic := pass.Pkg.Scope().Lookup("Server").(*types.TypeName)
		m, _, _ := types.LookupFieldOrMethod(onTraffic.Type(), true, pass.Pkg, "OnTraffic")
		pass.Report(analysis.Diagnostic{
			Pos:      m.Pos(),
			Category: "file",
			Message:  "OnTraffic must not block",
			Related: []analysis.RelatedInformation{
				{Pos: appendM.Pos(), Message: "(*Journal).Append may block here"},
				{Pos: save.Pos(), Message: "Save may block here"},
				{Pos: sleep.Pos(), Message: "Sleep blocks"},
			},
		})
		return nil, nil
	},
}

func importsOf(pkgs []*types.Package) []*types.Package {
	var out []*types.Package
	seen := make(map[*types.Package]bool)
	var visit func(p *types.Package)
	visit = func(p *types.Package) {
		for _, q := range p.Imports() {
			if !seen[q] {
				seen[q] = true
				out = append(out, q)
				visit(q)
			}
		}
	}
	for _, p := range pkgs {
		visit(p)
	}
	return out
}

// TestSARIFCrossPackageCodeFlow runs the command's collect and SARIF
// output on a diagnostic whose related information is in other packages:
// each code-flow location names its own file, relative to the source root
// when inside it (another package of the module) and as an absolute file
// URI outside it (the standard library), with a region ending where the
// named declaration's name does. The log validates against the schema.
func TestSARIFCrossPackageCodeFlow(t *testing.T) {
	t.Parallel()
	dir := integrationDir(t)
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadAllSyntax | packages.NeedModule,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod"),
	}, "./server")
	require.NoError(t, err)
	require.Zero(t, packages.PrintErrors(pkgs))
	graph, err := checker.Analyze([]*analysis.Analyzer{crossPackage}, pkgs, nil)
	require.NoError(t, err)

	fs := collect(graph)
	require.Len(t, fs, 1)
	require.Len(t, fs[0].related, 3)
	root := repoRoot(t, dir)
	prefix := rootRel(t, dir)
	p := paths{wd: dir, root: root}
	var out bytes.Buffer
	require.NoError(t, printSARIF(&out, fs, p, nil))
	validateSARIF(t, sarifSchema(t), out.String())

	log := parseSARIF(t, out.String())
	run := log.Runs[0]
	require.Len(t, run.Results, 1)
	require.Len(t, run.Results[0].CodeFlows, 1)
	locs := run.Results[0].CodeFlows[0].ThreadFlows[0].Locations
	require.Len(t, locs, 4, "the finding and its three related locations")

	want := []struct {
		uri, baseID, text, message string
	}{
		{prefix + "server/server.go", srcRoot, "OnTraffic", "OnTraffic must not block"},
		{prefix + "journal/journal.go", srcRoot, "Append", "(*Journal).Append may block here"},
		{prefix + "store/store.go", srcRoot, "Save", "Save may block here"},
		{fileURI(filepath.Join(goroot(t), "src", "time", "sleep.go"), false), "", "Sleep", "Sleep blocks"},
	}
	for i, w := range want {
		l := locs[i].Location
		a := l.PhysicalLocation.ArtifactLocation
		assert.Equal(t, w.uri, a.URI, "location %d", i)
		assert.Equal(t, w.baseID, a.URIBaseID, "location %d", i)
		assert.Equal(t, w.message, l.Message.Text, "location %d", i)
		file := l.file(t, run.OriginalURIBaseIDs)
		assert.FileExists(t, file)
		assert.Equal(t, w.text, l.regionText(t, file), "location %d: the region", i)
	}

	// The GitHub format and the summary name the same files.
	out.Reset()
	printGitHub(&out, fs, p, nil)
	assert.Contains(t, out.String(), "%0A"+prefix+"store/store.go:")
	out.Reset()
	printSummary(&out, fs, p, nil, summaryRun{})
	assert.Contains(t, out.String(), "  - `"+prefix+"journal/journal.go:")
	assert.Contains(t, out.String(), "  - `"+filepath.ToSlash(filepath.Join(goroot(t), "src", "time", "sleep.go"))+":")
}

func goroot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	require.NoError(t, err)
	return strings.TrimSpace(string(out))
}

// TestSARIFCodeFlowLeavesPackage runs the command on the integration
// module: the finding whose chain runs through journal and store has a
// code flow that leaves package server for journal's declaration of
// Append, found through the facts.
func TestSARIFCodeFlowLeavesPackage(t *testing.T) {
	t.Parallel()
	dir := integrationDir(t)
	r := blockcheck(t, dir, "-format=sarif", "./...")
	require.Equal(t, exitFindings, r.code, "%s", r)
	log := parseSARIF(t, r.stdout)
	run := log.Runs[0]
	prefix := rootRel(t, dir)
	var found bool
	for _, res := range run.Results {
		if !strings.Contains(res.Message.Text, "s.journal.Append may block") {
			continue
		}
		found = true
		require.Len(t, res.CodeFlows, 1)
		locs := res.CodeFlows[0].ThreadFlows[0].Locations
		require.Len(t, locs, 2, "the finding and where its chain leaves the package")
		l := locs[1].Location
		assert.Equal(t, prefix+"journal/journal.go", l.PhysicalLocation.ArtifactLocation.URI)
		assert.Equal(t, "journal.(*Journal).Append may block in its package: store.Save → store.writeFile → os.WriteFile", l.Message.Text)
		file := l.file(t, run.OriginalURIBaseIDs)
		assert.Equal(t, "Append", l.regionText(t, file), "the region is the declaration's name")
	}
	assert.True(t, found, "no s.journal.Append finding\n%s", r)
}
