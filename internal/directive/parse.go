package directive

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/names"
)

// directivePrefix starts every directive. Like //go: directives, there is
// no space after the slashes.
const directivePrefix = "//blockcheck:"

// verb is what a directive says.
type verb int

const (
	verbNonblocking verb = iota + 1 // the function, or every implementation of the interface method, must not block
	verbBlocking                    // the function or interface method blocks
	verbIgnore                      // silence the report on this line or the next
	verbFileIgnore                  // silence every report in the file
	verbLocked                      // the function is called with a lock held
)

// verbs is the table of directive verbs: their spelling and how many
// arguments they take.
var verbs = []struct {
	name    string
	verb    verb
	minArgs int
	maxArgs int // -1: free text
	usage   string
}{
	{"nonblocking", verbNonblocking, 0, 0, "//blockcheck:nonblocking"},
	{"blocking", verbBlocking, 0, 1, "//blockcheck:blocking [category]"},
	{"ignore", verbIgnore, 1, -1, "//blockcheck:ignore reason"},
	{"file-ignore", verbFileIgnore, 1, -1, "//blockcheck:file-ignore reason"},
	{"locked", verbLocked, 1, 1, "//blockcheck:locked lock (for example c.mu)"},
}

// A directive is one parsed //blockcheck: comment.
type directive struct {
	verb     verb
	category facts.Category // verbBlocking: the declared category (user if none)
	reason   string         // verbIgnore, verbFileIgnore: why reports are silenced
	lock     string         // verbLocked: the lock held on entry, as the function's body names it
}

// parseDirective parses the text of one comment. It returns ok=false when
// the comment is not a directive at all, and an error when it is one but is
// malformed.
//
// A comment that is almost a directive — a known verb after "blockcheck:"
// but a space after //, another case, or a /* */ comment — is reported as
// malformed rather than silently ignored: it is almost always a directive
// that the author expected to work. Without a known verb it is prose
// ("// blockcheck: report blocking operations" in a doc comment).
// staticcheck's //lint:ignore and //lint:file-ignore naming blockcheck are
// directives too.
//
// Like //nolint, a directive may end in a comment of its own, after " //":
// "//blockcheck:ignore cache is warm // see #12" has the reason
// "cache is warm".
func parseDirective(text string) (d directive, ok bool, err error) {
	if d, ok, err := parseLint(text); ok {
		return d, ok, err
	}
	text = withoutTrailingComment(text)
	if !strings.HasPrefix(text, directivePrefix) {
		if why := nearMiss(text); why != "" {
			return directive{}, true, fmt.Errorf("malformed directive %q: %s", names.Clip(text), why)
		}
		return directive{}, false, nil
	}
	body := strings.TrimPrefix(text, directivePrefix)
	fields := strings.Fields(body)
	name := ""
	if len(fields) > 0 && !strings.HasPrefix(body, " ") && !strings.HasPrefix(body, "\t") {
		name, fields = fields[0], fields[1:]
	}
	for _, v := range verbs {
		if v.name != name {
			continue
		}
		if len(fields) < v.minArgs || (v.maxArgs >= 0 && len(fields) > v.maxArgs) {
			return directive{}, true, fmt.Errorf("malformed directive %q: usage is %s", names.Clip(text), v.usage)
		}
		d := directive{verb: v.verb}
		switch v.verb {
		case verbBlocking:
			d.category = facts.User
			if len(fields) == 1 {
				c, err := facts.ParseCategory(fields[0])
				if err != nil {
					return directive{}, true, fmt.Errorf("malformed directive %q: %v", names.Clip(text), err)
				}
				d.category = c
			}
		case verbIgnore, verbFileIgnore:
			d.reason = strings.Join(fields, " ")
		case verbLocked:
			if !isLockPath(fields[0]) {
				return directive{}, true, fmt.Errorf("malformed directive %q: %q is not a lock such as mu or c.mu", names.Clip(text), fields[0])
			}
			d.lock = fields[0]
		}
		return d, true, nil
	}
	known := make([]string, len(verbs))
	for i, v := range verbs {
		known[i] = v.name
	}
	return directive{}, true, fmt.Errorf("unknown directive %q: known directives are %s", names.Clip(text), strings.Join(known, ", "))
}

// nearMiss says how a comment that is almost a directive should be
// written, or "" if it is not one: "blockcheck:" and a known verb after //
// or /* with spaces, in another case, or in a block comment.
func nearMiss(text string) string {
	block := strings.HasPrefix(text, "/*")
	if !block && !strings.HasPrefix(text, "//") {
		return ""
	}
	rest := text[2:]
	if block {
		rest = strings.TrimSuffix(rest, "*/")
	}
	trimmed := strings.TrimLeft(rest, " \t")
	const word = "blockcheck:"
	if len(trimmed) < len(word) || !strings.EqualFold(trimmed[:len(word)], word) {
		return ""
	}
	name, _, _ := strings.Cut(strings.TrimLeft(trimmed[len(word):], " \t"), " ")
	name, _, _ = strings.Cut(name, "\t")
	known := false
	for _, v := range verbs {
		if strings.EqualFold(v.name, name) {
			known = true
		}
	}
	switch {
	case !known:
		return ""
	case block:
		return "write it as a line comment, //blockcheck:" + strings.ToLower(name)
	case trimmed != rest:
		return "write it without a space after // (//blockcheck:...)"
	default:
		return "write it in lower case, //blockcheck:" + strings.ToLower(name)
	}
}

// parseLint parses staticcheck's forms, //lint:ignore Checks reason and
// //lint:file-ignore Checks reason, when their checks name blockcheck.
func parseLint(text string) (d directive, ok bool, err error) {
	text = withoutTrailingComment(text)
	var v verb
	var rest string
	switch {
	case strings.HasPrefix(text, "//lint:ignore ") || text == "//lint:ignore":
		v, rest = verbIgnore, strings.TrimPrefix(text, "//lint:ignore ")
	case strings.HasPrefix(text, "//lint:file-ignore "):
		v, rest = verbFileIgnore, strings.TrimPrefix(text, "//lint:file-ignore ")
	default:
		return directive{}, false, nil
	}
	checks, reason, _ := strings.Cut(strings.TrimLeft(rest, " "), " ")
	named := false
	for _, c := range strings.Split(checks, ",") {
		if c == "blockcheck" {
			named = true
		}
	}
	if !named {
		return directive{}, false, nil
	}
	reason = strings.Join(strings.Fields(reason), " ")
	if reason == "" {
		return directive{}, true, fmt.Errorf("malformed directive %q: usage is //lint:ignore blockcheck reason", names.Clip(text))
	}
	return directive{verb: v, reason: reason}, true, nil
}

// withoutTrailingComment cuts a directive's own trailing " //" comment.
func withoutTrailingComment(text string) string {
	if i := strings.Index(text[min(2, len(text)):], " //"); i >= 0 {
		return text[:i+2]
	}
	return text
}

// isLockPath reports whether s is a dotted path of identifiers ("mu",
// "c.mu", "s.state.mu"): how a function's body names the lock it expects.
func isLockPath(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for i, r := range part {
			if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
				return false
			}
		}
	}
	return true
}
