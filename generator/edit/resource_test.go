package edit

import (
	"strings"
	"testing"
)

func TestResourceNames(t *testing.T) {
	for _, tc := range []struct{ in, key, schema, path, pkg string }{
		{"Person", "people", "Person", "/people", "people"},
		{"people", "people", "Person", "/people", "people"},
		{"order_item", "order_items", "OrderItem", "/order-items", "orderitems"},
		{"OrderItems", "order_items", "OrderItem", "/order-items", "orderitems"},
		{"order-items", "order_items", "OrderItem", "/order-items", "orderitems"},
		{"child", "children", "Child", "/children", "children"},
		{"Categories", "categories", "Category", "/categories", "categories"},
		{"status", "statuses", "Status", "/statuses", "statuses"},
		{"HTTPLogs", "http_logs", "HTTPLog", "/http-logs", "httplogs"},
		{"api_key", "api_keys", "APIKey", "/api-keys", "apikeys"},
	} {
		n, err := ResourceNames(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if n.Key != tc.key || n.Schema != tc.schema || n.Path != tc.path || n.Package != tc.pkg {
			t.Errorf("%s: got %+v", tc.in, n)
		}
	}
	for _, bad := range []string{"", "123", "!!", "_"} {
		if _, err := ResourceNames(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestAwkwardNames adds resources with irregular plurals and fields named
// after SQL and Go keywords, one after the other, and checks what the
// model makes of them.
func TestAwkwardNames(t *testing.T) {
	in := blueprint(t)
	steps := []Request{
		{Name: "Person", Fields: []string{"type:enum=admin,staff:filter:default=staff", "select:string:sort", "default:bool:default=false",
			"order:int:optional", "range:float:optional", "func:text:optional", "parent_id:ref=people:optional", "customer_id:ref=Customer"}},
		{Name: "child", Fields: []string{"person_id:ref=Person", "name"}},
		{Name: "Categories", Fields: []string{"name:string:unique", "parent_id:ref=category:optional"}},
		{Name: "status", Fields: []string{"label:string:min=1:max=40", "child_id:ref=children:optional"}},
	}
	for _, req := range steps {
		res, err := AddResource(in, req)
		if err != nil {
			t.Fatalf("%s: %v", req.Name, err)
		}
		preserved(t, req.Name+" spec", in.Spec, res.Spec)
		preserved(t, req.Name+" manifest", in.Manifest, res.Manifest)
		resolve(t, in, res)
		in.Spec, in.Manifest = res.Spec, res.Manifest
	}
	p := resolve(t, in, &Result{Spec: in.Spec, Manifest: in.Manifest})
	people := resource(t, p, "people")
	byName := map[string]string{}
	for _, f := range people.Fields {
		byName[f.Name] = f.Column + " " + f.Type
		if f.Name == "parent_id" && f.Ref != people {
			t.Errorf("parent_id refers to %v, want people itself", f.Ref)
		}
	}
	want := map[string]string{"type": "type enum", "select": `"select" string`, "default": `"default" bool`,
		"order": `"order" int`, "range": "range float", "func": "func text", "parent_id": "parent_id uuid", "customer_id": "customer_id uuid"}
	for k, v := range want {
		if byName[k] != v {
			t.Errorf("people.%s = %q, want %q", k, byName[k], v)
		}
	}
	if len(people.Filters) != 3 || len(people.Sorts) != 2 || people.Sorts[1].Key != "select" {
		t.Errorf("people filters %d sorts %+v", len(people.Filters), people.Sorts)
	}
	if c := resource(t, p, "categories"); len(c.Uniques) != 1 || c.Schema != "Category" {
		t.Errorf("categories = %+v", c)
	}
	if s := resource(t, p, "statuses"); s.Schema != "Status" || s.Names.URL != "/statuses" {
		t.Errorf("statuses = %+v", s)
	}
}

// TestBareSpec: a spec without tags, shared parameters, responses or
// Problem gets all of them, in the blueprint's places.
func TestBareSpec(t *testing.T) {
	in := Inputs{ManifestFile: "gobackend.yaml", SpecFile: "api/openapi.yaml",
		Manifest: []byte("version: 1\nname: shop\nmodule: shop\nresources: {}\n"),
		Spec:     []byte("openapi: 3.0.3\ninfo: {title: shop, version: '1'}\npaths: {}\n")}
	res, err := AddResource(in, Request{Name: "notes", Fields: []string{"body:text"}})
	if err != nil {
		t.Fatal(err)
	}
	resolve(t, in, res)
	golden(t, "bare.openapi.yaml.golden", res.Spec)
	if !strings.HasPrefix(string(res.Manifest), "version: 1\nname: shop\nmodule: shop\nresources:\n  notes:\n    sort: [created_at]\n") {
		t.Errorf("manifest:\n%s", res.Manifest)
	}
	// Components without parameters and responses get them before schemas.
	in.Spec = []byte("openapi: 3.0.3\ninfo: {title: shop, version: '1'}\npaths: {}\ncomponents:\n  # shapes\n  schemas:\n    Other: {type: object}\n")
	res, err = AddResource(in, Request{Name: "notes", Fields: []string{"body:text"}})
	if err != nil {
		t.Fatal(err)
	}
	resolve(t, in, res)
	s := string(res.Spec)
	if i, j, k := strings.Index(s, "  parameters:\n"), strings.Index(s, "  responses:\n"), strings.Index(s, "  # shapes\n  schemas:\n"); i < 0 || i > j || j > k {
		t.Errorf("sections out of order:\n%s", s)
	}
}

// TestResourceErrors: a bad request is refused with the argument named,
// what is wrong and the fix, and every problem is reported at once.
func TestResourceErrors(t *testing.T) {
	in := blueprint(t)
	withSpec := func(extra string) Inputs {
		c := in
		c.Spec = []byte(strings.Replace(string(in.Spec), "paths:\n", "paths:\n"+extra, 1))
		return c
	}
	for _, tc := range []struct {
		name string
		in   Inputs
		req  Request
		want []string
	}{
		{"exists", in, Request{Name: "Customer", Fields: []string{"a"}}, []string{`resource "Customer": resource "customers" already exists (gobackend.yaml:10)`}},
		{"schema Problem", in, Request{Name: "problems", Fields: []string{"a"}}, []string{`resource "problems": schema Problem already exists in api/openapi.yaml:`}},
		{"schema of another kind", in, Request{Name: "customer_pages", Fields: []string{"a"}}, []string{`schema CustomerPage already exists`}},
		{"go package", in, Request{Name: "Job", Fields: []string{"a"}}, []string{`its Go package "jobs" would clash with the project's internal/jobs`}},
		{"path", withSpec("  /people:\n    get:\n      operationId: somethingElse\n      responses: {'200': {description: ok}}\n"),
			Request{Name: "people", Fields: []string{"a"}}, []string{`path /people already exists in api/openapi.yaml:`}},
		{"operation id", withSpec("  /humans:\n    get:\n      operationId: listPeople\n      responses: {'200': {description: ok}}\n"),
			Request{Name: "people", Fields: []string{"a"}}, []string{`operationId listPeople already exists`}},
		{"name", in, Request{Name: "9lives", Fields: []string{"a"}}, []string{`resource "9lives": not a valid resource name`}},
		{"no fields", in, Request{Name: "tags"}, []string{`resource "tags": no fields given (list them as name:type[:modifier]..., e.g. gobackend add resource tags name:string)`}},
		{"owned without auth", in, Request{Name: "tags", Owned: true, Fields: []string{"a"}}, []string{`--owned: owned resources need feature auth (add auth to features in gobackend.yaml, or drop --owned)`}},
		{"search without feature", in, Request{Name: "tags", Fields: []string{"a:string:search"}}, []string{`field "a:string:search": search needs feature search`}},
		{"unknown ref", in, Request{Name: "tags", Fields: []string{"c:ref=custmer"}}, []string{`field "c:ref=custmer": unknown resource "custmer" (did you mean "customers"?)`}},
		{"self ref not optional", in, Request{Name: "tags", Fields: []string{"parent_id:ref=tag"}}, []string{`a reference to the resource itself must be optional`, `parent_id:ref=tag:optional`}},
		{"duplicate", in, Request{Name: "tags", Fields: []string{"a", "a:int"}}, []string{`field "a:int": field "a" is given twice`}},
		{"same go name", in, Request{Name: "tags", Fields: []string{"a_b", "a__b"}}, []string{`fields "a_b" and "a__b" would get the same Go name`}},
		{"enum schema clash", in, Request{Name: "items", Fields: []string{"page:enum=a,b"}}, []string{`its enum schema ItemPage would clash with another schema of Item`}},
		{"paging clash", in, Request{Name: "tags", Fields: []string{"rank:int:sort", "after_rank:int:filter"}}, []string{`a filter named "after_rank" would clash with the list query's paging parameter`}},
		{"all at once", in, Request{Name: "tags", Owned: true, Fields: []string{"a:strin", "b:int:sortt"}},
			[]string{`--owned: owned resources need feature auth`, `field "a:strin": unknown type "strin" (did you mean "string"?)`, `field "b:int:sortt": unknown modifier "sortt" (did you mean "sort"?)`}},
		{"json spec", Inputs{ManifestFile: "gobackend.yaml", SpecFile: "api/openapi.json", Manifest: in.Manifest, Spec: []byte(`{"openapi": "3.0.3"}`)},
			Request{Name: "tags", Fields: []string{"a"}}, []string{`api/openapi.json is JSON`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := AddResource(tc.in, tc.req)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got\n%s\nwant it to contain\n%s", err, w)
				}
			}
		})
	}
}
