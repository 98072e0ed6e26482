//lint:file-ignore blockcheck nothing here blocks // want `unused directive "//lint:file-ignore blockcheck nothing here blocks": it silences no finding in its file; remove it`

package baddirectives

func Quiet() {}
