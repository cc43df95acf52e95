package codegen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os/exec"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	oapi "github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

// OpenAPIOptions configures OpenAPI.
type OpenAPIOptions struct {
	// Package is the Go package name of the generated file.
	Package string
	// Clearable names, per component schema, the properties that must tell
	// an absent value from an explicit null (a PATCH that clears a field),
	// with the Go type of their value: their field becomes
	// nullable.Nullable[T] (github.com/oapi-codegen/nullable) instead of *T.
	Clearable map[string]map[string]string
}

// NullableModule is the module of the tri-state type Clearable fields use.
const NullableModule = "github.com/oapi-codegen/nullable"

// oapiMu serialises calls into oapi-codegen: codegen.Generate keeps its
// options, the spec and the name normaliser in package-level variables and
// writes a shared template-function map, so two concurrent calls would mix
// their outputs or crash on a concurrent map write.
var oapiMu sync.Mutex

// oapiVersion replaces the version oapi-codegen reads from the build info of
// the running binary, so that the header line it writes (which rewriteHeader
// drops anyway) never depends on how gobackend was built.
var oapiVersion = "gobackend"

// OpenAPI generates the Go models, the net/http (Go 1.22 ServeMux) server,
// the strict server interface and the embedded spec for spec, which is an
// OpenAPI 3 document in YAML or JSON. The result is gofmt'ed source with
// files.GoHeader on line one.
//
// The spec is loaded from bytes with external $refs refused, so generation
// never reads files or URLs the spec names. It is validated before
// generation: kin-openapi's message (with the line and column it recorded,
// when it has one) says far more than a failure deep inside the templates.
//
// oapi-codegen formats its output with golang.org/x/tools/imports, which
// runs `go env`; the go command must therefore be on PATH.
func OpenAPI(spec []byte, opts OpenAPIOptions) ([]byte, error) {
	code, _, err := OpenAPIAndSpec(spec, opts)
	return code, err
}

// OpenAPIAndSpec is OpenAPI, and also returns the document as SpecJSON
// does, from one load of the spec.
func OpenAPIAndSpec(spec []byte, opts OpenAPIOptions) (code, served []byte, err error) {
	if opts.Package == "" {
		return nil, nil, errors.New("openapi: no Go package name given")
	}
	doc, err := loadSpec(spec)
	if err != nil {
		return nil, nil, err
	}
	return OpenAPIFromDoc(doc, opts)
}

// OpenAPIFromDoc is OpenAPIAndSpec over a document already loaded (with
// origins recorded, as loadSpec does) and validated, which spares a second
// parse of a large spec. It changes doc (see markClearable): the caller
// hands it over and must not read it concurrently or afterwards.
func OpenAPIFromDoc(doc *openapi3.T, opts OpenAPIOptions) (code, served []byte, err error) {
	if opts.Package == "" {
		return nil, nil, errors.New("openapi: no Go package name given")
	}
	// The served document is taken before anything below changes doc.
	if served, err = specJSON(doc); err != nil {
		return nil, nil, err
	}
	if err := markClearable(doc, opts.Clearable); err != nil {
		return nil, nil, err
	}
	if _, err := exec.LookPath("go"); err != nil {
		return nil, nil, fmt.Errorf("openapi: oapi-codegen formats its output with the go command, which is not on PATH: %w", err)
	}

	cfg := oapi.Configuration{
		PackageName: opts.Package,
		Generate: oapi.GenerateOptions{
			Models:        true,
			StdHTTPServer: true,
			Strict:        true,
			// The server embeds the spec itself (internal/api/spec.gen.go):
			// the document given here carries Go type overrides that are not
			// part of the user's contract.
		},
		OutputOptions: oapi.OutputOptions{
			NameNormalizer: string(oapi.NameNormalizerFunctionToCamelCaseWithInitialisms),
		},
		// Required read-only fields (id, timestamps) are always present in
		// responses, so they are values, not pointers; enum constants carry
		// their type's name so two enums may share a value.
		Compatibility: oapi.CompatibilityOptions{
			DisableRequiredReadOnlyAsPointer: true,
			AlwaysPrefixEnumValues:           true,
		},
		NoVCSVersionOverride: &oapiVersion,
	}
	cfg = cfg.UpdateDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, nil, fmt.Errorf("openapi: oapi-codegen %w", err)
	}

	src, err := generateLocked(doc, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("openapi: oapi-codegen: %w", err)
	}
	if code, err = rewriteHeader([]byte(src)); err != nil {
		return nil, nil, fmt.Errorf("openapi: %w", err)
	}
	return code, served, nil
}

// markClearable gives each Clearable property oapi-codegen's x-go-type
// override: nullable.Nullable[T], without the optional pointer. A property
// that is a $ref is wrapped in an allOf first, so that the referenced
// schema, which other properties may use, is left alone.
func markClearable(doc *openapi3.T, clearable map[string]map[string]string) error {
	for _, schema := range slices.Sorted(maps.Keys(clearable)) {
		ref := doc.Components.Schemas[schema]
		if ref == nil || ref.Value == nil {
			return fmt.Errorf("openapi: no schema %s", schema)
		}
		props := clearable[schema]
		for _, name := range slices.Sorted(maps.Keys(props)) {
			prop := ref.Value.Properties[name]
			if prop == nil || prop.Value == nil {
				return fmt.Errorf("openapi: schema %s has no property %s", schema, name)
			}
			if prop.Ref != "" {
				prop = &openapi3.SchemaRef{Value: &openapi3.Schema{AllOf: openapi3.SchemaRefs{prop}, Nullable: true}}
				ref.Value.Properties[name] = prop
			}
			if prop.Value.Extensions == nil {
				prop.Value.Extensions = map[string]any{}
			}
			prop.Value.Extensions["x-go-type"] = "nullable.Nullable[" + props[name] + "]"
			prop.Value.Extensions["x-go-type-import"] = map[string]any{"path": NullableModule}
			prop.Value.Extensions["x-go-type-skip-optional-pointer"] = true
		}
	}
	return nil
}

// SpecJSON returns the document a server serves for spec: the same
// document, loaded and validated as OpenAPI loads it, as indented JSON.
func SpecJSON(spec []byte) ([]byte, error) {
	doc, err := loadSpec(spec)
	if err != nil {
		return nil, err
	}
	return specJSON(doc)
}

func specJSON(doc *openapi3.T) ([]byte, error) {
	data, err := doc.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return nil, fmt.Errorf("openapi: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// generateLocked runs oapi-codegen under oapiMu.
func generateLocked(doc *openapi3.T, cfg oapi.Configuration) (string, error) {
	oapiMu.Lock()
	defer oapiMu.Unlock()
	return oapi.Generate(doc, cfg)
}

// loadSpec parses and validates spec. IncludeOrigin is on for two reasons:
// oapi-codegen registers routes in the order the paths appear in the
// document only when origins are recorded (as its CLI does), and validation
// errors can then point at a line.
func loadSpec(spec []byte) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	loader.IncludeOrigin = true
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("openapi: load spec: %w", unmarshalError(spec, err))
	}
	if err := doc.Validate(context.Background()); err != nil {
		if loc := errorLocation(err); loc != "" {
			return nil, fmt.Errorf("openapi: invalid spec at %s: %w", loc, err)
		}
		return nil, fmt.Errorf("openapi: invalid spec: %w", err)
	}
	return doc, nil
}

// unmarshalError shortens kin-openapi's parse failure, which reports both
// its JSON and its YAML attempt ("failed to unmarshal data: json error: ...,
// yaml error: ..."), to the attempt that matters for this document: a spec
// that does not start with "{" is YAML, and the JSON complaint about its
// first byte only hides the line number of the real problem.
func unmarshalError(spec []byte, err error) error {
	const marker = ", yaml error: "
	msg := err.Error()
	i := strings.Index(msg, marker)
	if !strings.HasPrefix(msg, "failed to unmarshal data: json error: ") || i < 0 ||
		bytes.HasPrefix(bytes.TrimSpace(spec), []byte("{")) {
		return err
	}
	return &shortError{"invalid YAML: " + strings.TrimPrefix(msg[i+len(marker):], "error converting YAML to JSON: "), err}
}

// shortError replaces an error's text but keeps it in the chain.
type shortError struct {
	msg string
	err error
}

func (e *shortError) Error() string { return e.msg }
func (e *shortError) Unwrap() error { return e.err }

var originType = reflect.TypeFor[*openapi3.Origin]()

// errorLocation returns "line L, column C" for the innermost error in err's
// chain that records where in the document it happened, or "".
//
// kin-openapi attaches an `Origin *openapi3.Origin` field to many of its
// validation error types but exposes it through no common interface, so the
// chain is walked by reflection instead of matching each type by hand.
func errorLocation(err error) string {
	if err == nil {
		return ""
	}
	var children []error
	switch u := err.(type) {
	case openapi3.MultiError:
		children = u
	case interface{ Unwrap() []error }:
		children = u.Unwrap()
	case interface{ Unwrap() error }:
		children = []error{u.Unwrap()}
	}
	for _, c := range children {
		if loc := errorLocation(c); loc != "" {
			return loc
		}
	}
	v := reflect.ValueOf(err)
	for (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	f := v.FieldByName("Origin")
	if !f.IsValid() || f.Type() != originType || !f.CanInterface() || f.IsNil() {
		return ""
	}
	if o := f.Interface().(*openapi3.Origin); o.Key != nil && o.Key.Line > 0 {
		return fmt.Sprintf("line %d, column %d", o.Key.Line, o.Key.Column)
	}
	return ""
}
