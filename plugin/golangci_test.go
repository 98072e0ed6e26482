package plugin_test

// The module plugin under golangci-lint itself: these tests build the
// custom golangci-lint with .golangci-plugin/build.sh, exactly as a user
// would, and compare what it reports with the standalone command. They
// are skipped in -short mode and with BLOCKCHECK_SKIP_GOLANGCI=1: the
// first build compiles golangci-lint and all its linters (about 4 minutes
// on two cores; about 10 seconds once the Go build cache is warm).

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// crossPackage is the finding in testdata/golangci that needs the fact
// that package store exported for Save: its chain runs through store's
// unexported helper.
const crossPackage = "server/server.go:24:12: (*Server).Handle must not block: store.Save may block [file]: store.Save → store.writeFile → os.WriteFile"

// relatedPrefix is how golangci-lint labels a diagnostic's related
// information, which it reports as an issue of its own.
const relatedPrefix = "blockcheck(related information): "

func skipGolangci(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds golangci-lint: skipped in -short mode")
	}
	if os.Getenv("BLOCKCHECK_SKIP_GOLANGCI") == "1" {
		t.Skip("BLOCKCHECK_SKIP_GOLANGCI=1")
	}
	if runtime.GOOS == "windows" {
		t.Skip(".golangci-plugin/build.sh needs a Unix shell")
	}
}

// TestGolangciLint builds golangci-lint with the plugin and the standalone
// command, runs both on testdata/golangci with the same settings, and
// requires the same findings, related information included; both must
// leave out the ones //nolint:blockcheck silences, which a run on a copy
// without the comments shows are there to silence.
func TestGolangciLint(t *testing.T) {
	skipGolangci(t)
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mod := filepath.Join(repo, "testdata", "golangci")
	tmp := t.TempDir()
	ctx := testContext(t, 15*time.Minute)

	gcl := filepath.Join(tmp, "custom-gcl")
	start := time.Now()
	r := command(ctx, t, repo, nil, "bash", filepath.Join(repo, ".golangci-plugin", "build.sh"), gcl)
	if r.code != 0 {
		t.Fatalf("building golangci-lint with the plugin failed:\n%s", r)
	}
	t.Logf("built custom golangci-lint in %s: %s", time.Since(start).Round(time.Second), strings.TrimSpace(r.stderr))

	bc := filepath.Join(tmp, "blockcheck")
	if r := command(ctx, t, repo, nil, "go", "build", "-o", bc, "./cmd/blockcheck"); r.code != 0 {
		t.Fatalf("building blockcheck failed:\n%s", r)
	}

	checkSameSettings(t, mod)

	// Standalone, with the same settings from .blockcheck.yml, on a copy
	// whose //nolint:blockcheck comments are disarmed (same length, so no
	// position moves): what blockcheck finds with nothing silenced. The
	// findings on lines that carry the comment in the module are what
	// //nolint must silence, under golangci-lint and standalone alike.
	unsilenced := disarmNolint(t, mod, filepath.Join(tmp, "unsilenced"))
	full := command(ctx, t, unsilenced, nil, bc, "-json", "-config", ".blockcheck.yml", "./...")
	var want []string // what golangci-lint and standalone must report
	var silenced []string
	all, err := standaloneFindings(unsilenced, mod, full.stdout)
	if full.code != 0 || err != nil {
		t.Fatalf("standalone blockcheck: %v\n%s", err, full)
	}
	for _, f := range all {
		if f.nolint {
			silenced = append(silenced, f.String())
		} else {
			want = append(want, f.String())
		}
	}
	standalone := command(ctx, t, mod, nil, bc, "-json", "-config", ".blockcheck.yml", "./...")
	honoured, err := standaloneFindings(mod, mod, standalone.stdout)
	if standalone.code != 0 || err != nil {
		t.Fatalf("standalone blockcheck: %v\n%s", err, standalone)
	}
	var standaloneGot []string
	for _, f := range honoured {
		standaloneGot = append(standaloneGot, f.String())
	}

	// golangci-lint, with a cache of its own so that nothing is replayed.
	jsonOut := filepath.Join(tmp, "golangci.json")
	env := []string{"GOLANGCI_LINT_CACHE=" + filepath.Join(tmp, "golangci-cache")}
	args := []string{"run", "--config", ".golangci.yml",
		"--output.json.path", jsonOut,
		"--output.text.path", "stdout", "--output.text.print-issued-lines=false", "--output.text.colors=false",
		"--show-stats=false", "./..."}
	gclRun := command(ctx, t, mod, env, gcl, args...)
	got, gclErr := golangciFindings(t, mod, mod, gclRun, jsonOut)

	both := func() string {
		return fmt.Sprintf("%s\n%s", standalone, gclRun)
	}
	if gclErr != nil {
		t.Fatalf("golangci-lint: %v\n%s", gclErr, both())
	}
	if len(silenced) == 0 {
		t.Errorf("blockcheck finds nothing on a //nolint:blockcheck line: the test proves nothing about nolint\n%s\n%s", full, both())
	}
	if !slices.Equal(standaloneGot, want) {
		t.Errorf("standalone blockcheck does not honour //nolint:blockcheck as golangci-lint does\nmissing:\n%s\nnot silenced:\n%s\n%s",
			indent(minus(want, standaloneGot)), indent(minus(standaloneGot, want)), both())
	}
	if !slices.Contains(want, crossPackage) {
		t.Errorf("standalone does not report the cross-package finding\n  %s\n%s", crossPackage, both())
	}
	if !slices.Contains(got, crossPackage) {
		t.Errorf("golangci-lint does not report the cross-package finding\n  %s\n%s", crossPackage, both())
	}
	// Category lock is off by default: a lock finding shows that the
	// plugin settings reached the analyzer.
	if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, " may block [lock]") }) {
		t.Errorf("golangci-lint reports no finding of category lock: the settings in .golangci.yml (categories: [+lock]) did not reach the analyzer\n%s", both())
	}
	for _, s := range silenced {
		if slices.Contains(got, s) {
			t.Errorf("golangci-lint ignores //nolint:blockcheck: it reports\n  %s", s)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("golangci-lint and standalone blockcheck disagree (the //nolint:blockcheck lines excepted)\nmissing from golangci-lint:\n%s\nonly in golangci-lint:\n%s\n%s",
			indent(minus(want, got)), indent(minus(got, want)), both())
	}
	if t.Failed() {
		return
	}
	t.Logf("golangci-lint reports %d findings (standalone: %d, %d of them silenced by //nolint:blockcheck)", len(got), len(all), len(silenced))

	// The example configuration in .golangci-plugin must load (the plugin
	// decodes its settings strictly) and enable blockcheck.
	t.Run("example config", func(t *testing.T) {
		example := filepath.Join(repo, ".golangci-plugin", "golangci.example.yml")
		jsonOut := filepath.Join(tmp, "example.json")
		r := command(ctx, t, mod, env, gcl, "run", "--config", example,
			"--output.json.path", jsonOut, "--output.text.path", "stdout", "--output.text.print-issued-lines=false",
			"--output.text.colors=false", "--show-stats=false", "./...")
		got, err := golangciFindings(t, mod, filepath.Dir(example), r, jsonOut)
		if err != nil {
			t.Fatalf("golangci-lint with %s: %v\n%s", example, err, r)
		}
		if !slices.Contains(got, crossPackage) {
			t.Errorf("golangci-lint with %s does not report\n  %s\n%s", example, crossPackage, r)
		}
	})
}

// TestGolangciPluginBuildList checks that the build module selects every
// module golangci-lint requires at the version golangci-lint requires:
// blockcheck must not drag golang.org/x/tools (or anything else) past
// golangci-lint's, or every bundled linter is built against another one.
func TestGolangciPluginBuildList(t *testing.T) {
	skipGolangci(t)
	dir, err := filepath.Abs("../.golangci-plugin")
	if err != nil {
		t.Fatal(err)
	}
	ctx := testContext(t, 5*time.Minute)
	env := []string{"GOFLAGS=-mod=readonly"}
	r := command(ctx, t, dir, env, "go", "list", "-m", "-json", "all")
	if r.code != 0 {
		t.Fatalf("%s", r)
	}
	selected := map[string]string{}
	var golangciMod string
	for dec := json.NewDecoder(strings.NewReader(r.stdout)); ; {
		var m struct{ Path, Version, GoMod string }
		if err := dec.Decode(&m); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("decoding go list output: %v", err)
		}
		selected[m.Path] = m.Version
		if m.Path == "github.com/golangci/golangci-lint/v2" {
			golangciMod = m.GoMod
		}
	}
	if golangciMod == "" {
		t.Fatalf("the build module does not require golangci-lint\n%s", r)
	}
	r = command(ctx, t, dir, env, "go", "mod", "edit", "-json", golangciMod)
	var gomod struct {
		Require []struct{ Path, Version string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &gomod); r.code != 0 || err != nil {
		t.Fatalf("reading golangci-lint's go.mod: %v\n%s", err, r)
	}
	for _, req := range gomod.Require {
		if got := selected[req.Path]; got != req.Version {
			t.Errorf("%s is %s in the build module; golangci-lint %s requires %s", req.Path, got, selected["github.com/golangci/golangci-lint/v2"], req.Version)
		}
	}
	if len(gomod.Require) == 0 {
		t.Errorf("golangci-lint's go.mod requires nothing?\n%s", r)
	}
	t.Logf("golangci-lint %s, golang.org/x/tools %s: %d requirements of golangci-lint checked",
		selected["github.com/golangci/golangci-lint/v2"], selected["golang.org/x/tools"], len(gomod.Require))
}

// checkSameSettings requires the standalone configuration file and the
// plugin settings in .golangci.yml to say the same thing.
func checkSameSettings(t *testing.T, mod string) {
	t.Helper()
	var standalone any
	var golangci struct {
		Linters struct {
			Settings struct {
				Custom map[string]struct{ Settings any }
			}
		}
	}
	for name, v := range map[string]any{".blockcheck.yml": &standalone, ".golangci.yml": &golangci} {
		b, err := os.ReadFile(filepath.Join(mod, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	plugin := golangci.Linters.Settings.Custom["blockcheck"].Settings
	if plugin == nil || !reflect.DeepEqual(standalone, plugin) {
		t.Fatalf("testdata/golangci: .blockcheck.yml says %v, the blockcheck settings in .golangci.yml say %v; they must be the same", standalone, plugin)
	}
}

// A finding is one diagnostic, or one item of a diagnostic's related
// information, as file:line:col: message, the file relative to the module.
type finding struct {
	pos     string
	message string
	related bool
	nolint  bool // its line has //nolint:blockcheck
}

func (f finding) String() string {
	if f.related {
		return f.pos + ": \t" + f.message
	}
	return f.pos + ": " + f.message
}

// standaloneFindings decodes the command's -json output from a run in
// mod; a finding's nolint field says whether its line carries
// //nolint:blockcheck in the same file under nolintMod. Related
// information in another file is where golangci-lint puts it: at the
// diagnostic.
func standaloneFindings(mod, nolintMod, out string) ([]finding, error) {
	type diag struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
		Related []struct {
			Posn    string `json:"posn"`
			Message string `json:"message"`
		} `json:"related"`
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		return nil, fmt.Errorf("decoding -json output: %v", err)
	}
	var fs []finding
	for pkg, analyzers := range tree {
		for name, raw := range analyzers {
			var diags []diag
			if err := json.Unmarshal(raw, &diags); err != nil {
				return nil, fmt.Errorf("%s: %s: %s", pkg, name, raw) // an analysis error
			}
			for _, d := range diags {
				pos, err := relPos(mod, d.Posn)
				if err != nil {
					return nil, err
				}
				nolint, err := hasNolint(nolintMod, pos)
				if err != nil {
					return nil, err
				}
				fs = append(fs, finding{pos: pos, message: d.Message, nolint: nolint})
				for _, r := range d.Related {
					rpos, err := relPos(mod, r.Posn)
					if err != nil {
						return nil, err
					}
					if file(rpos) != file(pos) {
						rpos = pos
					}
					// golangci-lint reports related information as issues of
					// their own, each silenced by a nolint on its own line.
					rnolint, err := hasNolint(nolintMod, rpos)
					if err != nil {
						return nil, err
					}
					fs = append(fs, finding{pos: rpos, message: r.Message, related: true, nolint: rnolint})
				}
			}
		}
	}
	slices.SortFunc(fs, func(a, b finding) int { return strings.Compare(a.String(), b.String()) })
	return fs, nil
}

// golangciFindings checks that golangci-lint ran without error, with
// issues (exit status 1) all from blockcheck, and returns them sorted.
// Their files are relative to cfgDir, the configuration's directory
// (golangci-lint's default run.relative-path-mode, cfg).
func golangciFindings(t *testing.T, mod, cfgDir string, r result, jsonOut string) ([]string, error) {
	t.Helper()
	if r.code != 1 {
		return nil, fmt.Errorf("exit status %d, want 1 (issues found)", r.code)
	}
	if strings.Contains(r.stderr, "level=error") {
		return nil, errors.New("errors on standard error")
	}
	b, err := os.ReadFile(jsonOut)
	if err != nil {
		return nil, err
	}
	var res struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
		Report struct {
			Error    string
			Warnings []struct{ Tag, Text string }
		}
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return nil, fmt.Errorf("decoding %s: %v", jsonOut, err)
	}
	if res.Report.Error != "" {
		return nil, fmt.Errorf("report error: %s", res.Report.Error)
	}
	for _, w := range res.Report.Warnings {
		t.Logf("golangci-lint warning: %s: %s", w.Tag, w.Text)
	}
	var got []string
	for _, is := range res.Issues {
		if is.FromLinter != "blockcheck" {
			return nil, fmt.Errorf("issue from linter %q: %s", is.FromLinter, is.Text)
		}
		name := is.Pos.Filename
		if !filepath.IsAbs(name) {
			name = filepath.Join(cfgDir, name)
		}
		pos, err := relPos(mod, fmt.Sprintf("%s:%d:%d", name, is.Pos.Line, is.Pos.Column))
		if err != nil {
			return nil, err
		}
		f := finding{pos: pos, message: is.Text}
		if m, ok := strings.CutPrefix(is.Text, relatedPrefix); ok {
			f.message, f.related = m, true
		}
		got = append(got, f.String())
	}
	slices.Sort(got)
	return got, nil
}

// relPos turns /abs/file.go:line:col into file.go:line:col relative to
// mod, with slashes.
func relPos(mod, posn string) (string, error) {
	name, rest, ok := cutLineCol(posn)
	if !ok {
		return "", fmt.Errorf("position %q is not file:line:col", posn)
	}
	rel, err := filepath.Rel(mod, name)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel) + rest, nil
}

func cutLineCol(posn string) (name, lineCol string, ok bool) {
	i := strings.LastIndexByte(posn, ':')
	if i < 0 {
		return "", "", false
	}
	j := strings.LastIndexByte(posn[:i], ':')
	if j < 0 {
		return "", "", false
	}
	return posn[:j], posn[j:], true
}

func file(pos string) string {
	name, _, _ := cutLineCol(pos)
	return name
}

// disarmNolint copies the module at mod to dst with every
// //nolint:blockcheck comment rewritten to a plain comment of the same
// length, and returns dst.
func disarmNolint(t *testing.T, mod, dst string) string {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(mod)); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(dst, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n += bytes.Count(b, []byte("//nolint:blockcheck"))
		return os.WriteFile(path, bytes.ReplaceAll(b, []byte("//nolint:blockcheck"), []byte("//silent:blockcheck")), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("%s has no //nolint:blockcheck comment: the test proves nothing about nolint", mod)
	}
	return dst
}

// hasNolint reports whether the line at pos (relative to mod) carries
// //nolint:blockcheck.
func hasNolint(mod, pos string) (bool, error) {
	name, lineCol, _ := cutLineCol(pos)
	var line, col int
	if _, err := fmt.Sscanf(lineCol, ":%d:%d", &line, &col); err != nil {
		return false, fmt.Errorf("position %q: %v", pos, err)
	}
	b, err := os.ReadFile(filepath.Join(mod, filepath.FromSlash(name)))
	if err != nil {
		return false, err
	}
	lines := strings.Split(string(b), "\n")
	if line < 1 || line > len(lines) {
		return false, fmt.Errorf("position %q: no such line", pos)
	}
	return strings.Contains(lines[line-1], "//nolint:blockcheck"), nil
}

// result is what one run of a command did.
type result struct {
	args           []string
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("$ %s\nexit status %d\n--- stdout:\n%s--- stderr:\n%s", strings.Join(r.args, " "), r.code, r.stdout, r.stderr)
}

// command runs name in dir with env added to the environment. It fails
// the test only if the command could not be run at all, or ran out of
// time.
func command(ctx context.Context, t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "PWD="+dir)
	cmd.Env = append(cmd.Env, env...)
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{args: append([]string{filepath.Base(name)}, args...), stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("%s: %v\n%s", strings.Join(r.args, " "), ctx.Err(), r)
	case err == nil:
	case errors.As(err, &exitErr) && exitErr.ExitCode() >= 0:
		r.code = exitErr.ExitCode()
	default:
		t.Fatalf("running %s: %v\n%s", strings.Join(r.args, " "), err, r)
	}
	return r
}

// testContext ends after limit, or a little before the test binary's own
// deadline (go test -timeout), so that a slow build fails the test with
// its output instead of a panic.
func testContext(t *testing.T, limit time.Duration) context.Context {
	deadline := time.Now().Add(limit)
	if d, ok := t.Deadline(); ok && d.Add(-30*time.Second).Before(deadline) {
		deadline = d.Add(-30 * time.Second)
	}
	ctx, cancel := context.WithDeadline(t.Context(), deadline)
	t.Cleanup(cancel)
	return ctx
}

func minus(a, b []string) []string {
	var d []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			d = append(d, s)
		}
	}
	return d
}

func indent(lines []string) string {
	if len(lines) == 0 {
		return "  (none)"
	}
	return "  " + strings.Join(lines, "\n  ")
}
