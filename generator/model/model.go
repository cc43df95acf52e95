// Package model is the resolved view of a project that templates render:
// the manifest and the spec merged, defaults applied, and every name form a
// template needs computed once, here, so templates never derive names.
package model

import (
	"fmt"
	"time"

	"github.com/gobackend/gobackend/generator/features"
)

// Project is the root of the template data.
type Project struct {
	Name      string // app and binary name: "shop"
	Module    string // Go module path: "example.com/shop"
	Database  string // "sqlite" or "postgres"
	SpecPath  string // project-relative path of the OpenAPI document
	Features  []string
	Modules   []*features.Module // descriptors of the enabled features, by name
	Jobs      []string           // the user's jobs in internal/jobs, by Go name (feature jobs)
	Schedules []Schedule         // periodic jobs of the manifest (feature jobs)
	Resources []*Resource
	// SystemWebhooks: webhook endpoints are the system's, registered by
	// admins only, and receive the events of every row (the manifest's
	// webhooks.endpoints: admin).
	SystemWebhooks bool
	GoVersion      string // go directive of the generated go.mod, e.g. "1.26"
	ToolVersion    string // gobackend version that rendered the project

	Operations  []*Operation    // every operation of the spec, in strict-interface order
	UserMethods map[string]bool // methods user code in internal/api declares on Server
	legacyHooks map[string]bool // resource packages whose newHooks takes no deps
}

// Postgres reports whether the project targets PostgreSQL.
func (p *Project) Postgres() bool { return p.Database == "postgres" }

// Arg is a required query parameter in the generated SQL: @name on
// SQLite, where sqlc's ANTLR parser takes a quarter less time over it
// than over sqlc.arg('name') and writes the same Go; sqlc.arg('name') on
// PostgreSQL, whose parser refuses @name for a keyword such as limit.
func (p *Project) Arg(name string) string {
	if p.Postgres() {
		return "sqlc.arg('" + name + "')"
	}
	return "@" + name
}

// Again is a later use, in the same query, of the nullable parameter
// name whose first use was sqlc.narg('name'): @name on SQLite, where sqlc
// keeps the nullability of the first use and writes the same Go while its
// ANTLR parser takes a third less time over a list query; sqlc.narg('name')
// on PostgreSQL, as Arg.
func (p *Project) Again(name string) string {
	if p.Postgres() {
		return "sqlc.narg('" + name + "')"
	}
	return "@" + name
}

// SQLite reports whether the project targets SQLite.
func (p *Project) SQLite() bool { return p.Database == "sqlite" }

// UsesNullable reports whether the API types use
// github.com/oapi-codegen/nullable (a field a PATCH may clear).
func (p *Project) UsesNullable() bool { return len(p.Clearable()) > 0 }

// Clearable lists, per Update schema, the properties a PATCH may clear
// with null, with their Go value type (codegen.OpenAPIOptions.Clearable).
func (p *Project) Clearable() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, r := range p.Resources {
		for _, f := range r.Fields {
			if !f.Clearable {
				continue
			}
			schema := r.Schema + "Update"
			if out[schema] == nil {
				out[schema] = map[string]string{}
			}
			out[schema][f.Name] = f.APIType
		}
	}
	return out
}

// CachedResources are the resources read through feature cache.
func (p *Project) CachedResources() []*Resource {
	var out []*Resource
	for _, r := range p.Resources {
		if r.Cached() {
			out = append(out, r)
		}
	}
	return out
}

// Cached reports whether the resource's rows are read through feature
// cache (cache: TTL in the manifest).
func (r *Resource) Cached() bool { return r.Cache > 0 && r.Project.Has("cache") }

// Has reports whether an optional feature module is enabled.
func (p *Project) Has(feature string) bool {
	for _, f := range p.Features {
		if f == feature {
			return true
		}
	}
	return false
}

// Resource is one persisted resource with its CRUD operations.
type Resource struct {
	Project *Project `json:"-"`

	Key   string // manifest key, plural snake case: "order_items"
	Table string // SQL table name
	// TableSQL is Table as queries write it: quoted when it is a keyword.
	TableSQL string
	Schema   string // component schema name: "OrderItem"
	GoSchema string // its Go type in the api package, as oapi-codegen names it ("Db" -> "DB")
	Names    Names
	IDType   string // "uuid" or "bigint"

	Owned      bool
	Timestamps bool
	SoftDelete bool
	Events     bool
	Cache      time.Duration
	// HTTPCache is http_cache of the manifest: how clients and shared
	// caches may keep its GETs; nil: private, revalidated on every use.
	HTTPCache *HTTPCache `json:"-"`

	Fields  []*Field   // columns other than id and timestamps, in spec order
	Filters []*Field   // list query filters
	Sorts   []*Sort    // allowed ?sort= keys; the first is the default
	Indexes [][]*Field // non-unique indexes
	Uniques [][]*Field // unique constraints

	// Ops are the conventional operations the spec has; not part of what
	// is persisted, hence never serialised with the resource.
	Ops CRUDOps `json:"-"`
}

// Names holds every spelling of a resource name.
type Names struct {
	Plural      string // "order_items" (SQL, JSON, manifest)
	Singular    string // "order_item"
	GoPlural    string // "OrderItems"
	GoSingular  string // "OrderItem"
	VarPlural   string // "orderItems"
	VarSingular string // "orderItem"
	Package     string // Go package of the service layer: "orderitems"
	URL         string // collection path: "/order-items"
	Title       string // human form: "order item"
	Store       string // Go type of a row in the sqlc package: "OrderItem"
}

// Field is one column of a resource, as the API and the database see it.
type Field struct {
	Name      string   // JSON and SQL column name: "customer_id"
	Column    string   // quoted-if-needed SQL identifier
	APIName   string   // Go field name in the oapi-codegen types: "CustomerID"
	StoreName string   // Go field name in the sqlc types: "CustomerID"
	Type      string   // string text int bigint float decimal bool uuid time date json enum
	Enum      []string // allowed values of an enum
	EnumType  string   // Go type name of the enum in the API package: "OrderStatus"
	Nullable  bool     // the column allows NULL
	Writable  bool     // present in the Create schema
	Updatable bool     // present in the Update schema (PATCH may change it)
	// Clearable: the Update schema's property is nullable, so a PATCH may
	// send null to clear the column. Its Go type in the update body is
	// nullable.Nullable[APIType], which tells an absent field from a null.
	Clearable  bool
	Required   bool   // required in the Create schema
	Default    string // default value as the spec writes it, "" when none
	HasDefault bool
	Ref        *Resource // referenced resource for a foreign key, nil otherwise
	Unique     bool
	APIType    string   // Go type of the field in the response struct, without pointer
	Builtin    bool     // id or a timestamp, managed by the generated code
	Example    string   // the spec example as a Go expression, "" when none
	MaxLength  int      // the spec maxLength of a string, 0 when none
	MinLength  int      // the spec minLength of a string, 0 when none
	Minimum    *float64 // the spec minimum of a number, nil when none
	Maximum    *float64 // the spec maximum of a number, nil when none
}

// Sort is one allowed sort key.
type Sort struct {
	Field *Field
	Key   string // value of ?sort= for ascending order (the field name)
}

// CacheGo is the resource's cache TTL as a Go expression: "60 * time.Second".
func (r *Resource) CacheGo() string {
	d := r.Cache
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%d * time.Hour", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%d * time.Minute", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%d * time.Second", d/time.Second)
	case d%time.Millisecond == 0:
		return fmt.Sprintf("%d * time.Millisecond", d/time.Millisecond)
	}
	return fmt.Sprintf("time.Duration(%d)", int64(d))
}
