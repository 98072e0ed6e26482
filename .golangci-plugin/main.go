// Command custom-gcl is golangci-lint v2 with the blockcheck module plugin
// compiled in (plugins.go). It is what `golangci-lint custom` would build
// from .custom-gcl.yml, made with nothing but the Go module proxy: see
// build.sh and README.md.
package main

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"
)

// Set by build.sh with -ldflags -X.
var (
	// version salts golangci-lint's cache, facts included: build.sh sets
	// it to golangci-lint's version and a hash of blockcheck's sources, so
	// a change to blockcheck is never answered from a stale cache. Left
	// empty (a plain go build), golangci-lint salts the cache with a hash
	// of the binary itself, which is as safe. Never set it to a constant.
	version = ""
	commit  = "?"
	date    = "(unknown)"
)

func main() {
	info := commands.BuildInfo{
		GoVersion: "unknown",
		Version:   version,
		Commit:    commit,
		Date:      date,
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.GoVersion = bi.GoVersion
	}
	if err := commands.Execute(info); err != nil {
		_, _ = fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
