package directive

import (
	"strings"
	"testing"

	"github.com/blockcheck/blockcheck/facts"
)

func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		text    string
		ok      bool
		want    directive
		wantErr string
	}{
		{text: "// an ordinary comment"},
		{text: "//go:noinline"},
		{text: "/* blockcheck:nonblocking */", ok: true, wantErr: "write it as a line comment, //blockcheck:nonblocking"},
		{text: "/*blockcheck:ignore slow*/", ok: true, wantErr: "write it as a line comment"},
		{text: "/* blockcheck: a block comment of prose */"},
		{text: "// blockcheck: report blocking operations reachable from code that must not block"},
		{text: "// blockcheck:nonblock is a typo in prose"},
		{text: "//Blockcheck:nonblocking", ok: true, wantErr: "write it in lower case, //blockcheck:nonblocking"},
		{text: "//BLOCKCHECK:IGNORE x", ok: true, wantErr: "write it in lower case, //blockcheck:ignore"},
		{text: "//Blockcheck: prose"},
		{text: "//lint:ignore blockcheck measured: under 1ms", ok: true, want: directive{verb: verbIgnore, reason: "measured: under 1ms"}},
		{text: "//lint:ignore SA1000,blockcheck  two  checks", ok: true, want: directive{verb: verbIgnore, reason: "two checks"}},
		{text: "//lint:ignore SA1000 not ours"},
		{text: "//lint:ignore blockcheck", ok: true, wantErr: "usage is //lint:ignore blockcheck reason"},
		{text: "//lint:file-ignore blockcheck generated", ok: true, want: directive{verb: verbFileIgnore, reason: "generated"}},
		{text: "//blockcheck:file-ignore generated code", ok: true, want: directive{verb: verbFileIgnore, reason: "generated code"}},
		{text: "//blockcheck:file-ignore", ok: true, wantErr: "usage is //blockcheck:file-ignore reason"},
		{text: "//blockcheck:nonblocking", ok: true, want: directive{verb: verbNonblocking}},
		{text: "//blockcheck:nonblocking // runs on the loop", ok: true, want: directive{verb: verbNonblocking}},
		{text: "//blockcheck:blocking", ok: true, want: directive{verb: verbBlocking, category: facts.User}},
		{text: "//blockcheck:blocking net", ok: true, want: directive{verb: verbBlocking, category: facts.Net}},
		{text: "//blockcheck:blocking\tsql", ok: true, want: directive{verb: verbBlocking, category: facts.SQL}},
		{text: "//blockcheck:ignore  warm   cache ", ok: true, want: directive{verb: verbIgnore, reason: "warm cache"}},
		{text: "//blockcheck:ignore warm cache // see #12", ok: true, want: directive{verb: verbIgnore, reason: "warm cache"}},
		{text: "//blockcheck:ignore", ok: true, wantErr: "usage is //blockcheck:ignore reason"},
		{text: "//blockcheck:ignore // no reason", ok: true, wantErr: "usage is //blockcheck:ignore reason"},
		{text: "//blockcheck:blocking disk", ok: true, wantErr: `unknown category "disk"`},
		{text: "//blockcheck:blocking net file", ok: true, wantErr: "usage is //blockcheck:blocking [category]"},
		{text: "//blockcheck:nonblocking now", ok: true, wantErr: "usage is //blockcheck:nonblocking"},
		{text: "//blockcheck:nonblock", ok: true, wantErr: `unknown directive "//blockcheck:nonblock"`},
		{text: "//blockcheck:", ok: true, wantErr: "unknown directive"},
		{text: "//blockcheck: nonblocking", ok: true, wantErr: "unknown directive"},
		{text: "// blockcheck:nonblocking", ok: true, wantErr: "without a space after //"},
		{text: "//blockcheck:locked c.mu", ok: true, want: directive{verb: verbLocked, lock: "c.mu"}},
		{text: "//blockcheck:locked mu // guards state", ok: true, want: directive{verb: verbLocked, lock: "mu"}},
		{text: "//blockcheck:locked", ok: true, wantErr: "usage is //blockcheck:locked lock"},
		{text: "//blockcheck:locked c.mu[0]", ok: true, wantErr: `"c.mu[0]" is not a lock`},
		{text: "//blockcheck:locked c..mu", ok: true, wantErr: "is not a lock"},
		{text: "//blockcheck:locked 1mu", ok: true, wantErr: "is not a lock"},
		{text: "//\tblockcheck:ignore x", ok: true, wantErr: "without a space after //"},
	} {
		d, ok, err := parseDirective(tc.text)
		if ok != tc.ok {
			t.Errorf("%q: ok = %v, want %v", tc.text, ok, tc.ok)
			continue
		}
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%q: error %v, want one containing %q", tc.text, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: unexpected error %v", tc.text, err)
			continue
		}
		if d != tc.want {
			t.Errorf("%q: got %+v, want %+v", tc.text, d, tc.want)
		}
	}
}

// FuzzParseDirective checks that the parser never panics and that whatever
// it accepts is well formed: a known verb, a known category, a reason for
// ignore, and an error message that quotes the directive.
func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{
		"//blockcheck:nonblocking", "//blockcheck:blocking net", "//blockcheck:ignore reason here",
		"//blockcheck:", "// blockcheck:ignore", "//blockcheck:blocking ünïcode", "//blockcheck:ignore x // y",
		"//", "", "/", "//blockcheck:blocking\x00", "//blockcheck:\xff\xfe", "//blockcheck:locked c.mu",
		"/*blockcheck:nonblocking*/", "//Blockcheck:ignore x", "// blockcheck: prose", "//lint:ignore blockcheck why",
		"//lint:file-ignore SA1,blockcheck why", "//blockcheck:file-ignore why",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, ok, err := parseDirective(text)
		if !ok {
			if err != nil {
				t.Fatalf("%q: not a directive but error %v", text, err)
			}
			return
		}
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("%q: empty error", text)
			}
			return
		}
		switch d.verb {
		case verbNonblocking:
		case verbBlocking:
			if _, err := facts.ParseCategory(string(d.category)); err != nil {
				t.Fatalf("%q: accepted with category %q", text, d.category)
			}
		case verbIgnore, verbFileIgnore:
			if strings.TrimSpace(d.reason) == "" {
				t.Fatalf("%q: ignore accepted without a reason", text)
			}
		case verbLocked:
			if !isLockPath(d.lock) {
				t.Fatalf("%q: locked accepted with lock %q", text, d.lock)
			}
		default:
			t.Fatalf("%q: accepted with verb %d", text, d.verb)
		}
		if !strings.HasPrefix(text, directivePrefix) && !strings.HasPrefix(text, "//lint:") {
			t.Fatalf("%q: accepted without the prefix", text)
		}
	})
}
