package edit

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// This file holds small constructors for the yaml.v3 nodes that the edit
// renders into text, so the spec and manifest builders read like the YAML
// they produce.

// str is a string scalar. yaml.v3 quotes it when it would otherwise read
// as another type ("123", "true"); the YAML 1.1 booleans (yes, on, ...)
// are quoted too because other tools reading the spec still treat them so.
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "on", "off":
		n.Style = yaml.SingleQuotedStyle
	}
	return n
}

// quoted is a single-quoted string, the blueprint's style for $ref values,
// status codes and patterns.
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.SingleQuotedStyle}
}

// plain is a number or boolean written as is.
func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s} }

// mapping builds a block mapping from alternating keys and values; a value
// may be a *yaml.Node, a string, an int or a bool. A nil node value drops
// the pair, which keeps optional keys out of the builders' way.
func mapping(kv ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		var key *yaml.Node
		switch k := kv[i].(type) {
		case string:
			key = str(k)
		case *yaml.Node:
			key = k
		}
		var val *yaml.Node
		switch v := kv[i+1].(type) {
		case *yaml.Node:
			if v == nil {
				continue
			}
			val = v
		case string:
			val = str(v)
		case int:
			val = plain(fmt.Sprint(v))
		case bool:
			val = plain(fmt.Sprint(v))
		default:
			panic(fmt.Sprintf("mapping: unsupported value %T", v))
		}
		m.Content = append(m.Content, key, val)
	}
	return m
}

// add appends a key and value to mapping m.
func add(m *yaml.Node, key string, val *yaml.Node) {
	m.Content = append(m.Content, str(key), val)
}

// seq builds a block sequence.
func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Content: items}
}

// flowSeq builds `[a, b]`.
func flowSeq(items ...string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

// flow marks a collection to be written in flow style.
func flow(n *yaml.Node) *yaml.Node {
	n.Style = yaml.FlowStyle
	return n
}

func schemaRef(name string) *yaml.Node {
	return mapping("$ref", quoted("#/components/schemas/"+name))
}

func paramRef(name string) *yaml.Node {
	return mapping("$ref", quoted("#/components/parameters/"+name))
}

func problemResponse() *yaml.Node { return responseRef("Problem") }

// responseRef is a $ref to a shared response.
func responseRef(name string) *yaml.Node {
	return mapping("$ref", quoted("#/components/responses/"+name))
}

// keys lists the keys of a mapping node.
func keys(m *yaml.Node) []string {
	var out []string
	if m != nil && m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			out = append(out, m.Content[i].Value)
		}
	}
	return out
}
