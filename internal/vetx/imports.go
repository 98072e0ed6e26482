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
// each file is read and checked once, when the type checker asks for the
// import's types, and its facts are kept for after. The export data is
// let go of as soon as it is imported: a package with many imports (83 for
// client-go's informers) would otherwise hold all of their types' bytes
// at once, which was its process's peak.
type importVetx struct {
	cfg     *unitchecker.Config
	entries map[string]*vetxEntry
	err     error // the first facts file that could not be read
}

// vetxEntry is one import's facts file, decoded.
type vetxEntry struct {
	export []byte // nil once imported, or for a package the table answers
	facts  []byte
	err    error
}

func importsVetx(cfg *unitchecker.Config) *importVetx {
	return &importVetx{cfg: cfg, entries: make(map[string]*vetxEntry, len(cfg.PackageVetx))}
}

// entry reads the facts file of the package with a path; nil if the
// configuration names none.
func (v *importVetx) entry(path string) *vetxEntry {
	if e, ok := v.entries[path]; ok {
		return e
	}
	var e *vetxEntry
	if file, ok := v.cfg.PackageVetx[path]; ok {
		e = new(vetxEntry)
		e.export, e.facts, e.err = readVetx(path, file)
		if e.err != nil && v.err == nil {
			v.err = e.err
		}
	}
	v.entries[path] = e
	return e
}

// importTypes reads the types of the direct import with a path into
// imports: from the export data of its facts file, which a package
// type-checked here carries, or else (a package the table answers, never
// type-checked) from the compiler's export data.
func (v *importVetx) importTypes(fset *token.FileSet, imports map[string]*types.Package, path string) (*types.Package, error) {
	if e := v.entry(path); e != nil {
		if e.err != nil {
			return nil, e.err
		}
		if export := e.export; export != nil {
			e.export = nil // read once: the package is in imports now
			pkg, err := gcexportdata.Read(bytes.NewReader(export), fset, imports, path)
			if err != nil {
				err = fmt.Errorf("the types of %s in its facts file: %v", path, err)
				if v.err == nil {
					v.err = err
				}
				return nil, err
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
	e := v.entry(path)
	if e == nil {
		if path == "unsafe" {
			return nil, nil
		}
		return nil, fmt.Errorf("no facts file for %s", path)
	}
	return e.facts, e.err
}
