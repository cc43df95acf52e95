// Package spec loads the project's OpenAPI document with kin-openapi and
// answers the questions the model needs, keeping source positions so every
// error can name the file, line and column.
package spec

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Doc is a loaded and validated OpenAPI document.
type Doc struct {
	File string // project-relative path, used in error messages
	Data []byte // the document as read from disk
	T    *openapi3.T

	tree *yaml.Node // the document as YAML nodes, read on demand for positions
}

// Error is a problem in the spec at a position.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

var yamlLine = regexp.MustCompile(`(?:yaml: )?line (\d+): (.*)`)

// Load parses and validates an OpenAPI 3.0 document.
func Load(file string, data []byte) (*Doc, error) {
	d, err := Parse(file, data)
	if err != nil {
		return nil, err
	}
	return d, d.Validate()
}

// Validate checks the document against the OpenAPI rules.
func (d *Doc) Validate() error {
	if err := d.T.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		return &Error{File: d.File, Msg: "invalid OpenAPI document: " + err.Error()}
	}
	return nil
}

// Parse reads an OpenAPI 3.0 document without validating it, so that
// feature fragments can be merged in first. Origins are recorded so later
// stages can point at a schema or property.
func Parse(file string, data []byte) (*Doc, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	t, err := loader.LoadFromData(data)
	if err != nil {
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, &Error{File: file, Line: line, Col: 1, Msg: m[2]}
		}
		return nil, &Error{File: file, Msg: err.Error()}
	}
	if t.OpenAPI == "" || t.OpenAPI[0] != '3' {
		return nil, &Error{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("openapi version %q is not supported (use 3.0.x)", t.OpenAPI)}
	}
	return &Doc{File: file, Data: data, T: t}, nil
}

// Schema returns a component schema by name.
func (d *Doc) Schema(name string) *openapi3.Schema {
	if d.T.Components == nil {
		return nil
	}
	ref, ok := d.T.Components.Schemas[name]
	if !ok || ref == nil {
		return nil
	}
	return ref.Value
}

// SchemaNames lists the component schemas, sorted.
func (d *Doc) SchemaNames() []string {
	var names []string
	if d.T.Components != nil {
		for n := range d.T.Components.Schemas {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// SchemaPos is where a component schema is declared (0, 0 when unknown).
func (d *Doc) SchemaPos(name string) (line, col int) {
	s := d.Schema(name)
	if s == nil || s.Origin == nil || s.Origin.Key == nil {
		return 0, 0
	}
	return s.Origin.Key.Line, s.Origin.Key.Column
}

// PropertyPos is where a property of a schema is declared, falling back to
// the schema itself.
func (d *Doc) PropertyPos(schema, prop string) (line, col int) {
	for _, k := range d.propertyNodes(schema) {
		if k.Value == prop {
			return k.Line, k.Column
		}
	}
	return d.SchemaPos(schema)
}

// Errorf builds a positioned error.
func (d *Doc) Errorf(line, col int, format string, args ...any) *Error {
	return &Error{File: d.File, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}
