package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/blockcheck/blockcheck/analyzer"
	"github.com/blockcheck/blockcheck/facts"
	vetxpkg "github.com/blockcheck/blockcheck/internal/vetx"
)

// VetxStats accounts for the vetx files of one go vet run. A vetx file
// (golang.org/x/tools/go/analysis/unitchecker) is "vetx", two little-endian
// uint32 lengths, the package's types in export-data form, then its facts:
// a gob-encoded list of (package, object path, fact), which holds this
// package's facts and the facts about methods, fields and types of the
// packages it imports, which the encoder re-exports so that packages that
// import this one indirectly can still see them. blockcheck's own go vet
// driver writes no types there (importers read export data) and
// compresses its facts section (internal/vetx): FactsBytes is what is
// stored, the counts are of the decompressed records.
type VetxStats struct {
	Packages   int   `json:"packages"` // vet actions that ran (vet.cfg files written)
	Bytes      int64 `json:"bytes"`
	TypesBytes int64 `json:"types_bytes"`
	FactsBytes int64 `json:"facts_bytes"`
	// blockcheck only: the facts sections decompressed (the gob streams).
	RawFactsBytes int64 `json:"raw_facts_bytes,omitempty"`
	// blockcheck only: facts decoded from the files.
	Facts           int            `json:"facts,omitempty"`            // every fact record, all files
	OwnFacts        int            `json:"own_facts,omitempty"`        // about the file's own package
	ReexportedFacts int            `json:"reexported_facts,omitempty"` // about other packages' methods, fields and types
	ReexportedBytes int64          `json:"reexported_bytes,omitempty"` // share of the facts sections taken by re-exported records (by record count)
	ChainBytes      int64          `json:"chain_bytes,omitempty"`      // Blocking facts: bytes of chain and sink strings, all records
	ByType          map[string]int `json:"by_type,omitempty"`          // records per fact type
	MaxFactsBytes   int64          `json:"max_facts_bytes,omitempty"`  // largest facts section of one file
	MaxFactsPackage string         `json:"max_facts_package,omitempty"`
	DecodeError     string         `json:"decode_error,omitempty"`
}

// gobFact mirrors the record unitchecker encodes (internal/facts.gobFact).
type gobFact struct {
	PkgPath string
	Object  string
	Fact    analysis.Fact
}

func init() {
	// blockcheck's fact types, registered under the names unitchecker
	// registers them with when blockcheck runs.
	for _, f := range analyzer.Analyzer.FactTypes {
		gob.Register(f)
	}
}

// vetxStats reads the vet.cfg files a go vet -work run left in work.
func vetxStats(work string, decode bool, pkgHashes map[string]string) (*VetxStats, error) {
	cfgs, err := filepath.Glob(filepath.Join(work, "b*", "vet.cfg"))
	if err != nil {
		return nil, err
	}
	st := &VetxStats{Packages: len(cfgs)}
	for _, cfgPath := range cfgs {
		data, err := os.ReadFile(cfgPath)
		if err != nil {
			return nil, err
		}
		var cfg struct{ ID, ImportPath, VetxOutput string }
		if err := json.Unmarshal(data, &cfg); err != nil {
			return nil, fmt.Errorf("%s: %v", cfgPath, err)
		}
		vetx, err := os.ReadFile(cfg.VetxOutput)
		if err != nil {
			return nil, fmt.Errorf("vet of %s wrote no vetx file: %v", cfg.ID, err)
		}
		if len(vetx) < 12 || string(vetx[:4]) != "vetx" {
			return nil, fmt.Errorf("%s: not a vetx file", cfg.VetxOutput)
		}
		typesLen := int64(binary.LittleEndian.Uint32(vetx[4:8]))
		factsLen := int64(binary.LittleEndian.Uint32(vetx[8:12]))
		if 12+typesLen+factsLen > int64(len(vetx)) {
			return nil, fmt.Errorf("%s: bad vetx lengths", cfg.VetxOutput)
		}
		st.Bytes += int64(len(vetx))
		st.TypesBytes += typesLen
		st.FactsBytes += factsLen
		if factsLen > st.MaxFactsBytes {
			st.MaxFactsBytes, st.MaxFactsPackage = factsLen, cfg.ID
		}
		if pkgHashes != nil {
			pkgHashes[cfg.ID] = fmt.Sprintf("%x", sha256.Sum256(vetx))
		}
		if decode && factsLen > 0 && st.DecodeError == "" {
			var list []gobFact
			raw, err := vetxpkg.FactsSection(vetx) // blockcheck's facts are compressed
			if err == nil {
				err = gob.NewDecoder(bytes.NewReader(raw)).Decode(&list)
			}
			st.RawFactsBytes += int64(len(raw))
			if err != nil {
				// A fact type this harness does not know: keep the byte
				// counts, drop the fact counts.
				st.DecodeError = err.Error()
				continue
			}
			own, _, _ := strings.Cut(cfg.ImportPath, " ")
			reexported := 0
			if st.ByType == nil {
				st.ByType = map[string]int{}
			}
			for _, f := range list {
				st.Facts++
				st.ByType[fmt.Sprintf("%T", f.Fact)]++
				if b, ok := f.Fact.(*facts.Blocking); ok {
					st.ChainBytes += int64(len(b.Sink))
					for _, h := range b.Chain {
						st.ChainBytes += int64(len(h))
					}
				}
				if f.PkgPath == own {
					st.OwnFacts++
				} else {
					st.ReexportedFacts++
					reexported++
				}
			}
			if len(list) > 0 {
				st.ReexportedBytes += factsLen * int64(reexported) / int64(len(list))
			}
		}
	}
	if st.DecodeError != "" {
		st.Facts, st.OwnFacts, st.ReexportedFacts, st.ReexportedBytes, st.ChainBytes, st.ByType, st.RawFactsBytes = 0, 0, 0, 0, 0, nil, 0
	}
	return st, nil
}
