package vetx

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// The facts file go vet hands from one package's run to its importers
// (VetxOutput, then PackageVetx) has the layout golang.org/x/tools'
// unitchecker reads:
//
//	"vetx" | types length (uint32 LE) | facts length (uint32 LE) | types | facts
//
// The facts section is the analysis facts encoding (a gob-encoded list of
// facts), compressed with DEFLATE (compress/flate), and empty for no
// facts: fact records repeat package paths, function names and chains,
// which compress several times over, and these files are what the build
// cache (and a shared GOCACHEPROG backend) stores for every package.
//
// The types section holds a marker naming the format, the SHA-256 of the
// rest of the file after it (export data, then facts section), and the
// package's types as go/types export data (golang.org/x/tools/go/gcexportdata),
// which importers type-check against: it carries the declarations the
// package's API reaches and no function bodies, where the compiler's
// export data of a package that imports many others also carries its
// inlinable bodies and every type they reach. A package the table answers
// for has no types section of its own (its importers read the compiler's
// export data, PackageFile). A file truncated or changed after it was
// written is an error, never decoded, and a file of an older format is
// refused by name.
const (
	vetxMagic   = "vetx"
	vetxHeader  = 12
	typesMarker = "blockcheck types facts deflate sha256\n"
	typesFixed  = len(typesMarker) + sha256.Size // the types section without export data
)

// encodeVetx returns the facts file for a package's export data (nil for
// none) and encoded facts.
func encodeVetx(export, facts []byte) ([]byte, error) {
	var section bytes.Buffer
	if len(facts) > 0 {
		w, err := flate.NewWriter(&section, flate.DefaultCompression)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(facts); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	buf.Grow(vetxHeader + typesFixed + len(export) + section.Len())
	buf.WriteString(vetxMagic)
	var n [8]byte
	binary.LittleEndian.PutUint32(n[:4], uint32(typesFixed+len(export)))
	binary.LittleEndian.PutUint32(n[4:], uint32(section.Len()))
	buf.Write(n[:])
	buf.WriteString(typesMarker)
	h := sha256.New()
	h.Write(export)
	h.Write(section.Bytes())
	buf.Write(h.Sum(nil))
	buf.Write(export)
	buf.Write(section.Bytes())
	return buf.Bytes(), nil
}

// writeVetx writes the facts file.
func writeVetx(name string, export, facts []byte) error {
	data, err := encodeVetx(export, facts)
	if err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o666)
}

// decodeVetx returns the export data (nil for none) and the facts section
// of a facts file, after checking that the file is whole and is one this
// driver wrote. export aliases data.
func decodeVetx(data []byte) (export, facts []byte, err error) {
	if len(data) < vetxHeader || string(data[:4]) != vetxMagic {
		return nil, nil, fmt.Errorf("not a facts file (too short or no %q header)", vetxMagic)
	}
	tl := uint64(binary.LittleEndian.Uint32(data[4:8]))
	fl := uint64(binary.LittleEndian.Uint32(data[8:12]))
	if uint64(len(data)) != vetxHeader+tl+fl {
		return nil, nil, fmt.Errorf("truncated or damaged facts file: its header says %d bytes, the file has %d", vetxHeader+tl+fl, len(data))
	}
	types, section := data[vetxHeader:vetxHeader+tl], data[vetxHeader+tl:]
	if tl < uint64(typesFixed) || string(types[:len(typesMarker)]) != typesMarker {
		return nil, nil, fmt.Errorf("facts file not written by blockcheck's go vet driver (another -vettool, or another version of blockcheck)")
	}
	sum, rest := types[len(typesMarker):typesFixed], data[vetxHeader+typesFixed:]
	if got := sha256.Sum256(rest); !bytes.Equal(got[:], sum) {
		return nil, nil, fmt.Errorf("damaged facts file: its checksum does not match")
	}
	if len(types) > typesFixed {
		export = types[typesFixed:]
	}
	if len(section) == 0 {
		return export, nil, nil
	}
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(section)))
	if err != nil {
		return nil, nil, fmt.Errorf("damaged facts file: %v", err)
	}
	return export, out, nil
}

// FactsSection returns the encoded facts (the gob stream, decompressed)
// of a facts file this driver wrote, after the checks reading it for an
// importer makes; the benchmark harness accounts for facts with it.
func FactsSection(data []byte) ([]byte, error) {
	_, facts, err := decodeVetx(data)
	return facts, err
}

// readVetx reads the facts file of package path: its export data and its
// facts section.
func readVetx(path, name string) (export, facts []byte, err error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the facts of %s: %v", path, err)
	}
	export, facts, err = decodeVetx(data)
	if err != nil {
		return nil, nil, fmt.Errorf("the facts of %s (%s): %v", path, name, err)
	}
	return export, facts, nil
}
