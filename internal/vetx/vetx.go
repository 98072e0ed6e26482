// Package vetx is blockcheck's driver under go vet -vettool: the go
// command's unit protocol (-V=full, -flags, then one JSON *.cfg file per
// package, dependencies first), with the flags, outputs and exit statuses
// of golang.org/x/tools' unitchecker.
//
// What it does that unitchecker does not: a package the standard-library
// table answers for (the standard library, golang.org/x/sys/unix; see
// facts.AnsweredByTable) is neither parsed nor type-checked: its facts
// file is written empty, which is what the analyzer would have exported
// for it. The other packages are type-checked against their imports' types
// as their own runs wrote them into their facts files (go/types export
// data, as unitchecker does), and, for an import the table answers, against
// the compiler's export data (the configuration's PackageFile), which the
// go command builds and caches anyway.
//
// BLOCKCHECK_VET_TRACE, when set to a file name, makes each run append a
// line to that file: "table <path>" for a package answered by the table,
// "check <path>" for one type-checked and analyzed. Tests use it.
package vetx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
	"golang.org/x/tools/go/gcexportdata"

	"github.com/blockcheck/blockcheck/facts"
)

// Tool is what the driver runs.
type Tool struct {
	// Analyzer is the analyzer; its flags are the command's. It must not
	// require other analyzers.
	Analyzer *analysis.Analyzer
	// Version prints the -V=full line the go command keys its cache on.
	Version func(w io.Writer) error
	// Flags, if not nil, defines the command's own flags under go vet.
	Flags func(fs *flag.FlagSet)
	// Check, if not nil, vets a unit's flags and configuration before the
	// package is analyzed; an error fails the unit.
	Check func(fs *flag.FlagSet, cfg *unitchecker.Config) error
}

// options are the driver's flags: those of unitchecker's drivers.
type options struct {
	json       bool
	context    int
	fix        bool
	printFlags bool
	version    string
}

// Main runs the driver on the command line args (without the program
// name) and returns the exit status: 0 when clean (or with -json), 1 on
// findings or on an error, 2 on a bad flag.
func Main(tool Tool, args []string) int {
	return run(tool, args, os.Stdout, os.Stderr)
}

func run(tool Tool, args []string, stdout, stderr io.Writer) int {
	if len(tool.Analyzer.Requires) > 0 {
		fmt.Fprintf(stderr, "%s: the go vet driver runs analyzers without requirements\n", tool.Analyzer.Name)
		return 1
	}
	fs, opt := newFlagSet(tool.Analyzer)
	if tool.Flags != nil {
		tool.Flags(fs)
	}
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if opt.version != "" {
		if opt.version != "full" {
			fmt.Fprintf(stderr, "%s: unsupported flag value: -V=%s (use -V=full)\n", tool.Analyzer.Name, opt.version)
			return 1
		}
		if err := tool.Version(stdout); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", tool.Analyzer.Name, err)
			return 1
		}
		return 0
	}
	if opt.printFlags {
		return printFlags(fs, stdout, stderr)
	}
	if fs.NArg() != 1 || !strings.HasSuffix(fs.Arg(0), ".cfg") {
		fmt.Fprintf(stderr, "%s: under go vet, the argument is one *.cfg file; run go vet -vettool=$(command -v %[1]s)\n", tool.Analyzer.Name)
		return 1
	}
	d := &driver{a: tool.Analyzer, opt: opt, stdout: stdout, stderr: stderr, fs: fs, check: tool.Check}
	return d.unit(fs.Arg(0))
}

// newFlagSet defines the analyzer's flags and the driver's, with the names,
// kinds and usage go vet learns from -flags.
func newFlagSet(a *analysis.Analyzer) (*flag.FlagSet, *options) {
	fs := flag.NewFlagSet(a.Name, flag.ContinueOnError)
	fs.Usage = func() {}
	opt := &options{context: -1}
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	// The standalone drivers' debugging flags (not listed by -flags).
	fs.String("debug", "", `debug flags, any subset of "fpstv"`)
	fs.String("cpuprofile", "", "write CPU profile to this file")
	fs.String("memprofile", "", "write memory profile to this file")
	fs.String("trace", "", "write trace log to this file")
	fs.Bool("test", true, "indicates whether test files should be analyzed, too")
	// The protocol's and the outputs'.
	fs.BoolVar(&opt.printFlags, "flags", false, "print analyzer flags in JSON")
	fs.Var(versionFlag{&opt.version}, "V", "print version and exit")
	fs.BoolVar(&opt.json, "json", false, "emit JSON output")
	fs.IntVar(&opt.context, "c", -1, `display offending line with this many lines of context`)
	fs.BoolVar(&opt.fix, "fix", false, "apply all suggested fixes")
	fs.Bool("diff", false, "with -fix, don't update the files, but print a unified diff")
	// Legacy vet flags, accepted and ignored.
	fs.Bool("source", false, "no effect (deprecated)")
	fs.Bool("v", false, "no effect (deprecated)")
	fs.Bool("all", false, "no effect (deprecated)")
	fs.String("tags", "", "no effect (deprecated)")
	return fs, opt
}

// versionFlag is -V: a boolean flag in form (-V=full).
type versionFlag struct{ v *string }

func (versionFlag) IsBoolFlag() bool     { return true }
func (versionFlag) String() string       { return "" }
func (f versionFlag) Set(s string) error { *f.v = s; return nil }

// printFlags prints the flags as go vet reads them: a JSON list of name,
// whether boolean, usage.
func printFlags(fs *flag.FlagSet, stdout, stderr io.Writer) int {
	type jsonFlag struct {
		Name  string
		Bool  bool
		Usage string
	}
	var list []jsonFlag
	fs.VisitAll(func(f *flag.Flag) {
		switch f.Name {
		case "debug", "cpuprofile", "memprofile", "trace", "fix":
			return // no effect under go vet
		}
		b, ok := f.Value.(interface{ IsBoolFlag() bool })
		list = append(list, jsonFlag{f.Name, ok && b.IsBoolFlag(), f.Usage})
	})
	data, err := json.MarshalIndent(list, "", "\t")
	if err == nil {
		_, err = stdout.Write(data)
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// driver runs the analyzer on one package.
type driver struct {
	a              *analysis.Analyzer
	opt            *options
	stdout, stderr io.Writer
	fs             *flag.FlagSet
	check          func(*flag.FlagSet, *unitchecker.Config) error
}

func (d *driver) fail(err error) int {
	fmt.Fprintf(d.stderr, "%s: %v\n", d.a.Name, err)
	return 1
}

// unit analyzes the package a configuration file describes and returns
// the exit status.
func (d *driver) unit(cfgFile string) int {
	fail := d.fail
	cfg, err := readConfig(cfgFile)
	if err != nil {
		return fail(err)
	}
	if d.check != nil {
		if err := d.check(d.fs, cfg); err != nil {
			return fail(err)
		}
	}
	if cfg.Stdout != "" {
		f, err := os.Create(cfg.Stdout)
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		d.stdout = f
	}
	if answered(cfg) {
		trace("table", cfg.ImportPath)
		if cfg.VetxOutput != "" {
			if err := writeVetx(cfg.VetxOutput, nil, nil); err != nil {
				return fail(err)
			}
		}
		if cfg.VetxOnly {
			return 0
		}
		return d.print(cfg, &unit{fset: token.NewFileSet()}, nil, nil)
	}
	trace("check", cfg.ImportPath)
	u, diags, aerr, err := analyze(d.a, cfg)
	if err != nil {
		if cfg.VetxOnly {
			return 1
		}
		var terr types.Error
		var serr scanner.ErrorList
		if errors.As(err, &terr) || errors.As(err, &serr) {
			fmt.Fprintln(d.stderr, err) // as the compiler prints them
			return 1
		}
		return fail(err)
	}
	if cfg.VetxOnly {
		return 0
	}
	return d.print(cfg, u, diags, aerr)
}

// readConfig reads a vet configuration file.
func readConfig(name string) (*unitchecker.Config, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	cfg := new(unitchecker.Config)
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("cannot decode JSON config file %s: %v", name, err)
	}
	if len(cfg.GoFiles) == 0 {
		return nil, fmt.Errorf("package has no files: %s", cfg.ImportPath)
	}
	return cfg, nil
}

// modulePath is the module of the configuration's package ("" for none).
func modulePath(cfg *unitchecker.Config) string {
	if cfg.Module != nil {
		return cfg.Module.Path
	}
	return cfg.ModulePath
}

// answered reports whether the table answers for the package, from its
// path, module and file names alone.
func answered(cfg *unitchecker.Config) bool {
	dirs := []string{cfg.Dir}
	for _, f := range cfg.GoFiles {
		dirs = append(dirs, filepath.Dir(f))
	}
	return facts.AnsweredByTable(cfg.ImportPath, modulePath(cfg), dirs)
}

// trace appends a line to the file BLOCKCHECK_VET_TRACE names.
func trace(what, path string) {
	name := os.Getenv("BLOCKCHECK_VET_TRACE")
	if name == "" {
		return
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return
	}
	fmt.Fprintf(f, "%s %s\n", what, path)
	f.Close()
}

// unit is one type-checked package.
type unit struct {
	fset  *token.FileSet
	files []*ast.File
}

// analyze parses and type-checks the package, runs the analyzer on it
// with its imports' facts and writes its facts file. err is a failure to
// load the package (or to read or write facts); aerr is the analyzer's.
func analyze(a *analysis.Analyzer, cfg *unitchecker.Config) (u *unit, diags []analysis.Diagnostic, aerr, err error) {
	u = &unit{fset: token.NewFileSet()}
	for _, name := range cfg.GoFiles {
		f, err := parser.ParseFile(u.fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, nil, nil, err
		}
		u.files = append(u.files, f)
	}

	imports := make(map[string]*types.Package)
	vetx := importsVetx(cfg)
	importer := ImporterFunc(func(importPath string) (*types.Package, error) {
		path, ok := cfg.ImportMap[importPath]
		if !ok {
			return nil, fmt.Errorf("can't resolve import %q", importPath)
		}
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		if p := imports[path]; p != nil && p.Complete() {
			return p, nil
		}
		return vetx.importTypes(u.fset, imports, path)
	})
	tc := &types.Config{
		Importer:  importer,
		Sizes:     types.SizesFor("gc", build.Default.GOARCH),
		GoVersion: cfg.GoVersion,
	}
	info := NewInfo()
	pkg, err := tc.Check(cfg.ImportPath, u.fset, u.files, info)
	if vetx.err != nil {
		return nil, nil, nil, vetx.err // a damaged facts file, not a type error
	}
	if err != nil {
		return nil, nil, nil, err
	}
	boundHeap()

	registerFacts(a)
	read := vetx.facts
	lookup := func(path string) *types.Package { return imports[path] }
	set, err := decodeFacts(pkg, read, lookup)
	if err != nil {
		return nil, nil, nil, err
	}

	own := make(map[reflect.Type]bool)
	for _, f := range a.FactTypes {
		own[reflect.TypeOf(f)] = true
	}
	var module *analysis.Module
	if m := modulePath(cfg); m != "" || cfg.Module != nil {
		module = cfg.Module
		if module == nil {
			module = &analysis.Module{Path: m, Version: cfg.ModuleVersion, GoVersion: cfg.GoVersion}
		}
	}
	pass := &analysis.Pass{
		Analyzer:          a,
		Fset:              u.fset,
		Files:             u.files,
		OtherFiles:        cfg.NonGoFiles,
		IgnoredFiles:      cfg.IgnoredFiles,
		Pkg:               pkg,
		TypesInfo:         info,
		TypesSizes:        tc.Sizes,
		ResultOf:          map[*analysis.Analyzer]any{},
		Report:            func(d analysis.Diagnostic) { diags = append(diags, d) },
		ImportObjectFact:  set.ImportObjectFact,
		ExportObjectFact:  set.ExportObjectFact,
		AllObjectFacts:    func() []analysis.ObjectFact { return set.objectFacts(own) },
		ImportPackageFact: set.ImportPackageFact,
		ExportPackageFact: set.ExportPackageFact,
		AllPackageFacts:   func() []analysis.PackageFact { return set.packageFacts(own) },
		Module:            module,
		ReadFile:          readFileOf(u.fset, u.files, cfg),
	}
	_, aerr = a.Run(pass)

	if cfg.VetxOutput != "" {
		var export bytes.Buffer
		err := gcexportdata.Write(&export, u.fset, pkg)
		var data []byte
		if err == nil {
			data, err = set.encode()
		}
		if err == nil {
			err = writeVetx(cfg.VetxOutput, export.Bytes(), data)
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("writing the facts of %s: %v", cfg.ImportPath, err)
		}
	}
	return u, diags, aerr, nil
}

// ImporterFunc is a types.Importer of a function.
type ImporterFunc func(path string) (*types.Package, error)

// Import calls f.
func (f ImporterFunc) Import(path string) (*types.Package, error) { return f(path) }

// NewInfo returns the types.Info an analysis pass needs, every map made.
// The standalone command's loader type-checks with it too.
func NewInfo() *types.Info {
	return &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
}

// ReadExport reads a package's compiler export data from file into
// imports. The standalone command's loader reads the table's packages
// with it too.
func ReadExport(fset *token.FileSet, imports map[string]*types.Package, path, file string) (*types.Package, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading export data for %q: %v", path, err)
	}
	return gcexportdata.Read(r, fset, imports, path)
}

// readFileOf is Pass.ReadFile: the package's own files only.
func readFileOf(fset *token.FileSet, files []*ast.File, cfg *unitchecker.Config) func(string) ([]byte, error) {
	ok := make(map[string]bool)
	for _, f := range files {
		if tf := fset.File(f.FileStart); tf != nil {
			ok[tf.Name()] = true
		}
	}
	for _, list := range [][]string{cfg.NonGoFiles, cfg.IgnoredFiles} {
		for _, name := range list {
			ok[name] = true
		}
	}
	return func(name string) ([]byte, error) {
		if !ok[name] {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among the package's files", name)
		}
		return os.ReadFile(name)
	}
}

// printResults prints the findings, as unitchecker does: text on standard
// error (exit status 1 when there is one), or the JSON tree on standard
// output (exit status 0). An analysis error is an error in text, an entry
// in JSON. With -fix nothing is printed: blockcheck suggests no fixes.
func (d *driver) print(cfg *unitchecker.Config, u *unit, diags []analysis.Diagnostic, aerr error) int {
	a, opt := d.a, d.opt
	if opt.fix {
		if cfg.FixArchive != "" {
			if err := writeEmptyArchive(cfg.FixArchive, cfg.ID); err != nil {
				return d.fail(err)
			}
		}
		return 0
	}
	if opt.json {
		tree := map[string]map[string]any{}
		switch {
		case aerr != nil:
			tree[cfg.ID] = map[string]any{a.Name: struct {
				Err string `json:"error"`
			}{aerr.Error()}}
		case len(diags) > 0:
			tree[cfg.ID] = map[string]any{a.Name: jsonDiagnostics(u.fset, diags)}
		}
		data, err := json.MarshalIndent(tree, "", "\t")
		if err != nil {
			panic(err) // the values are strings and lists of them
		}
		fmt.Fprintf(d.stdout, "%s\n", data)
		return 0
	}
	code := 0
	if aerr != nil {
		fmt.Fprintf(d.stderr, "%s: %v\n", a.Name, aerr)
		code = 1
	}
	for _, diag := range diags {
		printPlain(d.stderr, u.fset, opt.context, diag)
		code = 1
	}
	return code
}

// printPlain prints a finding as go vet prints them: position: message,
// then each related location with its message after a tab; with -c=N, the
// lines from N before the position to N after its end.
func printPlain(w io.Writer, fset *token.FileSet, context int, d analysis.Diagnostic) {
	line := func(pos, end token.Pos, msg string) {
		posn := fset.Position(pos)
		fmt.Fprintf(w, "%s: %s\n", posn, msg)
		if context < 0 {
			return
		}
		last := fset.Position(end)
		if !last.IsValid() {
			last = posn
		}
		data, _ := os.ReadFile(posn.Filename)
		lines := strings.Split(string(data), "\n")
		for i := posn.Line - context; i <= last.Line+context; i++ {
			if 1 <= i && i <= len(lines) {
				fmt.Fprintf(w, "%d\t%s\n", i, lines[i-1])
			}
		}
	}
	line(d.Pos, d.End, d.Message)
	for _, r := range d.Related {
		line(r.Pos, r.End, "\t"+r.Message)
	}
}

// The JSON shape of go/analysis drivers' -json output.
type jsonDiagnostic struct {
	Category string        `json:"category,omitempty"`
	Posn     string        `json:"posn"`
	End      string        `json:"end"`
	Message  string        `json:"message"`
	Related  []jsonRelated `json:"related,omitempty"`
}

type jsonRelated struct {
	Posn    string `json:"posn"`
	End     string `json:"end"`
	Message string `json:"message"`
}

func jsonDiagnostics(fset *token.FileSet, diags []analysis.Diagnostic) []jsonDiagnostic {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		jd := jsonDiagnostic{
			Category: d.Category,
			Posn:     fset.Position(d.Pos).String(),
			End:      fset.Position(cmp.Or(d.End, d.Pos)).String(),
			Message:  d.Message,
		}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{
				Posn:    fset.Position(r.Pos).String(),
				End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
				Message: r.Message,
			})
		}
		out = append(out, jd)
	}
	return out
}

// writeEmptyArchive writes the -fix archive the go command asks for: no
// fixes.
func writeEmptyArchive(name, id string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	zw.SetComment(id)
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
