package features

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
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
	merged, err := Merge(doc, []string{"cache", "auth"})
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

func TestMergeNothingEnabled(t *testing.T) {
	merged, err := Merge(load(t, userSpec), nil)
	if err != nil || merged {
		t.Fatalf("Merge = %v, %v; want nothing merged", merged, err)
	}
}

func TestMergeConflict(t *testing.T) {
	doc := load(t, strings.Replace(userSpec, "/notes:", "/auth/login:", 1))
	_, err := Merge(doc, []string{"auth"})
	if err == nil || !strings.Contains(err.Error(), "feature auth adds the path /auth/login") {
		t.Fatalf("err = %v", err)
	}
}
