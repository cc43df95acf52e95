package model

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gobackend/gobackend/generator/features"
	"github.com/gobackend/gobackend/generator/manifest"
	"github.com/gobackend/gobackend/generator/naming"
	"github.com/gobackend/gobackend/generator/spec"
)

// Options carries what neither input says.
type Options struct {
	GoVersion   string
	ToolVersion string
	// UserMethods are the methods user code declares on Server (see
	// generator/usercode): those operations get no generated code.
	UserMethods map[string]bool
	// LegacyHooks are the resource packages whose hooks.go declares
	// newHooks without the deps parameter (see usercode.LegacyHooks).
	LegacyHooks map[string]bool
	// Modules are the descriptors of the enabled features.
	Modules []*features.Module
	// Jobs are the user's jobs (feature jobs), by Go name.
	Jobs []string
}

// Resolve merges the manifest and the spec into the model. Every problem is
// reported with the position of the manifest entry or spec property at fault.
func Resolve(m *manifest.Manifest, doc *spec.Doc, opts Options) (*Project, error) {
	p := &Project{
		Name:        m.Name,
		Module:      m.Module,
		Database:    m.Database,
		SpecPath:    m.Spec,
		Features:    m.Features,
		GoVersion:   opts.GoVersion,
		ToolVersion: opts.ToolVersion,
		UserMethods: opts.UserMethods,
		legacyHooks: opts.LegacyHooks,
		Modules:     opts.Modules,
		Jobs:        opts.Jobs,

		SystemWebhooks: m.WebhookEndpoints == manifest.WebhookEndpointsAdmin,
	}
	r := &resolver{m: m, doc: doc, byKey: map[string]*Resource{}}
	for _, mr := range m.Resources {
		if res := r.resource(p, mr); res != nil {
			p.Resources = append(p.Resources, res)
			r.byKey[mr.Key] = res
		}
	}
	if len(r.errs) == 0 {
		for i, mr := range m.Resources {
			r.relations(p.Resources[i], mr)
		}
		r.operations(p)
		for i, mr := range m.Resources {
			r.ownership(p.Resources[i], mr)
			r.publicCache(p.Resources[i], mr)
		}
		r.collisions(p)
		r.schedules(p)
	}
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	return p, nil
}

// Errors collects positioned problems from both inputs.
type Errors []error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

type resolver struct {
	m     *manifest.Manifest
	doc   *spec.Doc
	byKey map[string]*Resource
	errs  Errors
}

func (r *resolver) manifestErr(pos manifest.Pos, path, msg, hint string) {
	r.errs = append(r.errs, manifest.NewError(r.m.File, pos, path, msg, hint))
}

func (r *resolver) specErr(schema, prop, format string, args ...any) {
	line, col := r.doc.PropertyPos(schema, prop)
	r.errs = append(r.errs, r.doc.Errorf(line, col, format, args...))
}

func (r *resolver) resource(p *Project, mr *manifest.Resource) *Resource {
	single := naming.Singular(mr.Key)
	schema := mr.Schema
	if schema == "" {
		schema = naming.Pascal(single)
	}
	path := "resources." + mr.Key
	if r.doc.Schema(schema) == nil {
		pos := mr.SchemaPos
		if !pos.IsValid() {
			pos = mr.KeyPos
		}
		hint := manifest.Suggest(schema, r.doc.SchemaNames())
		if hint != "" {
			hint = fmt.Sprintf("did you mean %q?", hint)
		} else {
			hint = fmt.Sprintf("add components.schemas.%s to %s or set schema:", schema, r.doc.File)
		}
		r.manifestErr(pos, path+".schema", fmt.Sprintf("schema %q not found in %s", schema, r.doc.File), hint)
		return nil
	}
	for _, suffix := range []string{"Create", "Update"} {
		if r.doc.Schema(schema+suffix) == nil {
			r.manifestErr(mr.KeyPos, path, fmt.Sprintf("schema %q not found in %s", schema+suffix, r.doc.File),
				fmt.Sprintf("every resource needs %s, %sCreate and %sUpdate", schema, schema, schema))
			return nil
		}
	}
	res := &Resource{
		Project:    p,
		Key:        mr.Key,
		Table:      mr.Table,
		TableSQL:   quoteIdent(mr.Table),
		Schema:     schema,
		GoSchema:   naming.OapiField(schema),
		IDType:     mr.ID,
		Owned:      mr.Owned,
		Timestamps: mr.Timestamps,
		SoftDelete: mr.SoftDelete,
		Events:     mr.Events,
		Cache:      mr.Cache,
		HTTPCache:  httpCache(mr.HTTPCache),
		Names: Names{
			Plural:      mr.Key,
			Singular:    single,
			GoPlural:    naming.Pascal(mr.Key),
			GoSingular:  naming.Pascal(single),
			VarPlural:   naming.Camel(mr.Key),
			VarSingular: naming.Camel(single),
			Package:     naming.Package(mr.Key),
			URL:         "/" + naming.Kebab(mr.Key),
			Title:       naming.Title(single),
		},
	}
	res.Names.Store = naming.SqlcStruct(res.Table)
	if mr.ID == manifest.IDBigint {
		r.manifestErr(mr.IDPos, path+".id", "id: bigint is not supported yet", "use id: uuid")
		return nil
	}
	r.fields(res)
	return res
}

// fields reads the properties of the resource schema in source order.
func (r *resolver) fields(res *Resource) {
	main := r.doc.Schema(res.Schema)
	create := r.doc.Schema(res.Schema + "Create")
	update := r.doc.Schema(res.Schema + "Update")
	reserved := map[string]bool{"id": true}
	if res.Timestamps {
		reserved["created_at"], reserved["updated_at"] = true, true
	}
	if res.SoftDelete {
		reserved["deleted_at"] = true
	}
	if res.Owned {
		if _, ok := main.Properties["owner_id"]; ok {
			r.specErr(res.Schema, "owner_id", "%s.owner_id: an owned resource's owner is managed by gobackend and is not part of the API; remove the property", res.Schema)
		}
	}
	if _, ok := main.Properties["id"]; !ok {
		r.specErr(res.Schema, "", "schema %s has no id property", res.Schema)
	}
	for _, name := range propertyOrder(main, r.doc.Properties(res.Schema)) {
		if reserved[name] {
			continue
		}
		prop := main.Properties[name]
		f := &Field{
			Name:      name,
			Column:    quoteIdent(name),
			APIName:   naming.OapiField(name),
			StoreName: naming.SqlcField(name),
			Nullable:  prop.Value.Nullable || !contains(main.Required, name),
		}
		if !r.classify(res, f, name, prop) {
			continue
		}
		if update != nil {
			up, ok := update.Properties[name]
			f.Updatable = ok
			f.Clearable = ok && up.Value != nil && up.Value.Nullable
			if f.Clearable && !f.Nullable {
				r.specErr(res.Schema+"Update", name,
					"%sUpdate.%s is nullable, but %s.%s is not: a PATCH could not store its null (make both nullable, or neither)",
					res.Schema, name, res.Schema, name)
				continue
			}
		}
		if cp, ok := create.Properties[name]; ok {
			f.Writable = true
			f.Required = contains(create.Required, name)
			if d := defaultOf(cp); d != nil {
				f.HasDefault, f.Default = true, fmt.Sprint(d)
				if n, ok := d.(float64); ok {
					// JSON numbers arrive as float64: written without an
					// exponent, and refused where float64 is not exact.
					f.Default = strconv.FormatFloat(n, 'f', -1, 64)
					if (f.Type == "int" || f.Type == "bigint") && (n != math.Trunc(n) || math.Abs(n) > 1<<53) {
						r.specErr(res.Schema+"Create", name, "%sCreate.%s: default %s is not an integer a JSON number holds exactly (|n| <= 2^53)", res.Schema, name, f.Default)
						continue
					}
				}
			}
		}
		if !f.Writable && !f.Nullable && !f.HasDefault {
			r.specErr(res.Schema, name,
				"%s.%s cannot be filled: it is required and not nullable, but %sCreate has no %s and it has no default (add it to %sCreate, make it nullable, or give it a default)",
				res.Schema, name, res.Schema, name, res.Schema)
			continue
		}
		if f.Writable && !f.Required && !f.Nullable && !f.HasDefault {
			r.specErr(res.Schema+"Create", name,
				"%sCreate.%s is optional but %s.%s is not nullable and has no default (make it required, nullable, or give it a default)",
				res.Schema, name, res.Schema, name)
			continue
		}
		res.Fields = append(res.Fields, f)
	}
}

// classify sets the field's type from its schema; false when unsupported.
func (r *resolver) classify(res *Resource, f *Field, name string, prop *openapi3.SchemaRef) bool {
	ref, s := unwrap(prop)
	f.APIType = ""
	if s.Type.Is("integer") || s.Type.Is("number") {
		f.Minimum, f.Maximum = s.Min, s.Max
		if f.Minimum != nil && f.Maximum != nil && *f.Minimum > *f.Maximum {
			r.specErr(res.Schema, name, "%s.%s: minimum %v is above maximum %v, so no value is valid", res.Schema, name, *f.Minimum, *f.Maximum)
			return false
		}
	}
	switch {
	case len(s.Enum) > 0 && s.Type.Is("string"):
		f.Type = "enum"
		for _, v := range s.Enum {
			f.Enum = append(f.Enum, fmt.Sprint(v))
		}
		if ref != "" {
			f.EnumType = naming.OapiField(ref[strings.LastIndex(ref, "/")+1:])
		} else {
			f.EnumType = naming.OapiField(res.Schema) + naming.OapiField(name)
		}
		f.APIType = f.EnumType
	case s.Type.Is("string"):
		switch s.Format {
		case "uuid":
			f.Type, f.APIType = "uuid", "openapi_types.UUID"
		case "date-time":
			f.Type, f.APIType = "time", "time.Time"
		case "date":
			f.Type, f.APIType = "date", "openapi_types.Date"
		case "decimal":
			f.Type, f.APIType = "decimal", "string"
		case "email":
			f.Type, f.APIType = "string", "openapi_types.Email"
		case "binary", "byte":
			r.specErr(res.Schema, name, "%s.%s: format %q is not supported for a column", res.Schema, name, s.Format)
			return false
		default:
			f.Type, f.APIType = "string", "string"
			if s.MaxLength != nil {
				f.MaxLength = int(*s.MaxLength)
			}
			f.MinLength = int(s.MinLength)
			if s.MaxLength != nil && f.MinLength > f.MaxLength {
				r.specErr(res.Schema, name, "%s.%s: minLength %d is above maxLength %d, so no value is valid", res.Schema, name, f.MinLength, f.MaxLength)
				return false
			}
			if ex, ok := s.Example.(string); ok {
				f.Example = strconv.Quote(ex)
			}
			if s.MaxLength == nil || *s.MaxLength > 1000 {
				f.Type = "text"
			}
		}
	case s.Type.Is("integer"):
		f.Type = "bigint"
		switch s.Format {
		case "int32":
			f.Type, f.APIType = "int", "int32"
		case "int64":
			f.APIType = "int64"
		default:
			f.APIType = "int"
		}
	case s.Type.Is("number"):
		f.Type = "float"
		if s.Format == "double" {
			f.APIType = "float64"
		} else {
			f.APIType = "float32"
		}
	case s.Type.Is("boolean"):
		f.Type, f.APIType = "bool", "bool"
	default:
		r.specErr(res.Schema, name, "%s.%s: type %v is not supported for a column yet (use string, integer, number, boolean or an enum)", res.Schema, name, s.Type)
		return false
	}
	return true
}

// relations resolves references, filters, sorts, indexes and uniques,
// which may name fields of the resource or its id and timestamps.
func (r *resolver) relations(res *Resource, mr *manifest.Resource) {
	path := "resources." + mr.Key
	byName := map[string]*Field{}
	var names []string
	for _, f := range res.Fields {
		byName[f.Name] = f
		names = append(names, f.Name)
	}
	var builtin []string
	for _, f := range res.builtinFields() {
		byName[f.Name] = f
		builtin = append(builtin, f.Name)
	}
	all := append(append([]string{}, names...), builtin...)
	lookup := func(n manifest.Name, key string, allowBuiltin bool) *Field {
		f := byName[n.Value]
		if f == nil || (!allowBuiltin && f.Builtin) {
			cands := names
			if allowBuiltin {
				cands = all
			}
			hint := ""
			if s := manifest.Suggest(n.Value, cands); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			} else {
				hint = fmt.Sprintf("%s has: %s", res.Schema, strings.Join(cands, ", "))
			}
			r.manifestErr(n.Pos, path+"."+key, fmt.Sprintf("unknown field %q", n.Value), hint)
			return nil
		}
		return f
	}
	for _, ref := range mr.References {
		f := lookup(ref.Field, "references", false)
		if f == nil {
			continue
		}
		target := r.byKey[ref.Target.Value]
		if f.Type != "uuid" {
			r.manifestErr(ref.Field.Pos, path+".references", fmt.Sprintf("field %q must be a uuid (format: uuid) to reference %s", f.Name, ref.Target.Value), "")
			continue
		}
		f.Ref = target
	}
	for _, n := range mr.Filter {
		if f := lookup(n, "filter", true); f != nil {
			if f.Type == "text" || f.Type == "float" {
				r.manifestErr(n.Pos, path+".filter", fmt.Sprintf("field %q (%s) cannot be a filter", f.Name, f.Type), "filter on string, enum, uuid, integer, boolean or time fields")
				continue
			}
			res.Filters = append(res.Filters, f)
		}
	}
	for _, n := range mr.Sort {
		f := lookup(n, "sort", true)
		if f == nil {
			continue
		}
		switch {
		case f.Nullable:
			r.manifestErr(n.Pos, path+".sort", fmt.Sprintf("field %q is nullable and cannot be a sort key", f.Name), "make it required and not nullable in "+res.Schema)
			continue
		case f.Type == "decimal" || f.Type == "text" || f.Type == "bool":
			r.manifestErr(n.Pos, path+".sort", fmt.Sprintf("field %q (%s) cannot be a sort key", f.Name, f.Type), "sort on string, enum, uuid, integer, float or time fields")
			continue
		}
		res.Sorts = append(res.Sorts, &Sort{Field: f, Key: f.Name})
	}
	group := func(lists [][]manifest.Name, key string) [][]*Field {
		var out [][]*Field
		for _, list := range lists {
			var g []*Field
			for _, n := range list {
				if f := lookup(n, key, true); f != nil {
					g = append(g, f)
				}
			}
			if len(g) == len(list) && len(g) > 0 {
				out = append(out, g)
			}
		}
		return out
	}
	res.Indexes = group(mr.Indexes, "indexes")
	res.Uniques = group(mr.Unique, "unique")
	for _, g := range res.Uniques {
		if len(g) == 1 {
			g[0].Unique = true
		}
	}
}

// unwrap follows a $ref or a single-element allOf to the schema that says
// what a property is, returning the component reference if there is one.
func unwrap(s *openapi3.SchemaRef) (string, *openapi3.Schema) {
	if s.Ref != "" {
		return s.Ref, s.Value
	}
	if len(s.Value.AllOf) == 1 && s.Value.Type == nil {
		return unwrap(s.Value.AllOf[0])
	}
	return "", s.Value
}

func defaultOf(s *openapi3.SchemaRef) any {
	if s.Value.Default != nil {
		return s.Value.Default
	}
	if _, v := unwrap(s); v != nil {
		return v.Default
	}
	return nil
}

// propertyOrder returns property names in source order (kin-openapi keeps
// properties in a map), any the source order misses sorted at the end.
func propertyOrder(s *openapi3.Schema, source []string) []string {
	var names []string
	seen := map[string]bool{}
	for _, n := range source {
		if _, ok := s.Properties[n]; ok && !seen[n] {
			names = append(names, n)
			seen[n] = true
		}
	}
	var rest []string
	for n := range s.Properties {
		if !seen[n] {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ownership checks that an owned resource's operations all need a token:
// rows belong to the caller, so there must be one.
func (r *resolver) ownership(res *Resource, mr *manifest.Resource) {
	r.filterParams(res, mr)
	if !res.Owned {
		return
	}
	for _, o := range []*Operation{res.Ops.List, res.Ops.Create, res.Ops.Get, res.Ops.Update, res.Ops.Delete} {
		if o != nil && !o.Secured {
			pos := mr.OwnedPos
			if !pos.IsValid() {
				pos = mr.KeyPos
			}
			r.manifestErr(pos, "resources."+mr.Key+".owned",
				fmt.Sprintf("operation %s (%s %s) has no security requirement, but %s rows belong to the caller", o.Name(), o.Method, o.Path, mr.Key),
				"add `security: [{bearerAuth: []}]` to the operation (or to the whole spec)")
		}
	}
}

// filterParams checks that every manifest filter is a query parameter of
// the list operation: the generated handler reads it from there.
func (r *resolver) filterParams(res *Resource, mr *manifest.Resource) {
	list := res.Ops.List
	if list == nil || !list.Generated() {
		return
	}
	for _, n := range mr.Filter {
		if !contains(list.Query, n.Value) {
			r.manifestErr(n.Pos, "resources."+mr.Key+".filter",
				fmt.Sprintf("%s is not a query parameter of %s (%s %s) in %s", n.Value, list.Name(), list.Method, list.Path, r.doc.File),
				fmt.Sprintf("add `- {name: %s, in: query, schema: ...}` to its parameters, or remove the filter", n.Value))
		}
	}
}
