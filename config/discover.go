package config

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// FileNames are the names Find looks for, in each directory.
var FileNames = []string{".blockcheck.yml", ".blockcheck.yaml"}

// Find returns the configuration file that applies to a run started in
// dir: .blockcheck.yml or .blockcheck.yaml in dir or the nearest parent
// that has one, searching up to the repository root (the nearest
// directory with .git) or, outside a repository, up to the module root
// (the nearest directory with go.mod). It returns "" when there is none.
// Both names in one directory is an error: which one applies would be a
// guess.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var chain []string // dir and its parents, nearest first
	for d := dir; ; {
		chain = append(chain, d)
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	last := 0 // the search ends at chain[last]
	if i := indexWith(chain, ".git"); i >= 0 {
		last = i
	} else if i := indexWith(chain, "go.mod"); i >= 0 {
		last = i
	}
	for _, d := range chain[:last+1] {
		var found []string
		for _, name := range FileNames {
			p := filepath.Join(d, name)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				found = append(found, p)
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("%s and %s: two configuration files in one directory; keep one", found[0], found[1])
		}
	}
	return "", nil
}

// indexWith returns the index of the first directory in chain that holds
// an entry named name, or -1.
func indexWith(chain []string, name string) int {
	for i, d := range chain {
		if _, err := os.Stat(filepath.Join(d, name)); err == nil {
			return i
		}
	}
	return -1
}

// Hash returns the SHA-256 of the file's content, in hex: what go vet's
// cache sees of a configuration passed with -config (see the command's
// -vetflags).
func Hash(path string) (string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s: cannot read the configuration: %v", path, err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}
