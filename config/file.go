package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// LoadFile reads a .blockcheck.yml file and applies it to cfg. Every
// mistake is an error that names the file and the line, and nothing of a
// broken file is applied: a typo never silently falls back to a default.
// Besides unknown keys, unknown categories and bad patterns, these are
// errors:
//
//   - a second YAML document (a --- after the settings, whatever follows);
//   - a null or empty value (lockheld: ~, roots:), and an empty list of
//     categories or profiles (write none to turn them all off);
//   - a value of the wrong type: lockheld: yes, lockheld: "true",
//     roots: [123], a tagged value (!!binary, !custom);
//   - a key given twice, at the top level or inside a sinks entry;
//   - YAML aliases (*name) and merge keys (<<): every value is written out;
//   - a file that is not UTF-8 text (UTF-16, invalid UTF-8, control
//     characters), and tabs in the indentation;
//   - a file that cannot be read (missing, a directory).
//
// An empty list of sinks, trusted, roots or exclude means none, as the
// flags with an empty value do. A file with no settings (empty, only
// comments, or only ---) sets nothing. A UTF-8 byte order mark is allowed.
func LoadFile(path string, cfg *Config) error {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: cannot read the configuration: %v", path, err)
	}
	return loadData(path, data, cfg)
}

// loadData applies the content of the file at path to cfg.
func loadData(path string, data []byte, cfg *Config) error {
	s, lines, err := parseFile(path, data)
	if err != nil {
		return err
	}
	return s.ApplyTo(cfg, func(key string, i int) string {
		if l, ok := lines[key+"#"+strconv.Itoa(i)]; ok {
			return path + ":" + strconv.Itoa(l)
		}
		return path + ":" + strconv.Itoa(lines[strings.SplitN(key, ".", 2)[0]+"#-1"])
	})
}

// parseFile decodes the file by walking its YAML nodes, which gives every
// value its line. The returned map holds the line of each setting: key#-1
// for the key, key#i for the i-th element of a list.
func parseFile(path string, data []byte) (*Settings, map[string]int, error) {
	if err := checkText(path, data); err != nil {
		return nil, nil, err
	}
	starts := lineStarts(data)
	nlines := len(starts)
	at := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", path, min(max(n.Line, 1), nlines), fmt.Sprintf(format, args...))
	}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	s := new(Settings)
	lines := make(map[string]int)
	switch err := dec.Decode(&doc); {
	case err == io.EOF:
		return s, lines, nil // an empty file (or only comments) sets nothing
	case err != nil:
		return nil, nil, syntaxError(path, data, starts, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == io.EOF:
	case err != nil:
		return nil, nil, syntaxError(path, data, starts, err)
	default:
		return nil, nil, at(&next, "a second YAML document: a configuration file holds one (remove the --- line and what follows, or merge the settings)")
	}
	if len(doc.Content) == 0 {
		return s, lines, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" && root.Value == "" {
		return s, lines, nil // only ---
	}
	if err := checkNodes(root, at); err != nil {
		return nil, nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, nil, at(root, "the configuration must be a mapping of keys (%s)", strings.Join(Keys, ", "))
	}
	seen := make(map[string]bool)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			return nil, nil, at(k, "a key must be one of %s, got %s", strings.Join(Keys, ", "), describe(k))
		}
		if seen[key] {
			return nil, nil, at(k, "key %q appears twice", key)
		}
		seen[key] = true
		lines[key+"#-1"] = k.Line
		switch key {
		case "categories", "profiles", "trusted", "roots", "exclude":
			items, err := stringList(v, key, at)
			if err != nil {
				return nil, nil, err
			}
			lines[key+"#0"] = v.Line
			for j, item := range v.Content {
				lines[key+"#"+strconv.Itoa(j)] = item.Line
			}
			switch key {
			case "categories":
				s.Categories = items
			case "profiles":
				s.Profiles = items
			case "trusted":
				s.Trusted = items
			case "roots":
				s.Roots = items
			case "exclude":
				s.Exclude = items
			}
		case "lockheld", "lockheldcontended", "verbose", "unusedignores":
			var b bool
			if isNull(v) {
				return nil, nil, at(v, "%s: empty value (want true or false)", key)
			}
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!bool" || v.Decode(&b) != nil {
				return nil, nil, at(v, "%s: want true or false, got %s", key, describe(v))
			}
			switch key {
			case "lockheld":
				s.LockHeld = &b
			case "lockheldcontended":
				s.LockHeldContended = &b
			case "verbose":
				s.Verbose = &b
			default:
				s.UnusedIgnores = &b
			}
		case "sinks":
			if isNull(v) {
				return nil, nil, at(v, "sinks: empty value (want a list of {name, category}, or [] for none)")
			}
			if v.Kind != yaml.SequenceNode {
				return nil, nil, at(v, "sinks: want a list of {name, category}, got %s", describe(v))
			}
			s.Sinks = []Sink{}
			for j, item := range v.Content {
				if item.Kind != yaml.MappingNode {
					return nil, nil, at(item, "sinks[%d]: want {name: ..., category: ...}, got %s", j, describe(item))
				}
				var sink Sink
				for m := 0; m+1 < len(item.Content); m += 2 {
					sk, sv := item.Content[m], item.Content[m+1]
					if sk.Kind != yaml.ScalarNode || sk.ShortTag() != "!!str" || sk.Value != "name" && sk.Value != "category" {
						return nil, nil, at(sk, "sinks[%d]: unknown key %s (known: name, category)", j, describeKey(sk))
					}
					line := "sinks." + sk.Value + "#" + strconv.Itoa(j)
					if _, dup := lines[line]; dup {
						return nil, nil, at(sk, "sinks[%d]: key %q appears twice", j, sk.Value)
					}
					if isNull(sv) {
						return nil, nil, at(sv, "sinks[%d].%s: empty value", j, sk.Value)
					}
					if sv.Kind != yaml.ScalarNode || sv.ShortTag() != "!!str" {
						return nil, nil, at(sv, "sinks[%d].%s: want a string, got %s", j, sk.Value, describe(sv))
					}
					lines[line] = sv.Line
					if sk.Value == "name" {
						sink.Name = sv.Value
					} else {
						sink.Category = sv.Value
					}
				}
				for _, field := range []string{"name", "category"} {
					if _, ok := lines["sinks."+field+"#"+strconv.Itoa(j)]; !ok {
						lines["sinks."+field+"#"+strconv.Itoa(j)] = item.Line
					}
				}
				s.Sinks = append(s.Sinks, sink)
			}
		case "levels":
			if v.Kind != yaml.MappingNode {
				return nil, nil, at(v, "levels: want a mapping of category to level, such as {chan: warning}")
			}
			s.Levels = map[string]string{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				lk, lv := v.Content[j], v.Content[j+1]
				if lk.Kind != yaml.ScalarNode {
					return nil, nil, at(lk, "levels: want a category name")
				}
				if _, dup := s.Levels[lk.Value]; dup {
					return nil, nil, at(lk, "levels: %q appears twice", lk.Value)
				}
				if lv.Kind != yaml.ScalarNode || lv.Tag == "!!null" {
					return nil, nil, at(lv, "levels.%s: want error, warning or note", lk.Value)
				}
				s.Levels[lk.Value] = lv.Value
				lines["levels."+lk.Value+"#-1"] = lv.Line
			}
		default:
			return nil, nil, at(k, "unknown key %q (known: %s)", key, strings.Join(Keys, ", "))
		}
	}
	return s, lines, nil
}

// stringList decodes a list of strings; a single string is a list of one.
func stringList(v *yaml.Node, key string, at func(*yaml.Node, string, ...any) error) ([]string, error) {
	switch {
	case isNull(v):
		return nil, at(v, "%s: empty value", key)
	case v.Kind == yaml.ScalarNode && v.ShortTag() == "!!str":
		return []string{v.Value}, nil
	case v.Kind == yaml.SequenceNode:
		out := []string{}
		for j, item := range v.Content {
			if isNull(item) {
				return nil, at(item, "%s[%d]: empty value", key, j)
			}
			if item.Kind != yaml.ScalarNode || item.ShortTag() != "!!str" {
				return nil, at(item, "%s[%d]: want a string, got %s", key, j, describe(item))
			}
			out = append(out, item.Value)
		}
		return out, nil
	}
	return nil, at(v, "%s: want a list of strings, got %s", key, describe(v))
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// describe names a node's kind for an error message, with its text when it
// is a scalar, and says how to make a scalar a string.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch tag := n.ShortTag(); tag {
		case "!!str":
			return strconv.Quote(n.Value)
		case "!!bool", "!!int", "!!float", "!!timestamp", "!!null":
			return fmt.Sprintf("%s %s (quote it to make it a string)", strings.TrimPrefix(tag, "!!"), strconv.Quote(n.Value))
		default:
			return fmt.Sprintf("a value tagged %s", tag)
		}
	}
	return "an alias"
}

func describeKey(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		return strconv.Quote(n.Value)
	}
	return describe(n)
}

// checkNodes rejects what would make the file mean something other than it
// reads: aliases (a value written elsewhere) and merge keys.
func checkNodes(n *yaml.Node, at func(*yaml.Node, string, ...any) error) error {
	switch {
	case n.Kind == yaml.AliasNode:
		return at(n, "YAML aliases (*%s) are not supported: write the value out", n.Value)
	case n.Kind == yaml.MappingNode:
		for i := 0; i < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
				return at(k, "YAML merge keys (<<) are not supported: write the keys out")
			}
		}
	}
	for _, c := range n.Content {
		if err := checkNodes(c, at); err != nil {
			return err
		}
	}
	return nil
}

// checkText requires UTF-8 text with no control characters other than
// tab, newline and carriage return (YAML's printable set), so that an
// error names the line: the YAML decoder reports these without one.
func checkText(path string, data []byte) error {
	if bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return fmt.Errorf("%s:1: the file is UTF-16 text: save it as UTF-8", path)
	}
	var starts []int
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return fmt.Errorf("%s:%d: invalid UTF-8 (byte %#x): the file must be UTF-8 text", path, lineAt(&starts, data, i), data[i])
		case r == '\t' || r == '\n' || r == '\r' || r == 0x85:
		case r < 0x20 || r >= 0x7f && r < 0xa0 || r == 0xfffe || r == 0xffff:
			return fmt.Errorf("%s:%d: control character %U is not allowed", path, lineAt(&starts, data, i), r)
		}
		i += size
	}
	return nil
}

// lineStarts returns the offset of each line of data, lines ending as
// YAML ends them (at \n, \r\n, \r, U+0085, U+2028 and U+2029), so that
// line numbers agree with the YAML decoder's.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		switch r {
		case '\r':
			if i < len(data) && data[i] == '\n' {
				i++
			}
			fallthrough
		case '\n', 0x85, 0x2028, 0x2029:
			if i < len(data) {
				starts = append(starts, i)
			}
		}
	}
	return starts
}

// lineAt returns the line (from 1) holding offset i, computing the line
// starts once.
func lineAt(starts *[]int, data []byte, i int) int {
	if *starts == nil {
		*starts = lineStarts(data)
	}
	n, _ := slices.BinarySearch(*starts, i+1)
	return n
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError rewrites a YAML parse error as file:line: message.
func syntaxError(path string, data []byte, starts []int, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	line = min(max(line, 1), len(starts))
	text := data[starts[line-1]:]
	if indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]; bytes.IndexByte(indent, '\t') >= 0 {
		msg += " (a tab in the indentation: YAML indents with spaces)"
	}
	return fmt.Errorf("%s:%d: %s", path, line, msg)
}
