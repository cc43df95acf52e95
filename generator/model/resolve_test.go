package model_test

import (
	"bytes"
	"strings"
	"testing"
	"text/template"

	"github.com/gobackend/gobackend/blueprints"
	"github.com/gobackend/gobackend/generator/manifest"
	"github.com/gobackend/gobackend/generator/model"
	"github.com/gobackend/gobackend/generator/spec"
)

// blueprintSpec renders the api blueprint's spec, the richest fixture.
func blueprintSpec(t *testing.T) []byte {
	t.Helper()
	src, err := blueprints.FS.ReadFile("api/api/openapi.yaml.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	template.Must(template.New("").Parse(string(src))).Execute(&buf, blueprints.Data{Name: "shop"})
	return buf.Bytes()
}

func resolve(t *testing.T, man string, specData []byte) (*model.Project, error) {
	t.Helper()
	m, err := manifest.Parse("gobackend.yaml", []byte(man))
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	doc, err := spec.Load("api/openapi.yaml", specData)
	if err != nil {
		t.Fatalf("spec: %v", err)
	}
	return model.Resolve(m, doc, model.Options{GoVersion: "1.26"})
}

const head = "version: 1\nname: shop\nmodule: example.com/shop\nresources:\n"

func TestResolveBlueprint(t *testing.T) {
	p, err := resolve(t, head+`  customers:
    unique: [[email]]
    sort: [created_at, name]
  orders:
    references: {customer_id: customers}
    filter: [status, customer_id]
    sort: [created_at]
`, blueprintSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	orders := p.Resources[1]
	if orders.Names.Store != "Order" || orders.Names.URL != "/orders" || orders.Names.Package != "orders" {
		t.Errorf("names: %+v", orders.Names)
	}
	var got []string
	for _, f := range orders.Fields {
		got = append(got, f.Name+":"+f.Type+map[bool]string{true: "?", false: ""}[f.Nullable])
	}
	want := "customer_id:uuid number:string status:enum total:decimal note:text? placed_at:time?"
	if strings.Join(got, " ") != want {
		t.Errorf("fields = %s, want %s", strings.Join(got, " "), want)
	}
	status := orders.Fields[2]
	if status.EnumType != "OrderStatus" || !status.HasDefault || status.Default != "pending" || status.Required {
		t.Errorf("status = %+v", status)
	}
	if orders.Fields[0].Ref != p.Resources[0] {
		t.Error("customer_id does not reference customers")
	}
	if !p.Resources[0].Fields[1].Unique || !p.Resources[0].Fields[1].Email() {
		t.Errorf("email = %+v", p.Resources[0].Fields[1])
	}
	if keys := orders.SortKeys(); len(keys) != 2 || keys[1].Value != "-created_at" || keys[1].Query != "ListOrderByCreatedAtDesc" {
		t.Errorf("sort keys = %+v", keys)
	}
	if o := p.Ordered(); o[0].Key != "customers" {
		t.Errorf("customers must be created before orders")
	}
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name, manifest, want string
	}{
		{"unknown schema", head + "  ordrs:\n    schema: Ordr\n", `gobackend.yaml:6:13: resources.ordrs.schema: schema "Ordr" not found in api/openapi.yaml (did you mean "Order"?)`},
		{"unknown sort field", head + "  orders:\n    sort: [totl]\n", `gobackend.yaml:6:12: resources.orders.sort: unknown field "totl" (did you mean "total"?)`},
		{"nullable sort", head + "  orders:\n    sort: [note]\n", `gobackend.yaml:6:12: resources.orders.sort: field "note" is nullable and cannot be a sort key (make it required and not nullable in Order)`},
		{"text filter", head + "  orders:\n    filter: [created_at, nope]\n", `gobackend.yaml:6:26: resources.orders.filter: unknown field "nope"`},
		{"reference type", head + "  customers: {}\n  orders:\n    references: {number: customers}\n", `field "number" must be a uuid`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := resolve(t, tc.manifest, blueprintSpec(t))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v\nwant it to contain %s", err, tc.want)
			}
		})
	}
}

func TestResolveUnfillable(t *testing.T) {
	s := strings.Replace(string(blueprintSpec(t)), "required: [customer_id, number, total]", "required: [customer_id, total]", 1)
	s = strings.Replace(s, `    OrderCreate:
      type: object
      additionalProperties: false
      required: [customer_id, total]
      properties:
        customer_id:
          type: string
          format: uuid
        number:`, `    OrderCreate:
      type: object
      additionalProperties: false
      required: [customer_id, total]
      properties:
        customer_id:
          type: string
          format: uuid
        numbr:`, 1)
	_, err := resolve(t, head+"  orders: {}\n", []byte(s))
	if err == nil || !strings.Contains(err.Error(), "Order.number cannot be filled") || !strings.Contains(err.Error(), "api/openapi.yaml:") {
		t.Fatalf("error = %v", err)
	}
}
