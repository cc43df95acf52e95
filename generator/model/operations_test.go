package model_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strings"
	"testing"

	"github.com/gobackend/gobackend/generator/codegen"
	"github.com/gobackend/gobackend/generator/manifest"
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/generator/spec"
)

const twoResources = head + "  customers: {}\n  orders:\n    references: {customer_id: customers}\n"

// extraPaths are custom operations whose ids exercise every step of
// oapi-codegen's naming: separators, initialisms, a leading digit, a
// non-ASCII letter, and operations without an operationId ("post-v1-api-keys"
// becomes PostV1ApiKeys: "V1Api" is one word to the initialism step).
const extraPaths = `  /orders/{id}/cancel:
    post:
      operationId: cancelOrder
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
      responses: {'204': {description: Cancelled.}}
  /orders/{id}/items:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
      responses: {'200': {description: Items.}}
  /legacy/{id}/items:
    $ref: '#/paths/~1orders~1{id}~1items'
  /stats:
    get:
      responses: {'200': {description: Stats.}}
    put:
      operationId: get_user_id
      responses: {'204': {description: Done.}}
  /v1/api-keys:
    post:
      responses: {'204': {description: Done.}}
    get:
      operationId: list-HTTP-logs
      responses: {'204': {description: Done.}}
    delete:
      operationId: fetchURLs
      responses: {'204': {description: Done.}}
  /x:
    get:
      operationId: 2fa_verify
      responses: {'204': {description: Done.}}
    post:
      operationId: v2.reports.export
      responses: {'204': {description: Done.}}
    put:
      operationId: "api:keys:rotate json"
      responses: {'204': {description: Done.}}
    patch:
      operationId: getÜberData
      responses: {'204': {description: Done.}}
    delete:
      operationId: "---"
      responses: {'204': {description: Done.}}
`

func withPaths(t *testing.T, extra string) []byte {
	t.Helper()
	s := string(blueprintSpec(t))
	if !strings.Contains(s, "\npaths:\n") {
		t.Fatal("blueprint spec has no paths section")
	}
	return []byte(strings.Replace(s, "\npaths:\n", "\npaths:\n"+extra, 1))
}

// TestOperationNamesMatchOapiCodegen pins the mirrored naming rule to the
// real generator: the model must name exactly the methods of the strict
// server interface oapi-codegen emits for the same spec.
func TestOperationNamesMatchOapiCodegen(t *testing.T) {
	data := withPaths(t, extraPaths)
	p, err := resolve(t, twoResources, data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range p.Operations {
		got = append(got, o.GoName)
	}
	src, err := codegen.OpenAPI(data, codegen.OpenAPIOptions{Package: "api"})
	if err != nil {
		t.Fatal(err)
	}
	want := strictMethods(t, src)
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("model names:\n  %s\noapi-codegen's StrictServerInterface:\n  %s", strings.Join(got, " "), strings.Join(want, " "))
	}
	// A path item that $refs another path is an alias: oapi-codegen keeps
	// it out of the strict interface.
	if contains(got, "GetLegacyIDItems") {
		t.Error("the alias path /legacy/{id}/items has an operation")
	}
	for _, name := range []string{"CancelOrder", "GetOrdersIDItems", "GetStats", "GetUserID", "PostV1ApiKeys", "N2FaVerify", "Empty"} {
		if !contains(got, name) {
			t.Errorf("no operation named %s in %v", name, got)
		}
	}
}

// strictMethods lists the methods of StrictServerInterface in src.
func strictMethods(t *testing.T, src []byte) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "api.gen.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != "StrictServerInterface" {
			return true
		}
		for _, m := range ts.Type.(*ast.InterfaceType).Methods.List {
			for _, id := range m.Names {
				names = append(names, id.Name)
			}
		}
		return false
	})
	if len(names) == 0 {
		t.Fatal("no StrictServerInterface in the generated code")
	}
	return names
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestOperationsClassify(t *testing.T) {
	p, err := resolve(t, twoResources, withPaths(t, extraPaths))
	if err != nil {
		t.Fatal(err)
	}
	orders := p.Resources[1]
	for kind, want := range map[string]string{"list": "ListOrders", "create": "CreateOrder", "get": "GetOrder", "update": "UpdateOrder", "delete": "DeleteOrder"} {
		o := orders.Op(kind)
		if o == nil || o.GoName != want || o.Kind != kind || o.Resource != orders || orders.Handler(kind) != o {
			t.Errorf("orders %s = %+v, want %s", kind, o, want)
		}
	}
	if !orders.FullyTested() {
		t.Error("orders with all five operations is not fully tested")
	}
	var stubs []string
	for _, o := range p.Stubs() {
		stubs = append(stubs, o.GoName)
		if o.Resource != nil || o.Kind != model.KindCustom {
			t.Errorf("stub %s: kind %s, resource %v", o.GoName, o.Kind, o.Resource)
		}
	}
	if len(stubs) != 12 || stubs[0] != "CancelOrder" {
		t.Errorf("stubs = %v", stubs)
	}
	cancel := p.Stubs()[0]
	if msg := cancel.StubMessage(); msg != "POST /orders/{id}/cancel (cancelOrder) is not implemented yet: implement (*Server).CancelOrder in internal/api/orders.go" {
		t.Errorf("stub message = %q", msg)
	}
	if f := p.Stubs()[2].UserFile(); p.Stubs()[2].GoName != "GetStats" || f != "stats.go" {
		t.Errorf("%s: user file %s", p.Stubs()[2].GoName, f)
	}
}

// resolveDoc resolves with the loaded spec changed by edit first, and the
// given user methods.
func resolveDoc(t *testing.T, edit func(*spec.Doc), user map[string]bool) *model.Project {
	t.Helper()
	m, err := manifest.Parse("gobackend.yaml", []byte(twoResources))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Load("api/openapi.yaml", blueprintSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	edit(doc)
	p, err := model.Resolve(m, doc, model.Options{GoVersion: "1.26", UserMethods: user})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestOperationsMissingAndUser(t *testing.T) {
	p := resolveDoc(t, func(d *spec.Doc) {
		d.T.Paths.Value("/customers/{id}").Delete = nil
		d.T.Paths.Value("/customers").Post = nil
	}, map[string]bool{"GetOrder": true, "ListOrders": true, "Helper": true})
	customers, orders := p.Resources[0], p.Resources[1]
	if customers.Ops.Delete != nil || customers.Ops.Create != nil || customers.Handler("get") == nil {
		t.Errorf("customers ops = %+v", customers.Ops)
	}
	// Without a create there are no fixtures, for customers nor for orders,
	// whose rows need a customer.
	if customers.TestFixtures() || orders.TestFixtures() || orders.Tested() {
		t.Error("fixtures without a create operation")
	}
	if o := orders.Op("get"); o == nil || !o.User || o.Generated() || o.Stub() || orders.Handler("get") != nil {
		t.Errorf("user-implemented GetOrder = %+v", o)
	}
	if len(p.Stubs()) != 0 {
		t.Errorf("stubs = %v, want none: every operation is generated or the user's", p.Stubs())
	}

	p = resolveDoc(t, func(d *spec.Doc) { d.T.Paths.Value("/orders/{id}").Patch = nil }, nil)
	orders = p.Resources[1]
	if !orders.Tested() || orders.FullyTested() || orders.Handler("update") != nil {
		t.Errorf("orders without update: tested %v, fully %v", orders.Tested(), orders.FullyTested())
	}
}

func TestOperationNameCollision(t *testing.T) {
	data := withPaths(t, `  /a:
    get:
      operationId: get_things
      responses: {'204': {description: Done.}}
  /b:
    get:
      operationId: getThings
      responses: {'204': {description: Done.}}
`)
	_, err := resolve(t, twoResources, data)
	const want = `api/openapi.yaml:22:5: paths./b.get: getThings is named GetThings in Go, like GET /a (get_things): rename one operationId`
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
}
