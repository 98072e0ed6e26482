package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LoadFile reads a .blockcheck.yml file and applies it to cfg. Unknown
// keys, values of the wrong shape, unknown categories and bad patterns are
// errors that name the file, the line and the key: a typo never silently
// falls back to a default.
func LoadFile(path string, cfg *Config) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading config: %v", err)
	}
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
// value its line.
func parseFile(path string, data []byte) (*Settings, map[string]int, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, fmt.Errorf("%s: %v", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	s := new(Settings)
	lines := make(map[string]int)
	if len(doc.Content) == 0 {
		return s, lines, nil // an empty file sets nothing
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, fmt.Errorf("%s:%d: the configuration must be a mapping of keys (%s)", path, root.Line, strings.Join(Keys, ", "))
	}
	at := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", path, n.Line, fmt.Sprintf(format, args...))
	}
	seen := make(map[string]bool)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		key := k.Value
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
		case "lockheld", "verbose":
			var b bool
			if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
				return nil, nil, at(v, "%s: want true or false, got %q", key, v.Value)
			}
			if key == "lockheld" {
				s.LockHeld = &b
			} else {
				s.Verbose = &b
			}
		case "sinks":
			if v.Kind != yaml.SequenceNode {
				return nil, nil, at(v, "sinks: want a list of {name, category}")
			}
			s.Sinks = []Sink{}
			for j, item := range v.Content {
				if item.Kind != yaml.MappingNode {
					return nil, nil, at(item, "sinks[%d]: want {name: ..., category: ...}", j)
				}
				var sink Sink
				for m := 0; m+1 < len(item.Content); m += 2 {
					sk, sv := item.Content[m], item.Content[m+1]
					if sv.Kind != yaml.ScalarNode {
						return nil, nil, at(sv, "sinks[%d].%s: want a string", j, sk.Value)
					}
					switch sk.Value {
					case "name":
						sink.Name = sv.Value
						lines["sinks.name#"+strconv.Itoa(j)] = sv.Line
					case "category":
						sink.Category = sv.Value
						lines["sinks.category#"+strconv.Itoa(j)] = sv.Line
					default:
						return nil, nil, at(sk, "sinks[%d]: unknown key %q (known: name, category)", j, sk.Value)
					}
				}
				if _, ok := lines["sinks.name#"+strconv.Itoa(j)]; !ok {
					lines["sinks.name#"+strconv.Itoa(j)] = item.Line
				}
				if _, ok := lines["sinks.category#"+strconv.Itoa(j)]; !ok {
					lines["sinks.category#"+strconv.Itoa(j)] = item.Line
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
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return nil, at(v, "%s: empty value", key)
		}
		return []string{v.Value}, nil
	case yaml.SequenceNode:
		out := []string{}
		for j, item := range v.Content {
			if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
				return nil, at(item, "%s[%d]: want a string", key, j)
			}
			out = append(out, item.Value)
		}
		return out, nil
	}
	return nil, at(v, "%s: want a list of strings", key)
}
