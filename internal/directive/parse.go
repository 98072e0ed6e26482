package directive

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/blockcheck/blockcheck/facts"
	"github.com/blockcheck/blockcheck/internal/names"
)

// directivePrefix starts every directive. Like //go: directives, there is
// no space after the slashes: a comment with a space is prose.
const directivePrefix = "//blockcheck:"

// verb is what a directive says.
type verb int

const (
	verbNonblocking verb = iota + 1 // the function, or every implementation of the interface method, must not block
	verbBlocking                    // the function or interface method blocks
	verbIgnore                      // silence the report on this line or the next
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
	{"locked", verbLocked, 1, 1, "//blockcheck:locked lock (for example c.mu)"},
}

// A directive is one parsed //blockcheck: comment.
type directive struct {
	verb     verb
	category facts.Category // verbBlocking: the declared category (user if none)
	reason   string         // verbIgnore: why the report is silenced
	lock     string         // verbLocked: the lock held on entry, as the function's body names it
}

// parseDirective parses the text of one comment. It returns ok=false when
// the comment is not a directive at all, and an error when it is one but is
// malformed. A comment written "// blockcheck:..." (with a space) is reported
// as malformed rather than silently ignored: it is almost always a directive
// that the author expected to work.
//
// Like //nolint, a directive may end in a comment of its own, after " //":
// "//blockcheck:ignore cache is warm // see #12" has the reason
// "cache is warm".
func parseDirective(text string) (d directive, ok bool, err error) {
	text = withoutTrailingComment(text)
	if !strings.HasPrefix(text, directivePrefix) {
		if rest, found := strings.CutPrefix(text, "//"); found && strings.HasPrefix(strings.TrimLeft(rest, " \t"), "blockcheck:") && rest != strings.TrimLeft(rest, " \t") {
			return directive{}, true, fmt.Errorf("malformed directive %q: write it without a space after // (//blockcheck:...)", names.Clip(text))
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
		case verbIgnore:
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
