package main

// Module plugins compiled into this golangci-lint. This is the file that
// `golangci-lint custom` generates from .custom-gcl.yml.
import (
	_ "github.com/blockcheck/blockcheck/plugin"
)
