package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
)

func integrationDir(t *testing.T) string {
	t.Helper()
	return moduleDir(t, "integration")
}

// repoRoot is the repository's root: the default source root of the
// modules under testdata when it is a git checkout; in a copy without
// .git, the module's own directory (dir) is.
func repoRoot(t *testing.T, dir string) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	root, err = filepath.EvalSymlinks(root)
	require.NoError(t, err)
	if _, err := os.Lstat(filepath.Join(root, ".git")); err != nil {
		return dir
	}
	return root
}

// rootRel is the prefix paths of files of dir have, relative to the
// default source root: "testdata/integration/" in a git checkout.
func rootRel(t *testing.T, dir string) string {
	t.Helper()
	rel, err := filepath.Rel(repoRoot(t, dir), dir)
	require.NoError(t, err)
	if rel == "." {
		return ""
	}
	return filepath.ToSlash(rel) + "/"
}

// writeModule writes files (name to content) into a new temporary module
// directory and returns it.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

// sarifSchema returns the OASIS SARIF 2.1.0 schema (errata 01), as the
// go-sarif module carries it: read from the module cache, not copied here.
// It returns nil, and says so in the log, when the module cannot be
// downloaded: the checks that do not need the schema still run.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/owenrumney/go-sarif/v3@v3.3.1").Output()
	if err != nil {
		t.Logf("SCHEMA CHECK SKIPPED: cannot download the module carrying the SARIF schema: %v", err)
		return nil
	}
	var mod struct{ Dir string }
	require.NoError(t, json.Unmarshal(out, &mod))
	src, err := os.ReadFile(filepath.Join(mod.Dir, "pkg", "report", "v210", "sarif", "schema.go"))
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)const schema = `(.*)`").FindSubmatch(src)
	require.NotNil(t, m, "no schema in schema.go")
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(m[1]))
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	require.NoError(t, c.AddResource("sarif-schema-2.1.0.json", doc))
	s, err := c.Compile("sarif-schema-2.1.0.json")
	require.NoError(t, err)
	return s
}

// validateSARIF checks a log against the schema, when there is one.
func validateSARIF(t *testing.T, schema *jsonschema.Schema, log string) {
	t.Helper()
	if schema == nil {
		return
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(log))
	require.NoError(t, err, "not JSON:\n%s", log)
	require.NoError(t, schema.Validate(inst), "SARIF output does not validate")
	// The validator bites: a wrong version fails.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(log, `"version": "2.1.0"`, `"version": "2.0"`, 1)))
	require.Error(t, schema.Validate(bad), "the schema accepted version 2.0: the validation is not working")
}

// The parts of a SARIF log the tests read.
type sarifTestLog struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Version string
				Rules   []struct {
					ID, Name             string
					DefaultConfiguration struct{ Level string }
				}
			}
		}
		OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
		Results            []struct {
			RuleID              string
			RuleIndex           int
			Level               string
			Message             struct{ Text string }
			PartialFingerprints map[string]string
			CodeFlows           []struct {
				ThreadFlows []struct {
					Locations []struct{ Location sarifTestLocation }
				}
			}
			Locations  []sarifTestLocation
			Properties map[string]string
		}
	}
}

type sarifTestLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string
			URIBaseID string `json:"uriBaseId"`
		}
		Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
	}
	Message struct{ Text string }
}

func parseSARIF(t *testing.T, out string) sarifTestLog {
	t.Helper()
	var log sarifTestLog
	require.NoError(t, json.Unmarshal([]byte(out), &log), "not a SARIF log:\n%s", out)
	require.Len(t, log.Runs, 1)
	return log
}

// file returns the absolute file a location names, resolving a URI
// relative to the source root through originalUriBaseIds.
func (l sarifTestLocation) file(t *testing.T, bases map[string]struct{ URI string }) string {
	t.Helper()
	a := l.PhysicalLocation.ArtifactLocation
	u, err := url.Parse(a.URI)
	require.NoError(t, err, a.URI)
	if a.URIBaseID != "" {
		base, ok := bases[a.URIBaseID]
		require.True(t, ok, "uriBaseId %q is not in originalUriBaseIds", a.URIBaseID)
		b, err := url.Parse(base.URI)
		require.NoError(t, err)
		require.True(t, strings.HasSuffix(b.Path, "/"), "base URI %q does not end in /", base.URI)
		u = b.ResolveReference(u)
	}
	require.Equal(t, "file", u.Scheme, "URI %q (base %q) is not a file URI", a.URI, a.URIBaseID)
	return filepath.FromSlash(u.Path)
}

// regionText returns the source text a location's region covers, on its
// first line.
func (l sarifTestLocation) regionText(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	r := l.PhysicalLocation.Region
	lines := strings.Split(string(data), "\n")
	require.LessOrEqual(t, r.StartLine, len(lines))
	line := lines[r.StartLine-1]
	end := len(line) + 1
	if r.EndLine == r.StartLine {
		end = r.EndColumn
	}
	require.True(t, 1 <= r.StartColumn && r.StartColumn <= end && end <= len(line)+1, "region %+v outside line %q", r, line)
	return line[r.StartColumn-1 : end-1]
}

// TestSARIF validates -format=sarif output against the SARIF 2.1.0 schema
// and checks what the schema cannot: a rule per category, a result per
// finding under its category's rule, unique fingerprints, regions with
// their ends, URIs relative to the source root that resolve to the files,
// and the chain as a code flow.
func TestSARIF(t *testing.T) {
	t.Parallel()
	schema := sarifSchema(t)
	dir := integrationDir(t)
	r := blockcheck(t, dir, "-format=sarif", "./...")
	checkExit(t, r, 3)
	validateSARIF(t, schema, r.stdout)
	log := parseSARIF(t, r.stdout)
	run := log.Runs[0]

	require.Len(t, run.Tool.Driver.Rules, len(facts.AllCategories())+1, "one rule per category and one for directives")
	assert.NotEmpty(t, run.Tool.Driver.Version)
	assert.Equal(t, fileURI(repoRoot(t, dir), true), run.OriginalURIBaseIDs[srcRoot].URI, "the default source root is the repository's root")

	text := blockcheck(t, dir, "./...")
	assert.Len(t, run.Results, strings.Count(text.stdout, "must not block")+strings.Count(text.stdout, "malformed directive"), "a result per finding of the text output")

	fingerprints := make(map[string]string)
	flows := 0
	for _, res := range run.Results {
		loc := res.Locations[0]
		file := loc.file(t, run.OriginalURIBaseIDs)
		rel, err := filepath.Rel(dir, file)
		require.NoError(t, err)
		posn := fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel), loc.PhysicalLocation.Region.StartLine, loc.PhysicalLocation.Region.StartColumn)
		assert.Equal(t, srcRoot, loc.PhysicalLocation.ArtifactLocation.URIBaseID, "%s: a file in the source root has a relative URI", posn)
		assert.True(t, strings.HasPrefix(loc.PhysicalLocation.ArtifactLocation.URI, rootRel(t, dir)), "%s: URI %q is not relative to the repository root", posn, loc.PhysicalLocation.ArtifactLocation.URI)

		// The result is under its finding's category's rule.
		var category string
		for _, e := range integrationExpectations {
			if e.primary && e.posn(t, dir) == posn {
				category = e.category
			}
		}
		require.NotEmpty(t, category, "no expected finding at %s", posn)
		assert.Equal(t, "blockcheck/"+category, res.RuleID, "%s: ruleId", posn)
		require.Less(t, res.RuleIndex, len(run.Tool.Driver.Rules))
		assert.Equal(t, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID, "%s: ruleIndex names another rule", posn)
		assert.Equal(t, "error", res.Level, "%s: the default level", posn)

		fp := res.PartialFingerprints[fingerprintKey]
		assert.NotEmpty(t, fp, "%s: no fingerprint", posn)
		assert.NotContains(t, fingerprints, fp, "%s: the fingerprint of %s too", posn, fingerprints[fp])
		fingerprints[fp] = posn

		reg := loc.PhysicalLocation.Region
		assert.True(t, reg.EndLine > reg.StartLine || reg.EndLine == reg.StartLine && reg.EndColumn > reg.StartColumn, "%s: region %+v has no end after its start", posn, reg)

		if len(res.CodeFlows) > 0 {
			flows++
			locs := res.CodeFlows[0].ThreadFlows[0].Locations
			assert.GreaterOrEqual(t, len(locs), 2, "%s: the code flow has the finding and its hops", posn)
			for _, l := range locs {
				f := l.Location.file(t, run.OriginalURIBaseIDs)
				assert.FileExists(t, f)
				assert.NotEmpty(t, l.Location.regionText(t, f), "%s: a code-flow location covers nothing", posn)
			}
		}
	}
	assert.NotZero(t, flows, "no result carries its chain as a code flow")

	// The regions cover the calls and statements reported.
	for _, want := range []struct{ line, text string }{
		{"// FINDING append", "s.journal.Append(ev.Data)"},
		{"// FINDING send", "<- ev.Data"},
		{"// FINDING shutdown", "s.flush(-1)"},
	} {
		line, _ := locate(t, dir, "server/server.go", want.line, "")
		found := false
		for _, res := range run.Results {
			loc := res.Locations[0]
			if loc.PhysicalLocation.Region.StartLine == line && strings.HasSuffix(loc.PhysicalLocation.ArtifactLocation.URI, "/server/server.go") {
				found = true
				assert.Equal(t, want.text, loc.regionText(t, loc.file(t, run.OriginalURIBaseIDs)))
			}
		}
		assert.True(t, found, "no result on the line of %q", want.line)
	}
}

// TestSARIFLevelsAndSourceRoot: -levels sets results' and rules' levels
// per category, and -source-root the base the URIs are relative to.
func TestSARIFLevelsAndSourceRoot(t *testing.T) {
	t.Parallel()
	dir := integrationDir(t)
	r := blockcheck(t, dir, "-format=sarif", "-levels=chan=warning,directive=note", "-source-root=.", "./...")
	checkExit(t, r, 3)
	log := parseSARIF(t, r.stdout)
	run := log.Runs[0]
	assert.Equal(t, fileURI(dir, true), run.OriginalURIBaseIDs[srcRoot].URI)
	levels := make(map[string]string)
	for _, rule := range run.Tool.Driver.Rules {
		levels[rule.Name] = rule.DefaultConfiguration.Level
	}
	assert.Equal(t, map[string]string{"chan": "warning", "directive": "note", "net": "error", "file": "error"},
		map[string]string{"chan": levels["chan"], "directive": levels["directive"], "net": levels["net"], "file": levels["file"]})
	seen := make(map[string]bool)
	for _, res := range run.Results {
		cat := strings.TrimPrefix(res.RuleID, "blockcheck/")
		seen[cat] = true
		want := map[string]string{"chan": "warning", "directive": "note"}[cat]
		if want == "" {
			want = "error"
		}
		assert.Equal(t, want, res.Level, res.Message.Text)
		uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI
		assert.True(t, strings.HasPrefix(uri, "server/") || strings.HasPrefix(uri, "baddirective/"), "URI %q is not relative to -source-root", uri)
	}
	assert.True(t, seen["chan"] && seen["directive"] && seen["file"], "the test needs findings of chan, directive and file: %v", seen)
}

// TestSARIFFingerprintsUnique: the same message in several functions, and
// twice in one function, gets a fingerprint per finding (the package,
// category and message alone collide). Fingerprints survive code moving.
func TestSARIFFingerprintsUnique(t *testing.T) {
	t.Parallel()
	src := "package p\n\nimport (\n\t\"os\"\n\t\"sync\"\n)\n\ntype C struct{ mu sync.Mutex }\n\n" +
		"func (c *C) A() { c.mu.Lock(); os.WriteFile(\"a\", nil, 0); c.mu.Unlock() }\n\n" +
		"func (c *C) B() { c.mu.Lock(); os.WriteFile(\"a\", nil, 0); c.mu.Unlock() }\n\n" +
		"func (c *C) D() {\n\tc.mu.Lock()\n\tos.WriteFile(\"a\", nil, 0)\n\tos.WriteFile(\"a\", nil, 0)\n\tc.mu.Unlock()\n}\n"
	dir := writeModule(t, map[string]string{"go.mod": "module example.com/fp\n\ngo 1.26\n", "p/p.go": src})
	fingerprints := func() []string {
		r := blockcheck(t, dir, "-format=sarif", "./...")
		checkExit(t, r, 3)
		var fps []string
		for _, res := range parseSARIF(t, r.stdout).Runs[0].Results {
			fps = append(fps, res.PartialFingerprints[fingerprintKey])
		}
		return fps
	}
	before := fingerprints()
	require.Len(t, before, 4)
	unique := make(map[string]bool)
	for _, fp := range before {
		unique[fp] = true
	}
	assert.Len(t, unique, 4, "fingerprints collide: %v", before)

	// Moving code down and a function first changes no fingerprint.
	moved := strings.Replace(src, "type C struct", "// padding\n\n\ntype C struct", 1)
	moved = strings.Replace(moved, "func (c *C) A()", "func (c *C) Z() {}\n\nfunc (c *C) A()", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p", "p.go"), []byte(moved), 0o644))
	assert.ElementsMatch(t, before, fingerprints())
}

// TestGitHubFormat checks -format=github against the workflow-command
// syntax: ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message,
// with %, CR, LF (and , and : in properties) escaped, paths relative to
// the source root, and the command from the category's level.
func TestGitHubFormat(t *testing.T) {
	t.Parallel()
	dir := integrationDir(t)
	r := blockcheck(t, dir, "-format=github", "./...")
	checkExit(t, r, 3)
	cmd := regexp.MustCompile(`^::(error|warning|notice) file=([^,:%\n]|%2C|%3A|%25)+,line=[1-9][0-9]*,col=[1-9][0-9]*(,endLine=[1-9][0-9]*(,endColumn=[1-9][0-9]*)?)?,title=blockcheck \[(` + strings.Join(append(categoryNames(), "directive"), "|") + `)\]::[^\r\n]+$`)
	require.False(t, cmd.MatchString("::error file=a.go,line=1,col=1,title=blockcheck []::m"), "the pattern accepts an empty category")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	require.GreaterOrEqual(t, len(lines), 4, "want a line per finding, got:\n%s", r.stdout)
	for _, l := range lines {
		assert.Regexp(t, cmd, l)
		assert.Contains(t, l, "file="+rootRel(t, dir), "paths are relative to the repository root")
		assert.Contains(t, l, ",endLine=", "annotations carry their ends")
	}
	assert.Contains(t, r.stdout, "%0A", "a finding with related hops should carry them on escaped new lines")
	assert.Equal(t, "a%2Cb%3Ac%25d%0Ae", escapeProperty("a,b:c%d\ne"))

	// Levels choose the command; -source-root the paths.
	r = blockcheck(t, dir, "-format=github", "-levels=chan=warning,directive=note", "-source-root="+dir, "./...")
	checkExit(t, r, 3)
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		switch {
		case strings.Contains(l, "title=blockcheck [chan]"):
			assert.True(t, strings.HasPrefix(l, "::warning file=server/server.go,"), l)
		case strings.Contains(l, "title=blockcheck [directive]"):
			assert.True(t, strings.HasPrefix(l, "::notice file=baddirective/bad.go,"), l)
		default:
			assert.True(t, strings.HasPrefix(l, "::error "), l)
		}
	}
}

func TestListSinksAndUnknownFormat(t *testing.T) {
	t.Parallel()
	r := blockcheck(t, integrationDir(t), "-list-sinks")
	checkExit(t, r, 0)
	for _, want := range []string{"sleep    time.Sleep", "net      (net.Conn).Read", "sql      (*database/sql.DB).QueryContext"} {
		assert.Contains(t, r.stdout, want)
	}
	r = blockcheck(t, integrationDir(t), "-format=xml", "./...")
	checkExit(t, r, 2)
	assert.Contains(t, r.stderr, `unknown format "xml" (known: text, json, sarif, github, summary)`)
}

// TestSourceRootSubfolder: a module in a subfolder of a git repository is
// annotated with its paths in the repository, in SARIF, the GitHub format
// and the summary; without a repository, paths are relative to the module.
func TestSourceRootSubfolder(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"backend/go.mod": "module example.com/backend\n\ngo 1.26\n",
		"backend/p/p.go": "package p\n\nimport \"time\"\n\n//blockcheck:nonblocking\nfunc F() { time.Sleep(1) }\n",
	}
	repo := writeModule(t, files)
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	bare := writeModule(t, files)
	for _, tc := range []struct {
		dir, root, path string
	}{
		{filepath.Join(repo, "backend"), repo, "backend/p/p.go"},
		{filepath.Join(bare, "backend"), filepath.Join(bare, "backend"), "p/p.go"},
	} {
		md := filepath.Join(t.TempDir(), "summary.md")
		r := blockcheck(t, tc.dir, "-format=github,sarif=out.sarif,summary="+md, "./...")
		checkExit(t, r, 3)
		assert.True(t, strings.HasPrefix(r.stdout, "::error file="+tc.path+",line=6,col=12,"), r.stdout)
		data, err := os.ReadFile(filepath.Join(tc.dir, "out.sarif"))
		require.NoError(t, err)
		run := parseSARIF(t, string(data)).Runs[0]
		assert.Equal(t, fileURI(tc.root, true), run.OriginalURIBaseIDs[srcRoot].URI)
		require.Len(t, run.Results, 1)
		assert.Equal(t, tc.path, run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI)
		data, err = os.ReadFile(md)
		require.NoError(t, err)
		assert.Contains(t, string(data), "- `"+tc.path+":6:12`")
		// The text output stays relative to the working directory.
		r = blockcheck(t, tc.dir, "./...")
		assert.True(t, strings.HasPrefix(r.stdout, "p/p.go:6:12: "), r.stdout)
	}
}

// TestSARIFLoopProperties requires a profile root's finding to carry what
// the root runs on and its severity as SARIF properties, read from the end
// of its message, and other findings to carry none.
func TestSARIFLoopProperties(t *testing.T) {
	fs := []*finding{
		{pkg: "example.com/ui", category: "file", message: "model.Update must not block: store.Save may block [file]: store.Save → os.WriteFile; runs on bubbletea's event loop (single shared loop)"},
		{pkg: "example.com/otel", category: "net", message: "(*processor).OnStart must not block: p.report may block [net]: net.Dial; runs on otel's span start and end (caller-latency contract)"},
		{pkg: "example.com/app", category: "sleep", message: "Handle must not block: time.Sleep may block [sleep]"},
		{pkg: "example.com/app", category: "sleep", message: "Handle must not block: f may block [sleep]: f → time.Sleep; runs on nothing (not a severity)"},
	}
	root := t.TempDir()
	for i, f := range fs {
		f.posn = token.Position{Filename: filepath.Join(root, "a.go"), Line: i + 1, Column: 1}
	}
	var out bytes.Buffer
	require.NoError(t, printSARIF(&out, fs, paths{wd: root, root: root}, config.Default().Levels))
	validateSARIF(t, sarifSchema(t), out.String())
	log := parseSARIF(t, out.String())
	var got []map[string]string
	for _, r := range log.Runs[0].Results {
		got = append(got, r.Properties)
	}
	assert.Equal(t, []map[string]string{
		{"loop": "bubbletea's event loop", "loopSeverity": "single shared loop"},
		{"loop": "otel's span start and end", "loopSeverity": "caller-latency contract"},
		nil,
		nil,
	}, got)
}
