package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/blockcheck/blockcheck/config"
)

// versionLine is what -version prints: the version (see version) and
// the Go version it was built with.
func versionLine() string {
	return "blockcheck " + version() + " " + runtime.Version()
}

// vetVersion answers go vet's -V=full. go vet asks once per run, in its
// working directory, before any package: a broken configuration found
// there stops the run here, with one error instead of one per package.
func vetVersion(w io.Writer) error {
	if err := checkFoundConfig(); err != nil {
		return err
	}
	return printVetFull(w)
}

// printVetFull answers go vet's -V=full: the version and the SHA-256 of
// this executable as buildID=. go vet keys its cache on the line (on the
// buildID for a "devel" version), so a rebuilt blockcheck never replays
// an older build's results.
func printVetFull(w io.Writer) error {
	sum, err := executableHash()
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s version %s buildID=%s\n", filepath.Base(os.Args[0]), strings.ReplaceAll(version(), " ", "_"), sum)
	return err
}

// executableHash is the SHA-256 of the running executable, hex: what
// go vet's -V=full line carries as the build ID.
func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	data, err := os.ReadFile(exe)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// printVetFlags prints the flags that hand the configuration to go vet:
// -config with the file's absolute path and -confighash with its content
// hash. go vet keys its cache on the flags, so an edit of the file is a
// new hash and never answered from the cache. Nothing is printed when no
// configuration applies.
func printVetFlags(w io.Writer, file string) int {
	if file == "" {
		return exitClean
	}
	abs, err := filepath.Abs(file)
	if err == nil {
		var hash string
		if hash, err = config.Hash(abs); err == nil {
			fmt.Fprintf(w, "-config=%s -confighash=%s\n", abs, hash)
			return exitClean
		}
	}
	fmt.Fprintf(os.Stderr, "blockcheck: %v\n", err)
	return exitError
}

// checkConfigHash fails when the configuration file's content is not the
// one -confighash names.
func checkConfigHash(file, want string) error {
	if file == "" {
		return fmt.Errorf("-confighash needs -config")
	}
	got, err := config.Hash(file)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%s changed since -vetflags printed its hash: run again with the flags 'blockcheck -vetflags' prints now", file)
	}
	return nil
}

// checkFoundConfig loads the configuration that applies in the current
// directory, if any, and returns its error.
func checkFoundConfig() error {
	found, err := config.Find(".")
	if err != nil || found == "" {
		return err
	}
	cfg := config.Default()
	return config.LoadFile(found, &cfg)
}

// vetUnitCheck is what blockcheck checks of a go vet unit run (one
// package) before the analysis: the configuration reaches go vet only as
// flags with the file's hash, so that an edit is never answered from go
// vet's cache.
func vetUnitCheck(fs *flag.FlagSet, unit *unitchecker.Config) error {
	configFile := fs.Lookup("config").Value.String()
	hash := fs.Lookup("confighash").Value.String()
	switch {
	case isSet(fs, "config") && hash == "":
		return fmt.Errorf("under go vet, -config needs the -confighash that 'blockcheck -vetflags' prints, so that go vet's cache sees an edit of %s: go vet -vettool=... $(blockcheck -vetflags) packages", configFile)
	case hash != "":
		return checkConfigHash(configFile, hash)
	}
	// No configuration given: one that applies to a package of the
	// module being vetted must not be ignored in silence.
	if unit.ModuleVersion != "" || unit.Standard[unit.ImportPath] || unit.Dir == "" {
		return nil
	}
	found, err := config.Find(unit.Dir)
	if err != nil {
		return err
	}
	if found != "" {
		return fmt.Errorf("%s applies to %s, but go vet does not read it by itself: pass it with go vet -vettool=... $(blockcheck -vetflags) packages", found, unit.ImportPath)
	}
	return nil
}
