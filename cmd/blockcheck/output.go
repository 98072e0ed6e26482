package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/blockcheck/blockcheck/facts"
)

// printGitHub prints findings as GitHub Actions workflow commands, which
// annotate the pull request's files:
//
//	::error file=srv/h.go,line=12,col=3,title=blockcheck [file]::message
func printGitHub(w io.Writer, fs []*finding) {
	for _, f := range fs {
		msg := f.message
		for _, r := range f.related {
			msg += fmt.Sprintf("\n%s:%d:%d: %s", r.file, r.posn.Line, r.posn.Column, r.message)
		}
		fmt.Fprintf(w, "::error file=%s,line=%d,col=%d,title=%s::%s\n",
			escapeProperty(f.file), f.posn.Line, f.posn.Column, escapeProperty("blockcheck ["+f.category+"]"), escapeData(msg))
	}
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
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
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

// sarifRules is one rule per category, and one for malformed directives.
func sarifRules() []sarifRule {
	var rules []sarifRule
	for _, c := range facts.AllCategories() {
		rules = append(rules, sarifRule{
			ID:                   "blockcheck/" + string(c),
			Name:                 string(c),
			ShortDescription:     sarifText{"may block [" + string(c) + "]"},
			FullDescription:      sarifText{"A place that must not block may block: " + c.Doc() + "."},
			Help:                 sarifText{"Move the blocking work off the path that must not block (a goroutine, a worker pool, an asynchronous API), or silence one report with //blockcheck:ignore reason. See " + docsURL + "categories.md#" + string(c)},
			HelpURI:              docsURL + "categories.md#" + string(c),
			DefaultConfiguration: sarifRuleConf{Level: "error"},
		})
	}
	rules = append(rules, sarifRule{
		ID:                   "blockcheck/directive",
		Name:                 "directive",
		ShortDescription:     sarifText{"malformed blockcheck directive"},
		FullDescription:      sarifText{"A //blockcheck: directive is malformed or misplaced and has no effect."},
		Help:                 sarifText{"Fix the directive; see " + docsURL + "directives.md"},
		HelpURI:              docsURL + "directives.md",
		DefaultConfiguration: sarifRuleConf{Level: "error"},
	})
	return rules
}

// printSARIF writes the findings as a SARIF 2.1.0 log: a rule per
// category, a result per finding, and the chain's positions as a code flow.
func printSARIF(w io.Writer, fs []*finding) error {
	rules := sarifRules()
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.Name] = i
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "blockcheck",
			Version:        version(),
			InformationURI: "https://github.com/blockcheck/blockcheck",
			Rules:          rules,
		}},
		Results: []sarifResult{},
	}
	for _, f := range fs {
		ri, ok := index[f.category]
		if !ok {
			ri = index["directive"]
		}
		loc := sarifLoc(f.file, f.posn.Line, f.posn.Column, "")
		res := sarifResult{
			RuleID:              rules[ri].ID,
			RuleIndex:           ri,
			Level:               "error",
			Message:             sarifText{f.message},
			Locations:           []sarifLocation{loc},
			PartialFingerprints: map[string]string{"blockcheck/v1": fingerprint(f)},
		}
		if len(f.related) > 0 {
			flow := []sarifThreadFlowLocation{{Location: sarifLoc(f.file, f.posn.Line, f.posn.Column, f.message)}}
			for _, r := range f.related {
				flow = append(flow, sarifThreadFlowLocation{Location: sarifLoc(r.file, r.posn.Line, r.posn.Column, r.message)})
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

func sarifLoc(file string, line, col int, msg string) sarifLocation {
	l := sarifLocation{PhysicalLocation: sarifPhysical{
		ArtifactLocation: sarifArtifact{URI: file},
		Region:           sarifRegion{StartLine: line, StartColumn: col},
	}}
	if !strings.HasPrefix(file, "/") {
		l.PhysicalLocation.ArtifactLocation.URIBaseID = "%SRCROOT%"
	} else {
		l.PhysicalLocation.ArtifactLocation.URI = "file://" + file
	}
	if msg != "" {
		l.Message = &sarifText{msg}
	}
	return l
}

// version is the module version the command was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
