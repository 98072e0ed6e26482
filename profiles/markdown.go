package profiles

import (
	"fmt"
	"strings"
)

// Markdown renders the profiles as the reference page docs/frameworks.md:
// per framework and version, the loops it runs callbacks on and what
// blocking there stalls, which callbacks are roots and where the library
// calls them, which calls from there never return, which callbacks are
// not roots and why, and which functions block or are trusted.
func Markdown() string {
	var b strings.Builder
	b.WriteString("# Framework profiles\n\n")
	b.WriteString("<!-- Generated from the profiles in profiles/ by `go test ./profiles -run TestFrameworksDoc -update`. Do not edit. -->\n\n")
	b.WriteString("blockcheck knows where libraries run their callbacks. A callback that runs on a\n")
	b.WriteString("loop the library shares (an event loop, a UI goroutine, an executor) is a root\n")
	b.WriteString("with no annotation in your code: every place in it that may block is reported.\n")
	b.WriteString("A callback that runs before the loops start, or on a goroutine of its own, is\n")
	b.WriteString("not. Functions that hand work to other goroutines or only buffer it are trusted\n")
	b.WriteString("not to block. Select profiles with `-profiles` (default: all); a profile that\n")
	b.WriteString("does not match the library version you build against is skipped, root by root,\n")
	b.WriteString("with a note under `-verbose`.\n\n")
	b.WriteString("Each loop has a severity, which says what else waits while a root blocks:\n\n")
	for s := SingleLoop; s <= CallerLatency; s++ {
		fmt.Fprintf(&b, "- **%s**: %s\n", s, severityDoc[s])
	}
	b.WriteString("\nSome loops allow work that is their job (a raft FSM writes its disk): those\n")
	b.WriteString("categories are not reported there. A *deadlock* is a call that waits for the very\n")
	b.WriteString("loop its caller runs on: from a root of that loop it never returns. Every entry\n")
	b.WriteString("below was read in the library's source at the version given, and the tests\n")
	b.WriteString("check every name, kind and signature against that version and that every\n")
	b.WriteString("cited file:line exists there.\n")
	for i := range All {
		p := &All[i]
		fmt.Fprintf(&b, "\n## %s\n\n`%s`, checked against `%s`.\n", p.Name, p.Path, p.Module)
		loops := p.AllLoops()
		for _, l := range loops {
			writeLoop(&b, l)
		}
		if len(p.NotRoots) > 0 {
			b.WriteString("\nNot roots:\n\n| callback | how it is registered | where it runs instead |\n|---|---|---|\n")
			for _, n := range p.NotRoots {
				fmt.Fprintf(&b, "| `%s` | %s | %s |\n", notRootName(n), notRootKindDoc(n), n.Where)
			}
		}
		if p.NonBlockingFDs {
			b.WriteString("\nIts own system calls are made on non-blocking file descriptors: inside its packages, the `syscall` category does not count.\n")
		}
		if len(p.Sinks) > 0 {
			b.WriteString("\nBlocking, though called through an interface:\n\n| call | category | what it waits for |\n|---|---|---|\n")
			for _, s := range p.Sinks {
				fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", s.Name, s.Category, s.Where)
			}
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

var severityDoc = map[Severity]string{
	SingleLoop:           "one goroutine runs the callbacks of the whole program or engine; everything else waits for it.",
	SharedSerializer:     "an executor shared by many owners runs their callbacks one after another; a slow one delays the others.",
	PerHandlerDispatcher: "each registration has a goroutine of its own; a slow callback delays its own events and grows its backlog.",
	CallerLatency:        "the callback runs on the caller's goroutine under a contract to return promptly; every caller waits for it.",
}

func writeLoop(b *strings.Builder, l Loop) {
	fmt.Fprintf(b, "\n### %s (%s)\n\n", l.Name, l.Severity)
	if l.Where != "" {
		fmt.Fprintf(b, "%s.\n\n", l.Where)
	}
	if len(l.Allowed) == 0 {
		b.WriteString("Checked for every enabled category.\n")
	} else {
		allowed := make([]string, len(l.Allowed))
		for i, c := range l.Allowed {
			allowed[i] = "`" + string(c) + "`"
		}
		fmt.Fprintf(b, "Checked for every enabled category but %s: that work is the loop's job.\n", strings.Join(allowed, ", "))
	}
	for _, s := range l.OffWhen {
		fmt.Fprintf(b, "\nNot roots when the program calls `%s` with `%s` as argument %d", s.Setter, s.Value, s.Param)
		if s.Field != "" {
			fmt.Fprintf(b, " or sets `%s` to `%s`", s.Field, s.Value)
		}
		fmt.Fprintf(b, ": %s.\n", s.Where)
	}
	b.WriteString("\n| callback | how it is registered | where the library calls it |\n|---|---|---|\n")
	for _, r := range l.Roots {
		fmt.Fprintf(b, "| `%s` | %s | %s |\n", rootName(r), kindDoc(r.Kind, r.Param), r.Where)
	}
	if len(l.Deadlocks) > 0 {
		b.WriteString("\nDeadlocks: from a root of this loop, these calls never return.\n\n| call | from | why |\n|---|---|---|\n")
		for _, d := range l.Deadlocks {
			from := "every root"
			if len(d.From) > 0 {
				from = "`" + strings.Join(d.From, "`, `") + "`"
			}
			fmt.Fprintf(b, "| `%s` | %s | %s |\n", d.Func, from, d.Where)
		}
	}
}

func rootName(r Root) string {
	if r.Type == "" {
		return r.Member
	}
	return r.Type + "." + r.Member
}

func notRootName(n NotRoot) string {
	switch {
	case n.Type == "":
		return n.Member
	case n.Member == "":
		return n.Type
	}
	return n.Type + "." + n.Member
}

func notRootKindDoc(n NotRoot) string {
	switch {
	case n.Kind != 0:
		return kindDoc(n.Kind, n.Param)
	case n.Member == "":
		return "a function of this type"
	}
	return ""
}

func kindDoc(k Kind, param int) string {
	switch k {
	case InterfaceMethod:
		return "implements the interface method"
	case FuncField:
		return "stored in the field"
	case FuncParam:
		return fmt.Sprintf("passed as argument %d", param)
	case FuncArg:
		return fmt.Sprintf("passed as argument %d of the function", param)
	case MethodResult:
		return "returned by the interface method"
	}
	return ""
}
