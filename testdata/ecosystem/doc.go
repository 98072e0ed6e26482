// Package ecosystem is the module of blockcheck's tests on the libraries
// of profiles with loops (profiles/loops.go): one package per library,
// each with a root callback that blocks (directly and through a helper),
// the same work moved to a go statement (or a tea.Cmd) that must stay
// quiet, and, where the profile lists deadlocks, the call that waits for
// the loop it runs on. Expected findings and facts are analysistest
// expectations, on the line of the finding. fyneapp builds only for
// GOOS=js GOARCH=wasm, where Fyne needs no cgo.
package ecosystem
