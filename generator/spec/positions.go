package spec

import (
	"gopkg.in/yaml.v3"
)

// propertyNodes returns the key nodes of components.schemas.NAME.properties
// in source order. kin-openapi keeps properties in a map and does not record
// where a $ref property sits, so the document is also read as a YAML node
// tree (JSON is YAML too) for order and positions.
func (d *Doc) propertyNodes(schema string) []*yaml.Node {
	if d.tree == nil {
		var root yaml.Node
		if err := yaml.Unmarshal(d.Data, &root); err != nil || len(root.Content) == 0 {
			return nil
		}
		d.tree = root.Content[0]
	}
	n := lookup(d.tree, "components", "schemas", schema, "properties")
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var keys []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys = append(keys, n.Content[i])
	}
	return keys
}

func lookup(n *yaml.Node, path ...string) *yaml.Node {
	for _, key := range path {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				next = n.Content[i+1]
				break
			}
		}
		n = next
	}
	return n
}

// Properties lists a component schema's property names in source order.
func (d *Doc) Properties(schema string) []string {
	var names []string
	for _, k := range d.propertyNodes(schema) {
		names = append(names, k.Value)
	}
	return names
}
