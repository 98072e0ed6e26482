package config

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Pattern matches full names of functions and methods, as
// types.Func.FullName spells them ("example.com/db.Open",
// "(*example.com/db.Client).Query", "(example.com/fw.Handler).Serve"), or
// package paths. A * matches any run of characters; everything else is
// literal.
type Pattern struct {
	text  string
	parts []string // the text split at *
}

// patternChars are the characters a pattern may hold besides letters and
// digits: those of import paths and full names, and *.
const patternChars = "._/-~()*[]"

// CompilePattern checks and compiles a pattern.
func CompilePattern(text string) (Pattern, error) {
	if text == "" {
		return Pattern{}, fmt.Errorf("empty pattern")
	}
	if !utf8.ValidString(text) {
		return Pattern{}, fmt.Errorf("pattern %q is not valid UTF-8", text)
	}
	for _, r := range text {
		// Beyond ASCII, what an identifier or import path may hold:
		// letters, digits, graphic characters, no spaces.
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(patternChars, r) ||
			r > 127 && unicode.IsGraphic(r) && !unicode.IsSpace(r)) {
			return Pattern{}, fmt.Errorf("pattern %q: character %q is not allowed", text, r)
		}
	}
	if strings.Count(text, "(") != strings.Count(text, ")") {
		return Pattern{}, fmt.Errorf("pattern %q: unbalanced parentheses", text)
	}
	return Pattern{text: text, parts: strings.Split(text, "*")}, nil
}

// String returns the pattern as written.
func (p Pattern) String() string { return p.text }

// Match reports whether s matches the whole pattern.
func (p Pattern) Match(s string) bool {
	if len(p.parts) == 1 {
		return s == p.parts[0]
	}
	first, last := p.parts[0], p.parts[len(p.parts)-1]
	if !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) || len(s) < len(first)+len(last) {
		return false
	}
	s = s[len(first) : len(s)-len(last)]
	for _, part := range p.parts[1 : len(p.parts)-1] {
		i := strings.Index(s, part)
		if i < 0 {
			return false
		}
		s = s[i+len(part):]
	}
	return true
}

// Literal reports whether the pattern has no *.
func (p Pattern) Literal() bool { return len(p.parts) == 1 }

// MayMatchPrefix reports whether some string starting with prefix may match
// the pattern: a cheap filter before enumerating candidates.
func (p Pattern) MayMatchPrefix(prefix string) bool {
	first := p.parts[0]
	if len(p.parts) == 1 {
		return strings.HasPrefix(first, prefix)
	}
	return strings.HasPrefix(first, prefix) || strings.HasPrefix(prefix, first)
}
