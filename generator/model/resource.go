package model

import (
	"strings"

	"github.com/gobackend/gobackend/generator/naming"
)

// SortKey is one way a list can be ordered: a sort field and a direction,
// each backed by its own keyset-paginated query.
type SortKey struct {
	Field *Field
	Desc  bool
	Value string // the ?sort= value: "created_at" or "-created_at"
	Query string // sqlc query name: "ListOrdersByCreatedAtDesc"
}

// SortKeys lists every allowed ordering; the first is the default.
func (r *Resource) SortKeys() []SortKey {
	var keys []SortKey
	sorts := r.Sorts
	if len(sorts) == 0 {
		sorts = []*Sort{{Field: r.IDField(), Key: "id"}}
	}
	for _, s := range sorts {
		for _, desc := range []bool{false, true} {
			k := SortKey{Field: s.Field, Desc: desc, Value: s.Key}
			dir := "Asc"
			if desc {
				dir, k.Value = "Desc", "-"+s.Key
			}
			k.Query = "List" + r.Names.Store + "By" + naming.SqlcField(s.Key) + dir
			keys = append(keys, k)
		}
	}
	return keys
}

// IDField describes the primary key as a field.
func (r *Resource) IDField() *Field {
	return &Field{Name: "id", Column: "id", APIName: "ID", StoreName: "ID", Type: "uuid", APIType: "openapi_types.UUID", Builtin: true}
}

// Columns lists every column in table order: id, fields, timestamps.
func (r *Resource) Columns() []*Field {
	cols := []*Field{r.IDField()}
	cols = append(cols, r.Fields...)
	return append(cols, r.timestampFields()...)
}

// builtinFields are the columns the generated code manages: the id and,
// with timestamps, created_at and updated_at.
func (r *Resource) builtinFields() []*Field {
	return append([]*Field{r.IDField()}, r.timestampFields()...)
}

func (r *Resource) timestampFields() []*Field {
	if !r.Timestamps {
		return nil
	}
	var out []*Field
	for _, n := range []string{"created_at", "updated_at"} {
		out = append(out, &Field{Name: n, Column: n, APIName: naming.OapiField(n), StoreName: naming.SqlcField(n), Type: "time", APIType: "time.Time", Builtin: true})
	}
	return out
}

// References lists the fields that are foreign keys.
func (r *Resource) References() []*Field {
	var out []*Field
	for _, f := range r.Fields {
		if f.Ref != nil {
			out = append(out, f)
		}
	}
	return out
}

// ForeignReferences lists the references to other resources.
func (r *Resource) ForeignReferences() []*Field {
	var out []*Field
	for _, f := range r.References() {
		if f.Ref != r {
			out = append(out, f)
		}
	}
	return out
}

// Unique lists the fields with a single-column unique constraint.
func (r *Resource) UniqueFields() []*Field {
	var out []*Field
	for _, f := range r.Fields {
		if f.Unique {
			out = append(out, f)
		}
	}
	return out
}

// NullStoreType is the nullable store type of the field, used for optional
// filter parameters.
func (f *Field) NullStoreType() string {
	c := *f
	c.Nullable = true
	return c.StoreType()
}

// Ordered returns the resources so that every referenced table comes before
// the tables that reference it (self-references aside); ties keep manifest
// order.
func (p *Project) Ordered() []*Resource {
	var out []*Resource
	done := map[*Resource]bool{}
	var visit func(r *Resource, seen map[*Resource]bool)
	visit = func(r *Resource, seen map[*Resource]bool) {
		if done[r] || seen[r] {
			return
		}
		seen[r] = true
		deps := r.References()
		for _, f := range deps {
			if f.Ref != r {
				visit(f.Ref, seen)
			}
		}
		done[r] = true
		out = append(out, r)
	}
	for _, r := range p.Resources {
		visit(r, map[*Resource]bool{})
	}
	return out
}

// UsesAPITypes reports whether the resource's handler code names a type of
// the oapi-codegen runtime package (for a conversion it cannot infer).
func (r *Resource) UsesAPITypes() bool {
	for _, f := range r.Fields {
		if strings.Contains(f.ToAPI("x"), "openapi_types") || (f.HasDefault && strings.Contains(f.APIDefault(), "openapi_types")) {
			return true
		}
	}
	return false
}

// LegacyHooks reports whether the resource's hooks.go declares newHooks()
// without the deps parameter, as older releases wrote it: the service then
// calls it that way, so the user's file keeps compiling.
func (r *Resource) LegacyHooks() bool { return r.Project.legacyHooks[r.Names.Package] }
