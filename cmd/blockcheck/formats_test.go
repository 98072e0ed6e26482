package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func integrationDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "integration"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// sarifSchema returns the OASIS SARIF 2.1.0 schema (errata 01), as the
// go-sarif module carries it: read from the module cache, not copied here.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/owenrumney/go-sarif/v3@v3.3.1").Output()
	if err != nil {
		t.Skipf("cannot download the module carrying the SARIF schema: %v", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(mod.Dir, "pkg", "report", "v210", "sarif", "schema.go"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)const schema = `(.*)`").FindSubmatch(src)
	if m == nil {
		t.Fatal("no schema in schema.go")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSARIF validates -format=sarif output against the SARIF 2.1.0 schema
// and checks what the schema cannot: a rule per category, a result per
// finding, fingerprints, and the chain as a code flow.
func TestSARIF(t *testing.T) {
	schema := sarifSchema(t)
	dir := integrationDir(t)
	r := blockcheck(t, dir, "-format=sarif", "./...")
	checkExit(t, r, 3)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF output does not validate: %v", err)
	}
	// The validator bites: a wrong version fails.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(r.stdout, `"version": "2.1.0"`, `"version": "2.0"`, 1)))
	if schema.Validate(bad) == nil {
		t.Fatal("the schema accepted version 2.0: the validation is not working")
	}

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID, Name string }
				}
			}
			Results []struct {
				RuleID              string
				Message             struct{ Text string }
				PartialFingerprints map[string]string
				CodeFlows           []struct {
					ThreadFlows []struct {
						Locations []json.RawMessage
					}
				}
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 12 { // 11 categories and "directive"
		t.Errorf("%d rules, want one per category and one for directives", len(run.Tool.Driver.Rules))
	}
	text := blockcheck(t, dir, "./...")
	if want := strings.Count(text.stderr, "must not block") + strings.Count(text.stderr, "malformed directive"); len(run.Results) != want {
		t.Errorf("%d results, want %d (the text output's findings)", len(run.Results), want)
	}
	flows := 0
	for _, res := range run.Results {
		if res.PartialFingerprints["blockcheck/v1"] == "" {
			t.Errorf("result %q has no fingerprint", res.Message.Text)
		}
		if uri := res.Locations[0].PhysicalLocation.ArtifactLocation.URI; strings.HasPrefix(uri, "/") || !strings.HasSuffix(uri, ".go") {
			t.Errorf("result location %q is not a relative .go path", uri)
		}
		if len(res.CodeFlows) > 0 {
			flows++
			if n := len(res.CodeFlows[0].ThreadFlows[0].Locations); n < 2 {
				t.Errorf("code flow of %q has %d locations, want the finding and its hops", res.Message.Text, n)
			}
		}
	}
	if flows == 0 {
		t.Error("no result carries its chain as a code flow")
	}
}

// TestGitHubFormat checks -format=github against the workflow-command
// syntax: ::error file=F,line=L,col=C,title=T::message, with %, CR, LF
// (and , and : in properties) escaped.
func TestGitHubFormat(t *testing.T) {
	r := blockcheck(t, integrationDir(t), "-format=github", "./...")
	checkExit(t, r, 3)
	cmd := regexp.MustCompile(`^::error file=([^,:%\n]|%2C|%3A|%25)+,line=[1-9][0-9]*,col=[1-9][0-9]*,title=([^,:\n]|%2C|%3A|%25)+::[^\r\n]+$`)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) < 4 {
		t.Fatalf("want a line per finding, got:\n%s", r.stdout)
	}
	for _, l := range lines {
		if !cmd.MatchString(l) {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	if !strings.Contains(r.stdout, "%0A") {
		t.Error("a finding with related hops should carry them on escaped new lines")
	}
	if got := escapeProperty("a,b:c%d\ne"); got != "a%2Cb%3Ac%25d%0Ae" {
		t.Errorf("escapeProperty = %q", got)
	}
}

func TestListSinksAndUnknownFormat(t *testing.T) {
	r := blockcheck(t, integrationDir(t), "-list-sinks")
	checkExit(t, r, 0)
	for _, want := range []string{"sleep    time.Sleep", "net      (net.Conn).Read", "sql      (*database/sql.DB).QueryContext"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-list-sinks lacks %q", want)
		}
	}
	r = blockcheck(t, integrationDir(t), "-format=xml", "./...")
	checkExit(t, r, 2)
	if !strings.Contains(r.stderr, `unknown -format "xml"`) {
		t.Errorf("unknown format message: %s", r.stderr)
	}
}
