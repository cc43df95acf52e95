package model

import (
	"fmt"
	"github.com/gobackend/gobackend/generator/features"
	"net/http"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gobackend/gobackend/generator/naming"
)

// Operation kinds: the five conventional CRUD operations of a resource
// (DESIGN §1), and everything else.
const (
	KindList   = "list"
	KindCreate = "create"
	KindGet    = "get"
	KindUpdate = "update"
	KindDelete = "delete"
	KindCustom = "custom"
	// KindFeature is an operation a feature module adds to the spec and
	// implements itself (feature auth's /auth/...).
	KindFeature = "feature"
)

// Operation is one operation of the spec, named as oapi-codegen's strict
// server interface names it, so the generated handlers and stubs declare
// exactly the methods that interface requires.
type Operation struct {
	ID       string    // operationId as written in the spec, "" when absent
	Method   string    // upper case: "POST"
	Path     string    // "/orders/{id}/cancel"
	GoName   string    // StrictServerInterface method: "CancelOrder"
	Resource *Resource `json:"-"` // the resource of a CRUD operation, nil for custom ones
	Kind     string    // KindList ... KindDelete, or KindCustom
	User     bool      // user code in internal/api declares the method
	Secured  bool      // a security requirement applies: callers need a token
	Roles    []string  // the x-roles extension: callers need one of them
	Query    []string  // names of its query parameters (the path item's too)
	// Headers are the response headers the spec declares, by status code
	// ("201" -> Location, ETag): the generated Go types have a field for
	// each, and only for those.
	Headers map[string][]string
}

// HasHeader reports whether the response with the given status declares a
// header (case-insensitively, as HTTP compares names).
func (o *Operation) HasHeader(status, name string) bool {
	if o == nil {
		return false
	}
	return slices.ContainsFunc(o.Headers[status], func(h string) bool { return strings.EqualFold(h, name) })
}

// CRUDOps holds a resource's conventional operations; nil when the spec
// lacks one.
type CRUDOps struct {
	List, Create, Get, Update, Delete *Operation
}

// Generated reports whether gobackend renders this operation's handler: a
// CRUD operation the user has not taken over.
func (o *Operation) Generated() bool {
	return o != nil && o.Kind != KindCustom && o.Kind != KindFeature && !o.User
}

// Stub reports whether the operation needs a 501 stub: nobody implements it.
func (o *Operation) Stub() bool { return o.Kind == KindCustom && !o.User }

// Name is how messages name the operation: its operationId, or the method
// and path when it has none.
func (o *Operation) Name() string {
	if o.ID != "" {
		return o.ID
	}
	return o.Method + " " + o.Path
}

// UserFile suggests where in internal/api to implement the operation: a
// file named after the first literal segment of its path ("/orders/{id}/
// cancel" -> "orders.go"), which is neither generated nor a test file, so
// the generator reads it as user code.
func (o *Operation) UserFile() string {
	for _, seg := range strings.Split(o.Path, "/") {
		if seg == "" || strings.HasPrefix(seg, "{") {
			continue
		}
		name := strings.Join(naming.Words(seg), "_")
		if name == "" || strings.HasSuffix(name, "_test") {
			break
		}
		return name + ".go"
	}
	return "custom.go"
}

// StubMessage is the detail of the 501 problem a stub answers: what is
// missing and where the developer implements it.
func (o *Operation) StubMessage() string {
	op := o.Method + " " + o.Path
	if o.ID != "" {
		op += " (" + o.ID + ")"
	}
	return fmt.Sprintf("%s is not implemented yet: implement (*Server).%s in internal/api/%s", op, o.GoName, o.UserFile())
}

// Stubs lists the operations that get a generated 501 stub, in the order of
// the strict server interface.
func (p *Project) Stubs() []*Operation {
	var out []*Operation
	for _, o := range p.Operations {
		if o.Stub() {
			out = append(out, o)
		}
	}
	return out
}

// Op returns the resource's CRUD operation of a kind, nil when the spec
// lacks it (whoever implements it).
func (r *Resource) Op(kind string) *Operation {
	switch kind {
	case KindList:
		return r.Ops.List
	case KindCreate:
		return r.Ops.Create
	case KindGet:
		return r.Ops.Get
	case KindUpdate:
		return r.Ops.Update
	case KindDelete:
		return r.Ops.Delete
	}
	panic("model: unknown operation kind " + kind) // a template bug
}

// Handler returns the CRUD operation of a kind when gobackend generates its
// handler; nil when the spec lacks it or user code implements it.
func (r *Resource) Handler(kind string) *Operation {
	if o := r.Op(kind); o.Generated() {
		return o
	}
	return nil
}

// HandlerUsesAPITypes is UsesAPITypes for the handlers actually rendered:
// a default only appears in the create handler.
func (r *Resource) HandlerUsesAPITypes() bool {
	for _, f := range r.Fields {
		if strings.Contains(f.ToAPI("x"), "openapi_types") {
			return true
		}
		if r.Handler(KindCreate) != nil && f.HasDefault && strings.Contains(f.APIDefault(), "openapi_types") {
			return true
		}
	}
	return false
}

// TestFixtures reports whether the generated tests can create rows of the
// resource: its create operation exists (whoever implements it) and so do
// the fixtures of every resource it references.
func (r *Resource) TestFixtures() bool { return r.fixtures(map[*Resource]bool{}) }

func (r *Resource) fixtures(seen map[*Resource]bool) bool {
	if r.Ops.Create == nil {
		return false
	}
	if seen[r] {
		return true // a reference cycle; each member is judged on its own create
	}
	seen[r] = true
	for _, f := range r.References() {
		if f.Ref != r && !f.Ref.fixtures(seen) {
			return false
		}
	}
	return true
}

// Tested reports whether the resource gets generated CRUD tests: they need
// fixtures and the generated create and get handlers, whose exact
// behaviour (Location, ETag, 304) they assert.
func (r *Resource) Tested() bool {
	return r.TestFixtures() && r.Handler(KindCreate) != nil && r.Handler(KindGet) != nil
}

// FullyTested reports whether every CRUD test applies, i.e. all five
// handlers are generated.
func (r *Resource) FullyTested() bool {
	for _, k := range []string{KindList, KindUpdate, KindDelete} {
		if r.Handler(k) == nil {
			return false
		}
	}
	return r.Tested()
}

// operations reads every operation of the spec into the project, in the
// order oapi-codegen declares them (paths sorted, then methods sorted),
// classifies the CRUD ones and marks those user code implements.
func (r *resolver) operations(p *Project) {
	if r.doc.T.Paths == nil {
		return
	}
	byName := map[string]*Operation{}
	paths := r.doc.T.Paths.Map()
	for _, path := range sortedKeys(paths) {
		item := paths[path]
		// oapi-codegen leaves a path item that $refs another path out of
		// the strict interface: the target's methods already serve it.
		if strings.HasPrefix(item.Ref, "#/paths/") {
			continue
		}
		ops := item.Operations()
		for _, method := range sortedKeys(ops) {
			op := ops[method]
			o := &Operation{ID: op.OperationID, Method: method, Path: path, Kind: KindCustom}
			o.GoName = oapiOperationName(method, path, op.OperationID)
			o.Secured = secured(r.doc.T.Security, op.Security)
			for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
				for _, pr := range params {
					if pr.Value != nil && pr.Value.In == openapi3.ParameterInQuery {
						o.Query = append(o.Query, pr.Value.Name)
					}
				}
			}
			if op.Responses != nil {
				for status, res := range op.Responses.Map() {
					if res.Value == nil || len(res.Value.Headers) == 0 {
						continue
					}
					if o.Headers == nil {
						o.Headers = map[string][]string{}
					}
					o.Headers[status] = sortedKeys(res.Value.Headers)
				}
			}
			if raw, ok := op.Extensions["x-roles"].([]any); ok {
				for _, v := range raw {
					if s, ok := v.(string); ok {
						o.Roles = append(o.Roles, s)
					}
				}
			}
			if prev := byName[o.GoName]; prev != nil {
				line, col := opPos(op)
				r.errs = append(r.errs, r.doc.Errorf(line, col,
					"paths.%s.%s: %s is named %s in Go, like %s %s (%s): rename one operationId",
					path, strings.ToLower(method), o.Name(), o.GoName, prev.Method, prev.Path, prev.Name()))
				continue
			}
			byName[o.GoName] = o
			o.User = p.UserMethods[o.GoName]
			if features.Owns(p.Features, path) {
				o.Kind = KindFeature
				p.Operations = append(p.Operations, o)
				continue
			}
			r.classifyOp(p, o)
			p.Operations = append(p.Operations, o)
		}
	}
}

// classifyOp recognises a resource's conventional operation by method and
// path (`URL` and `URL/{id}`, DESIGN §1) and records it on the resource.
func (r *resolver) classifyOp(p *Project, o *Operation) {
	for _, res := range p.Resources {
		var slot **Operation
		switch {
		case o.Path == res.Names.URL && o.Method == http.MethodGet:
			o.Kind, slot = KindList, &res.Ops.List
		case o.Path == res.Names.URL && o.Method == http.MethodPost:
			o.Kind, slot = KindCreate, &res.Ops.Create
		case o.Path == res.Names.URL+"/{id}" && o.Method == http.MethodGet:
			o.Kind, slot = KindGet, &res.Ops.Get
		case o.Path == res.Names.URL+"/{id}" && o.Method == http.MethodPatch:
			o.Kind, slot = KindUpdate, &res.Ops.Update
		case o.Path == res.Names.URL+"/{id}" && o.Method == http.MethodDelete:
			o.Kind, slot = KindDelete, &res.Ops.Delete
		default:
			continue
		}
		o.Resource, *slot = res, o
		return
	}
}

// opPos is where an operation is declared (0, 0 when unknown).
func opPos(op *openapi3.Operation) (line, col int) {
	if op.Origin == nil || op.Origin.Key == nil {
		return 0, 0
	}
	return op.Origin.Key.Line, op.Origin.Key.Column
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// oapiOperationName mirrors how oapi-codegen v2.8.2 (pkg/codegen,
// OperationDefinitions) names an operation with the ToCamelCaseWithInitialisms
// normaliser that generator/codegen configures: the operationId, or when it
// is absent generateDefaultOperationID's "method-seg-seg" (lower-case
// method, then every non-empty path segment, "{id}" included), goes through
// the normaliser; typeNamePrefix then prefixes "N" to a name starting with a
// digit and turns an empty one into "Empty". The strict interface method and
// its RequestObject / ResponseObject types all use this name.
func oapiOperationName(method, path, id string) string {
	if id == "" {
		id = strings.ToLower(method)
		for _, part := range strings.Split(path, "/") {
			if part != "" {
				id += "-" + part
			}
		}
	}
	name := naming.OapiCamel(id)
	switch {
	case name == "":
		return "Empty"
	case unicode.IsDigit([]rune(name)[0]):
		return "N" + name
	}
	return name
}

// Creatable lists the resources whose spec has a create operation open to
// anonymous callers, for tests that need a POST with a JSON body.
func (p *Project) Creatable() []*Resource {
	var out []*Resource
	for _, r := range p.Resources {
		if r.Ops.Create != nil && !r.Ops.Create.Secured {
			out = append(out, r)
		}
	}
	return out
}

// secured reports whether an operation needs credentials: its own security
// requirements, else the document's; an empty requirement ({}) makes them
// optional. The generated validation middleware applies the same rule.
func secured(global openapi3.SecurityRequirements, own *openapi3.SecurityRequirements) bool {
	reqs := global
	if own != nil {
		reqs = *own
	}
	if len(reqs) == 0 {
		return false
	}
	for _, req := range reqs {
		if len(req) == 0 {
			return false
		}
	}
	return true
}

// RoleOperations lists the operations restricted by x-roles.
func (p *Project) RoleOperations() []*Operation {
	var out []*Operation
	for _, o := range p.Operations {
		if len(o.Roles) > 0 && o.Secured {
			out = append(out, o)
		}
	}
	return out
}

// SamplePath is the operation's path with every parameter filled with a
// random UUID, for tests that only need to reach the operation.
func (o *Operation) SamplePath() string {
	var b strings.Builder
	for _, seg := range strings.Split(strings.TrimPrefix(o.Path, "/"), "/") {
		b.WriteByte('/')
		if strings.HasPrefix(seg, "{") {
			b.WriteString("00000000-0000-4000-8000-000000000000")
			continue
		}
		b.WriteString(seg)
	}
	return b.String()
}

// Roles lists the roles any of the resource's operations asks for, and
// those its tests need to create the rows it references (an admin-only
// parent): a test client holding them all can run every test.
func (r *Resource) Roles() []string { return r.roles(map[*Resource]bool{}) }

func (r *Resource) roles(seen map[*Resource]bool) []string {
	seen[r] = true
	var out []string
	add := func(roles []string) {
		for _, role := range roles {
			if !slices.Contains(out, role) {
				out = append(out, role)
			}
		}
	}
	for _, o := range []*Operation{r.Ops.List, r.Ops.Create, r.Ops.Get, r.Ops.Update, r.Ops.Delete} {
		if o != nil {
			add(o.Roles)
		}
	}
	for _, f := range r.References() {
		if !seen[f.Ref] {
			add(f.Ref.roles(seen))
		}
	}
	return out
}

// AllRoles lists every role an operation of the spec asks for.
func (p *Project) AllRoles() []string {
	var out []string
	for _, o := range p.RoleOperations() {
		for _, role := range o.Roles {
			if !slices.Contains(out, role) {
				out = append(out, role)
			}
		}
	}
	return out
}
