package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/blockcheck/blockcheck/config"
	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/profiles"
)

// githubCommands are the workflow commands for the levels.
var githubCommands = map[config.Level]string{config.LevelError: "error", config.LevelWarning: "warning", config.LevelNote: "notice"}

// githubStepLimit is how many annotations of each level GitHub shows for
// one step (and 50 for a job): the rest are dropped.
const githubStepLimit = 10

// printGitHub prints findings as GitHub Actions workflow commands, which
// annotate the pull request's files, with paths relative to the source
// root (the repository's root in GitHub Actions):
//
//	::error file=srv/h.go,line=12,col=3,endLine=12,endColumn=20,title=blockcheck [file]::message
//
// It returns how many findings each command has.
func printGitHub(w io.Writer, fs []*finding, p paths, levels config.Levels) map[string]int {
	counts := make(map[string]int)
	for _, f := range fs {
		msg := f.message
		for _, r := range f.related {
			file, _ := p.source(r.posn.Filename)
			msg += fmt.Sprintf("\n%s:%d:%d: %s", file, r.posn.Line, r.posn.Column, r.message)
		}
		cmd := githubCommands[levels.Of(f.category)]
		counts[cmd]++
		file, _ := p.source(f.posn.Filename)
		props := fmt.Sprintf("file=%s,line=%d,col=%d", escapeProperty(file), f.posn.Line, f.posn.Column)
		if f.end.IsValid() {
			props += fmt.Sprintf(",endLine=%d", f.end.Line)
			if f.end.Line == f.posn.Line {
				// GitHub takes an end column only on a one-line range.
				props += fmt.Sprintf(",endColumn=%d", f.end.Column)
			}
		}
		fmt.Fprintf(w, "::%s %s,title=%s::%s\n", cmd, props, escapeProperty("blockcheck ["+f.category+"]"), escapeData(msg))
	}
	return counts
}

// githubLimitNote says, on standard error, how many annotations GitHub will
// drop, and where the findings are all listed.
func githubLimitNote(w io.Writer, counts map[string]int, summary string) {
	over := 0
	for _, n := range counts {
		over += max(0, n-githubStepLimit)
	}
	if over == 0 {
		return
	}
	where := "add -format=summary=FILE (or run in GitHub Actions, where $GITHUB_STEP_SUMMARY is set) for a summary that lists them"
	if summary != "" {
		where = "the summary in " + summary + " lists them"
	}
	fmt.Fprintf(w, "blockcheck: note: GitHub shows %d annotations of each level per step: %d findings will not be annotated; %s\n", githubStepLimit, over, where)
}

// escapeData and escapeProperty escape as the workflow-command syntax
// requires: %, CR and LF everywhere, and also : and , in properties.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SARIF 2.1.0, the subset blockcheck writes.
type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult            `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	SemanticVer    string      `json:"semanticVersion,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	Help                 sarifText     `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	CodeFlows           []sarifCodeFlow   `json:"codeFlows,omitempty"`
	Properties          map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifCodeFlow struct {
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadFlowLocation `json:"locations"`
}

type sarifThreadFlowLocation struct {
	Location sarifLocation `json:"location"`
}

const docsURL = "https://github.com/blockcheck/blockcheck/blob/main/docs/"

// sarifRules is one rule per category, and one for malformed directives,
// each at the category's configured level.
func sarifRules(levels config.Levels) []sarifRule {
	var rules []sarifRule
	for _, c := range facts.AllCategories() {
		rules = append(rules, sarifRule{
			ID:                   "blockcheck/" + string(c),
			Name:                 string(c),
			ShortDescription:     sarifText{"may block [" + string(c) + "]"},
			FullDescription:      sarifText{"A place that must not block may block: " + c.Doc() + "."},
			Help:                 sarifText{"Move the blocking work off the path that must not block (a goroutine, a worker pool, an asynchronous API), or silence one report with //blockcheck:ignore reason. See " + docsURL + "categories.md#" + string(c)},
			HelpURI:              docsURL + "categories.md#" + string(c),
			DefaultConfiguration: sarifRuleConf{Level: string(levels.Of(string(c)))},
		})
	}
	rules = append(rules, sarifRule{
		ID:                   "blockcheck/" + config.DirectiveCategory,
		Name:                 config.DirectiveCategory,
		ShortDescription:     sarifText{"malformed blockcheck directive"},
		FullDescription:      sarifText{"A //blockcheck: directive is malformed or misplaced and has no effect."},
		Help:                 sarifText{"Fix the directive; see " + docsURL + "directives.md"},
		HelpURI:              docsURL + "directives.md",
		DefaultConfiguration: sarifRuleConf{Level: string(levels.Of(config.DirectiveCategory))},
	})
	return rules
}

// srcRoot is the base id of URIs relative to the source root.
const srcRoot = "%SRCROOT%"

// printSARIF writes the findings as a SARIF 2.1.0 log: a rule per
// category, a result per finding with its region, its level and a
// fingerprint, and the chain's positions, in whatever packages they are, as
// a code flow. URIs are relative to the source root, which the log names
// (originalUriBaseIds); files outside it get absolute file URIs.
func printSARIF(w io.Writer, fs []*finding, p paths, levels config.Levels) error {
	rules := sarifRules(levels)
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.Name] = i
	}
	v := version()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "blockcheck",
			Version:        v,
			SemanticVer:    semanticVersion(v),
			InformationURI: "https://github.com/blockcheck/blockcheck",
			Rules:          rules,
		}},
		OriginalURIBaseIDs: map[string]sarifArtifact{srcRoot: {URI: fileURI(p.root, true)}},
		Results:            []sarifResult{},
	}
	for _, f := range fs {
		ri, ok := index[f.category]
		if !ok {
			ri = index[config.DirectiveCategory]
		}
		loc := sarifLoc(p, f.posn, f.end, "")
		res := sarifResult{
			RuleID:              rules[ri].ID,
			RuleIndex:           ri,
			Level:               string(levels.Of(rules[ri].Name)),
			Message:             sarifText{f.message},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{fingerprintKey: sarifFingerprint(f)},
		}
		if loop, severity, ok := loopOf(f.message); ok {
			res.Properties = map[string]string{"loop": loop, "loopSeverity": severity}
		}
		if len(f.related) > 0 {
			flow := []sarifThreadFlowLocation{{Location: sarifLoc(p, f.posn, f.end, f.message)}}
			for _, r := range f.related {
				flow = append(flow, sarifThreadFlowLocation{Location: sarifLoc(p, r.posn, r.end, r.message)})
			}
			res.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{{Locations: flow}}}}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Version: "2.1.0",
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Runs:    []sarifRun{run},
	})
}

func sarifLoc(p paths, posn, end token.Position, msg string) sarifLocation {
	region := sarifRegion{StartLine: posn.Line, StartColumn: posn.Column}
	if end.IsValid() && end.Filename == posn.Filename {
		region.EndLine, region.EndColumn = end.Line, end.Column
	}
	var art sarifArtifact
	if rel, ok := p.source(posn.Filename); ok {
		art = sarifArtifact{URI: (&url.URL{Path: rel}).String(), URIBaseID: srcRoot}
	} else {
		art = sarifArtifact{URI: fileURI(posn.Filename, false)}
	}
	l := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: art, Region: region}}
	if msg != "" {
		l.Message = &sarifText{msg}
	}
	return l
}

// fileURI is the file: URI of an absolute path; a directory's ends in a
// slash, as SARIF requires of a base URI.
func fileURI(path string, dir bool) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// fingerprintKey names the fingerprint's algorithm: a new algorithm gets a
// new key, so code scanning does not match old alerts with new values.
const fingerprintKey = "blockcheck/v2"

// sarifFingerprint identifies a finding across runs, as code scanning
// tracks alerts: its package, category, message (line numbers taken out),
// the function it is in, and which of the function's findings with that
// message it is. Moving code does not change it; two functions with the
// same finding do not share it.
func sarifFingerprint(f *finding) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%d", f.pkg, f.category, lineRef.ReplaceAllString(f.message, "$1"), f.function, f.occurrence)
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// version is the version the command was built as, from the build
// information: the module version (a release, or the pseudo-version the
// go command stamps from the repository), else the VCS revision, else
// "devel".
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		return "devel-" + rev[:min(12, len(rev))] + modified
	}
	return "devel"
}

// semanticVersion is v without its "v" when v is a module version, for
// SARIF's semanticVersion; "" otherwise.
func semanticVersion(v string) string {
	if strings.HasPrefix(v, "v") && strings.Count(v, ".") >= 2 {
		return strings.TrimPrefix(v, "v")
	}
	return ""
}

// runsOn matches the end of a profile root's message: what the root runs
// on and how much stalls with it (report.RunsSuffix).
var runsOn = regexp.MustCompile(`; runs on (.+) \(([a-z -]+)\)$`)

// loopOf returns what a finding's root runs on and its severity
// (profiles.Severity): SARIF results carry them as properties, so that
// code-scanning filters can rank a single shared loop above a caller's
// latency contract.
func loopOf(message string) (loop, severity string, ok bool) {
	m := runsOn.FindStringSubmatch(message)
	if m == nil {
		return "", "", false
	}
	for s := profiles.SingleLoop; s <= profiles.CallerLatency; s++ {
		if s.String() == m[2] {
			return m[1], m[2], true
		}
	}
	return "", "", false
}
