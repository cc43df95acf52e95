package features

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gobackend/gobackend/templates"
)

const userSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /notes:
    get:
      operationId: listNotes
      security: [{bearerAuth: []}]
      responses:
        '200': {description: ok}
`

func load(t *testing.T, s string) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestMergeAuth(t *testing.T) {
	doc := load(t, userSpec)
	merged, err := Merge(doc, []string{"cache", "auth"}, nil)
	if err != nil || !merged {
		t.Fatalf("Merge = %v, %v", merged, err)
	}
	for _, p := range []string{"/notes", "/auth/login", "/auth/refresh", "/auth/me", "/auth/password/reset"} {
		if doc.Paths.Value(p) == nil {
			t.Errorf("path %s missing after merge", p)
		}
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("merged spec is invalid: %v", err)
	}
	// The merged document must survive serialisation, which is how it
	// reaches oapi-codegen.
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	again, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := again.Validate(context.Background()); err != nil {
		t.Fatalf("serialised merged spec is invalid: %v", err)
	}
}

// A feature restricted by roles gets x-roles and a documented 403 on each
// of its operations, and the user's operations are left alone.
func TestMergeRestrictsAFeatureToRoles(t *testing.T) {
	doc := load(t, userSpec)
	if _, err := Merge(doc, []string{"auth", "jobs", "webhooks"}, map[string][]string{"webhooks": {"admin"}}); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range doc.Paths.InMatchingOrder() {
		for method, op := range doc.Paths.Value(p).Operations() {
			roles, _ := op.Extensions["x-roles"].([]any)
			restricted := strings.HasPrefix(p, "/webhooks/")
			if restricted != (len(roles) == 1 && roles[0] == "admin") {
				t.Errorf("%s %s: x-roles %v", method, p, op.Extensions["x-roles"])
			}
			if restricted {
				n++
				if op.Responses.Status(403) == nil {
					t.Errorf("%s %s: no 403 answer", method, p)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no webhooks operation merged")
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("merged spec is invalid: %v", err)
	}
}

func TestMergeNothingEnabled(t *testing.T) {
	merged, err := Merge(load(t, userSpec), nil, nil)
	if err != nil || merged {
		t.Fatalf("Merge = %v, %v; want nothing merged", merged, err)
	}
}

func TestMergeConflict(t *testing.T) {
	doc := load(t, strings.Replace(userSpec, "/notes:", "/auth/login:", 1))
	_, err := Merge(doc, []string{"auth"}, nil)
	if err == nil || !strings.Contains(err.Error(), "feature auth adds the path /auth/login") {
		t.Fatalf("err = %v", err)
	}
}

// Every feature plugs in the one way: a descriptor, and a template folder
// whose internal/app/<name>.gen.go declares <name>Feature, the value the
// generated features list calls.
func TestEveryFeatureHasTheShapeOfAModule(t *testing.T) {
	if len(Available()) == 0 {
		t.Fatal("no feature modules")
	}
	for _, name := range Available() {
		src, err := fs.ReadFile(templates.FS, name+"/internal/app/"+name+".gen.go.tmpl")
		if err != nil {
			t.Errorf("feature %s: %v", name, err)
			continue
		}
		if !strings.Contains(string(src), "func "+name+"Feature() feature {") {
			t.Errorf("feature %s: internal/app/%s.gen.go does not declare %sFeature", name, name, name)
		}
		m := modules[name]
		if m.Summary == "" {
			t.Errorf("feature %s: no summary", name)
		}
		settings := map[string]bool{}
		for _, e := range m.Env {
			for _, v := range e.Vars {
				if !strings.Contains(v, "=") {
					t.Errorf("feature %s: env %q is not NAME=default", name, v)
				}
				settings[strings.SplitN(v, "=", 2)[0]] = true
			}
		}
		// A secret missing from env would be in neither the ConfigMap nor
		// .env.example's documentation.
		for _, s := range m.Secrets {
			if !settings[s] {
				t.Errorf("feature %s: secret %s is not one of its env settings", name, s)
			}
		}
		for _, c := range m.Kubernetes.Config {
			if k, _, ok := strings.Cut(c, "="); !ok || !settings[k] {
				t.Errorf("feature %s: kubernetes config %q is not NAME=value of one of its env settings", name, c)
			}
		}
		// A listed manifest the feature does not render would fail
		// kustomize build of every project with the feature.
		for _, r := range m.Kubernetes.Resources {
			if _, err := fs.Stat(templates.FS, name+"/deploy/k8s/base/"+r+".tmpl"); err != nil {
				t.Errorf("feature %s: kubernetes resource %s: %v", name, r, err)
			}
		}
	}
	if _, err := Modules([]string{"auth", "nope"}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("Modules of an unknown feature: %v", err)
	}
}

// A feature whose dependency another one uses comes first: email builds the
// mailer auth sends through. Everything else stays in name order.
func TestBeforeOrdersModules(t *testing.T) {
	mods, err := Modules([]string{"auth", "email"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range mods {
		names = append(names, m.Name)
	}
	if strings.Join(names, ",") != "email,auth" {
		t.Errorf("order = %v, want email before auth", names)
	}
	a, b, c := &Module{Name: "a"}, &Module{Name: "b", Before: []string{"a"}}, &Module{Name: "c", Before: []string{"zz"}}
	got := ordered([]*Module{a, b, c})
	if got[0] != b || got[1] != a || got[2] != c {
		t.Errorf("ordered(a, b before a, c) = %s, %s, %s", got[0].Name, got[1].Name, got[2].Name)
	}
	x, y := &Module{Name: "x", Before: []string{"y"}}, &Module{Name: "y", Before: []string{"x"}}
	if got := ordered([]*Module{x, y}); len(got) != 2 {
		t.Errorf("a cycle lost modules: %d", len(got))
	}
	for _, name := range Available() {
		for _, b := range modules[name].Before {
			if _, ok := modules[b]; !ok {
				t.Errorf("feature %s: before names %s, which is no feature", name, b)
			}
		}
	}
}
