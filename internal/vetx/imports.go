package vetx

import (
	"bytes"
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis/unitchecker"
	"golang.org/x/tools/go/gcexportdata"
)

// importVetx is what a unit reads of its direct imports' facts files:
// each file is read and checked once, for the import's types (while the
// package is type-checked) and for its facts (after). The files are read
// at once (they are small; unitchecker reads them so too).
type importVetx struct {
	cfg     *unitchecker.Config
	entries map[string]*vetxEntry
}

// vetxEntry is one import's facts file, decoded.
type vetxEntry struct {
	export []byte // nil once imported, or for a package the table answers
	facts  []byte
}

// importsVetx reads and checks the facts files of the unit's direct
// imports: a damaged one fails the unit before it is type-checked.
func importsVetx(cfg *unitchecker.Config) (*importVetx, error) {
	v := &importVetx{cfg: cfg, entries: make(map[string]*vetxEntry, len(cfg.PackageVetx))}
	for path, file := range cfg.PackageVetx {
		e := new(vetxEntry)
		var err error
		e.export, e.facts, err = readVetx(path, file)
		if err != nil {
			return nil, err
		}
		v.entries[path] = e
	}
	return v, nil
}

// importTypes reads the types of the direct import with a path into
// imports: from the export data of its facts file, which a package
// type-checked here carries, or else (a package the table answers, never
// type-checked) from the compiler's export data.
func (v *importVetx) importTypes(fset *token.FileSet, imports map[string]*types.Package, path string) (*types.Package, error) {
	if e := v.entries[path]; e != nil {
		if export := e.export; export != nil {
			e.export = nil // read once: the package is in imports now
			pkg, err := gcexportdata.Read(bytes.NewReader(export), fset, imports, path)
			if err != nil {
				return nil, fmt.Errorf("the types of %s in its facts file: %v", path, err)
			}
			return pkg, nil
		}
	}
	file, ok := v.cfg.PackageFile[path]
	if !ok {
		return nil, fmt.Errorf("no export data for %q", path)
	}
	return ReadExport(fset, imports, path, file)
}

// facts returns the encoded facts of the direct import with a path.
func (v *importVetx) facts(path string) ([]byte, error) {
	e := v.entries[path]
	if e == nil {
		if path == "unsafe" {
			return nil, nil
		}
		return nil, fmt.Errorf("no facts file for %s", path)
	}
	return e.facts, nil
}
