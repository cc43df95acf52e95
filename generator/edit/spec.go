package edit

import (
	"maps"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gobackend/gobackend/generator/naming"
)

// The spec a new resource gets follows the conventions of DESIGN.md §1 and
// the api blueprint, key for key, so added resources read like the ones
// `gobackend new` wrote.

// enumSchema is the component name of an enum field: OrderStatus.
func enumSchema(n Names, f Field) string { return n.Schema + naming.Pascal(f.Name) }

// property is the schema of field f in X ("main"), XCreate ("create") or
// XUpdate ("update").
func property(n Names, f Field, variant string) *yaml.Node {
	var def *yaml.Node
	if variant == "create" && f.HasDefault {
		def = defaultNode(f)
	}
	var nullable *yaml.Node
	if f.Optional {
		nullable = plain("true")
	}
	if f.Type == "enum" {
		ref := schemaRef(enumSchema(n, f))
		if def == nil && nullable == nil {
			return ref
		}
		// A $ref cannot have siblings in OpenAPI 3.0: wrap it in allOf,
		// as the blueprint does for a default.
		return mapping("allOf", seq(ref), "nullable", nullable, "default", def)
	}
	m := typeSchema(f)
	switch f.Type {
	case "string", "text":
		if f.HasMin {
			add(m, "minLength", plain(f.Min))
		}
		if f.HasMax {
			add(m, "maxLength", plain(f.Max))
		} else if f.Type == "string" {
			add(m, "maxLength", plain("255"))
		}
	case "decimal":
		if f.HasMin { // min=0, the only bound a decimal takes
			m = mapping("type", "string", "format", "decimal", "pattern", quoted(UnsignedDecimalPattern))
		}
	case "int", "bigint", "float":
		if f.HasMin {
			add(m, "minimum", plain(f.Min))
		}
		if f.HasMax {
			add(m, "maximum", plain(f.Max))
		}
	}
	if nullable != nil {
		add(m, "nullable", nullable)
	}
	if def != nil {
		add(m, "default", def)
	}
	return m
}

// typeSchema is the type and format of a field, without constraints: the
// schema of its filter parameter, and the start of its property.
func typeSchema(f Field) *yaml.Node {
	switch f.Type {
	case "int":
		return mapping("type", "integer", "format", "int32")
	case "bigint":
		return mapping("type", "integer", "format", "int64")
	case "float":
		return mapping("type", "number", "format", "double")
	case "decimal":
		return mapping("type", "string", "format", "decimal", "pattern", quoted(DecimalPattern))
	case "bool":
		return mapping("type", "boolean")
	case "uuid", "ref":
		return mapping("type", "string", "format", "uuid")
	case "time":
		return mapping("type", "string", "format", "date-time")
	case "date":
		return mapping("type", "string", "format", "date")
	}
	return mapping("type", "string")
}

func defaultNode(f Field) *yaml.Node {
	switch f.Type {
	case "int", "bigint", "float", "bool":
		return plain(f.Default)
	}
	return str(f.Default)
}

// resourceSchemas returns the component schemas of the resource: one per enum
// field, then X, XCreate, XUpdate and XPage.
func resourceSchemas(n Names, fields []Field) *yaml.Node {
	out := mapping()
	for _, f := range fields {
		if f.Type == "enum" {
			add(out, enumSchema(n, f), mapping("type", "string", "enum", flowSeq(f.Enum...)))
		}
	}
	readOnly := func(format string) *yaml.Node {
		return mapping("type", "string", "format", format, "readOnly", true)
	}
	required := []string{"id"}
	props := mapping("id", readOnly("uuid"))
	createProps, updateProps := mapping(), mapping()
	var createRequired []string
	for _, f := range fields {
		required = append(required, f.Name)
		add(props, f.Name, property(n, f, "main"))
		add(createProps, f.Name, property(n, f, "create"))
		add(updateProps, f.Name, property(n, f, "update"))
		if !f.Optional && !f.HasDefault {
			createRequired = append(createRequired, f.Name)
		}
	}
	required = append(required, "created_at", "updated_at")
	add(props, "created_at", readOnly("date-time"))
	add(props, "updated_at", readOnly("date-time"))
	add(out, n.Schema, mapping("type", "object", "required", flowSeq(required...), "properties", props))
	var req *yaml.Node
	if len(createRequired) > 0 {
		req = flowSeq(createRequired...)
	}
	add(out, n.Schema+"Create", mapping("type", "object", "additionalProperties", false,
		"required", req, "properties", createProps))
	add(out, n.Schema+"Update", mapping("type", "object", "additionalProperties", false,
		"minProperties", 1, "properties", updateProps))
	add(out, n.Schema+"Page", mapping("type", "object", "required", flowSeq("items", "next_cursor"),
		"properties", mapping(
			"items", mapping("type", "array", "items", schemaRef(n.Schema)),
			"next_cursor", mapping("type", "string", "nullable", true))))
	return out
}

// paths returns the two path items of the five CRUD operations.
func paths(n Names, fields []Field, filters, sorts []string, owned bool) *yaml.Node {
	a := article(n.Title)
	tags := flowSeq(n.Key)
	sortValues := []string{}
	for _, s := range sorts {
		sortValues = append(sortValues, s, "-"+s)
	}
	listParams := seq(paramRef("Limit"), paramRef("Cursor"),
		mapping("name", "sort", "in", "query", "description", "Sort key; prefix with - for descending order.",
			"schema", mapping("type", "string", "enum", flowSeq(sortValues...))))
	for _, name := range filters {
		for _, f := range fields {
			if f.Name != name {
				continue
			}
			schema := typeSchema(f)
			if f.Type == "enum" {
				schema = schemaRef(enumSchema(n, f))
			}
			listParams.Content = append(listParams.Content, mapping("name", f.Name, "in", "query", "schema", schema))
		}
	}
	etag := mapping("ETag", mapping("required", true, "schema", mapping("type", "string")))
	jsonBody := func(schema string) *yaml.Node {
		return mapping("application/json", mapping("schema", schemaRef(schema)))
	}
	requestBody := func(schema string) *yaml.Node {
		return mapping("required", true, "content", jsonBody(schema))
	}
	op := func(id, summary string, params *yaml.Node, kv ...any) *yaml.Node {
		m := mapping("operationId", id, "tags", tags, "summary", summary)
		if owned {
			// Rows belong to the caller: every operation needs a token
			// (feature auth's bearerAuth scheme).
			add(m, "security", seq(mapping("bearerAuth", flowSeq())))
		} else {
			// Public, and saying so: a root security requirement the user
			// adds later does not silently change this operation.
			add(m, "security", flowSeq())
		}
		add(m, "parameters", params)
		m.Content = append(m.Content, mapping(kv...).Content...)
		return m
	}
	// responses lists the success responses, then every error the
	// operation can answer (errorStatuses), then the default problem.
	responses := func(kind string, kv ...any) *yaml.Node {
		m := mapping()
		for i := 0; i+1 < len(kv); i += 2 {
			m.Content = append(m.Content, quoted(kv[i].(string)), kv[i+1].(*yaml.Node))
		}
		for _, status := range errorStatuses(kind, owned) {
			m.Content = append(m.Content, quoted(status), responseRef(errorResponses[status].name))
		}
		add(m, "default", problemResponse())
		return m
	}
	collection := mapping(
		"get", op("list"+n.GoPlural, "List "+n.TitlePl, listParams,
			"responses", responses("list", "200", mapping("description", "A page of "+n.TitlePl+".", "content", jsonBody(n.Schema+"Page")))),
		"post", op("create"+n.Schema, "Create "+a+" "+n.Title, seq(paramRef("IdempotencyKey")),
			"requestBody", requestBody(n.Schema+"Create"),
			"responses", responses("create", "201", mapping("description", "Created.",
				"headers", mapping("Location", mapping("required", true, "schema", mapping("type", "string")),
					"ETag", mapping("required", true, "schema", mapping("type", "string"))),
				"content", jsonBody(n.Schema)))),
	)
	item := mapping(
		"parameters", seq(paramRef("ID")),
		"get", op("get"+n.Schema, "Get "+a+" "+n.Title, seq(paramRef("IfNoneMatch")),
			"responses", responses("get",
				"200", mapping("description", "The "+n.Title+".", "headers", etag, "content", jsonBody(n.Schema)),
				"304", mapping("description", "Not modified.", "headers", etag))),
		"patch", op("update"+n.Schema, "Update "+a+" "+n.Title, seq(paramRef("IfMatch")),
			"requestBody", requestBody(n.Schema+"Update"),
			"responses", responses("update", "200", mapping("description", "The updated "+n.Title+".", "headers", etag, "content", jsonBody(n.Schema)))),
		"delete", op("delete"+n.Schema, "Delete "+a+" "+n.Title, seq(paramRef("IfMatch")),
			"responses", responses("delete", "204", mapping("description", "Deleted."))),
	)
	return mapping(n.Path, collection, n.Path+"/{id}", item)
}

// errorResponse is a shared component of components/responses.
type errorResponse struct {
	name, description  string
	header, headerType string // a header it carries and its type, "" for none
}

// errorResponses are the error responses operations declare, by status:
// each an RFC 9457 problem, shared by every operation that can answer it.
var errorResponses = map[string]errorResponse{
	"400": {"BadRequest", "The request is malformed (a parameter, the query string or the JSON body cannot be read).", "", ""},
	"401": {"Unauthorized", "No valid bearer token.", "WWW-Authenticate", "string"},
	"404": {"NotFound", "No such resource (or it belongs to someone else).", "", ""},
	"409": {"Conflict", "The request conflicts with the current state (a duplicate, a missing or still-referenced row, an idempotency key in use).", "", ""},
	"412": {"PreconditionFailed", "If-Match does not name the current ETag.", "", ""},
	"413": {"ContentTooLarge", "The request body is too large.", "", ""},
	"415": {"UnsupportedMediaType", "The request body is not JSON.", "", ""},
	"422": {"UnprocessableContent", "The body is well-formed but breaks the schema or a business rule; errors[] names each field.", "", ""},
	"429": {"TooManyRequests", "Too many requests from this client; retry after Retry-After seconds.", "Retry-After", "integer"},
}

// errorStatuses are the errors each CRUD operation can answer, in order.
func errorStatuses(kind string, owned bool) []string {
	out := []string{"400"} // on a list: a bad limit, sort, cursor or filter
	if owned {
		out = append(out, "401")
	}
	switch kind {
	case "create":
		out = append(out, "409", "413", "415", "422")
	case "get":
		out = append(out, "404")
	case "update":
		out = append(out, "404", "409", "412", "413", "415", "422")
	case "delete":
		out = append(out, "404", "409", "412")
	}
	return append(out, "429")
}

// errorResponseComponents are the components errorStatuses refers to for
// a resource, in status order.
func errorResponseComponents(owned bool) [][2]any {
	seen := map[string]bool{}
	for _, kind := range []string{"list", "create", "get", "update", "delete"} {
		for _, s := range errorStatuses(kind, owned) {
			seen[s] = true
		}
	}
	var out [][2]any
	for _, status := range slices.Sorted(maps.Keys(seen)) {
		r := errorResponses[status]
		m := mapping("description", r.description)
		if r.header != "" {
			add(m, "headers", mapping(r.header, mapping("schema", mapping("type", r.headerType))))
		}
		add(m, "content", mapping("application/problem+json", mapping("schema", schemaRef("Problem"))))
		out = append(out, [2]any{r.name, m})
	}
	return out
}

// tagEntry declares the resource's tag, with a description for the docs.
func tagEntry(n Names) *yaml.Node {
	return mapping("name", n.Key, "description", strings.ToUpper(n.TitlePl[:1])+n.TitlePl[1:]+".")
}

// operationIDs are the ids paths gives the five operations.
func operationIDs(n Names) []string {
	return []string{"list" + n.GoPlural, "create" + n.Schema, "get" + n.Schema, "update" + n.Schema, "delete" + n.Schema}
}

// sharedParameters are the components every CRUD operation refers to, as
// the blueprint declares them; a spec that lacks one gets it.
func sharedParameters() [][2]any {
	str := func() *yaml.Node { return mapping("type", "string") }
	return [][2]any{
		{"ID", mapping("name", "id", "in", "path", "required", true, "schema", mapping("type", "string", "format", "uuid"))},
		{"Limit", mapping("name", "limit", "in", "query", "description", "Page size.", "schema",
			mapping("type", "integer", "format", "int32", "minimum", 1, "maximum", 100, "default", 20))},
		{"Cursor", mapping("name", "cursor", "in", "query", "description", "Opaque cursor from the previous page's next_cursor.",
			"schema", mapping("type", "string", "maxLength", 512))},
		{"IfNoneMatch", mapping("name", "If-None-Match", "in", "header", "schema", str())},
		{"IfMatch", mapping("name", "If-Match", "in", "header", "schema", str())},
		{"IdempotencyKey", mapping("name", "Idempotency-Key", "in", "header", "schema", mapping("type", "string", "maxLength", 255))},
	}
}

func problemResponseComponent() *yaml.Node {
	return mapping("description", "An error, as an RFC 9457 problem.", "content",
		mapping("application/problem+json", mapping("schema", schemaRef("Problem"))))
}

// problemSchemas are Problem and FieldError as the blueprint has them.
func problemSchemas() [][2]any {
	s := func() *yaml.Node { return mapping("type", "string") }
	return [][2]any{
		{"Problem", mapping("type", "object", "required", flowSeq("type", "title", "status"), "properties", mapping(
			"type", s(), "title", s(), "status", mapping("type", "integer"), "detail", s(), "instance", s(),
			"request_id", s(), "trace_id", s(), "errors", mapping("type", "array", "items", schemaRef("FieldError"))))},
		{"FieldError", mapping("type", "object", "required", flowSeq("pointer", "detail"), "properties",
			mapping("pointer", s(), "detail", s()))},
	}
}

// routeKey normalises a path for comparison: /a/{id} and /a/{aId} are the
// same route to a router.
func routeKey(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			parts[i] = "{}"
		}
	}
	return strings.Join(parts, "/")
}
