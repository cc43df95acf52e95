package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gobackend/gobackend/generator/naming"
)

// The checks below refuse names that would make the generated project fail
// to build or to migrate, each with the name, the clash and the fix, before
// anything is rendered: a resource or field name is the user's input, and a
// compile error in generated code is no way to report it.

// reservedGoTypes are the exported identifiers the api package declares
// whatever the spec says (oapi-codegen's server plumbing and gobackend's
// handler): a schema with one of these Go names would be declared twice.
var reservedGoTypes = []string{
	"GetSpec", "GetSpecJSON", "Handler", "HandlerFromMux", "HandlerFromMuxWithBaseURL", "HandlerWithOptions",
	"InvalidParamFormatError", "MiddlewareFunc", "NewHandler", "NewStrictHandler", "NewStrictHandlerWithOptions",
	"RequiredHeaderError", "RequiredParamError", "ServeMux", "Server", "ServerInterface", "ServerInterfaceWrapper",
	"StdHTTPServerOptions", "StrictHTTPServerOptions", "StrictHandlerFunc", "StrictMiddlewareFunc",
	"StrictServerInterface", "TooManyValuesForParamError", "UnescapedCookieParamError", "UnmarshalingParamError",
	"CacheControl", // httpcache.gen.go, only with http_cache: reserved always, so adding one never clashes
}

// reservedTables are tables the project has besides its resources': the
// migration tool's, the idempotency keys', and each feature's.
var reservedTables = map[string][]string{
	"":         {"goose_db_version", "idempotency_keys"},
	"auth":     {"users", "refresh_families", "refresh_tokens", "one_time_tokens"},
	"webhooks": {"webhook_endpoints", "webhook_deliveries"},
}

// maxIdentifier bounds table and column names. PostgreSQL cuts identifiers
// at 63 bytes, and the migrations derive index and constraint names from a
// table and its columns; 40 leaves room for those and for file names.
const maxIdentifier = 40

func (r *resolver) collisions(p *Project) {
	reservedTable := map[string]string{}
	for feature, tables := range reservedTables {
		if feature == "" || p.Has(feature) {
			for _, t := range tables {
				reservedTable[t] = feature
			}
		}
	}
	components := map[string]string{} // Go name -> where the spec declares it
	if c := r.doc.T.Components; c != nil {
		for _, n := range sortedKeys(c.Parameters) {
			components[naming.OapiField(n)] = "components.parameters." + n
		}
		for _, n := range sortedKeys(c.Responses) {
			components[naming.OapiField(n)] = "components.responses." + n
		}
		for _, n := range sortedKeys(c.RequestBodies) {
			components[naming.OapiField(n)] = "components.requestBodies." + n
		}
		for _, n := range sortedKeys(c.Headers) {
			components[naming.OapiField(n)] = "components.headers." + n
		}
	}
	for _, res := range p.Resources {
		mr := r.m.Resource(res.Key)
		path := "resources." + res.Key
		pos := mr.KeyPos
		if mr.TablePos.IsValid() {
			pos = mr.TablePos
		}
		if feature, ok := reservedTable[res.Table]; ok {
			owner := "the project"
			if feature != "" {
				owner = "feature " + feature
			}
			r.manifestErr(pos, path, fmt.Sprintf("table %q is %s's own", res.Table, owner),
				"give the resource another name, or set table: to another name")
		}
		if len(res.Table) > maxIdentifier {
			r.manifestErr(pos, path, fmt.Sprintf("table name %q is %d bytes long, more than %d", res.Table, len(res.Table), maxIdentifier),
				"choose a shorter name, or set table: to one")
		}
		for _, suffix := range []string{"", "Create", "Update", "Page"} {
			goName := naming.OapiField(res.Schema + suffix)
			if slices.Contains(reservedGoTypes, goName) {
				r.manifestErr(mr.KeyPos, path, fmt.Sprintf("schema %s%s would be the Go type %s, which the generated API package declares already", res.Schema, suffix, goName),
					"give the resource another name, or set schema: to another schema name")
			}
			if where, ok := components[goName]; ok {
				r.manifestErr(mr.KeyPos, path, fmt.Sprintf("schema %s%s would be the Go type %s, like %s", res.Schema, suffix, goName, where),
					"give the resource another name, or set schema: to another schema name")
			}
		}
		r.fieldCollisions(res)
	}
}

// fieldCollisions refuses two fields with one Go name (id_ beside id), a
// field named like what the generated code adds, and over-long columns.
func (r *resolver) fieldCollisions(res *Resource) {
	type owner struct{ field, as string }
	api, store := map[string]owner{"ID": {"id", "id"}}, map[string]owner{"ID": {"id", "id"}}
	if res.Timestamps {
		api["CreatedAt"], api["UpdatedAt"] = owner{"created_at", "created_at"}, owner{"updated_at", "updated_at"}
		store["CreatedAt"], store["UpdatedAt"] = api["CreatedAt"], api["UpdatedAt"]
	}
	if res.Owned {
		store["OwnerID"] = owner{"owner_id", "the owner column of an owned resource"}
	}
	for _, f := range res.Fields {
		if f.Builtin {
			continue
		}
		for _, m := range []struct {
			names  map[string]owner
			goName string
			kind   string
		}{{api, f.APIName, "the API types"}, {store, f.StoreName, "the database types"}} {
			if prev, ok := m.names[m.goName]; ok && prev.field != f.Name {
				r.specErr(res.Schema, f.Name, "%s.%s is %s in %s, like %s: rename one", res.Schema, f.Name, m.goName, m.kind, prev.as)
			} else {
				m.names[m.goName] = owner{f.Name, res.Schema + "." + f.Name}
			}
		}
		if len(f.Name) > maxIdentifier {
			r.specErr(res.Schema, f.Name, "%s.%s is %d bytes long, more than %d: choose a shorter name", res.Schema, f.Name, len(f.Name), maxIdentifier)
		}
		if f.Type == "bool" && f.Unique {
			r.specErr(res.Schema, f.Name, "%s.%s: a unique bool allows two rows in all; drop it from unique", res.Schema, f.Name)
		}
		if res.Project.Has("auth") && strings.EqualFold(f.Name, "password_hash") {
			r.specErr(res.Schema, f.Name, "%s.%s: feature auth keeps password hashes out of every API; rename the field", res.Schema, f.Name)
		}
	}
}
