// Package fieldsmid passes handlers on to package fieldsfw's setter. // want package:`fieldcalls\(example.com/fieldsfw.Engine.onMsg by fieldsfw.\(\*Engine\).Loop\)`
package fieldsmid

import "example.com/fieldsfw"

// Register stores f in e through e's setter: a setter too.
func Register(e *fieldsfw.Engine, f func([]byte)) { e.OnMessage(f) } // want Register:`stores\(arg1 in example.com/fieldsfw.Engine.onMsg\)`
