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
// Importers here type-check from the compiler's export data
// (PackageFile), so the types section carries no types: it holds a marker
// naming the format and the SHA-256 of the facts section, so that a file
// truncated or changed after it was written is an error, never decoded as
// facts, and a file of an older format is refused by name.
const (
	vetxMagic   = "vetx"
	vetxHeader  = 12
	typesMarker = "blockcheck facts deflate sha256\n"
	typesLen    = len(typesMarker) + sha256.Size
)

// encodeVetx returns the facts file for encoded facts.
func encodeVetx(facts []byte) ([]byte, error) {
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
	buf.Grow(vetxHeader + typesLen + section.Len())
	buf.WriteString(vetxMagic)
	var n [8]byte
	binary.LittleEndian.PutUint32(n[:4], uint32(typesLen))
	binary.LittleEndian.PutUint32(n[4:], uint32(section.Len()))
	buf.Write(n[:])
	buf.WriteString(typesMarker)
	sum := sha256.Sum256(section.Bytes())
	buf.Write(sum[:])
	buf.Write(section.Bytes())
	return buf.Bytes(), nil
}

// writeVetx writes the facts file.
func writeVetx(name string, facts []byte) error {
	data, err := encodeVetx(facts)
	if err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o666)
}

// decodeVetx returns the facts section of a facts file, after checking
// that the file is whole and is one this driver wrote.
func decodeVetx(data []byte) ([]byte, error) {
	if len(data) < vetxHeader || string(data[:4]) != vetxMagic {
		return nil, fmt.Errorf("not a facts file (too short or no %q header)", vetxMagic)
	}
	tl := uint64(binary.LittleEndian.Uint32(data[4:8]))
	fl := uint64(binary.LittleEndian.Uint32(data[8:12]))
	if uint64(len(data)) != vetxHeader+tl+fl {
		return nil, fmt.Errorf("truncated or damaged facts file: its header says %d bytes, the file has %d", vetxHeader+tl+fl, len(data))
	}
	types, facts := data[vetxHeader:vetxHeader+tl], data[vetxHeader+tl:]
	if tl != uint64(typesLen) || string(types[:len(typesMarker)]) != typesMarker {
		return nil, fmt.Errorf("facts file not written by blockcheck's go vet driver (another -vettool, or another version of blockcheck)")
	}
	if sum := sha256.Sum256(facts); !bytes.Equal(sum[:], types[len(typesMarker):]) {
		return nil, fmt.Errorf("damaged facts file: its checksum does not match")
	}
	if len(facts) == 0 {
		return nil, nil
	}
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(facts)))
	if err != nil {
		return nil, fmt.Errorf("damaged facts file: %v", err)
	}
	return out, nil
}

// FactsSection returns the encoded facts (the gob stream, decompressed)
// of a facts file this driver wrote, after the checks reading it for an
// importer makes; the benchmark harness accounts for facts with it.
func FactsSection(data []byte) ([]byte, error) { return decodeVetx(data) }

// readVetx reads the facts section of the facts file of package path.
func readVetx(path, name string) ([]byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading the facts of %s: %v", path, err)
	}
	facts, err := decodeVetx(data)
	if err != nil {
		return nil, fmt.Errorf("the facts of %s (%s): %v", path, name, err)
	}
	return facts, nil
}
