package profiles

import (
	"fmt"
	"strings"
)

// Markdown renders the profiles as the reference page docs/frameworks.md:
// per framework and version, which callbacks are roots and why, which are
// not and why, and which functions are trusted.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# Framework profiles\n\n")
	b.WriteString("<!-- Generated from profiles/profiles.go by `go test ./profiles -run TestFrameworksDoc -update`. Do not edit. -->\n\n")
	b.WriteString("blockcheck knows where event-loop frameworks run their callbacks. A callback that\n")
	b.WriteString("runs on an event-loop goroutine is a root with no annotation in your code: every\n")
	b.WriteString("place in it that may block is reported. A callback that runs before the loops\n")
	b.WriteString("start, or on a goroutine of its own, is not. Functions that hand work to other\n")
	b.WriteString("goroutines or only buffer it are trusted not to block. Select profiles with\n")
	b.WriteString("`-profiles` (default: all); a profile that does not match the framework version\n")
	b.WriteString("you build against is skipped, root by root, with a note under `-verbose`.\n")
	for _, p := range All {
		fmt.Fprintf(&b, "\n## %s\n\n`%s`, checked against `%s`.\n", p.Name, p.Path, p.Module)
		if len(p.Roots) > 0 {
			b.WriteString("\n| callback | how it is registered | root | where it runs |\n|---|---|---|---|\n")
			for _, r := range p.Roots {
				fmt.Fprintf(&b, "| `%s.%s` | %s | yes | %s |\n", r.Type, r.Member, kindDoc(r), r.Where)
			}
			for _, n := range p.NotRoots {
				fmt.Fprintf(&b, "| `%s` | | no | %s |\n", n.Member, n.Where)
			}
		}
		if p.NonBlockingFDs {
			b.WriteString("\nIts own system calls are made on non-blocking file descriptors: inside its packages, the `syscall` category does not count.\n")
		}
		if len(p.Trusted) > 0 {
			b.WriteString("\nTrusted not to block:\n\n")
			for _, t := range p.Trusted {
				fmt.Fprintf(&b, "- `%s`\n", t)
			}
		}
	}
	return b.String()
}

func kindDoc(r Root) string {
	switch r.Kind {
	case InterfaceMethod:
		return "implements the interface method"
	case FuncField:
		return "stored in the field"
	case FuncParam:
		return fmt.Sprintf("passed as argument %d", r.Param)
	}
	return ""
}
