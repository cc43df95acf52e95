package manifest

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// parser collects every problem instead of stopping at the first one; the
// helpers below report a problem and return ok=false so callers simply skip
// the bad value and keep walking.
type parser struct {
	file string
	errs Errors
}

func (p *parser) errorf(pos Pos, path, hint, format string, args ...any) {
	p.errs = append(p.errs, NewError(p.file, pos, path, fmt.Sprintf(format, args...), hint))
}

// expected reports a value of the wrong kind, naming both what was wanted
// and what was found, e.g. "expected a list of field names, got a string".
func (p *parser) expected(n *yaml.Node, path, want, hint string) {
	p.errorf(pos(n), path, hint, "expected %s, got %s", want, describe(n))
}

func pos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// deref follows aliases so `*anchor` behaves like the anchored value.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names the kind of a node for "expected X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			if n.Value == "" {
				return "an empty string"
			}
			return "a string"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "null"
		}
	}
	return "a value of another kind"
}

// entry is one key/value pair of a mapping.
type entry struct {
	key string
	pos Pos // position of the key
	val *yaml.Node
}

// mapping checks that n is a mapping whose keys are unique strings and, when
// allowed is non-nil, belong to allowed. It returns the acceptable entries
// in file order and the position of every key.
func (p *parser) mapping(path string, n *yaml.Node, allowed []string, want string) ([]entry, map[string]Pos, bool) {
	if n.Kind != yaml.MappingNode {
		p.expected(n, path, want, "")
		return nil, nil, false
	}
	var out []entry
	keys := map[string]Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := deref(n.Content[i]), deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode || isNull(k) {
			p.expected(k, path, "a key", "")
			continue
		}
		if first, dup := keys[k.Value]; dup {
			p.errorf(pos(k), path, fmt.Sprintf("first defined at %d:%d", first.Line, first.Col),
				"duplicate key %q", k.Value)
			continue
		}
		keys[k.Value] = pos(k)
		if allowed != nil && !contains(allowed, k.Value) {
			p.errorf(pos(k), path, didYouMean(k.Value, allowed, "allowed keys"), "unknown key %q", k.Value)
			continue
		}
		out = append(out, entry{key: k.Value, pos: pos(k), val: v})
	}
	return out, keys, true
}

// str reads a scalar as text. Null means "not set" (set=false, no error) so
// that `table:` with nothing after it falls back to the default.
func (p *parser) str(path string, n *yaml.Node) (s string, set bool) {
	if isNull(n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		p.expected(n, path, "a string", "")
		return "", false
	}
	return n.Value, true
}

// boolean reads true/false. Null means "not set".
func (p *parser) boolean(path string, n *yaml.Node) (b, set bool) {
	if isNull(n) {
		return false, false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		p.expected(n, path, "true or false", "")
		return false, false
	}
	b, err := strconv.ParseBool(strings.ToLower(n.Value))
	return b, err == nil
}

// integer reads a whole number.
func (p *parser) integer(path string, n *yaml.Node) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return int(i), true
		}
	}
	p.expected(n, path, "an integer", "")
	return 0, false
}

// names reads a list of plain names (fields or features), reporting
// duplicates. what names one item in messages, e.g. "field".
func (p *parser) names(path string, n *yaml.Node, what string) ([]Name, bool) {
	if isNull(n) {
		return nil, true
	}
	if n.Kind != yaml.SequenceNode {
		p.expected(n, path, "a list of "+what+" names", fmt.Sprintf("write [%s]", exampleItem(n)))
		return nil, false
	}
	var out []Name
	seen := map[string]Pos{}
	for _, item := range n.Content {
		item = deref(item)
		if item.Kind != yaml.ScalarNode || isNull(item) || item.Value == "" {
			p.expected(item, path, "a "+what+" name", "")
			continue
		}
		if first, dup := seen[item.Value]; dup {
			p.errorf(pos(item), path, fmt.Sprintf("first listed at %d:%d", first.Line, first.Col),
				"duplicate %s %q", what, item.Value)
			continue
		}
		seen[item.Value] = pos(item)
		out = append(out, Name{Value: item.Value, Pos: pos(item)})
	}
	return out, true
}

// nameLists reads a list of lists of field names (indexes, unique
// constraints), reporting an identical list given twice.
func (p *parser) nameLists(path string, n *yaml.Node, what string) [][]Name {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.expected(n, path, "a list of "+what+"es, each a list of field names",
			fmt.Sprintf("write [[%s]]", exampleItem(n)))
		return nil
	}
	var out [][]Name
	seen := map[string]Pos{}
	for _, item := range n.Content {
		item = deref(item)
		if item.Kind != yaml.SequenceNode {
			p.expected(item, path, "a list of field names", fmt.Sprintf("write [%s]", exampleItem(item)))
			continue
		}
		names, ok := p.names(path, item, "field")
		if !ok || len(names) == 0 {
			if ok {
				p.errorf(pos(item), path, "", "empty %s", what)
			}
			continue
		}
		sig := "[" + strings.Join(Values(names), ", ") + "]"
		if first, dup := seen[sig]; dup {
			p.errorf(pos(item), path, fmt.Sprintf("first listed at %d:%d", first.Line, first.Col),
				"duplicate %s %s", what, sig)
			continue
		}
		seen[sig] = pos(item)
		out = append(out, names)
	}
	return out
}

// exampleItem shows a scalar's own text in a "write [x]" hint so the fix is
// copy-pasteable; other kinds fall back to a placeholder.
func exampleItem(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Value != "" {
		return n.Value
	}
	return "field"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
