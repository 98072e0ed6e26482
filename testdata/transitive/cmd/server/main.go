// Command server is the fourth package: it only wires impl into mid.
package main

import (
	"example.com/transitive/impl"
	"example.com/transitive/mid"
)

func main() { mid.Serve(impl.Store{}) }
